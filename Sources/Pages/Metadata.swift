import Foundation

/// What a page says about its article: headline, byline and times, from its
/// JSON-LD `NewsArticle` first, then its Open Graph and `<meta>` tags, then
/// its own `<h1>` and `<title>`.
struct Metadata {
  var headline: String?
  var byline: String?
  var published: String?
  var modified: String?

  /// Types of schema.org object that describe a news article.
  static let articleTypes: Set<String> = [
    "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BlogPosting",
    "LiveBlogPosting", "BackgroundNewsArticle", "ReviewNewsArticle", "Report",
  ]

  init(_ root: HTMLElement) {
    var meta: [String: String] = [:]
    for element in root.descendants(where: { $0.name == "meta" }) {
      guard let content = element.attributes["content"].map(HTMLDocument.collapse), !content.isEmpty,
        let key = (element.attributes["property"] ?? element.attributes["name"] ?? element.attributes["itemprop"])?
          .lowercased(), meta[key] == nil
      else { continue }
      meta[key] = content
    }
    let linked = root.descendants { $0.name == "script" && ($0.attributes["type"] ?? "").contains("ld+json") }
      .compactMap { Self.article(inJSON: $0.text) }.first
    let h1 = root.descendants { $0.name == "h1" }.map(\.text).first { !$0.isEmpty }
    let title = root.descendants { $0.name == "title" }.first.map(\.text).map(Self.withoutSiteName)
    headline = Self.firstText(linked?["headline"], meta["og:title"], meta["twitter:title"], h1, title)
    byline =
      Self.names(linked?["author"])
      ?? Self.firstText(meta["author"], meta["article:author"], meta["byl"])
      .flatMap { $0.hasPrefix("http") ? nil : $0 }
    let firstTime = root.descendants { $0.name == "time" && $0.attributes["datetime"] != nil }.first?
      .attributes["datetime"]
    published = Self.firstText(
      linked?["datePublished"], meta["article:published_time"], meta["og:published_time"], meta["pubdate"],
      meta["publish-date"], meta["date"], meta["dc.date"], meta["dcterms.created"], firstTime)
    modified = Self.firstText(
      linked?["dateModified"], meta["article:modified_time"], meta["og:updated_time"], meta["dcterms.modified"],
      meta["last-modified"])
  }

  /// The first of `values` that is a non-empty string.
  static func firstText(_ values: Any?...) -> String? {
    for value in values {
      if let text = (value as? String).map(HTMLDocument.collapse), !text.isEmpty { return text }
    }
    return nil
  }

  /// The news article object in a JSON-LD script: the top-level object, an
  /// element of a top-level array, or of its `@graph`.
  static func article(inJSON text: String) -> [String: Any]? {
    guard let data = text.data(using: .utf8), let json = try? JSONSerialization.jsonObject(with: data) else {
      return nil
    }
    var queue: [Any] = [json]
    while !queue.isEmpty {
      let item = queue.removeFirst()
      if let list = item as? [Any] {
        queue += list
      } else if let object = item as? [String: Any] {
        let types = (object["@type"] as? [String]) ?? [(object["@type"] as? String) ?? ""]
        if types.contains(where: articleTypes.contains) { return object }
        if let graph = object["@graph"] { queue.append(graph) }
      }
    }
    return nil
  }

  /// The names of a JSON-LD `author`: a string, a `Person` with a `name`, or a list of either.
  static func names(_ author: Any?) -> String? {
    let list = (author as? [Any]) ?? (author.map { [$0] } ?? [])
    let names = list.compactMap { entry -> String? in
      if let name = entry as? String { return HTMLDocument.collapse(name) }
      return (entry as? [String: Any])?["name"].flatMap { $0 as? String }.map(HTMLDocument.collapse)
    }.filter { !$0.isEmpty }
    return names.isEmpty ? nil : names.joined(separator: ", ")
  }

  /// A `<title>` without the site's name after a separator ("Ferry sinks | The Harlow Courier").
  static func withoutSiteName(_ title: String) -> String {
    for separator in [" | ", " – ", " — ", " - ", " :: "] {
      if let range = title.range(of: separator, options: .backwards),
        title.distance(
          from: title.startIndex, to: range.lowerBound) >= 15
      {
        return String(title[..<range.lowerBound])
      }
    }
    return title
  }
}
