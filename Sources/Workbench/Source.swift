import Foundation
import Yams

/// One article or report as ingested, with its metadata and versions.
///
/// Stored as `sources/<slug>/source.yml` with each version's text beside it
/// as `sources/<slug>/v<N>.txt`, exactly as given; for a web page, the page
/// as it was served beside it too, as `sources/<slug>/v<N>.html`.
public struct Source: Hashable, Sendable {
  public var slug: String
  public var title: String?
  public var outlet: String?
  public var url: String?
  public var published: Date?
  /// When the page says the article was last changed.
  public var modified: Date?
  /// Reliability A–F in the Admiralty convention.
  public var reliability: String?
  public var byline: String?
  public var versions: [SourceVersion]

  public init(
    slug: String, title: String? = nil, outlet: String? = nil, url: String? = nil, published: Date? = nil,
    reliability: String? = nil, byline: String? = nil, versions: [SourceVersion] = []
  ) {
    self.slug = slug
    self.title = title
    self.outlet = outlet
    self.url = url
    self.published = published
    self.reliability = reliability
    self.byline = byline
    self.versions = versions
  }

  /// The metadata file's path.
  public var path: String { Source.folder(slug) + "source.yml" }

  static func folder(_ slug: String) -> String { "sources/\(slug)/" }

  /// The path of one version's text.
  public static func textPath(slug: String, version: Int) -> String { folder(slug) + "v\(version).txt" }

  /// The path of the page one version was extracted from, as it was served.
  public static func pagePath(slug: String, version: Int) -> String { folder(slug) + "v\(version).html" }

  public var latest: SourceVersion? { versions.last }

  public init(parsing text: String, file: String) throws {
    let map = try YAMLMap.parse(text, file: file)
    slug = try map.requiredString("id")
    title = try map.string("title")
    outlet = try map.string("outlet")
    url = try map.string("url")
    published = try map.date("published")
    modified = try map.date("modified")
    reliability = try map.string("reliability")
    byline = try map.string("byline")
    versions = try map.maps("versions").map(SourceVersion.init(yaml:))
  }

  public func rendered() throws -> String {
    var b = YAMLBuilder()
    b.set("id", slug)
    b.set("title", title)
    b.set("outlet", outlet)
    b.set("url", url)
    b.set("published", published)
    b.set("modified", modified)
    b.set("reliability", reliability)
    b.set("byline", byline)
    b.set("versions", maps: versions.map(\.yaml))
    return "# vet source metadata; the text of each version is beside this file.\n" + (try YAMLMap.emit(b.node))
  }
}

/// One version of a source as it was retrieved.
public struct SourceVersion: Hashable, Sendable {
  public var number: Int
  public var retrieved: Date
  /// Who ingested it, "Name <email>".
  public var author: String
  public var words: Int
  public var sentences: Int
  /// Ids of the claims extracted from or linked to this version.
  public var claims: [String]
  /// The SHA-256 of the page this version's text was extracted from
  /// (`pagePath`), so that what was extracted can be checked against what was served.
  public var pageSHA256: String?

  public init(number: Int, retrieved: Date, author: String, words: Int, sentences: Int, claims: [String]) {
    self.number = number
    self.retrieved = retrieved
    self.author = author
    self.words = words
    self.sentences = sentences
    self.claims = claims
  }

  init(yaml map: YAMLMap) throws {
    guard let n = try map.int("version") else { throw map.fail(nil, "a version has no 'version' number") }
    number = n
    guard let d = try map.date("retrieved") else { throw map.fail(nil, "version \(n) has no 'retrieved' date") }
    retrieved = d
    author = try map.string("author") ?? ""
    words = try map.int("words") ?? 0
    sentences = try map.int("sentences") ?? 0
    claims = try map.strings("claims")
    pageSHA256 = try map.string("page-sha256")
  }

  var yaml: Node {
    var b = YAMLBuilder()
    b.set("version", number)
    b.set("retrieved", retrieved)
    b.set("author", author)
    b.set("words", words)
    b.set("sentences", sentences)
    b.set("claims", list: claims, omitEmpty: false)
    b.set("page-sha256", pageSHA256)
    return b.node
  }
}
