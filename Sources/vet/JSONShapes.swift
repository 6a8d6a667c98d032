import Foundation
import Workbench

/// The JSON shape of a source.
struct SourceJSON: Encodable {
  var id: String
  var title: String?
  var outlet: String?
  var url: String?
  var published: Date?
  var reliability: String?
  var byline: String?
  var versions: [VersionJSON]

  struct VersionJSON: Encodable {
    var version: Int
    var retrieved: Date
    var author: String
    var words: Int
    var sentences: Int
    var claims: [String]
  }

  init(_ source: Source) {
    id = source.slug
    title = source.title
    outlet = source.outlet
    url = source.url
    published = source.published
    reliability = source.reliability
    byline = source.byline
    versions = source.versions.map {
      VersionJSON(
        version: $0.number, retrieved: $0.retrieved, author: $0.author, words: $0.words, sentences: $0.sentences,
        claims: $0.claims)
    }
  }
}
