import Foundation

/// One claim `vet search` found, with where its text matched.
public struct SearchHit: Sendable, Hashable {
  /// The claim, as `vet claim list` has it.
  public var claim: ClaimSummary
  /// A passage of the text that matched best, the matched words between `open` and `close`.
  var marked: String
  /// How well it matched (bm25, higher is better); only the order means anything.
  public var score: Double

  /// The marks SQLite puts around matched words: private-use characters, which no article holds.
  static let open: Unicode.Scalar = "\u{E000}"
  static let close: Unicode.Scalar = "\u{E001}"

  /// The passage in runs of text, each saying whether it is a matched word.
  public var snippet: [(text: String, matched: Bool)] {
    var parts: [(text: String, matched: Bool)] = []
    var current = ""
    var matched = false
    for scalar in marked.unicodeScalars {
      if scalar == Self.open || scalar == Self.close {
        if !current.isEmpty { parts.append((current, matched)) }
        current = ""
        matched = scalar == Self.open
      } else {
        current.unicodeScalars.append(scalar)
      }
    }
    if !current.isEmpty { parts.append((current, matched)) }
    return parts
  }

  /// The passage with its matched words in square brackets, as `vet search --json` prints it.
  public var bracketedSnippet: String {
    snippet.map { $0.matched ? "[\($0.text)]" : $0.text }.joined()
  }

  public static func == (lhs: SearchHit, rhs: SearchHit) -> Bool {
    lhs.claim == rhs.claim && lhs.marked == rhs.marked && lhs.score == rhs.score
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(claim)
    hasher.combine(marked)
  }
}

/// What a user typed to `vet search`, made into an SQLite FTS5 query that cannot fail to parse.
///
/// Every word is matched as it is, never read as FTS5 syntax (`AND`, `NEAR`,
/// `col:`, `^`, parentheses): each becomes a double-quoted FTS5 string, and all
/// must match. Text in double quotes is a phrase; a word ending in `*`
/// matches as a prefix. A word with no letter or digit (`!!!`, `—`) matches
/// nothing and is left out, so punctuation alone finds nothing rather than failing.
enum FullTextQuery {
  /// The FTS5 query for `text`, or nil when it has no word to look for.
  static func make(_ text: String) -> String? {
    var terms: [String] = []
    var word = ""
    var inPhrase = false
    func finish() {
      defer { word = "" }
      var body = Substring(word)
      var prefix = false
      if !inPhrase, body.hasSuffix("*") {
        while body.hasSuffix("*") { body = body.dropLast() }
        prefix = true
      }
      guard body.contains(where: { $0.isLetter || $0.isNumber }) else { return }
      terms.append("\"" + body.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (prefix ? "*" : ""))
    }
    for character in text {
      if character == "\"" {
        finish()
        inPhrase.toggle()
      } else if character.isWhitespace && !inPhrase {
        finish()
      } else {
        word.append(character)
      }
    }
    finish()
    return terms.isEmpty ? nil : terms.joined(separator: " ")
  }
}

extension Workspace {
  /// Claims whose statement, quotes, notes or evidence hold every word of
  /// `query`, best match first, among those `filter` selects.
  ///
  /// Words match whatever their case or accents, and in their other forms
  /// ("drowned" finds "drowning"); see `FullTextQuery` for phrases and
  /// prefixes. A query with no word in it finds nothing.
  /// - Parameters:
  ///   - limit: the most claims to return; nil for all.
  ///   - withJSON: whether each hit's claim carries its JSON (for `--json`).
  /// - Throws: `.invalidStatus` for a status not on the workspace's scale.
  public func search(_ query: String, filter: ClaimFilter = ClaimFilter(), limit: Int? = 20, withJSON: Bool = false)
    throws -> [SearchHit]
  {
    let snapshot = try snapshot()
    if let status = filter.status {
      let scale = try snapshot.config().scale
      guard scale.contains(status) else { throw WorkbenchError.invalidStatus(status, scale: scale) }
    }
    if let limit, limit < 1 {
      throw WorkbenchError.invalidArgument(name: "--limit", reason: "must be 1 or more")
    }
    guard let expression = FullTextQuery.make(query) else { return [] }
    return try index(at: snapshot).search(expression, filter: filter, limit: limit ?? -1, withJSON: withJSON)
  }
}
