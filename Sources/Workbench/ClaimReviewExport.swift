import Foundation

/// Claims as schema.org ClaimReview in JSON-LD, as fact-check aggregators read them.
///
/// One `ClaimReview` per claim: `claimReviewed` (the statement), `url` (the
/// desk's publication URL and the claim id), `reviewRating` (a `Rating` whose
/// `alternateName` is the verdict's text, with `ratingValue` from 1 to 5 when
/// the workspace maps one), `author` (who set the status), `datePublished`
/// (when), and `itemReviewed`: a `Claim` with an `appearance` for each source
/// URL it appears at, the first as `firstAppearance`, and the attributed
/// speaker as its `author`.
struct ClaimReviewExport {
  let config: WorkspaceConfig
  let base: String
  let sources: [String: Source]

  func write(_ claims: [Claim], write: (String) -> Void) throws {
    let reviews = claims.map(review)
    let data = try JSONSerialization.data(
      withJSONObject: reviews, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    write(String(decoding: data, as: UTF8.self) + "\n")
  }

  func review(_ claim: Claim) -> [String: Any] {
    let rating = config.rating(for: claim.status)
    var reviewRating: [String: Any] = ["@type": "Rating", "alternateName": rating.name, "name": rating.name]
    if let value = rating.value {
      reviewRating["ratingValue"] = value
      reviewRating["bestRating"] = 5
      reviewRating["worstRating"] = 1
    }
    let decided = claim.log.last { $0.status == claim.status && ($0.action == .status || $0.action == .created) }
    var appearances: [[String: Any]] = []
    var seen = Set<String>()
    for appearance in claim.appearances {
      guard let source = sources[appearance.source], let url = source.url, seen.insert(url).inserted else { continue }
      var work: [String: Any] = ["@type": "CreativeWork", "url": url]
      if let title = source.title { work["headline"] = title }
      if let published = source.published { work["datePublished"] = ISODate.format(published) }
      if let outlet = source.outlet { work["author"] = ["@type": "Organization", "name": outlet] }
      appearances.append(work)
    }
    var item: [String: Any] = ["@type": "Claim", "appearance": appearances]
    if let first = appearances.first {
      item["firstAppearance"] = first
      if let date = first["datePublished"] { item["datePublished"] = date }
    }
    if let speaker = claim.appearances.lazy.compactMap(\.attribution).first {
      item["author"] = ["@type": "Person", "name": speaker]
    }
    var review: [String: Any] = [
      "@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": claim.statement,
      "url": Self.url(base: base, id: claim.id), "reviewRating": reviewRating, "itemReviewed": item,
      "identifier": claim.id,
    ]
    if let decided {
      review["datePublished"] = ISODate.format(decided.date)
      review["author"] = ["@type": "Person", "name": Self.name(decided.author)]
    }
    return review
  }

  /// The claim's page under the desk's base URL: `BASE/ID`, or `BASE#ID` for a base with a query.
  static func url(base: String, id: String) -> String {
    if base.contains("?") { return base + "#" + id }
    return (base.hasSuffix("/") ? base : base + "/") + id
  }

  /// "Ana Analyst" from "Ana Analyst <ana@desk.example>": addresses are not published.
  static func name(_ identity: String) -> String {
    identity.range(of: " <").map { String(identity[..<$0.lowerBound]) } ?? identity
  }
}
