import Foundation
import GitKit
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Lock files: taken as git takes them, a killed holder's removed by its record, another's never")
struct LockFileTests {
  let folder = TemporaryDirectory("lockfile")
  let ada = Signature(
    name: "Ada Analyst", email: "ada@example.org", date: Date(timeIntervalSince1970: 1_800_000_000), offsetMinutes: 60)

  func makeRepository() throws -> (Repository, String, String) {
    let repo = try Repository.create(at: folder.file("ws"))
    let records = repo.gitDirectory + "vet/"
    try FileManager.default.createDirectory(atPath: records, withIntermediateDirectories: true)
    return (repo, folder.file("ws"), records)
  }

  func commit(_ repo: Repository, _ text: String, parent: ObjectID?) throws -> ObjectID {
    let blob = try repo.writeBlob(Array(text.utf8))
    let tree = try repo.writeTree(base: nil, applying: [.upsert("file.txt", blob)])
    return try repo.writeCommit(
      tree: tree, parents: parent.map { [$0] } ?? [], author: ada, committer: ada, message: text)
  }

  @Test("a branch moved through its lock: compare-and-swap, reflogs git reads, the lock gone afterwards")
  func branchMove() throws {
    let (repo, dir, records) = try makeRepository()
    let first = try commit(repo, "one", parent: nil)
    let second = try commit(repo, "two", parent: first)
    let branch = "refs/heads/main"
    var lock = try repo.lockReference(branch, recordFolder: records, timeout: 0)
    #expect(try repo.updateReference(branch, to: first, expecting: nil, holding: lock, committer: ada, message: "one"))
    lock = try repo.lockReference(branch, recordFolder: records, timeout: 0)
    // Not where it was expected: nothing changes, and the lock is let go.
    #expect(
      !(try repo.updateReference(branch, to: second, expecting: second, holding: lock, committer: ada, message: "x")))
    #expect(try repo.head() == first)
    lock = try repo.lockReference(branch, recordFolder: records, timeout: 0)
    #expect(
      try repo.updateReference(branch, to: second, expecting: first, holding: lock, committer: ada, message: "two"))
    #expect(try repo.head() == second)
    #expect(try Shell.gitOutput(["reflog", "--format=%gs", "main"], in: dir) == "two\none")
    #expect(try Shell.gitOutput(["reflog", "--format=%gs|%gn", "HEAD"], in: dir) == "two|Ada Analyst\none|Ada Analyst")
    #expect(!FileManager.default.fileExists(atPath: dir + "/.git/refs/heads/main.lock"))
    #expect(!LockFile.hasRecord(in: records))
    #expect(try Shell.git(["fsck", "--strict"], in: dir).succeeded)
  }

  @Test("a lock another process holds is refused after the wait and left alone; a killed vet's is removed")
  func heldAndAbandoned() throws {
    let (repo, dir, records) = try makeRepository()
    let index = repo.gitDirectory + "index"
    // Another process's lock: refused, never removed, even by the abandoned-lock sweep.
    #expect(FileManager.default.createFile(atPath: index + ".lock", contents: Data("theirs".utf8)))
    let start = Date()
    #expect(throws: GitError.locked) { try LockFile(index, kind: .index, recordFolder: records, timeout: 0.2) }
    #expect(Date().timeIntervalSince(start) >= 0.2)
    #expect(!LockFile.removeAbandoned(.index, at: index + ".lock", recordFolder: records))
    #expect(try String(contentsOfFile: index + ".lock", encoding: .utf8) == "theirs")
    unlink(index + ".lock")
    // What a killed vet leaves: its lock and the record linked to it.
    let held = try LockFile(index, kind: .index, recordFolder: records, timeout: 0)
    #expect(LockFile.hasRecord(in: records))
    #expect(FileManager.default.fileExists(atPath: index + ".lock"))
    #expect(LockFile.removeAbandoned(.index, at: index + ".lock", recordFolder: records))
    #expect(!FileManager.default.fileExists(atPath: index + ".lock"))
    #expect(!LockFile.hasRecord(in: records))
    // Released later (a process that was not dead after all), it does not remove a lock someone else took since.
    #expect(FileManager.default.createFile(atPath: index + ".lock", contents: Data("next".utf8)))
    held.release()
    #expect(try String(contentsOfFile: index + ".lock", encoding: .utf8) == "next")
    _ = dir
  }
}
