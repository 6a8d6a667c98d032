import Foundation

/// Identifiers: random claim and log-entry ids, and checked source slugs.
public enum Identifier {
  /// The length of a claim id in hex digits: 48 random bits keep a
  /// 100,000-claim workspace merged from many clones clear of collisions.
  public static let claimLength = 12

  /// A fresh random claim id.
  public static func newClaimID() -> String { randomHex(claimLength) }

  /// A fresh random log-entry id; entries from different clones never clash.
  public static func newEntryID() -> String { randomHex(16) }

  static func randomHex(_ digits: Int) -> String {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("0123456789abcdef")
    return String((0..<digits).map { _ in alphabet[Int(generator.next() % 16)] })
  }

  /// Whether `text` could be (a prefix of) a claim id.
  public static func isHexPrefix(_ text: String) -> Bool {
    !text.isEmpty && text.count <= claimLength
      && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
  }

  /// Checks a source slug: lowercase letters, digits, '-', '_' and '.', starting
  /// with a letter or digit, at most 64 characters; never a path.
  /// - Throws: `WorkbenchError.invalidArgument` naming what is wrong.
  public static func validateSlug(_ slug: String, argument: String = "source id") throws {
    func fail(_ reason: String) -> WorkbenchError {
      .invalidArgument(name: argument, reason: "'\(Terminal.escape(slug))' \(reason)")
    }
    if slug.isEmpty { throw WorkbenchError.invalidArgument(name: argument, reason: "must not be empty") }
    if slug.count > 64 { throw fail("is longer than 64 characters") }
    if slug.contains("/") || slug.contains("\\") { throw fail("must not contain '/' or '\\' (it is not a path)") }
    if slug.contains("..") { throw fail("must not contain '..'") }
    if slug.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
      throw fail("must not contain control characters")
    }
    let allowed = slug.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
    }
    guard allowed, let first = slug.unicodeScalars.first, first != "-", first != "_", first != "." else {
      throw fail("may use only a-z, 0-9, '-', '_' and '.', and must start with a letter or digit")
    }
  }

  /// A slug made from a title or file name: "Ferry capsizes off Port Halven" → "ferry-capsizes-off-port-halven".
  public static func slug(from text: String) -> String {
    var out = ""
    var dash = false
    for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
      if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        out.unicodeScalars.append(scalar)
        dash = false
      } else if scalar.properties.generalCategory == .nonspacingMark {
        continue
      } else if !dash && !out.isEmpty {
        out.append("-")
        dash = true
      }
      if out.count >= 48 { break }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return out.isEmpty ? "source" : out
  }
}
