import Foundation
import TestSupport
import Testing

@Suite("The vet command line, end to end")
struct CommandLineTests {
  @Test("the walkthrough runs the ferry case end to end and the git CLI agrees with the result")
  func walkthrough() throws {
    let dir = TemporaryDirectory("walkthrough")
    let ws = dir.file("demo")
    // A relative workspace path, as Scripts/demo.sh passes it.
    let result = try Shell.run(
      "/bin/bash", [Binaries.packageRoot + "/Examples/walkthrough.sh", Binaries.vet, "demo"], in: dir.path)
    #expect(result.succeeded, "walkthrough failed: \(result.stderr)\n\(result.stdout.suffix(2000))")
    #expect(try Shell.git(["fsck", "--strict"], in: ws).succeeded)
    #expect(try Shell.gitOutput(["status", "--porcelain"], in: ws).isEmpty)
    #expect(FileManager.default.fileExists(atPath: ws + "-diff.html"))
    // The wire report came from a web page: its article was stored, the page kept beside it.
    #expect(FileManager.default.fileExists(atPath: ws + "/sources/wire/v1.html"))
    let wire = try String(contentsOfFile: ws + "/sources/wire/source.yml", encoding: .utf8)
    #expect(wire.contains("url: http://127.0.0.1:") && wire.contains("published: 2026-11-20T09:00:00Z"), "\(wire)")
    let log = try Shell.gitOutput(["log", "--format=%an|%(trailers:key=Vet-Action,valueonly)"], in: ws).split(
      separator: "\n")
    #expect(log.allSatisfy { $0.hasPrefix("Ada Analyst|") })
    #expect(
      Set(log.map { $0.split(separator: "|").last.map(String.init) ?? "" }).isSuperset(of: [
        "init", "source-add", "source-update", "mark", "note",
      ]))
  }

  @Test("a plain git clone of a workspace works with vet, and vet reads a claim committed by hand")
  func gitCloneInterop() throws {
    let v = VetRunner()
    try v.initWorkspace()
    let id = try v.addClaim("The bridge reopened on Monday")
    let clone = v.folder.file("clone")
    #expect(try Shell.git(["clone", "-q", v.workspace, clone], in: v.folder.path).succeeded)
    let shown = try v.vet(["claim", "show", String(id.prefix(6)), "--json"], in: clone)
    #expect(shown.succeeded, "\(shown.stderr)")
    #expect(shown.stdout.contains("The bridge reopened on Monday"))
    let marked = try v.vet(["mark", id, "disputed", "--note", "City says Tuesday"], in: clone)
    #expect(marked.succeeded, "\(marked.stderr)")
    #expect(try Shell.gitOutput(["status", "--porcelain"], in: clone).isEmpty)
    // Edit by hand in the clone and commit with git: vet reads it back.
    let path = clone + "/claims/\(id.prefix(2))/\(id).md"
    let text = try String(contentsOfFile: path, encoding: .utf8)
    try text.replacingOccurrences(of: "The bridge reopened on Monday", with: "The bridge reopened on Tuesday")
      .write(toFile: path, atomically: true, encoding: .utf8)
    _ = try Shell.gitOutput(["commit", "-qam", "Correct the day"], in: clone)
    let list = try v.vet(["claim", "list", "--grep", "tuesday"], in: clone)
    #expect(list.stdout.contains(String(id.prefix(8))))
    let log = try v.vet(["log", id, "--json"], in: clone)
    #expect(log.stdout.contains("\"action\" : \"edit\""))
  }

  @Test("commits carry the local time zone's offset, as git's do, and subjects fold to one line")
  func localOffsetAndSubjects() throws {
    let v = VetRunner()
    try v.initWorkspace()
    let id = try v.addClaim("Two  ferries\tcollided   near the harbour")
    // Kathmandu is 5:45 ahead all year; St John's is 3:30 behind in winter (2:30 in summer).
    for (zone, offsets) in [
      ("Asia/Kathmandu", ["+0545"]), ("America/St_Johns", ["-0330", "-0230"]), ("UTC", ["+0000"]),
    ] {
      var environment = Shell.environment
      environment["TZ"] = zone
      let result = try v.vet(["note", id, "zone \(zone)"], environment: environment)
      #expect(result.succeeded, "\(result.stderr)")
      let date = try v.git("log", "-1", "--format=%ai|%ci")
      let expected = offsets.contains { date.hasSuffix(" " + $0) && date.contains(" \($0)|") }
      #expect(expected, "\(zone): \(date)")
    }
    // Control characters and runs of spaces fold to single spaces in a subject.
    #expect(try v.git("log", "--format=%s", "--reverse").contains("Two ferries collided near the harbour"))
  }

  @Test("-C works before and after the verb; outside a workspace the message says so")
  func workspaceOption() throws {
    let v = VetRunner()
    try v.initWorkspace()
    let before = try v.vet(["-C", v.workspace, "status"], in: v.folder.path)
    #expect(before.succeeded, "\(before.stderr)")
    let after = try v.vet(["status", "-C", v.workspace], in: v.folder.path)
    #expect(after.stdout == before.stdout)
    let outside = try v.vet(["status"], in: v.folder.path)
    #expect(outside.status != 0)
    #expect(outside.stderr.contains("not a vet workspace"))
    #expect(outside.stderr.split(separator: "\n").count == 1)
  }

  @Test("every command has --help with an example, and completions are generated")
  func helpAndCompletions() throws {
    let v = VetRunner()
    for command in [
      ["init"], ["source", "add"], ["source", "update"], ["source", "list"], ["source", "show"], ["claim", "add"],
      ["claim", "list"], ["claim", "show"], ["mark"], ["confirm"], ["unverify"], ["note"], ["log"], ["status"],
    ] {
      let help = try v.vet(command + ["--help"], in: v.folder.path)
      #expect(help.succeeded)
      #expect(help.stdout.contains("Example"), "no example in help of \(command)")
    }
    let bash = try v.vet(["--generate-completion-script", "bash"], in: v.folder.path)
    #expect(bash.stdout.contains("complete"))
  }

  @Test("bad input gets one clear line on stderr, a non-zero exit, and no change to the workspace")
  func badInput() throws {
    let v = VetRunner()
    try v.initWorkspace()
    let id = try v.addClaim("A ferry sank")
    _ = try v.addClaim("A second claim")
    _ = try v.addClaim("A third claim")
    let empty = try v.folder.write("empty.txt", "")
    let binary = try v.folder.write("photo.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x1A])
    let latin1 = try v.folder.write("latin1.txt", Array("Caf".utf8) + [0xE9, 0x0A])
    let big = v.folder.file("big.txt")
    FileManager.default.createFile(atPath: big, contents: Data(repeating: UInt8(ascii: "x"), count: 50 * 1024 * 1024))
    let cases: [([String], String)] = [
      (["claim", "show", "ffffffffffff"], "no claim matches"),
      (["claim", "show", "zz!"], "not a claim id"),
      (["mark", id, "maybe"], "unverified, confirmed, disputed, false, unverifiable"),
      (["source", "add", empty], "empty"),
      (["source", "add", binary], "binary"),
      (["source", "add", latin1], "UTF-8"),
      (["source", "add", big], "limit"),
      (["source", "add", VetRunner.example("wire-v1.txt"), "--id", "../etc"], "'/'"),
      (["source", "add", VetRunner.example("wire-v1.txt"), "--id", "a\u{1B}[2J"], "control characters"),
      (["source", "add", VetRunner.example("wire-v1.txt"), "--reliability", "Z"], "A–F"),
      (["source", "add", VetRunner.example("wire-v1.txt"), "--published", "yesterday"], "ISO 8601"),
      (["source", "add", v.folder.file("missing.txt")], "no such file"),
      (["note", id, "  "], "empty"),
      (["source", "show", "nothing"], "no source"),
    ]
    let before = try v.state()
    for (arguments, expected) in cases {
      let result = try v.vet(arguments)
      #expect(result.status != 0, "\(arguments) succeeded")
      #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
      #expect(!result.stderr.contains("\u{1B}"), "raw escape on stderr for \(arguments)")
      #expect(try v.state() == before, "\(arguments) changed the workspace")
    }
    #expect(try v.git("status", "--porcelain").isEmpty)
  }

  @Test("an ambiguous prefix lists the matches")
  func ambiguous() throws {
    let v = VetRunner()
    try v.initWorkspace()
    var ids: [String] = []
    for i in 0..<40 { ids.append(try v.addClaim("claim \(i)")) }
    let shared = try #require(Dictionary(grouping: ids, by: { $0.prefix(1) }).first { $0.value.count > 1 })
    let result = try v.vet("claim", "show", String(shared.key))
    #expect(result.status != 0)
    #expect(result.stderr.contains("ambiguous"))
    for match in shared.value { #expect(result.stderr.contains(match)) }
  }

  @Test("an uncommitted hand edit is refused by name and kept")
  func handEdit() throws {
    let v = VetRunner()
    try v.initWorkspace()
    let id = try v.addClaim("A claim")
    let path = "claims/\(id.prefix(2))/\(id).md"
    let full = v.workspace + "/" + path
    try (try String(contentsOfFile: full, encoding: .utf8) + "draft\n").write(
      toFile: full, atomically: true, encoding: .utf8)
    let before = try v.state()
    let result = try v.vet("confirm", id)
    #expect(result.status != 0)
    #expect(result.stderr.contains(path))
    #expect(try v.state() == before)
    #expect(try String(contentsOfFile: full, encoding: .utf8).hasSuffix("draft\n"))
  }

  @Test("escape sequences in an article are stored faithfully and shown escaped")
  func escapeSequences() throws {
    let v = VetRunner()
    try v.initWorkspace()
    let article = try v.folder.write(
      "evil.txt",
      "Evil \u{1B}]0;pwned\u{07}headline\n\nPolice said \u{1B}[31m12\u{1B}[0m people were hurt in Halven on Friday.\n")
    let add = try v.vet("source", "add", article, "--id", "evil")
    #expect(add.succeeded, "\(add.stderr)")
    for arguments in [["source", "show", "evil"], ["claim", "list"], ["source", "list"]] {
      let out = try v.vet(arguments)
      #expect(!out.stdout.contains("\u{1B}"), "\(arguments) passed ESC to the terminal")
      #expect(!out.stdout.contains("\u{07}"))
    }
    #expect(try v.vet("source", "show", "evil").stdout.contains("\\e[31m12"))
    let stored = try Data(contentsOf: URL(fileURLWithPath: v.workspace + "/sources/evil/v1.txt"))
    #expect(stored == (try Data(contentsOf: URL(fileURLWithPath: article))))
    let json = try v.vet("source", "show", "evil", "--json")
    #expect(json.stdout.contains("\\u001b[31m12"))
    #expect(!json.stdout.contains("\u{1B}"))
  }

  @Test("a status hand-edited to hold escape sequences is shown escaped wherever a status is shown")
  func escapedStatus() throws {
    let v = VetRunner()
    try v.initWorkspace()
    let id = try v.addClaim("The ferry left at noon")
    let path = try v.git("ls-tree", "-r", "--name-only", "HEAD", "claims")
    let file = v.workspace + "/" + path
    let text = try String(contentsOfFile: file, encoding: .utf8)
    try text.replacingOccurrences(of: "status: unverified", with: "status: \"\\e]0;pwned\\a\\e[31mfake\"")
      .write(toFile: file, atomically: true, encoding: .utf8)
    _ = try v.git("commit", "-qam", "hand edit")
    for arguments in [["claim", "list"], ["claim", "show", id], ["log", id], ["status"]] {
      let out = try v.vet(arguments)
      #expect(!out.stdout.contains("\u{1B}") && !out.stdout.contains("\u{07}"), "\(arguments): \(out.stdout)")
    }
    #expect(try v.vet("claim", "list").stdout.contains("\\e[31mfake"))
  }

  @Test("JSON output carries the keys scripts rely on")
  func jsonContract() throws {
    let v = VetRunner()
    try v.initWorkspace()
    try v.ok("source", "add", VetRunner.example("wire-v1.txt"), "--id", "wire")
    let list =
      try JSONSerialization.jsonObject(with: Data(try v.ok("claim", "list", "--json").utf8)) as? [[String: Any]]
    let first = try #require(list?.first)
    for key in ["id", "statement", "status", "tags", "appearances"] { #expect(first[key] != nil, "missing \(key)") }
    let appearance = try #require((first["appearances"] as? [[String: Any]])?.first)
    for key in ["source", "version", "quote", "hedges", "quantities"] {
      #expect(appearance[key] != nil, "missing \(key)")
    }
    let id = try #require(first["id"] as? String)
    try v.ok("mark", id, "confirmed", "--note", "checked", "--evidence", "https://example.org/x")
    let show = try v.shownClaim(id)
    let log = try #require(show?["log"] as? [[String: Any]])
    #expect(log.map { $0["action"] as? String } == ["created", "status"])
    let history = try JSONSerialization.jsonObject(with: Data(try v.ok("log", id, "--json").utf8)) as? [[String: Any]]
    let last = try #require(history?.last)
    for key in ["commit", "author", "date", "action", "status", "note", "evidence"] {
      #expect(last[key] != nil, "missing \(key)")
    }
    #expect((last["date"] as? String)?.hasSuffix("Z") == true)
    #expect(last["commit"] as? String == (try v.git("rev-parse", "HEAD")))
    let status = try JSONSerialization.jsonObject(with: Data(try v.ok("status", "--json").utf8)) as? [String: Any]
    #expect(status?["counts"] != nil)
  }
}

@Suite("The claim index, seen from the command line")
struct ClaimIndexCommandLineTests {
  @Test("a garbage index is reported on stderr, rebuilt, and the listing is still right")
  func garbageIndex() throws {
    let v = VetRunner()
    try v.initWorkspace()
    let id = try v.addClaim("The harbour was closed")
    try v.ok("confirm", id)
    let before = try v.ok("claim", "list", "--json")
    let file = v.workspace + "/.git/vet/index.sqlite"
    for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
    try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: file))
    let result = try v.vet("claim", "list", "--json")
    #expect(result.succeeded)
    #expect(result.stdout == before)
    #expect(result.stderr.contains("rebuilding"))
  }
}

@Suite("Matching an article against thousands of claims")
struct IngestAtScaleTests {
  @Test("an article restating 300 of 3,000 claims word for word links each sentence to its own claim")
  func restatesItsOwnClaims() throws {
    let dir = TemporaryDirectory("ingest-at-scale")
    let ws = try Binaries.generateWorkspace(in: dir, claims: 3000, commits: 20, sources: 10)
    let listed = try Shell.run(Binaries.vet, ["claim", "list", "--json"], in: ws).stdout
    let claims = try #require(try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]])
    // Every ninth claim: enough that the claim index records hundreds of changed claims in one write.
    let chosen = stride(from: 0, to: claims.count, by: 9).prefix(300).map { claims[$0] }
    let statements = chosen.compactMap { $0["statement"] as? String }
    try #require(statements.count == 300 && Set(statements).count == 300)
    try statements.joined(separator: " ").write(toFile: dir.file("probe.txt"), atomically: true, encoding: .utf8)
    let added = try Shell.run(
      Binaries.vet, ["source", "add", dir.file("probe.txt"), "--id", "probe", "--json"], in: ws)
    #expect(added.succeeded, "\(added.stderr)")
    let result = try #require(try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any])
    #expect((result["created"] as? [Any])?.count == 0)
    #expect((result["linked"] as? [Any])?.count == 300)
    let source = result["source"] as? [String: Any]
    let version = (source?["versions"] as? [[String: Any]])?.first
    let linked = version?["claims"] as? [String] ?? []
    let expected = chosen.compactMap { $0["id"] as? String }
    let wrong = zip(linked, expected).filter { $0 != $1 }.count
    #expect(
      linked.count == expected.count && wrong == 0, "\(wrong) of \(linked.count) sentences linked to another claim")
  }
}
