import Foundation
import Workbench

/// The JSON shape of a claim that scripts rely on (see the README's JSON keys).
struct ClaimJSON: Encodable {
  var id: String
  var statement: String
  var status: String
  var credibility: Int?
  var tags: [String]
  var needsReview: Bool
  var review: [String]
  var appearances: [Appearance]
  var log: [HistoryEntry]?

  init(_ claim: Claim, log: [HistoryEntry]? = nil) {
    id = claim.id
    statement = claim.statement
    status = claim.status
    credibility = claim.credibility
    tags = claim.tags
    needsReview = claim.needsReview
    review = claim.review
    appearances = claim.appearances
    self.log = log
  }

  enum CodingKeys: String, CodingKey {
    case id, statement, status, credibility, tags, review, appearances, log
    case needsReview = "needs_review"
  }
}

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
      VersionJSON(version: $0.number, retrieved: $0.retrieved, author: $0.author, words: $0.words, sentences: $0.sentences, claims: $0.claims)
    }
  }
}
