import Foundation
import TestSupport
import Testing

@Suite("vet search: ranked full-text search over statements, quotes, notes and evidence")
struct SearchTests {
  /// A workspace with the wire report, a note naming the hospital list, evidence, and a claim in other scripts.
  func workspace() throws -> (v: VetRunner, noted: String, zurich: String) {
    let v = VetRunner()
    try v.initWorkspace()
    try v.ok("source", "add", VetRunner.example("wire-v1.txt"), "--id", "wire")
    let noted = try v.addClaim("The ferry operator kept no passenger manifest")
    try v.ok(
      "note", noted, "Checked the hospital list at the Halven infirmary: 12 names",
      "--evidence", "https://halven-general.example/patients-2026")
    let zurich = try v.addClaim("Café owners in Zürich counted 3 ferries 🚢")
    return (v, noted, zurich)
  }

  /// `vet search … --json`, decoded.
  func hits(_ v: VetRunner, _ arguments: String...) throws -> [[String: Any]] {
    let out = try v.ok(["search"] + arguments + ["--json"])
    return try #require(JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
  }

  @Test("a note's words find its claim, with the id, status and a snippet marking the match")
  func findsNotes() throws {
    let (v, noted, _) = try workspace()
    let found = try hits(v, "hospital", "list")
    #expect(found.map { $0["id"] as? String } == [noted])
    let snippet = try #require(found.first?["snippet"] as? String)
    #expect(snippet.contains("[hospital] [list]"), "\(snippet)")
    #expect(found.first?["status"] as? String == "unverified")
    // Evidence is searched too, word by word.
    #expect(try hits(v, "halven-general").map { $0["id"] as? String } == [noted])
    let text = try v.vet("search", "hospital", "list")
    #expect(text.succeeded)
    #expect(
      text.stdout.contains(String(noted.prefix(8))) && text.stdout.contains("[hospital] [list]"), "\(text.stdout)")
  }

  @Test("a match in the statement ranks above one in a note; other forms of a word match")
  func ranking() throws {
    let (v, noted, _) = try workspace()
    let stated = try v.addClaim("The infirmary in Port Halven treated a dozen survivors")
    let found = try hits(v, "infirmary")
    #expect(found.map { $0["id"] as? String }.prefix(2) == [stated, noted])
    let scores = found.compactMap { $0["score"] as? Double }
    #expect(scores == scores.sorted(by: >))
    // "drowned" in the wire report is found by "drowning".
    #expect(try !hits(v, "drowning").isEmpty)
    // -n caps the answer.
    #expect(try hits(v, "ferry", "-n", "2").count == 2)
    #expect(try hits(v, "ferry", "--all").count > 2)
  }

  @Test("no match, punctuation and search syntax are a clean answer, never an error")
  func hostileQueries() throws {
    let (v, _, _) = try workspace()
    let none = try v.vet("search", "zzyzx")
    #expect(none.succeeded && none.stdout.isEmpty && none.stderr.contains("no claims match"), "\(none.stderr)")
    #expect(try hits(v, "zzyzx").isEmpty)
    for query in [
      "\"", "\"\"", "'", "hospital\"", "(", ")", "*", "-", "^hospital", "hospital OR", "AND", "NOT list",
      "NEAR(hospital list)", "statement:ferry", "{statement}: ferry", "!!!", "—", "ferry's", "40%", "a\\b", "+",
      "hospital*", "\"hospital list", "\u{0}", "💥",
    ] {
      let result = try v.vet("search", query, "--json")
      #expect(result.succeeded, "\(query): \(result.stderr)")
      #expect(
        (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) is [Any], "\(query): \(result.stdout)")
    }
    // Operators are words like any other: NOT does not exclude.
    #expect(try hits(v, "NOT", "list").isEmpty)
    // A phrase in double quotes; a prefix with *.
    #expect(try hits(v, "\"hospital list\"").count == 1)
    #expect(try hits(v, "\"list hospital\"").isEmpty)
    #expect(try hits(v, "hospital", "lis*").count == 1)
    #expect(try hits(v, "hospital", "lis").isEmpty)
  }

  @Test("non-ASCII text is found, with or without its accents")
  func nonASCII() throws {
    let (v, _, zurich) = try workspace()
    for query in ["Zürich", "zurich", "ZÜRICH", "café", "cafe owners"] {
      #expect(try hits(v, query).map { $0["id"] as? String } == [zurich], "\(query)")
    }
    #expect(try hits(v, "🚢").isEmpty)
  }

  @Test("the filters of claim list narrow the search, and the index follows marks and hand edits")
  func filtersAndUpdates() throws {
    let (v, noted, _) = try workspace()
    #expect(try hits(v, "hospital", "--status", "confirmed").isEmpty)
    try v.ok("confirm", noted, "--note", "Manifest found at the harbour master's office")
    #expect(try hits(v, "hospital", "--status", "confirmed").map { $0["id"] as? String } == [noted])
    #expect(try hits(v, "harbour", "master").map { $0["id"] as? String } == [noted])
    // The wire report's hospital claims, not the hand-added one.
    let inWire = try hits(v, "hospital", "--source", "wire").compactMap { $0["id"] as? String }
    #expect(!inWire.isEmpty && !inWire.contains(noted))
    let bad = try v.vet("search", "hospital", "--status", "maybe")
    #expect(!bad.succeeded && bad.stderr.contains("not a status"))
    // A statement changed by hand and committed with git is searched as it is now.
    let path = v.workspace + "/claims/\(noted.prefix(2))/\(noted).md"
    let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
      of: "statement: The ferry operator kept no passenger manifest",
      with: "statement: The ferry operator kept no crew roster")
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    _ = try v.git("commit", "-qam", "Reword a claim by hand")
    #expect(try hits(v, "roster").map { $0["id"] as? String } == [noted])
    #expect(try hits(v, "manifest", "passenger").isEmpty)
  }
}
