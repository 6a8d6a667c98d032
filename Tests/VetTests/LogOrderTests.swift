import Foundation
import TestSupport
import Testing

@Suite("vet log of the workspace: newest first, a commit always before its parents")
struct LogOrderTests {
  @Test("commits made in the same second are listed newest first, as git log --topo-order does")
  func sameSecond() throws {
    let folder = TemporaryDirectory("vet-log-order")
    var desk = Desk(folder.file("ws"))
    for role in ["AUTHOR", "COMMITTER"] { desk.environment["GIT_\(role)_DATE"] = "2026-12-07T10:00:00Z" }
    try desk.vet(["init", desk.path], in: folder.path)
    let first = try desk.addClaim("The ferry sank at 03:40 on Friday")
    let second = try desk.addClaim("Rescuers pulled 212 people from the water")
    try desk.ok("note", first, "Harbour log checked")
    try desk.ok("confirm", second)
    let expected = try desk.git("log", "--topo-order", "--format=%H").split(separator: "\n").map(String.init)
    #expect(expected.count == 5)
    let out = try desk.ok("log", "-n", "3", "--json")
    let entries = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]] ?? []
    #expect(entries.compactMap { $0["commit"] as? String } == Array(expected.prefix(3)))
    let all = try JSONSerialization.jsonObject(with: Data(try desk.ok("log", "--json").utf8)) as? [[String: Any]] ?? []
    #expect(all.compactMap { $0["commit"] as? String } == expected)
    #expect((all.last?["subject"] as? String)?.hasPrefix("Create") == true, "\(all.last ?? [:])")
  }
}

@Suite("vet log of a claim: every entry keeps its commit")
struct LogCommitLinkTests {
  func history(_ desk: Desk, _ id: String) throws -> [[String: Any]] {
    try JSONSerialization.jsonObject(with: Data(try desk.ok("log", id, "--json").utf8)) as? [[String: Any]] ?? []
  }

  @Test("a note with a line of dashes keeps its commit, and git reads the commit's trailers")
  func dashesInNote() throws {
    let folder = TemporaryDirectory("vet-log-dashes")
    let desk = Desk(folder.file("ws"))
    try desk.vet(["init", desk.path], in: folder.path)
    let id = try desk.addClaim("The ferry sank at 03:40 on Friday")
    try desk.ok("note", id, "Harbour log:\n---\n03:40 distress call\n--- end of extract")
    let entries = try history(desk, id)
    #expect(entries.count == 2)
    let head = try desk.git("rev-parse", "HEAD")
    #expect(entries.last?["commit"] as? String == head, "\(entries)")
    #expect(!entries.contains { $0["action"] as? String == "edit" })
    #expect(try desk.git("log", "-1", "--format=%(trailers:key=Vet-Action,valueonly)") == "note")
  }

  @Test("a commit reworded with git amend or rebase still owns the entries it wrote")
  func rewordedCommit() throws {
    let folder = TemporaryDirectory("vet-log-reworded")
    let desk = Desk(folder.file("ws"))
    try desk.vet(["init", desk.path], in: folder.path)
    let id = try desk.addClaim("The ferry sank at 03:40 on Friday")
    try desk.ok("note", id, "Harbour log checked")
    try desk.ok("confirm", id)
    // Both vet commits reworded: their trailers are gone.
    _ = try desk.git("-c", "core.editor=true", "commit", "--amend", "-q", "-m", "Confirmed after the call")
    let entries = try history(desk, id)
    #expect(entries.count == 3, "\(entries)")
    let head = try desk.git("rev-parse", "HEAD")
    #expect(entries.last?["commit"] as? String == head)
    #expect(entries.last?["action"] as? String == "status")
    #expect(entries.allSatisfy { ($0["commit"] as? String)?.count == 40 }, "\(entries)")
    #expect(!entries.contains { $0["action"] as? String == "edit" })
  }
}

@Suite("GIT_AUTHOR_DATE: the log entry carries the commit's author date")
struct AuthorDateTests {
  @Test("a note made with GIT_AUTHOR_DATE set is dated as its commit is")
  func noteDate() throws {
    let folder = TemporaryDirectory("vet-author-date")
    var desk = Desk(folder.file("ws"))
    try desk.vet(["init", desk.path], in: folder.path)
    let id = try desk.addClaim("The ferry sank at 03:40 on Friday")
    desk.environment["GIT_AUTHOR_DATE"] = "2026-11-20T09:30:00Z"
    try desk.ok("note", id, "Harbour log checked")
    let log = try desk.claimJSON(id)["log"] as? [[String: Any]] ?? []
    #expect(log.last?["date"] as? String == "2026-11-20T09:30:00Z", "\(log.last ?? [:])")
    #expect(try desk.git("log", "-1", "--format=%aI") == "2026-11-20T09:30:00+00:00")
  }
}
