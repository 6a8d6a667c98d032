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
    // The byline shown on the page ("By Ana Sol"), when no metadata names the author.
    let shown = root.descendants { element in
      element.attributes["rel"] == "author" || element.attributes["itemprop"] == "author"
        || element.hintWords.contains("byline")
    }.map(\.text).first { !$0.isEmpty && $0.count < 120 }.map(Self.withoutBy)
    byline =
      Self.names(linked?["author"])
      ?? Self.firstText(meta["author"], meta["article:author"], meta["byl"]).flatMap { $0.hasPrefix("http") ? nil : $0 }
      ?? shown
    let firstTime = root.descendants { $0.name == "time" && $0.attributes["datetime"] != nil }.first?
      .attributes["datetime"]
    // Microdata: <time itemprop="datePublished" datetime="…">, <meta … content="…">, <abbr … title="…">.
    func itemprop(_ name: String) -> String? {
      root.descendants { $0.attributes["itemprop"] == name }.first.flatMap {
        $0.attributes["datetime"] ?? $0.attributes["content"] ?? $0.attributes["title"]
      }
    }
    published = Self.firstText(
      linked?["datePublished"], meta["article:published_time"], meta["og:published_time"], meta["pubdate"],
      meta["publish-date"], itemprop("datePublished"), meta["date"], meta["dc.date"], meta["dcterms.created"],
      firstTime)
    modified = Self.firstText(
      linked?["dateModified"], meta["article:modified_time"], meta["og:updated_time"], itemprop("dateModified"),
      meta["dcterms.modified"], meta["last-modified"])
  }

  /// A byline without its "By " (or "Par ", "Von ").
  static func withoutBy(_ text: String) -> String {
    for prefix in ["By ", "by ", "BY ", "Par ", "Von "] where text.hasPrefix(prefix) {
      return String(text.dropFirst(prefix.count))
    }
    return text
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

  /// A `<title>` without the site's name before or after a separator
  /// ("Ferry sinks | The Harlow Courier", "Harlow Courier - Ferry sinks"):
  /// the longer side, which is the headline as a rule.
  static func withoutSiteName(_ title: String) -> String {
    for separator in [" | ", " – ", " — ", " - ", " :: "] {
      let parts = title.components(separatedBy: separator)
      if parts.count == 2 { return parts.max { $0.count < $1.count } ?? title }
    }
    return title
  }
}
