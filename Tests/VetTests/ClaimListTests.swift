import Foundation
import TestSupport
import Testing

@Suite("vet claim list: one row per claim, aligned by what shows, escaped, in text, -q and --json alike")
struct ClaimListTests {
  /// A claim as `claim list --json` has it, with what its row should show.
  struct Listed {
    var id: String
    var status: String
    var statement: String
    var sources: [String]
    var needsReview: Bool
  }

  /// What a terminal must see for each hand-written statement; the ingested ones show as they are.
  static let escaped = [
    "Police said \u{1B}[31m12\u{1B}[0m were hurt\tin Halven": "Police said \\e[31m12\\e[0m were hurt\\tin Halven",
    "A bidi \u{202E}override and a C1 \u{85}control": "A bidi \\u{202e}override and a C1 \\u{85}control",
    "Café owners in Zürich counted 3 ferries 🚢": "Café owners in Zürich counted 3 ferries 🚢",
  ]

  /// A workspace with an ingested article, claims with unsafe and non-ASCII text, a confirmed one and a flagged one.
  func workspace() throws -> VetRunner {
    let v = VetRunner()
    try v.initWorkspace()
    try v.ok("source", "add", VetRunner.example("wire-v1.txt"), "--id", "wire")
    try v.ok("source", "add", VetRunner.example("rewrite.txt"), "--id", "rewrite-of-the-wire-story")
    let ids = try Self.escaped.keys.sorted().map { try v.addClaim($0) }
    try v.ok("mark", ids[0], "unverifiable")
    // A review reason, as a merge that met conflicting statuses records it.
    let path = v.workspace + "/claims/\(ids[1].prefix(2))/\(ids[1]).md"
    let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
      of: "tags: []\n", with: "tags: []\nreview:\n- conflicting statuses\n")
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    _ = try v.git("commit", "-qam", "Flag a claim for review by hand")
    return v
  }

  func listed(_ v: VetRunner, _ filter: [String]) throws -> [Listed] {
    let out = try v.ok(["claim", "list", "--json"] + filter)
    let objects = try #require(JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
    return objects.map { object in
      let appearances = object["appearances"] as? [[String: Any]] ?? []
      return Listed(
        id: object["id"] as? String ?? "", status: object["status"] as? String ?? "",
        statement: object["statement"] as? String ?? "",
        sources: Set(appearances.compactMap { $0["source"] as? String }).sorted(),
        needsReview: !(object["review"] as? [String] ?? []).isEmpty)
    }
  }

  /// The listing a pipe should get: every column but the last padded to its widest cell, counted in scalars, plus two.
  static func table(_ claims: [Listed]) -> String {
    let rows =
      [["ID", "STATUS", "SOURCES", "STATEMENT"]]
      + claims.map { claim in
        [
          claim.id.prefix(8) + (claim.needsReview ? "!" : " "), claim.status, claim.sources.joined(separator: ","),
          escaped[claim.statement] ?? claim.statement,
        ]
      }
    let widths = (0..<3).map { column in rows.map { $0[column].unicodeScalars.count }.max() ?? 0 }
    return rows.map { row in
      (0..<3).map { row[$0] + String(repeating: " ", count: widths[$0] - row[$0].unicodeScalars.count + 2) }.joined()
        + row[3] + "\n"
    }.joined()
  }

  @Test("each filter's text rows, ids and JSON name the same claims, and the rows are the reference table")
  func filters() throws {
    let v = try workspace()
    for filter in [
      [], ["--status", "unverified"], ["--status", "unverifiable"], ["--source", "wire"], ["--needs-review"],
      ["--grep", "CAFÉ"], ["--grep", "harbour", "--source", "rewrite-of-the-wire-story"],
    ] {
      let claims = try listed(v, filter)
      #expect(!claims.isEmpty, "\(filter) matched nothing")
      let text = try v.vet(["claim", "list"] + filter)
      #expect(text.succeeded, "\(text.stderr)")
      #expect(text.stdout == Self.table(claims), "\(filter)")
      #expect(!text.stdout.contains("\u{1B}") && !text.stdout.contains("\u{85}"), "\(filter)")
      #expect(try v.ok(["claim", "list", "-q"] + filter) == claims.map { $0.id + "\n" }.joined(), "\(filter)")
    }
    #expect(try listed(v, []).contains { $0.sources.count == 2 }, "no claim in both sources")
    #expect(try listed(v, ["--needs-review"]).count == 1)
  }

  @Test("no match: a warning and nothing on stdout; -q prints nothing and --json an empty array")
  func noMatch() throws {
    let v = try workspace()
    let text = try v.vet("claim", "list", "--status", "false")
    #expect(text.succeeded && text.stdout.isEmpty)
    #expect(text.stderr == "vet: no claims match\n")
    #expect(try v.ok("claim", "list", "--status", "false", "-q").isEmpty)
    #expect(try v.ok("claim", "list", "--status", "false", "--json") == "[\n]\n")
  }

  @Test("a listing longer than the renderer's blocks and writes is whole, in order, and aligned")
  func longListing() throws {
    let dir = TemporaryDirectory("claim-list-long")
    let ws = try Binaries.generateWorkspace(in: dir, claims: 12000, commits: 20, sources: 40)
    let text = try Shell.run(Binaries.vet, ["claim", "list"], in: ws)
    #expect(text.stdout.utf8.count > 1 << 20)
    let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 12_002 && lines.last == "")
    let ids = try Shell.run(Binaries.vet, ["claim", "list", "-q"], in: ws).stdout.split(separator: "\n")
    #expect(ids.count == 12_000)
    let start = try #require(lines[0].range(of: "STATEMENT")).lowerBound.utf16Offset(in: lines[0])
    for (line, id) in zip(lines.dropFirst(), ids) where !line.hasPrefix(id.prefix(8)) || line.utf8.count <= start {
      Issue.record("row for \(id) is \(line)")
      break
    }
    let json = try Shell.run(Binaries.vet, ["claim", "list", "--json"], in: ws).stdout
    let objects = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
    #expect(objects?.compactMap { $0["id"] as? String } == ids.map(String.init))
    for (line, object) in zip(lines.dropFirst(), objects ?? []) {
      let statement = object["statement"] as? String ?? ""
      guard String(line.utf8.dropFirst(start)) == statement else {
        Issue.record("row \(line) does not end in its statement \(statement) at column \(start)")
        break
      }
    }
  }
}
