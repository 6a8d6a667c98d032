import Foundation
import TestSupport
import Testing

@testable import Workbench

@Suite("Claim text: the fast codec writes and reads exactly what Yams does, or steps aside")
struct ClaimTextTests {
  /// A claim file exactly as vet writes it.
  static let example = """
    ---
    id: '00300cc27a78'
    statement: More than 257 people were rescued off Kestrel Bay on day 369, police said.
    status: unverified
    tags: []
    appearances:
    - source: source-3
      version: 1
      sentence: 90
      quote: More than 257 people were rescued off Kestrel Bay on day 369, police said.
      hedges: []
      quantities: []
    log:
    - id: fc0a9ee4132aeae4
      action: created
      date: 2025-01-01T00:20:20Z
      author: Ben Lindqvist <ben@desk.example>
      status: unverified
      source: source-3
      version: 1
    ---

    # More than 257 people were rescued off Kestrel Bay on day 369, police said.

    """

  @Test("vet's own example file takes both fast paths and matches Yams byte for byte")
  func example() throws {
    let yams = try Claim(yamlParsing: Self.example, file: "example.md")
    let fast = try #require(ClaimText.parse(Self.example))
    #expect(Same(fast) == Same(yams))
    #expect(try yams.yamlRendered() == Self.example)
    #expect(ClaimText.render(yams).map { Array($0.utf8) } == Array(Self.example.utf8))
  }

  @Test("ordinary claims, as ingest, mark and note write them, never fall back to Yams")
  func ordinaryClaimsAreFast() throws {
    var random = SeededRandom(seed: 7)
    for _ in 0..<300 {
      let claim = Generator.ordinary(&random)
      let yamsText = try claim.yamlRendered()
      let fastText = try #require(ClaimText.render(claim), "fast writer declined:\n\(yamsText)")
      #expect(Array(fastText.utf8) == Array(yamsText.utf8), "\(yamsText)\n---- fast ----\n\(fastText)")
      let parsed = try #require(ClaimText.parse(yamsText), "fast reader declined:\n\(yamsText)")
      #expect(.claim(Same(parsed)) == Outcome { try Claim(yamlParsing: yamsText, file: "c.md") }, "\(yamsText)")
      if !Generator.yamsLoses(claim) { #expect(Same(parsed) == Same(claim), "\(yamsText)") }
    }
  }

  @Test("random claims: the fast writer matches Yams, the fast reader matches Yams, and text round-trips")
  func differential() throws {
    var random = SeededRandom(seed: 2025)
    var fastWrites = 0
    var fastReads = 0
    let count = 4000
    for _ in 0..<count {
      let claim = Generator.arbitrary(&random)
      let yamsText = try claim.yamlRendered()
      // (a) When the fast writer answers, its bytes are Yams' bytes.
      if let fastText = ClaimText.render(claim) {
        fastWrites += 1
        #expect(
          Array(fastText.utf8) == Array(yamsText.utf8),
          "\(String(reflecting: claim))\n\(yamsText)\n---- fast ----\n\(fastText)")
      }
      // (b) When the fast reader answers on Yams' text, it reads what Yams reads.
      let yamsParsed = Outcome { try Claim(yamlParsing: yamsText, file: "c.md") }
      if let fastParsed = ClaimText.parse(yamsText) {
        fastReads += 1
        #expect(Outcome.claim(Same(fastParsed)) == yamsParsed, "\(String(reflecting: claim))\n\(yamsText)")
      }
      // (c) Writing then reading through the wired paths gives what the Yams
      // paths give, and the claim itself unless Yams' own round trip loses it.
      let wired = Outcome { try Claim(parsing: try claim.rendered(), file: "c.md") }
      #expect(wired == yamsParsed, "\(String(reflecting: claim))\n\(yamsText)")
      if Generator.isValid(claim) && !Generator.yamsLoses(claim) {
        #expect(wired == .claim(Same(claim)), "\(String(reflecting: claim))\n\(yamsText)")
      }
    }
    // Tricky text is meant to defeat the fast paths often, but not always:
    // a writer or reader that silently declined everything would fail here.
    #expect(fastWrites > count / 5)
    #expect(fastReads > count / 5)
  }

  @Test("mutated files: whenever the fast reader still answers, Yams reads the same claim")
  func mutatedFiles() throws {
    var random = SeededRandom(seed: 11)
    let pieces: [String] = [
      " ", "  ", "\n", "\n  ", "\n- ", "#", " #", ":", ": ", "-", "- ", "'", "''", "\"", "|", "|-", "|+", ">", "[", "]",
      ",", ", ", "{", "&", "*", "!", "~", "a", "7", "\t", "\r", "...", "---", "é", "null",
    ]
    var accepted = 0
    for _ in 0..<1500 {
      var claim = Generator.ordinary(&random)
      if random.chance(50) { claim.log[0].note = "First line\n\n  indented\n" }
      var scalars = Array(try claim.yamlRendered().unicodeScalars)
      let fence = scalars.count - claim.body.unicodeScalars.count - 4
      for _ in 0..<(1 + random.below(3)) {
        let at = 4 + random.below(fence - 4)
        switch random.below(3) {
        case 0: scalars.remove(at: at)
        case 1: scalars.insert(contentsOf: random.pick(pieces).unicodeScalars, at: at)
        default: scalars.replaceSubrange(at..<(at + 1), with: random.pick(pieces).unicodeScalars)
        }
      }
      var text = ""
      text.unicodeScalars.append(contentsOf: scalars)
      guard let fast = ClaimText.parse(text) else { continue }
      accepted += 1
      #expect(.claim(Same(fast)) == Outcome { try Claim(yamlParsing: text, file: "c.md") }, "\(text)")
    }
    // Many edits land in text and keep the file canonical; all of them
    // being declined would mean this test checks nothing.
    #expect(accepted > 100)
  }

  @Test("hand-picked strings: each either takes the fast writer identically or declines")
  func trickyStrings() throws {
    var decided = 0
    for text in Generator.specials {
      for place in 0..<6 {
        var claim = Claim(id: "ab12cd34ef56", statement: "A statement", status: "unverified")
        claim.log = [
          LogEntry(id: "0011aabb", action: .note, author: "A <a@b.c>", date: Date(timeIntervalSince1970: 1e9))
        ]
        switch place {
        case 0: claim.statement = text
        case 1: claim.tags = [text, "x"]
        case 2: claim.review = [text]
        case 3: claim.log[0].note = text
        case 4: claim.log[0].evidence = ["x", text]
        default:
          claim.appearances = [
            Appearance(
              source: text, version: 2, sentence: nil, quote: text, attribution: text, hedges: [text], quantities: [])
          ]
        }
        let yamsText = try claim.yamlRendered()
        if let fastText = ClaimText.render(claim) {
          decided += 1
          #expect(
            Array(fastText.utf8) == Array(yamsText.utf8),
            "\(String(reflecting: text))\n\(yamsText)\n---- fast ----\n\(fastText)")
        }
        let yamsParsed = Outcome { try Claim(yamlParsing: yamsText, file: "c.md") }
        if let fast = ClaimText.parse(yamsText) {
          #expect(.claim(Same(fast)) == yamsParsed, "\(String(reflecting: text))\n\(yamsText)")
        }
      }
    }
    #expect(decided > Generator.specials.count)
  }

  /// A hand edit of the example, whether the fast reader should take it.
  struct Edit: CustomTestStringConvertible, Sendable {
    let name: String
    let fast: Bool
    let text: String
    var testDescription: String { name }

    init(_ name: String, fast: Bool, _ edit: (String) -> String) {
      self.name = name
      self.fast = fast
      text = edit(ClaimTextTests.example)
    }
  }

  static let logTail = """
      author: Ben Lindqvist <ben@desk.example>
      status: unverified
      source: source-3
      version: 1
    """

  static let edits: [Edit] = [
    Edit("reordered keys", fast: true) {
      $0.replacingOccurrences(of: "status: unverified\ntags: []\n", with: "")
        .replacingOccurrences(of: "id: '00300cc27a78'\n", with: "tags: []\nstatus: unverified\nid: '00300cc27a78'\n")
    },
    Edit("block-style tags", fast: true) {
      $0.replacingOccurrences(of: "tags: []", with: "tags:\n- ferry\n- 'toll: 40'")
    },
    Edit("flow tags with a double-quoted item", fast: false) {
      $0.replacingOccurrences(of: "tags: []", with: "tags: ['a, b', it's, 'don''t', \"x\"]")
    },
    Edit("flow tags with plain and quoted items", fast: true) {
      $0.replacingOccurrences(of: "tags: []", with: "tags: ['a, b', it's, 'don''t', were feared]")
    },
    Edit("literal notes and block evidence", fast: true) {
      $0.replacingOccurrences(
        of: logTail,
        with: logTail + """

            note: |-
              First line
                indented: not a key
              - not an item

              after a blank line
            evidence:
            - https://example.org/a
            - |
              two
              lines
            drift:
            - 'quantity: at least 40 → dozens'
          - id: 00aa
            action: note
            date: 2025-01-02T00:00:00Z
            author: Ada Okafor <ada@desk.example>
            note: |+
              kept

            evidence: []
          - id: 00ab
            action: note
            date: 2025-01-02
            author: Ada
            note: |
              clipped at the end
          """)
    },
    Edit("credibility, review and attribution", fast: true) {
      $0.replacingOccurrences(
        of: "tags: []", with: "credibility: 3\ntags: [toll]\nreview:\n- 'conflicting statuses: a vs b'"
      )
      .replacingOccurrences(of: "  hedges: []", with: "  attribution: police\n  hedges: [were feared, reportedly]")
    },
    Edit("a comment line", fast: false) {
      $0.replacingOccurrences(of: "status: unverified\n", with: "# checked\nstatus: unverified\n")
    },
    Edit("a trailing comment", fast: false) {
      $0.replacingOccurrences(of: "status: unverified\ntags", with: "status: unverified # checked\ntags")
    },
    Edit("a double-quoted statement", fast: false) {
      $0.replacingOccurrences(of: "statement: More than 257", with: "statement: \"More than \\u0032\\x357")
        .replacingOccurrences(of: "police said.\nstatus", with: "police said.\"\nstatus")
    },
    Edit("CRLF line ends", fast: false) { $0.replacingOccurrences(of: "\n", with: "\r\n") },
    Edit("CRLF in the body only", fast: true) { $0.replacingOccurrences(of: "\n\n# More", with: "\n\r\n# More") },
    Edit("an unknown key", fast: false) { $0.replacingOccurrences(of: "tags: []", with: "tags: []\npriority: high") },
    Edit("a tab for indentation", fast: false) {
      $0.replacingOccurrences(of: "  version: 1\n  sentence", with: "\tversion: 1\n  sentence")
    },
    Edit("a tab inside a value", fast: false) {
      $0.replacingOccurrences(of: "status: unverified\ntags", with: "status: un\tverified\ntags")
    },
    Edit("a duplicate key", fast: false) {
      $0.replacingOccurrences(of: "tags: []", with: "tags: []\nstatus: confirmed")
    },
    Edit("a non-numeric version", fast: false) {
      $0.replacingOccurrences(of: "  version: 1\n  sentence", with: "  version: one\n  sentence")
    },
    Edit("credibility out of range", fast: false) {
      $0.replacingOccurrences(of: "tags: []", with: "credibility: 7\ntags: []")
    },
    Edit("an unknown log action", fast: false) {
      $0.replacingOccurrences(of: "action: created", with: "action: invented")
    },
    Edit("a bad date", fast: false) { $0.replacingOccurrences(of: "2025-01-01T00:20:20Z", with: "yesterday") },
    Edit("an id that is not hex", fast: false) {
      $0.replacingOccurrences(of: "'00300cc27a78'", with: "'00300xx27a78'")
    },
    Edit("a missing statement", fast: false) {
      $0.replacingOccurrences(
        of: "statement: More than 257 people were rescued off Kestrel Bay on day 369, police said.\n", with: "")
    },
    Edit("a plain scalar continued on the next line", fast: false) {
      $0.replacingOccurrences(of: "statement: More than 257 people", with: "statement: More than 257\n  people")
    },
    Edit("an anchor", fast: false) {
      $0.replacingOccurrences(of: "status: unverified\ntags", with: "status: &s unverified\ntags")
    },
    Edit("a null attribution", fast: false) {
      $0.replacingOccurrences(of: "  hedges: []", with: "  attribution: ~\n  hedges: []")
    },
    Edit("an indented sequence", fast: false) {
      $0.replacingOccurrences(
        of: "- source: source-3\n  version: 1\n  sentence: 90\n",
        with: "  - source: source-3\n    version: 1\n    sentence: 90\n")
    },
    Edit("a blank line", fast: false) { $0.replacingOccurrences(of: "tags: []\n", with: "tags: []\n\n") },
    Edit("a document end marker", fast: false) {
      $0.replacingOccurrences(of: "  version: 1\n---", with: "  version: 1\n...\n---")
    },
    Edit("an indentation indicator", fast: false) {
      $0.replacingOccurrences(of: "  version: 1\n---", with: "  version: 1\n  note: |2-\n     indented\n---")
    },
    Edit("a multi-line single-quoted scalar", fast: false) {
      $0.replacingOccurrences(of: "status: unverified\ntags", with: "status: 'un\n  verified'\ntags")
    },
    Edit("a plain scalar with ': '", fast: false) {
      $0.replacingOccurrences(of: "status: unverified\ntags", with: "status: un: verified\ntags")
    },
    Edit("an unclosed front matter", fast: false) {
      $0.replacingOccurrences(of: "  version: 1\n---\n", with: "  version: 1\n")
    },
  ]

  @Test("hand edits: the fast reader takes only the canonical ones, and the result is Yams' own", arguments: edits)
  func handEdits(_ edit: Edit) throws {
    let fast = ClaimText.parse(edit.text)
    #expect((fast != nil) == edit.fast)
    let wired = Outcome { try Claim(parsing: edit.text, file: "c.md") }
    let yams = Outcome { try Claim(yamlParsing: edit.text, file: "c.md") }
    #expect(wired == yams)
    if let fast { #expect(.claim(Same(fast)) == yams) }
  }
}

// MARK: - Helpers

/// A claim compared by value and, for its text, byte for byte (String's `==`
/// would call canonically equivalent text equal).
private struct Same: Equatable, CustomStringConvertible {
  let claim: Claim
  init(_ claim: Claim) { self.claim = claim }
  static func == (a: Same, b: Same) -> Bool {
    a.claim == b.claim && Array(String(reflecting: a.claim).utf8) == Array(String(reflecting: b.claim).utf8)
  }
  var description: String { String(reflecting: claim) }
}

/// What reading a claim gave: the claim or the error.
private enum Outcome: Equatable {
  case claim(Same)
  case error(String)

  init(_ read: () throws -> Claim) {
    do { self = .claim(Same(try read())) } catch { self = .error(String(reflecting: error)) }
  }
}

private enum Generator {
  /// Whole values that trip YAML writers and readers.
  static let specials: [String] = [
    "", " ", "true", "False", "yes", "No", "on", "null", "Null", "NULL", "~", "0071", "-5", "+1", "1.5", ".5", "=",
    "<<",
    " leading", "trailing ", "a: b", "a:b", "key:", "a #b", "a#b", "#x", "- x", "-x", "--", "---", "--- x", "...",
    "...x",
    "? x", "?x", ": x", ":x", "|", "|-", ">", "'quoted'", "it's", "\"dq\"", "say \"hi\"", "@home", "%x", "`x`", "&a",
    "*a",
    "!tag", "[x]", "{x}", "a,b", "a, b", "a [b] c", "é", "“quoted”", "a — b", "x → y", "\u{A0}", "a\u{A0}", "😀", "a😀",
    "a\tb", "\t", "a\rb", "a\r\nb", "a\u{1}b", "a\u{7F}", "a\u{85}b", "a\u{2028}b", "\u{FEFF}a", "a\u{0}b", "\u{600} ",
    "a\u{301}", "\u{301}", "a\n", "a\nb", "a\nb\n", "a\nb\n\n", "a\n\n", "a\n\nb", "\na", " a\nb", "a \nb", "a\n b",
    "a\nb ", "a\n\u{600} ", "TRUE", "Yes, and more than twenty bytes", "~ more than twenty bytes", "a\n#b", "a\n- b",
    "a\n---", "a\n...\nb", "x\r\ny", "line one\nline two", "a\n\n\n", "a\n \n b",
    "2025-01-01", "2025-01-01T00:00:00Z", "https://example.org/a?b=c#d", "\\", "a\\nb", "a''b", "''",
  ]

  /// Pieces random text is made of: YAML indicators, quotes, line breaks
  /// and printable non-ASCII, all of which the fast writer may handle.
  static let atoms: [String] = [
    "a", "b", "Z", "q", "word", "7", "0", " ", " ", "  ", ":", ": ", "#", " #", "-", "- ", "?", "? ", ",", "[", "]",
    "{",
    "}", "&", "*", "!", "|", ">", "'", "''", "\"", "%", "@", "`", "~", "=", "<", "+", ".", "...", "---", "é", "→", "“",
    "”",
    "—", "\n", "\n", "\n\n", "\\",
  ]

  /// Pieces that push Yams to double quotes or odd block styles.
  static let hostileAtoms: [String] = [
    "\u{A0}", "\t", "\r", "\r\n", "\u{1}", "\u{7F}", "\u{85}", "\u{2028}", "\u{FEFF}", "😀", "\u{301}", " \n", "\n ",
  ]

  /// Random text; a hostile generator also draws control characters, odd
  /// line breaks, emoji, and whitespace at the edges.
  static func text(_ r: inout SeededRandom, hostile: Bool = true) -> String {
    if r.chance(hostile ? 25 : 5) { return r.pick(specials) }
    if r.chance(30) { return r.pick(["the ferry", "Port Halven", "at least 40", "were feared", "police said", "Ada"]) }
    var s = ""
    for _ in 0..<(1 + r.below(8)) { s += hostile && r.chance(20) ? r.pick(hostileAtoms) : r.pick(atoms) }
    if !hostile { s = s.trimmingCharacters(in: .whitespacesAndNewlines) }
    return s
  }

  static func hex(_ r: inout SeededRandom, _ count: Int) -> String {
    let digits = Array("0123456789abcdef")
    return String((0..<count).map { _ in digits[r.below(16)] })
  }

  static func date(_ r: inout SeededRandom, fractions: Bool = true) -> Date {
    let seconds = Double(r.below(4_102_444_800))
    return Date(timeIntervalSince1970: fractions && r.chance(5) ? seconds + 0.25 : seconds)
  }

  /// Any claim, valid or not, with text drawn from the tricky alphabet.
  static func arbitrary(_ r: inout SeededRandom) -> Claim {
    let hostile = r.chance(50)
    func text(_ r: inout SeededRandom) -> String { Generator.text(&r, hostile: hostile) }
    func texts(_ r: inout SeededRandom, max: Int) -> [String] { (0..<r.below(max + 1)).map { _ in text(&r) } }
    let id: String
    switch r.below(20) {
    case 0: id = text(&r)
    case 1: id = r.pick(["ab", "00300CC27A78", "xyz!", "0071"])
    default: id = hex(&r, 4 + r.below(9))
    }
    let statement = text(&r)
    var claim = Claim(
      id: id, statement: statement, status: r.chance(50) ? "unverified" : text(&r),
      credibility: r.chance(30) ? r.below(8) : nil, tags: texts(&r, max: 3))
    claim.review = r.chance(20) ? texts(&r, max: 2) : []
    claim.appearances = (0..<r.below(3)).map { _ in
      Appearance(
        source: text(&r), version: r.chance(90) ? 1 + r.below(4) : -r.below(3),
        sentence: r.chance(80) ? r.below(500) : nil,
        quote: text(&r), attribution: r.chance(30) ? text(&r) : nil, hedges: texts(&r, max: 2),
        quantities: texts(&r, max: 2))
    }
    claim.log = (0..<r.below(4)).map { _ in
      LogEntry(
        id: r.chance(90) ? hex(&r, 16) : text(&r), action: r.pick(LogEntry.Action.allCases), author: text(&r),
        date: date(&r),
        status: r.chance(40) ? text(&r) : nil, note: r.chance(50) ? text(&r) : nil, evidence: texts(&r, max: 2),
        source: r.chance(30) ? text(&r) : nil, version: r.chance(30) ? r.below(5) : nil, drift: texts(&r, max: 2))
    }
    if r.chance(30) { claim.body = text(&r) + (r.chance(50) ? "\n---\nmore\n" : "") }
    // The identity fields: a link's stub, aliases, suggestions and dismissals.
    if r.chance(15) { claim.linked = r.chance(80) ? hex(&r, 12) : text(&r) }
    if r.chance(20) { claim.aliases = (0..<(1 + r.below(2))).map { _ in r.chance(80) ? hex(&r, 12) : text(&r) } }
    if r.chance(20) {
      claim.suggestions = (0..<(1 + r.below(2))).map { _ in
        Suggestion(claim: r.chance(80) ? hex(&r, 12) : text(&r), reason: text(&r))
      }
    }
    if r.chance(20) { claim.dismissed = texts(&r, max: 2) }
    return claim
  }

  /// A claim as vet's commands write them.
  static func ordinary(_ r: inout SeededRandom) -> Claim {
    let places = ["Port Halven", "Orsa", "Kestrel Bay", "Vell", "Marrow Ford"]
    let authors = ["Ada Okafor <ada@desk.example>", "Ben Lindqvist <ben@desk.example>", "Chen Wei <chen@desk.example>"]
    let statement =
      "\(r.pick(["", "At least ", "Up to "]))\(2 + r.below(400)) people were rescued off \(r.pick(places)), police said."
      .capitalizedFirstLetter
    let source = "source-\(1 + r.below(40))"
    var claim = Claim(
      id: hex(&r, 12), statement: statement, status: r.pick(["unverified", "confirmed", "disputed"]),
      credibility: r.chance(30) ? 1 + r.below(6) : nil, tags: r.chance(30) ? ["toll", "ferry"] : [],
      appearances: [
        Appearance(
          source: source, version: 1, sentence: r.below(200), quote: statement,
          attribution: r.chance(50) ? "police" : nil,
          hedges: r.chance(30) ? ["were feared", "reportedly"] : [],
          quantities: r.chance(50) ? ["at least 40 people"] : [])
      ],
      review: r.chance(10) ? ["conflicting statuses: confirmed (ours) vs disputed (theirs)"] : [],
      log: [
        LogEntry(
          id: hex(&r, 16), action: .created, author: r.pick(authors), date: date(&r, fractions: false),
          status: "unverified", source: source, version: 1)
      ])
    for _ in 0..<r.below(4) {
      switch r.below(3) {
      case 0:
        claim.log.append(
          LogEntry(
            id: hex(&r, 16), action: .status, author: r.pick(authors), date: date(&r, fractions: false),
            status: "confirmed",
            note: "Checked against \(r.pick(places)) records.", evidence: ["https://example.org/\(hex(&r, 8))"]))
      case 1:
        claim.log.append(
          LogEntry(
            id: hex(&r, 16), action: .note, author: r.pick(authors), date: date(&r, fractions: false),
            note: "Called the \(r.pick(places)) desk.\nNo answer yet; will retry: tomorrow.\n"))
      default:
        claim.log.append(
          LogEntry(
            id: hex(&r, 16), action: .appearance, author: r.pick(authors), date: date(&r, fractions: false),
            source: "source-9", version: 2,
            drift: ["quantity: at least 40 → dozens"]))
      }
    }
    return claim
  }

  /// Whether Yams itself could read the claim back.
  static func isValid(_ c: Claim) -> Bool {
    Identifier.isHexPrefix(c.id) && c.id.count >= 4 && c.credibility.map { (1...6).contains($0) } ?? true
      && c.linked.map { Identifier.isHexPrefix($0) && $0.count >= 4 } ?? true
  }

  /// Whether Yams' own path loses part of the claim on a round trip.
  ///
  /// It does for:
  /// - dates below the second (written truncated);
  /// - a literal block ending in a line break as the very last value, whose
  ///   final break is taken by the closing `---` line;
  /// - a leading U+FEFF, which Yams drops when it reads a scalar
  ///   (`String(bytes:encoding:)` strips it as a byte order mark);
  /// - U+2028 or U+2029, which libyaml copies into literal blocks as line
  ///   breaks, so that a block ending in one puts the closing `---` on the
  ///   same line and the file no longer reads at all.
  static func yamsLoses(_ c: Claim) -> Bool {
    if c.log.contains(where: { $0.date.timeIntervalSince1970.rounded(.down) != $0.date.timeIntervalSince1970 }) {
      return true
    }
    let all =
      [c.id, c.statement, c.status] + c.tags + c.review
      + c.appearances.flatMap { [$0.source, $0.quote, $0.attribution ?? ""] + $0.hedges + $0.quantities }
      + c.log.flatMap { [$0.id, $0.author, $0.status ?? "", $0.note ?? "", $0.source ?? ""] + $0.evidence + $0.drift }
      + [c.linked ?? ""] + c.aliases + c.dismissed + c.suggestions.flatMap { [$0.claim, $0.reason] }
    if all.contains(where: {
      $0.unicodeScalars.first == "\u{FEFF}" || $0.contains("\u{2028}") || $0.contains("\u{2029}")
    }) {
      return true
    }
    return finalText(c)?.hasSuffix("\n") ?? false
  }

  /// The text written last in the front matter, if it is text: the last
  /// field of the last log entry, in the order `LogEntry.yaml` writes them.
  static func finalText(_ c: Claim) -> String? {
    guard let e = c.log.last else { return nil }
    if let s = e.drift.last ?? e.evidence.last ?? e.note { return s }
    if e.version != nil { return nil }
    return e.source ?? e.status ?? e.author
  }
}

extension String {
  fileprivate var capitalizedFirstLetter: String { prefix(1).uppercased() + dropFirst() }
}
