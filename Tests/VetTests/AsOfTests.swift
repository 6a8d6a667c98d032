import Foundation
import TestSupport
import Testing

@Suite("--as-of on claim list, claim show and status: what the desk believed then, from git history")
struct AsOfTests {
  /// Runs vet with git's clock set to `time`, so each command's commit is made then.
  @discardableResult
  func at(_ v: VetRunner, _ time: String, _ arguments: String...) throws -> String {
    var environment = Shell.environment
    environment["GIT_AUTHOR_DATE"] = time
    environment["GIT_COMMITTER_DATE"] = time
    let result = try Shell.run(Binaries.vet, arguments, in: v.folder.path, environment: environment)
    #expect(result.succeeded, "vet \(arguments): \(result.stderr)")
    return result.stdout
  }

  /// A workspace made at 08:00 on 2026-11-20: claims A and B added at 09:00,
  /// A confirmed at 12:00, a note on B and claim C added at 15:00.
  func workspace() throws -> (v: VetRunner, a: String, b: String, c: String) {
    let v = VetRunner()
    let ws = v.workspace
    try at(v, "2026-11-20T08:00:00Z", "init", ws)
    func added(_ out: String) throws -> String {
      let object = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
      return try #require(object?["id"] as? String)
    }
    let a = try added(at(v, "2026-11-20T09:00:00Z", "-C", ws, "claim", "add", "Forty people drowned", "--json"))
    let b = try added(at(v, "2026-11-20T09:00:00Z", "-C", ws, "claim", "add", "The ferry was overloaded", "--json"))
    try at(v, "2026-11-20T12:00:00Z", "-C", ws, "confirm", a, "--note", "Port authority list")
    try at(v, "2026-11-20T15:00:00Z", "-C", ws, "note", b, "Radio Halven retracted")
    let c = try added(at(v, "2026-11-20T15:00:00Z", "-C", ws, "claim", "add", "Rescuers saved 212", "--json"))
    return (v, a, b, c)
  }

  /// `vet claim list --json` with `arguments`: each claim's id and status.
  func listed(_ v: VetRunner, _ arguments: String...) throws -> [String: String] {
    let out = try v.ok(["claim", "list", "--json"] + arguments)
    let objects = try #require(JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
    return Dictionary(
      uniqueKeysWithValues: objects.map { ($0["id"] as? String ?? "", $0["status"] as? String ?? "") })
  }

  func counts(_ v: VetRunner, _ arguments: String...) throws -> [String: Int] {
    let out = try v.ok(["status", "--json"] + arguments)
    let object = try #require(JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
    let counts = object["counts"] as? [[String: Any]] ?? []
    return Dictionary(
      uniqueKeysWithValues: counts.map { ($0["status"] as? String ?? "", $0["count"] as? Int ?? -1) }
    ).filter { $0.value != 0 }
  }

  @Test("before the first commit: a clear message, a non-zero exit, nothing changed")
  func beforeFirstCommit() throws {
    let (v, a, _, _) = try workspace()
    let before = try v.state()
    for arguments in [
      ["claim", "list", "--as-of", "2026-11-19"], ["claim", "show", a, "--as-of", "2026-11-20T07:59:59Z"],
      ["status", "--as-of", "2026-01-01T00:00:00Z"],
    ] {
      let result = try v.vet(arguments)
      #expect(!result.succeeded, "\(arguments)")
      #expect(result.stderr.contains("before this workspace's first commit (2026-11-20T08:00:00Z)"), "\(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1)
    }
    let nonsense = try v.vet("claim", "list", "--as-of", "the day before the storm")
    #expect(!nonsense.succeeded && nonsense.stderr.contains("neither a date"), "\(nonsense.stderr)")
    #expect(try v.state() == before)
  }

  @Test("between commits, each answer is the one of the last commit made by then")
  func betweenCommits() throws {
    let (v, a, b, c) = try workspace()
    // At the first commit: the workspace was there, with no claims.
    #expect(try listed(v, "--as-of", "2026-11-20T08:30:00Z").isEmpty)
    #expect(try counts(v, "--as-of", "2026-11-20T08:30:00Z").isEmpty)
    let morning = [a: "unverified", b: "unverified"]
    #expect(try listed(v, "--as-of", "2026-11-20T10:00:00Z") == morning)
    // git's own forms of a date.
    #expect(try listed(v, "--as-of", "2026-11-20 10:00 +0000") == morning)
    #expect(try listed(v, "--as-of", "@\(1_795_168_800)") == morning)  // 2026-11-20T10:00:00Z
    #expect(try counts(v, "--as-of", "2026-11-20T10:00:00Z") == ["unverified": 2])
    #expect(try listed(v, "--as-of", "2026-11-20T13:00:00Z") == [a: "confirmed", b: "unverified"])
    #expect(try counts(v, "--as-of", "2026-11-20T13:00:00Z") == ["unverified": 1, "confirmed": 1])
    // The filters apply to the claims as they were.
    #expect(try listed(v, "--status", "confirmed", "--as-of", "2026-11-20T10:00:00Z").isEmpty)
    #expect(try listed(v, "--status", "confirmed", "--as-of", "2026-11-20T13:00:00Z") == [a: "confirmed"])
    #expect(try listed(v, "--grep", "rescuers", "--as-of", "2026-11-20T13:00:00Z").isEmpty)

    // claim show: the claim and its log as they were, each entry with the commit that recorded it.
    let shown = try v.ok("claim", "show", a, "--json", "--as-of", "2026-11-20T10:00:00Z")
    let object = try #require(JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
    #expect(object["status"] as? String == "unverified")
    let log = try #require(object["log"] as? [[String: Any]])
    #expect(log.map { $0["action"] as? String } == ["created"])
    #expect(log.first?["commit"] as? String == (try v.git("rev-parse", "HEAD~4")))
    let text = try v.ok("claim", "show", String(b.prefix(6)), "--as-of", "2026-11-20T13:00:00Z")
    #expect(!text.contains("Radio Halven retracted"))
    // A claim not yet recorded then is not found.
    let missing = try v.vet("claim", "show", c, "--as-of", "2026-11-20T13:00:00Z")
    #expect(!missing.succeeded && missing.stderr.contains("no claim matches"), "\(missing.stderr)")
    // The human status says which moment it is about.
    let status = try v.ok("status", "--as-of", "2026-11-20T13:00:00Z")
    #expect(status.contains("As of ") && status.contains("2 claims in 0 sources"), "\(status)")
  }

  @Test("after the last commit, the answer is today's")
  func afterLastCommit() throws {
    let (v, _, b, _) = try workspace()
    for arguments in [["claim", "list", "--json"], ["status", "--json"], ["claim", "show", b, "--json"]] {
      let now = try v.ok(arguments)
      #expect(try v.ok(arguments + ["--as-of", "2027-01-01"]) == now, "\(arguments)")
      #expect(try v.ok(arguments + ["--as-of", "HEAD"]) == now, "\(arguments)")
    }
    #expect(try listed(v, "--as-of", "now").count == 3)
  }

  @Test("with a revision, the answer is that commit's, checked against the files git has there")
  func revisions() throws {
    let (v, a, b, _) = try workspace()
    #expect(try listed(v, "--as-of", "HEAD~1") == [a: "confirmed", b: "unverified"])
    #expect(try listed(v, "--as-of", "HEAD~2") == [a: "confirmed", b: "unverified"])
    #expect(try listed(v, "--as-of", "HEAD~3") == [a: "unverified", b: "unverified"])
    // Every commit of the history: the ids and statuses git's files hold there.
    let commits = try v.git("rev-list", "HEAD").split(separator: "\n").map(String.init)
    for commit in commits {
      var expected: [String: String] = [:]
      let paths = try v.git("ls-tree", "-r", "--name-only", commit, "--", "claims").split(separator: "\n")
      for path in paths {
        let file = try v.git("show", "\(commit):\(path)")
        let status = file.split(separator: "\n").first { $0.hasPrefix("status: ") }?.dropFirst("status: ".count)
        expected[String(path.split(separator: "/").last?.dropLast(3) ?? "")] = status.map(String.init)
      }
      #expect(try listed(v, "--as-of", commit) == expected, "\(commit)")
      #expect(try listed(v, "--as-of", String(commit.prefix(8))) == expected)
    }
    // A date as `git log` prints it, in its default and RFC 2822 forms.
    for format in ["--format=%cd", "--format=%cD"] {
      let printed = try v.git("log", "-1", format, "HEAD~3")
      #expect(try listed(v, "--as-of", printed) == [a: "unverified", b: "unverified"], "\(printed)")
    }
    let tagged = try v.git("tag", "morning", "HEAD~3")
    #expect(tagged.isEmpty)
    #expect(try listed(v, "--as-of", "morning") == [a: "unverified", b: "unverified"])
  }
}
