import Foundation
import TestSupport
import Testing

@Suite("vet export and vet import: ClaimReview, CSV, and a lossless JSON Lines round trip")
struct ExportTests {
  /// A workspace with the wire report (with its URL), a confirmed claim with a note and a file as
  /// evidence, a false one, and a hand-added claim that looks like a spreadsheet formula.
  func workspace() throws -> (v: VetRunner, confirmed: String, refuted: String, formula: String) {
    let v = VetRunner()
    try v.initWorkspace()
    try v.ok(
      "source", "add", VetRunner.example("wire-v1.txt"), "--id", "wire", "--outlet", "Meridian Wire",
      "--url", "https://meridian.example/ferry", "--published", "2026-11-20T09:00:00Z")
    let ids = try v.ok("claim", "list", "-q").split(separator: "\n").map(String.init)
    let evidence = v.folder.file("statement.txt")
    try "Coast guard statement: 212 rescued.\n".write(toFile: evidence, atomically: true, encoding: .utf8)
    try v.ok("confirm", ids[2], "--note", "Coast guard statement lists 212 rescued", "--evidence", evidence)
    try v.ok("mark", ids[0], "false", "--note", "The ministry says \"no deaths\", not 40")
    let formula = try v.addClaim("=HYPERLINK(\"https://evil.example\",\"click\")")
    try v.ok("mark", formula, "disputed")
    return (v, ids[2], ids[0], formula)
  }

  func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

  /// Python's json module: a real JSON parser other than Foundation's.
  func pythonParses(_ text: String, in v: VetRunner) throws -> Bool {
    let result = try Shell.run(
      "/usr/bin/env", ["python3", "-c", "import json,sys; json.load(sys.stdin)"], in: v.folder.path,
      input: Array(text.utf8))
    return result.succeeded
  }

  @Test("ClaimReview needs a publication URL, and names both ways to give one")
  func claimReviewNeedsURL() throws {
    let (v, _, _, _) = try workspace()
    let before = try v.state()
    let refused = try v.vet("export", "--format", "claimreview")
    #expect(!refused.succeeded && refused.stdout.isEmpty)
    #expect(refused.stderr.contains("publication-url:") && refused.stderr.contains("--publication-url"))
    #expect(try v.state() == before)
  }

  @Test("ClaimReview has Google's required and recommended properties, and parses as JSON")
  func claimReview() throws {
    let (v, confirmed, refuted, formula) = try workspace()
    let out = try v.ok("export", "--format", "claimreview", "--publication-url", "https://desk.example/checks/")
    #expect(try pythonParses(out, in: v))
    let reviews = try #require(try json(out) as? [[String: Any]])
    // Only claims with a verdict: the unverified ones are left out.
    #expect(Set(reviews.compactMap { $0["identifier"] as? String }) == [confirmed, refuted, formula])
    for review in reviews {
      #expect(review["@context"] as? String == "https://schema.org")
      #expect(review["@type"] as? String == "ClaimReview")
      #expect(!(review["claimReviewed"] as? String ?? "").isEmpty)
      let id = review["identifier"] as? String ?? ""
      #expect(review["url"] as? String == "https://desk.example/checks/" + id)
      let rating = try #require(review["reviewRating"] as? [String: Any])
      #expect(rating["@type"] as? String == "Rating" && rating["alternateName"] is String)
      let author = review["author"] as? [String: Any]
      #expect(author?["name"] as? String == "Test Analyst" || author?["name"] is String)
      #expect((review["datePublished"] as? String)?.hasSuffix("Z") == true)
      let item = try #require(review["itemReviewed"] as? [String: Any])
      #expect(item["@type"] as? String == "Claim")
      if id != formula {
        let appearances = try #require(item["appearance"] as? [[String: Any]])
        #expect(appearances.map { $0["url"] as? String } == ["https://meridian.example/ferry"])
        #expect((item["firstAppearance"] as? [String: Any])?["url"] as? String == "https://meridian.example/ferry")
      }
    }
    let byID = Dictionary(uniqueKeysWithValues: reviews.map { ($0["identifier"] as? String ?? "", $0) })
    let verdict = { (id: String) in (byID[id]?["reviewRating"] as? [String: Any])?["alternateName"] as? String }
    #expect(verdict(confirmed) == "Confirmed" && verdict(refuted) == "False" && verdict(formula) == "Disputed")
    // The speaker the wire attributes the claim to.
    let refutedItem = byID[refuted]?["itemReviewed"] as? [String: Any]
    #expect((refutedItem?["author"] as? [String: Any])?["name"] as? String == "two port officials")

    // The config's publication URL and its own rating names.
    let config = v.workspace + "/.vet/config.yml"
    var text = try String(contentsOfFile: config, encoding: .utf8)
    text += "publication-url: https://desk.example/c\nratings:\n- status: false\n  name: Pants on fire\n  value: 1\n"
    try text.write(toFile: config, atomically: true, encoding: .utf8)
    _ = try v.git("commit", "-qam", "Publish checks")
    let configured = try #require(try json(try v.ok("export", "--format", "claimreview")) as? [[String: Any]])
    let refutedReview = try #require(configured.first { $0["identifier"] as? String == refuted })
    #expect(refutedReview["url"] as? String == "https://desk.example/c/" + refuted)
    #expect((refutedReview["reviewRating"] as? [String: Any])?["alternateName"] as? String == "Pants on fire")
  }

  @Test("CSV: Python's csv module reads the documented header, UTC times, and a formula defused")
  func csv() throws {
    let (v, confirmed, _, formula) = try workspace()
    let out = try v.ok("export", "--format", "csv")
    let script = """
      import csv, json, sys
      rows = list(csv.reader(sys.stdin))
      print(json.dumps(rows))
      """
    let parsed = try Shell.run(
      "/usr/bin/env", ["python3", "-c", script], in: v.folder.path, input: Array(out.utf8))
    #expect(parsed.succeeded, "\(parsed.stderr)")
    let rows = try #require(try json(parsed.stdout) as? [[String]])
    #expect(
      rows.first == [
        "id", "statement", "status", "credibility", "tags", "sources", "attributions", "created", "created_by",
        "updated", "status_set", "status_set_by", "notes", "evidence", "needs_review", "review",
      ])
    let claims = try v.ok("claim", "list", "-q").split(separator: "\n")
    #expect(rows.count == claims.count + 1)
    let row = try #require(rows.first { $0.first == formula })
    #expect(row[1] == "'=HYPERLINK(\"https://evil.example\",\"click\")")
    let confirmedRow = try #require(rows.first { $0.first == confirmed })
    #expect(confirmedRow[2] == "confirmed" && confirmedRow[5] == "wire@1")
    #expect(confirmedRow[12] == "Coast guard statement lists 212 rescued")
    #expect(confirmedRow[13].hasPrefix("evidence/"))
    for time in [confirmedRow[7], confirmedRow[9], confirmedRow[10]] {
      #expect(time.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"#, options: .regularExpression) != nil, "\(time)")
    }
    // The filters of claim list.
    let confirmedOnly = try v.ok("export", "--format", "csv", "--status", "confirmed")
    #expect(confirmedOnly.split(separator: "\r\n").count == 2)
  }

  /// The files of claims, sources and evidence at HEAD, with their blob ids.
  func files(_ path: String) throws -> String {
    try Shell.gitOutput(["ls-tree", "-r", "HEAD", "--", "claims", "sources", "evidence", ".vet"], in: path)
  }

  /// Exports `v`'s workspace as JSON Lines to `name` in its folder, and the file's path.
  func exported(_ v: VetRunner, _ name: String) throws -> String {
    let file = v.folder.file(name)
    try v.ok("export", "--format", "jsonl").write(toFile: file, atomically: true, encoding: .utf8)
    return file
  }

  /// Makes a new workspace `copy` beside `v`'s and imports `file` into it; returns its path and the import's JSON.
  func importedCopy(_ v: VetRunner, _ file: String) throws -> (path: String, result: ProcessResult) {
    let copy = v.folder.file("copy")
    #expect(try Shell.run(Binaries.vet, ["init", copy], in: v.folder.path).succeeded)
    let result = try Shell.run(Binaries.vet, ["-C", copy, "import", file, "--json"], in: v.folder.path)
    #expect(result.succeeded, "\(result.stderr)")
    return (copy, result)
  }

  @Test("export → import into an empty workspace gives the same files, claims, logs and ids")
  func roundTrip() throws {
    let (v, confirmed, _, _) = try workspace()
    let exported = try exported(v, "case.jsonl")
    let (copy, _) = try importedCopy(v, exported)
    #expect(try files(copy) == (try files(v.workspace)))
    let listed = { (path: String) in try Shell.run(Binaries.vet, ["-C", path, "claim", "list", "--json"]).stdout }
    #expect(try listed(copy) == (try listed(v.workspace)))
    let log = try Shell.run(Binaries.vet, ["-C", copy, "log", confirmed, "--json"]).stdout
    let entries = try #require(try json(log) as? [[String: Any]])
    #expect(entries.map { $0["action"] as? String } == ["created", "status"])
    #expect(entries.allSatisfy { $0["commit"] is String })
    #expect(try Shell.git(["fsck", "--strict"], in: copy).succeeded)
    #expect(try Shell.gitOutput(["status", "--porcelain"], in: copy).isEmpty)
    // Importing the same file again changes nothing.
    let again = try Shell.run(Binaries.vet, ["-C", copy, "import", exported], in: v.folder.path)
    #expect(again.succeeded && again.stdout.contains("0 claims added, 0 merged"), "\(again.stdout)")
  }

  @Test("import into a workspace that has the claims merges as vet pull does: notes united, conflicts flagged")
  func mergesIntoExisting() throws {
    let (v, confirmed, refuted, _) = try workspace()
    let (copy, _) = try importedCopy(v, try exported(v, "first.jsonl"))
    // Both sides work on: a note here, a note and a different status there.
    try v.ok("note", confirmed, "Second source: harbour master")
    try v.ok("mark", refuted, "disputed")
    #expect(try Shell.run(Binaries.vet, ["-C", copy, "note", confirmed, "Hospital list checked"]).succeeded)
    #expect(try Shell.run(Binaries.vet, ["-C", copy, "mark", refuted, "unverifiable"]).succeeded)
    let second = try exported(v, "second.jsonl")
    let imported = try Shell.run(Binaries.vet, ["-C", copy, "import", second, "--json"], in: v.folder.path)
    #expect(imported.succeeded, "\(imported.stderr)")
    let result = try #require(try json(imported.stdout) as? [String: Any])
    #expect(Set(result["merged"] as? [String] ?? []) == [confirmed, refuted])
    let shown = try Shell.run(Binaries.vet, ["-C", copy, "claim", "show", confirmed, "--json"]).stdout
    let notes = ((try json(shown) as? [String: Any])?["log"] as? [[String: Any]] ?? []).compactMap {
      $0["note"] as? String
    }
    #expect(notes.contains("Second source: harbour master") && notes.contains("Hospital list checked"))
    let status = try Shell.run(Binaries.vet, ["-C", copy, "status", "--json"]).stdout
    let review = (try json(status) as? [String: Any])?["needsReview"] as? [[String: Any]] ?? []
    #expect(review.contains { $0["id"] as? String == refuted })
    #expect(try Shell.git(["fsck", "--strict"], in: copy).succeeded)
    #expect(try Shell.gitOutput(["status", "--porcelain"], in: copy).isEmpty)
  }

  @Test("a truncated or malformed line is refused with its line number, and nothing is written")
  func badInput() throws {
    let (v, _, _, _) = try workspace()
    let text = try v.ok("export", "--format", "jsonl")
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    let copy = v.folder.file("copy")
    _ = try Shell.run(Binaries.vet, ["init", copy], in: v.folder.path)
    let before = try Shell.gitOutput(["rev-parse", "HEAD"], in: copy)
    let cases: [(String, String, String)] = [
      ("cut", (lines.dropLast() + [String(lines.last?.prefix(40) ?? "")]).joined(separator: "\n"), ":\(lines.count):"),
      ("garbled", (lines.prefix(2) + ["{not json"] + lines.dropFirst(3)).joined(separator: "\n") + "\n", ":3:"),
      ("dropped", lines.dropLast().joined(separator: "\n") + "\n", ":\(lines.count - 1):"),
      (
        "bad claim",
        lines.map {
          $0.contains(#""type":"claim""#) ? $0.replacingOccurrences(of: "status: ", with: "status:\\n  - ") : $0
        }.joined(separator: "\n") + "\n", "case.jsonl:"
      ),
      ("empty", "", ":1:"),
    ]
    for (name, body, expected) in cases {
      let file = v.folder.file("case.jsonl")
      try body.write(toFile: file, atomically: true, encoding: .utf8)
      let result = try Shell.run(Binaries.vet, ["-C", copy, "import", file], in: v.folder.path)
      #expect(!result.succeeded, "\(name)")
      #expect(result.stderr.contains("case.jsonl") && result.stderr.contains(expected), "\(name): \(result.stderr)")
      #expect(try Shell.gitOutput(["rev-parse", "HEAD"], in: copy) == before, "\(name)")
      #expect(try Shell.gitOutput(["status", "--porcelain"], in: copy).isEmpty, "\(name)")
    }
  }
}
