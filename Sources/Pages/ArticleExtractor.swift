import Foundation
import Reporting

/// What a news page says it is, and its article's text.
public struct ExtractedArticle: Sendable, Equatable {
  public var headline: String?
  public var byline: String?
  /// As the page's metadata gives them (ISO 8601 as a rule).
  public var published: String?
  public var modified: String?
  /// The body, one paragraph (or in-body heading, quote, list item) each.
  public var paragraphs: [String]

  /// The text vet records as the version: the headline, then the paragraphs, a blank line between each.
  public var text: String {
    ((headline.map { [$0] } ?? []) + paragraphs).joined(separator: "\n\n") + "\n"
  }
}

/// Finds a news page's article: its metadata (JSON-LD `NewsArticle`, Open
/// Graph and `<meta>` tags, then the page's own `<h1>` and `<title>`) and its
/// body, leaving out navigation, related links, share buttons, banners,
/// comments and footers.
///
/// The body is found as readability finds it: the page's furniture is
/// removed (by element, and by class and id words such as "share",
/// "related", "newsletter"), every paragraph with some text scores its
/// container and, half as much, the container's container (longer text and
/// more commas score more), a container named like a body ("article",
/// "story-body", "entry-content") scores more, and links lower the score in
/// proportion to their share of its text. The best container is the body,
/// with those of its siblings that score well too: an inline advertisement
/// or "read more" box often splits a body in two.
public enum ArticleExtractor {
  /// The article of a parsed page.
  public static func extract(_ root: HTMLElement) -> ExtractedArticle {
    let metadata = Metadata(root)
    var blocks: [Block] = []
    var containers: [Container] = []
    let body = root.descendants { $0.name == "body" }.first ?? root
    collect(body, parent: nil, into: &blocks, containers: &containers)
    let paragraphs = chooseBody(blocks, containers: containers).filter { $0.text != metadata.headline }
    return ExtractedArticle(
      headline: metadata.headline, byline: metadata.byline, published: metadata.published,
      modified: metadata.modified, paragraphs: deduplicated(withoutFurnitureLines(paragraphs)))
  }

  /// The body without lines a reader skips: a label, kicker or byline line
  /// (a few words, no sentence), and a paragraph most of whose sentences
  /// vet's reading of text finds to be boilerplate or a credit ("Got a story?
  /// Email… We pay for stories.", "© 2026 …", "(Writing by …)").
  static func withoutFurnitureLines(_ blocks: [Block]) -> [String] {
    let texts = blocks.map(\.text)
    // Read as vet reads an article's text, one paragraph each, so a line is judged in its place.
    let article = Article(text: (["Headline"] + texts).joined(separator: "\n\n"))
    var kinds: [Int: [SentenceKind]] = [:]
    for sentence in article.sentences where sentence.paragraph > 0 {
      kinds[sentence.paragraph - 1, default: []].append(sentence.kind)
    }
    return zip(blocks, blocks.indices).compactMap { block, k in
      let words = block.text.split(separator: " ").count
      let isSentence = block.text.last.map { ".!?\"”’)…:".contains($0) } ?? false
      if !block.isHeading, !block.isListItem, !isSentence, words <= 15 { return nil }
      // A paragraph most of whose sentences are furniture ("Got a story? Email us… We pay for stories.").
      let found = kinds[k] ?? []
      if !found.isEmpty, found.filter({ $0 == .boilerplate || $0 == .credit }).count * 2 > found.count { return nil }
      return block.text
    }
  }

  // MARK: - Blocks and containers

  /// A paragraph of text and where it sits.
  struct Block {
    var text: String
    /// Characters of the text inside links.
    var linkCharacters: Int
    /// The container it belongs to.
    var container: Int
    var isHeading: Bool
    var isListItem = false
  }

  /// An element that holds blocks: its parent and how its name reads.
  struct Container {
    var parent: Int?
    var name: String
    var weight: Double
    /// Its `class` attribute: entries of a live blog share one.
    var kind: String
  }

  /// Elements that are never part of an article's text.
  static let furniture: Set<String> = [
    "script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "form", "button", "iframe",
    "select", "input", "textarea", "figure", "figcaption", "header", "menu", "dialog", "object", "embed", "video",
    "audio", "canvas", "map", "picture", "img", "h1",
  ]

  /// Class and id words of page furniture.
  static let furnitureWords: Set<String> = [
    "comment", "comments", "share", "sharing", "social", "related", "newsletter", "subscribe", "subscription",
    "cookie", "cookies", "consent", "banner", "promo", "advert", "advertisement", "ad", "ads", "adslot", "sponsor",
    "sponsored", "sidebar", "footer", "nav", "navigation", "menu", "breadcrumb", "breadcrumbs", "bio", "tags",
    "paywall", "readmore", "recommended", "recommendations", "popular", "trending", "caption", "credit", "search",
    "results",
    "toolbar", "masthead", "byline", "pullquote", "outbrain", "taboola", "signup", "modal", "popup", "disclaimer",
    "timestamp", "dateline", "kicker",
  ]

  /// Pairs of class words that name furniture together ("read-more", "more-stories", "pull-quote").
  static let furniturePairs: Set<[String]> = [
    ["read", "more"], ["more", "stories"], ["pull", "quote"], ["see", "also"], ["also", "read"], ["entry", "meta"],
    ["post", "meta"], ["article", "meta"], ["author", "box"], ["live", "time"], ["entry", "time"],
  ]

  /// Class and id words of an article's body.
  static let bodyWords: Set<String> = [
    "article", "body", "content", "entry", "story", "post", "text", "main", "blog", "prose", "copy",
  ]

  /// Elements whose text is a paragraph of their own.
  static let blockNames: Set<String> = ["p", "h2", "h3", "h4", "h5", "h6", "blockquote", "li", "pre", "dd"]

  /// Elements that hold text inside a paragraph.
  static let inlineNames: Set<String> = [
    "a", "b", "i", "em", "strong", "span", "u", "small", "sub", "sup", "abbr", "cite", "q", "mark", "font", "time",
    "code", "s", "del", "ins", "br", "wbr", "bdi", "bdo", "var", "kbd", "label",
  ]

  static func isFurniture(_ element: HTMLElement) -> Bool {
    if furniture.contains(element.name) { return true }
    if element.attributes["hidden"] != nil || element.attributes["aria-hidden"] == "true" { return true }
    let style = (element.attributes["style"] ?? "").lowercased().filter { !$0.isWhitespace }
    if style.contains("display:none") || style.contains("visibility:hidden") { return true }
    // The page's frame itself is never furniture, whatever its classes say ("has-sidebar").
    if ["html", "body", "main", "article"].contains(element.name) { return false }
    let words = element.hintWords
    if words.contains(where: furnitureWords.contains) { return true }
    return zip(words, words.dropFirst()).contains { furniturePairs.contains([$0, $1]) }
  }

  /// Walks the page, recording each paragraph under its container.
  static func collect(_ element: HTMLElement, parent: Int?, into blocks: inout [Block], containers: inout [Container]) {
    let id = containers.count
    var weight = 0.0
    if element.name == "article" || element.hintWords.contains(where: bodyWords.contains) { weight += 25 }
    if element.attributes["itemprop"] == "articleBody" { weight += 25 }
    containers.append(
      Container(parent: parent, name: element.name, weight: weight, kind: element.attributes["class"] ?? ""))
    // Text and inline elements between blocks make paragraphs of their own (a
    // body written as text with <br><br> between paragraphs, or a <div> of text).
    var run: [HTMLNode] = []
    var breaks = 0
    func flush() {
      if let block = makeBlock(run, container: id, isHeading: false) { blocks.append(block) }
      run = []
      breaks = 0
    }
    for child in element.children {
      switch child {
      case .text(let text):
        if !text.allSatisfy(\.isWhitespace) { breaks = 0 }
        run.append(child)
      case .element(let inner):
        if isFurniture(inner) { continue }
        if inner.name == "br" {
          breaks += 1
          if breaks >= 2 { flush() } else { run.append(child) }
        } else if inlineNames.contains(inner.name) {
          breaks = 0
          run.append(child)
        } else if (blockNames.contains(inner.name) || inner.name == "div" && !hasDoubleBreak(inner))
          && !hasBlockChildren(inner)
        {
          // A paragraph; and a <div> holding only text is one too (as blogs write them).
          flush()
          if var block = makeBlock(inner.children, container: id, isHeading: inner.name.hasPrefix("h")) {
            block.isListItem = inner.name == "li" || inner.name == "dd"
            blocks.append(block)
          }
        } else {
          flush()
          collect(inner, parent: id, into: &blocks, containers: &containers)
        }
      }
    }
    flush()
  }

  /// Whether an element's text is split by two line breaks in a row (paragraphs written with <br><br>).
  static func hasDoubleBreak(_ element: HTMLElement) -> Bool {
    var breaks = 0
    for child in element.children {
      switch child {
      case .element(let inner) where inner.name == "br":
        breaks += 1
        if breaks >= 2 { return true }
      case .text(let text) where text.allSatisfy(\.isWhitespace):
        continue
      default:
        breaks = 0
      }
    }
    return false
  }

  /// Whether an element holds other blocks (a list item holding paragraphs), so that it is a container.
  static func hasBlockChildren(_ element: HTMLElement) -> Bool {
    element.children.contains { child in
      guard case .element(let inner) = child else { return false }
      return !inlineNames.contains(inner.name) && !isFurniture(inner)
    }
  }

  /// The paragraph a run of text and inline elements makes; nil when it has no text.
  static func makeBlock(_ nodes: [HTMLNode], container: Int, isHeading: Bool) -> Block? {
    let holder = HTMLElement(
      name: "p",
      children: nodes.filter { node in
        if case .element(let inner) = node { return !isFurniture(inner) }
        return true
      })
    let text = holder.text
    guard !text.isEmpty else { return nil }
    let links = holder.descendants { $0.name == "a" }.reduce(0) { $0 + $1.text.count }
    return Block(text: text, linkCharacters: links, container: container, isHeading: isHeading)
  }

  // MARK: - Choosing the body

  /// The paragraphs of the best-scoring container and its well-scoring siblings, in page order.
  static func chooseBody(_ blocks: [Block], containers: [Container]) -> [Block] {
    guard !blocks.isEmpty else { return [] }
    var scores = [Double](repeating: 0, count: containers.count)
    var text = [Int](repeating: 0, count: containers.count)
    var links = [Int](repeating: 0, count: containers.count)
    for block in blocks {
      // Every container up the chain holds the block's text, for its link density.
      var up: Int? = block.container
      while let current = up {
        text[current] += block.text.count
        links[current] += block.linkCharacters
        up = containers[current].parent
      }
      guard block.text.count >= 25, !block.isHeading else { continue }
      let score = 1 + Double(block.text.filter { $0 == "," }.count) + min(Double(block.text.count) / 100, 3)
      scores[block.container] += score
      if let parent = containers[block.container].parent { scores[parent] += score / 2 }
    }
    func final(_ id: Int) -> Double {
      guard scores[id] > 0 else { return 0 }
      let density = text[id] == 0 ? 0 : Double(links[id]) / Double(text[id])
      return (scores[id] + containers[id].weight) * (1 - density)
    }
    guard let best = containers.indices.max(by: { final($0) < final($1) }), final(best) > 0 else { return [] }
    // The body, and siblings that score a fifth as well (the rest of a body split by an advertisement).
    let threshold = max(10, final(best) * 0.2)
    var chosen: Set<Int> = [best]
    if let parent = containers[best].parent {
      for id in containers.indices where containers[id].parent == parent && id != best && final(id) >= threshold {
        chosen.insert(id)
      }
    }
    // The other entries of a live blog: siblings of the same kind (class) as
    // the body, or as the body's container, whatever they score.
    for level in [best, containers[best].parent].compactMap({ $0 }) {
      let kind = containers[level].kind
      guard !kind.isEmpty, let parent = containers[level].parent else { continue }
      for id in containers.indices
      where id != level && containers[id].parent == parent && containers[id].kind == kind && text[id] > 0 {
        chosen.insert(id)
      }
    }
    // Paragraphs written straight into the body's parent beside it (text between the split halves).
    let siblingsParent = containers[best].parent
    return blocks.filter { block in
      let density = Double(block.linkCharacters) / Double(max(block.text.count, 1))
      guard density < 0.5, !isTimestamp(block.text) else { return false }
      if isInside(block.container, chosen, containers) { return true }
      return block.container == siblingsParent && block.text.count >= 80 && density < 0.25
    }
  }

  /// Whether container `id` is one of `chosen` or inside one.
  static func isInside(_ id: Int, _ chosen: Set<Int>, _ containers: [Container]) -> Bool {
    var up: Int? = id
    while let current = up {
      if chosen.contains(current) { return true }
      up = containers[current].parent
    }
    return false
  }

  /// A line that is only a time stamp ("10:42", "Updated 11:05 GMT"), as live blogs head their entries.
  public static func isTimestamp(_ text: String) -> Bool {
    let words = text.split(separator: " ")
    guard words.count <= 4, text.count <= 40 else { return false }
    return words.contains { word in
      let parts = word.split(separator: ":")
      return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && $0.prefix(2).allSatisfy(\.isNumber) }
    }
  }

  /// The paragraphs with a repeat of the one before dropped.
  static func deduplicated(_ paragraphs: [String]) -> [String] {
    var result: [String] = []
    for paragraph in paragraphs where paragraph != result.last { result.append(paragraph) }
    return result
  }
}
