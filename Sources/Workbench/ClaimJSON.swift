import Foundation

/// The JSON form of a claim that scripts rely on: `id`, `statement`, `status`,
/// `tags`, `appearances` (each with `source`, `version`, `quote`, `attribution`,
/// `hedges`, `quantities`), plus `credibility`, `needs_review`, `review`,
/// `aliases` (ids linked into it), `suggestions` (each with `claim` and
/// `reason`), and `log` where a command includes it.
public struct ClaimJSON: Encodable {
  public var id: String
  public var statement: String
  public var status: String
  public var credibility: Int?
  public var tags: [String]
  public var needsReview: Bool
  public var review: [String]
  public var aliases: [String]
  public var suggestions: [Suggestion]
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
    aliases = claim.aliases
    suggestions = claim.suggestions
    appearances = claim.appearances
    self.log = log
  }

  enum CodingKeys: String, CodingKey {
    case id, statement, status, credibility, tags, review, aliases, suggestions, appearances, log
    case needsReview = "needs_review"
  }

  /// One claim as compact JSON with sorted keys, the form the index stores.
  ///
  /// Written directly, byte for byte what `JSONEncoder` with `.sortedKeys`
  /// and `.withoutEscapingSlashes` writes (a test holds the two together):
  /// the claim index renders every claim it records, and the encoder was a
  /// tenth of building the index of 100,000 claims.
  static func encode(_ claim: Claim) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(256 + claim.statement.utf8.count + 192 * claim.appearances.count)
    func key(_ name: String, first: Bool = false) {
      if !first { out.append(UInt8(ascii: ",")) }
      string(name)
      out.append(UInt8(ascii: ":"))
    }
    func string(_ text: String) {
      out.append(UInt8(ascii: "\""))
      for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
        case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
        case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
        case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
        case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
        case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
        case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
        case 0x00..<0x20: out += Array("\\u00".utf8) + [hexDigit(byte >> 4), hexDigit(byte & 0xF)]
        default: out.append(byte)
        }
      }
      out.append(UInt8(ascii: "\""))
    }
    func strings(_ list: [String]) {
      out.append(UInt8(ascii: "["))
      for (i, item) in list.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        string(item)
      }
      out.append(UInt8(ascii: "]"))
    }
    func number(_ value: Int) { out += Array(String(value).utf8) }
    // Keys in sorted order; nil values are left out, as the synthesized encoding does.
    key("aliases", first: true)
    strings(claim.aliases)
    key("appearances")
    out.append(UInt8(ascii: "["))
    for (i, a) in claim.appearances.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      out.append(UInt8(ascii: "{"))
      var first = true
      if let attribution = a.attribution {
        key("attribution", first: true)
        string(attribution)
        first = false
      }
      key("hedges", first: first)
      strings(a.hedges)
      key("quantities")
      strings(a.quantities)
      key("quote")
      string(a.quote)
      if let sentence = a.sentence {
        key("sentence")
        number(sentence)
      }
      key("source")
      string(a.source)
      key("version")
      number(a.version)
      out.append(UInt8(ascii: "}"))
    }
    out.append(UInt8(ascii: "]"))
    if let credibility = claim.credibility {
      key("credibility")
      number(credibility)
    }
    key("id")
    string(claim.id)
    key("needs_review")
    out += Array((claim.needsReview ? "true" : "false").utf8)
    key("review")
    strings(claim.review)
    key("statement")
    string(claim.statement)
    key("status")
    string(claim.status)
    key("suggestions")
    out.append(UInt8(ascii: "["))
    for (i, suggestion) in claim.suggestions.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      out.append(UInt8(ascii: "{"))
      key("claim", first: true)
      string(suggestion.claim)
      key("reason")
      string(suggestion.reason)
      out.append(UInt8(ascii: "}"))
    }
    out.append(UInt8(ascii: "]"))
    key("tags")
    strings(claim.tags)
    return "{" + String(decoding: out, as: UTF8.self) + "}"
  }

  private static func hexDigit(_ value: UInt8) -> UInt8 {
    value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
  }

  /// The same JSON through `JSONEncoder`, which `encode` must match (tests).
  static func encodedByFoundation(_ claim: Claim) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return String(decoding: try encoder.encode(ClaimJSON(claim)), as: UTF8.self)
  }
}
