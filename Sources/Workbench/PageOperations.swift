import Foundation
import Pages

extension Workspace {
  /// Adds a web page as a source: its article's headline and body become the
  /// version's text, its byline and times the source's metadata, and the page
  /// as served is kept beside the text with its SHA-256.
  ///
  /// - Parameters:
  ///   - page: the bytes as served (or read from a saved `.html` file).
  ///   - name: how to name the page in messages (its address or file).
  ///   - contentType: the server's `Content-Type`, whose charset comes first.
  ///   - metadata: what the analyst gave; a field left empty is taken from the page.
  /// - Throws: `.invalidArgument` naming the page when it holds no article text.
  public func addPage(
    _ page: [UInt8], name: String, contentType: String? = nil, metadata: SourceMetadata, extract: Bool = true
  ) throws -> IngestResult {
    let article = try Self.article(ofPage: page, name: name, contentType: contentType)
    var given = metadata
    given.title = given.title ?? article.headline
    given.byline = given.byline ?? article.byline
    // A time the page gives that is not ISO 8601 is left out rather than refused: the analyst did not type it.
    given.published = given.published ?? article.published.flatMap { ISODate.parse($0) == nil ? nil : $0 }
    given.modified = given.modified ?? article.modified.flatMap { ISODate.parse($0) == nil ? nil : $0 }
    return try addSource(Array(article.text.utf8), name: name, metadata: given, extract: extract, page: page)
  }

  /// Fetches the page at `url` and adds it (`addPage`); the source's address
  /// is where the page was found after redirects, unless `metadata` gives one.
  /// - Throws: `FetchError` (its message names the address) when the page cannot be fetched.
  /// - Parameter timeout: seconds without an answer before giving up.
  public func addPage(at url: URL, metadata: SourceMetadata, extract: Bool = true, timeout: Double = 30) throws
    -> IngestResult
  {
    let fetched = try PageFetcher.fetch(url, timeout: timeout)
    var given = metadata
    given.url = given.url ?? fetched.url.absoluteString
    return try addPage(
      fetched.bytes, name: url.absoluteString, contentType: fetched.contentType, metadata: given, extract: extract)
  }

  /// Whether bytes read from a file are a web page: a `.html` name, or markup at the start.
  public static func isPage(_ bytes: [UInt8], name: String) -> Bool {
    let lower = name.lowercased()
    if lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".xhtml") { return true }
    let head = String(decoding: bytes.prefix(512), as: UTF8.self).lowercased()
      .drop { $0.isWhitespace || $0 == "\u{FEFF}" }
    return head.hasPrefix("<!doctype html") || head.hasPrefix("<html")
  }

  /// Fewer words than this in a page's body, and it is not an article.
  static let minimumArticleWords = 25

  /// The article of a page; refused, naming the page, when it has almost no text.
  /// - Parameter minimumWords: fewer words in the body and it is refused as not an article.
  static func article(
    ofPage page: [UInt8], name: String, contentType: String?, minimumWords: Int = minimumArticleWords
  ) throws -> ExtractedArticle {
    let encoding = Charset.detect(page, declared: contentType.flatMap(Charset.parameter(ofContentType:)))
    guard page.contains(where: { !(Character(Unicode.Scalar($0)).isWhitespace) }) else {
      throw WorkbenchError.invalidArgument(name: name, reason: "is empty: it has no article text to record")
    }
    let root: HTMLElement
    do {
      root = try HTMLDocument.parse(page, encoding: encoding)
    } catch {
      throw WorkbenchError.invalidArgument(name: name, reason: "has no article text: libxml2 could not read it as HTML")
    }
    let article = ArticleExtractor.extract(root)
    let words = article.paragraphs.reduce(0) { $0 + $1.split(separator: " ").count }
    guard words >= minimumWords else {
      throw WorkbenchError.invalidArgument(
        name: name,
        reason: "has no article text (\(words) words found): a search page, a section front or an empty page "
          + "is not recorded; save the article's own page")
    }
    return article
  }
}
