import Foundation

/// The JSON form of a claim that scripts rely on: `id`, `statement`, `status`,
/// `tags`, `appearances` (each with `source`, `version`, `quote`, `attribution`,
/// `hedges`, `quantities`), plus `credibility`, `needs_review`, `review`, and
/// `log` where a command includes it.
public struct ClaimJSON: Encodable {
  public var id: String
  public var statement: String
  public var status: String
  public var credibility: Int?
  public var tags: [String]
  public var needsReview: Bool
  public var review: [String]
  public var appearances: [Appearance]
  public var log: [HistoryEntry]?

  public init(_ claim: Claim, log: [HistoryEntry]? = nil) {
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

  /// One claim as compact JSON with sorted keys, the form the index stores.
  static func encode(_ claim: Claim) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return String(decoding: try encoder.encode(ClaimJSON(claim)), as: UTF8.self)
  }
}
