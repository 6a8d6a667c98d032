import Foundation
import Testing

@testable import Workbench

@Suite("Claim JSON: the index's encoder writes what JSONEncoder writes")
struct ClaimJSONTests {
  /// Every ASCII character, escapes and quotes, slashes, and text beyond ASCII.
  static let texts: [String] =
    [
      "", "At least 40 people drowned", "\"quoted\" and \\backslashed\\", "a/b https://example.org/x?y=1",
      "Café — “curly” ‘quotes’ … 😀 \u{2028}\u{2029}\u{7F}\u{85}\u{200B}", "tab\tnew\nline\rcr\u{8}\u{C}",
    ] + (0..<128).map { "x\(Character(Unicode.Scalar(UInt8($0))))y" }

  @Test("claims with every kind of field and character encode byte for byte alike")
  func matchesFoundation() throws {
    var random = SystemRandomNumberGenerator()
    func text() -> String { Self.texts.randomElement(using: &random) ?? "" }
    func list() -> [String] { (0..<Int.random(in: 0...3, using: &random)).map { _ in text() } }
    for round in 0..<400 {
      let appearances = (0..<Int.random(in: 0...3, using: &random)).map { _ in
        Appearance(
          source: text(), version: Int.random(in: 1...20, using: &random),
          sentence: Bool.random(using: &random) ? Int.random(in: 0...500, using: &random) : nil, quote: text(),
          attribution: Bool.random(using: &random) ? text() : nil, hedges: list(), quantities: list())
      }
      let claim = Claim(
        id: String(format: "%012x", round), statement: text(), status: text(),
        credibility: Bool.random(using: &random) ? Int.random(in: -3...6, using: &random) : nil, tags: list(),
        appearances: appearances, review: list())
      #expect(ClaimJSON.encode(claim) == (try ClaimJSON.encodedByFoundation(claim)))
    }
  }
}
