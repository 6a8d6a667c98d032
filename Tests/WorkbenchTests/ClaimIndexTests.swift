import Foundation
import TestSupport
import Testing
import Workbench

@Suite("The claim index is never the truth: stale, deleted or damaged, it is noticed and rebuilt")
struct ClaimIndexTests {
  func indexFile(_ f: Fixture) -> String { f.path + "/.git/vet/index.sqlite" }

  func populated() throws -> (Fixture, [String]) {
    let f = try Fixture()
    var ids: [String] = []
    for i in 0..<12 { ids.append(try f.workspace.addClaim(statement: "Claim number \(i) about the ferry").id) }
    _ = try f.workspace.mark(ids[0], status: "confirmed")
    // Built by a separate "process", which is gone when the test damages the file.
    _ = try f.reopen().claims()
    return (f, ids)
  }

  @Test("an index left behind by commits made with plain git catches up")
  func staleAfterGitCommit() throws {
    let (f, ids) = try populated()
    let path = f.path + "/" + Claim.path(for: ids[1])
    let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
      of: "status: unverified", with: "status: false")
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    _ = try f.git("commit", "-qam", "Mark false by hand")
    let workspace = try f.reopen()
    #expect(try workspace.claims(ClaimFilter(status: "false")).map(\.id) == [ids[1]])
    #expect(try workspace.history(of: ids[1]).map(\.action) == ["created", "edit"])
  }

  @Test("an index from a rewritten history is rebuilt, and vet says so")
  func rewrittenHistory() throws {
    let (f, ids) = try populated()
    _ = try f.git("reset", "-q", "--hard", "HEAD~3")
    let workspace = try f.reopen()
    let claims = try workspace.claims()
    #expect(claims.count == 10)
    #expect(!claims.map(\.id).contains(ids[11]))
    #expect(try workspace.claims(ClaimFilter(status: "confirmed")).isEmpty)
    #expect(workspace.notices.contains { $0.contains("rebuilding") })
  }

  @Test("a deleted index is rebuilt with the same answers")
  func deleted() throws {
    let (f, _) = try populated()
    let before = try f.reopen().claims().map(\.json)
    try FileManager.default.removeItem(atPath: indexFile(f))
    #expect(try f.reopen().claims().map(\.json) == before)
  }

  @Test(
    "a truncated or garbage index is noticed, rebuilt, and never gives a wrong answer",
    arguments: ["truncated", "garbage", "empty"])
  func damaged(_ damage: String) throws {
    let (f, ids) = try populated()
    let before = try f.reopen().claims().map(\.json)
    let file = indexFile(f)
    // Make sure everything is in the main file before damaging it.
    for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
    let data = try Data(contentsOf: URL(fileURLWithPath: file))
    switch damage {
    case "truncated": try data.prefix(data.count / 3).write(to: URL(fileURLWithPath: file))
    case "garbage":
      try Data((0..<data.count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }).write(to: URL(fileURLWithPath: file))
    default: try Data().write(to: URL(fileURLWithPath: file))
    }
    let workspace = try f.reopen()
    #expect(try workspace.claims().map(\.json) == before)
    #expect(try workspace.claims(ClaimFilter(status: "confirmed")).map(\.id) == [ids[0]])
    if damage != "empty" { #expect(workspace.notices.contains { $0.contains("rebuild") }) }
  }
}

@Suite("Ingest matches new sentences against the texts the claim index keeps")
struct IndexedMatchingTests {
  /// Everything the index answers about a workspace's claims.
  func answers(_ workspace: Workspace) throws -> [[String]] {
    var out: [[String]] = [try workspace.claims().map { $0.json ?? "" }]
    for filter in [ClaimFilter(source: "copy"), ClaimFilter(source: "wire"), ClaimFilter(text: "ferry")] {
      out.append(try workspace.claims(filter).map(\.id))
    }
    for claim in try workspace.claims() {
      out.append(try workspace.history(of: claim.id).map { "\($0.commit ?? "-") \($0.action)" })
    }
    // Full-text search, kept up by the same writes.
    for query in ["ferry", "feared drowned", "Port Halven coast guard", "hospital"] {
      out.append(try workspace.search(query, limit: nil).map { "\($0.claim.id) \($0.bracketedSnippet)" })
    }
    return out
  }

  @Test("claims an ingest wrote are indexed from memory as a rebuild from git indexes them")
  func writtenThrough() throws {
    let f = try Fixture()
    // Within one second, with fractions the files do not keep: claims of
    // later ingests must still sort as their files' dates sort them.
    var now = 1_800_000_000.05
    let workspace = try Workspace.open(
      at: f.path, environment: Shell.environment,
      clock: {
        now += 0.01
        return Date(timeIntervalSince1970: now)
      })
    _ = try workspace.addSource(f.example("wire-v1.txt"), name: "wire-v1.txt", metadata: SourceMetadata(slug: "wire"))
    _ = try workspace.updateSource("wire", bytes: f.example("wire-v2.txt"), name: "wire-v2.txt")
    _ = try workspace.addSource(f.example("rewrite.txt"), name: "rewrite.txt", metadata: SourceMetadata(slug: "copy"))
    let reopened = try f.reopen()
    let written = try answers(reopened)
    #expect(reopened.notices.isEmpty)
    #expect(written[1].count > 0)
    // The words new sentences are matched by: the same copy again finds the same claims.
    let copy = f.folder.file("copy")
    try FileManager.default.copyItem(atPath: f.path, toPath: copy)
    let again = try reopened.addSource(
      f.example("rewrite.txt"), name: "rewrite.txt", metadata: SourceMetadata(slug: "again"))
    try FileManager.default.removeItem(atPath: copy + "/.git/vet/index.sqlite")
    let rebuilt = try Workspace.open(at: copy, environment: Shell.environment)
    #expect(try answers(rebuilt) == written)
    let rebuiltAgain = try rebuilt.addSource(
      f.example("rewrite.txt"), name: "rewrite.txt", metadata: SourceMetadata(slug: "again"))
    #expect(rebuiltAgain.linked.map(\.claim.id) == again.linked.map(\.claim.id))
    #expect(rebuiltAgain.created.count == again.created.count)
    #expect(again.linked.count > 0)
  }

  @Test("a claim reworded with plain git is found by its new words, and no longer by its old ones")
  func rewordedByHand() throws {
    let f = try Fixture()
    let wire = try f.workspace.addSource(
      try f.example("wire-v1.txt"), name: "v1", metadata: SourceMetadata(slug: "wire"))
    let toll = try #require(wire.created.first { $0.statement.contains("feared drowned") })
    let reworded = "The harbour master in Veskar counted 77 lifeboats on Tuesday, the ministry said."
    let path = f.path + "/" + Claim.path(for: toll.id)
    let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
      of: toll.statement, with: reworded)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    _ = try f.git("commit", "-qam", "Reword by hand")
    let workspace = try f.reopen()
    let now = try workspace.addSource(
      Array("Harbour report\n\n\(reworded)\n".utf8), name: "new", metadata: SourceMetadata(slug: "new"))
    #expect(now.linked.map(\.claim.id) == [toll.id])
    let before = try workspace.addSource(
      Array("Ferry report\n\n\(toll.statement)\n".utf8), name: "old", metadata: SourceMetadata(slug: "old"))
    #expect(!before.linked.map(\.claim.id).contains(toll.id))
  }
}
