import Foundation
import Pages

/// What refreshing one web source found.
public struct RefreshResult: Codable, Sendable {
  public enum Outcome: String, Codable, Sendable {
    /// The article reads as it did: nothing recorded.
    case unchanged
    /// The article changed: a new version was recorded.
    case changed
    /// The page could not be fetched or read, or shrank suspiciously: nothing recorded.
    case failed
  }

  public var source: String
  public var url: String
  public var outcome: Outcome
  /// The version recorded, when the article changed.
  public var version: Int?
  /// Claims the new version created, and claims it restated.
  public var created = 0
  public var restated = 0
  /// Why it failed, in one line.
  public var error: String?
}

extension Workspace {
  /// The sources `vet source refresh` reads: those named, or every source with an http(s) address.
  /// - Throws: `.notFound` for a name that is no source; `.invalidArgument` for one without an address.
  public func refreshableSources(_ slugs: [String]) throws -> [Source] {
    let snapshot = try snapshot()
    if slugs.isEmpty { return try snapshot.sources().filter { Self.webAddress($0) != nil } }
    return try slugs.map { slug in
      guard let source = try snapshot.source(slug: slug) else {
        throw WorkbenchError.notFound(kind: "source", id: slug)
      }
      guard Self.webAddress(source) != nil else {
        throw WorkbenchError.invalidArgument(
          name: slug, reason: "has no http:// or https:// address to fetch again (add one with `--url` when adding)")
      }
      return source
    }
  }

  static func webAddress(_ source: Source) -> URL? {
    guard let url = source.url, let address = URL(string: url),
      let scheme = address.scheme?.lowercased(), scheme == "http" || scheme == "https"
    else { return nil }
    return address
  }

  /// A new version has fewer than this share of the last one's words: the page, not the article, changed.
  static let suspiciousShrink = 0.5

  /// Fetches a web source again and records a new version only when its
  /// article changed in a way a reader would notice: not for whitespace,
  /// quote styles, time stamps or "updated at" lines alone.
  ///
  /// Never throws: a failure is the result's outcome, so that one site does not stop the others.
  public func refresh(_ source: Source, timeout: Double = 30) -> RefreshResult {
    let url = Self.webAddress(source)
    var result = RefreshResult(source: source.slug, url: source.url ?? "", outcome: .failed)
    do {
      guard let url, let last = source.latest else {
        throw WorkbenchError.invalidArgument(name: source.slug, reason: "has no address or version to compare with")
      }
      let fetched = try PageFetcher.fetch(url, timeout: timeout)
      // Read whatever its size: a page that now yields almost nothing is a suspicious shrink.
      let article = try Self.article(
        ofPage: fetched.bytes, name: url.absoluteString, contentType: fetched.contentType, minimumWords: 0)
      let previous = try snapshot().text(Source.textPath(slug: source.slug, version: last.number)) ?? ""
      let text = article.text
      if Self.readerText(text) == Self.readerText(previous) {
        result.outcome = .unchanged
        return result
      }
      let (before, after) = (Self.words(previous), Self.words(text))
      if Double(after) < Self.suspiciousShrink * Double(before) || after < Self.minimumArticleWords {
        result.error =
          "\(url.absoluteString): suspicious shrink, the article went from \(before) to \(after) words; not recorded "
          + "(the page's layout may have changed, not the article)"
        return result
      }
      let ingest = try updateSource(
        source.slug, bytes: Array(text.utf8), name: url.absoluteString, page: fetched.bytes)
      result.outcome = .changed
      result.version = ingest.version
      result.created = ingest.created.count
      result.restated = ingest.linked.count
    } catch {
      result.error = (error as? LocalizedError)?.errorDescription ?? "\(error)"
    }
    return result
  }

  static func words(_ text: String) -> Int { text.split(whereSeparator: \.isWhitespace).count }

  /// The text as a reader compares it: quote styles and dashes made plain,
  /// whitespace collapsed, time stamps and "updated" lines left out.
  static func readerText(_ text: String) -> String {
    let plain: [Character: Character] = [
      "‘": "'", "’": "'", "‚": "'", "‛": "'", "“": "\"", "”": "\"", "„": "\"", "–": "-", "—": "-", "\u{00A0}": " ",
    ]
    return text.split(separator: "\n").map { line in
      String(line.map { plain[$0] ?? $0 }).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }.filter { line in
      let lower = line.lowercased()
      return !line.isEmpty && !lower.hasPrefix("updated") && !lower.hasPrefix("last updated")
        && !lower.hasPrefix("published") && !ArticleExtractor.isTimestamp(line)
    }.joined(separator: "\n")
  }
}
