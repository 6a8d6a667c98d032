import Foundation
import TestSupport
import Testing

@testable import GitKit

@Suite("Staging area: index entries patched by vet, checked by the git CLI")
struct StagingAreaTests {
  let folder = TemporaryDirectory("staging")
  let ada = Signature(name: "Ada Analyst", email: "ada@example.org", date: Date(timeIntervalSince1970: 1_800_000_000), offsetMinutes: 0)

  /// A repository made by the git CLI: sharded claim files and a few others, committed, cache tree written.
  func makeRepository(indexVersion: Int = 2) throws -> (Repository, String) {
    let dir = folder.file("ws")
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for shard in ["00", "0a", "ff"] {
      for n in 0..<5 {
        _ = try folder.write("ws/claims/\(shard)/\(shard)\(n).md", "claim \(shard) \(n)\n")
      }
    }
    _ = try folder.write("ws/README.md", "readme\n")
    _ = try folder.write("ws/sources/wire/v1.txt", "text\n")
    for args in [["init", "-q", "-b", "main"], ["config", "index.version", String(indexVersion)], ["add", "."],
                 ["commit", "-q", "-m", "start"], ["status", "--porcelain"]] {
      let result = try Shell.git(args, in: dir)
      try #require(result.succeeded, "git \(args): \(result.stderr)")
    }
    return (try Repository.open(at: dir), dir)
  }

  /// Commits `files` (nil removes) on HEAD through libgit2, writes the working files, and stages them.
  func commitAndStage(_ repo: Repository, _ dir: String, _ files: [String: String?]) throws -> (old: ObjectID, new: ObjectID) {
    let head = try #require(try repo.head())
    let oldTree = try repo.commit(head).tree
    var updates: [TreeUpdate] = []
    var ids: [String: ObjectID] = [:]
    for (path, text) in files {
      if let text {
        let id = try repo.writeBlob(Array(text.utf8))
        ids[path] = id
        updates.append(.upsert(path, id))
      } else {
        updates.append(.remove(path))
      }
    }
    let newTree = try repo.writeTree(base: oldTree, applying: updates)
    let commit = try repo.writeCommit(tree: newTree, parents: [head], author: ada, committer: ada, message: "change")
    try repo.updateReference("refs/heads/main", to: commit, expecting: head, message: "change")
    let staging = try StagingArea(repository: repo)
    for (path, text) in files {
      let full = dir + "/" + path
      if let text {
        try FileManager.default.createDirectory(
          atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: false, encoding: .utf8)
        try staging.stage(path: path, id: try #require(ids[path]))
      } else {
        try FileManager.default.removeItem(atPath: full)
        try staging.unstage(path: path)
      }
    }
    try staging.write(from: oldTree, to: newTree)
    return (oldTree, newTree)
  }

  func indexFile(_ dir: String) throws -> IndexFile? {
    try IndexFile(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/.git/index"))))
  }

  @Test("a changed, an added and a removed file leave git status clean, and the cache tree right")
  func patchMatchesGit() throws {
    let (repo, dir) = try makeRepository()
    #expect(try indexFile(dir) != nil)
    _ = try commitAndStage(repo, dir, [
      "claims/0a/0a2.md": "claim 0a 2, edited\n", "claims/0a/0a9.md": "a new claim\n",
      "claims/ff/ff0.md": nil, "claims/0b/0b0.md": "a claim in a new shard\n", "ZZ-last": "sorts after the rest\n",
    ])
    #expect(try Shell.gitOutput(["status", "--porcelain"], in: dir) == "")
    #expect(try Shell.git(["diff", "--cached", "--quiet", "HEAD"], in: dir).succeeded)
    let listed = try Shell.gitOutput(["ls-files"], in: dir).split(separator: "\n")
    #expect(listed.count == 17 + 3 - 1)
    #expect(listed == listed.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
    // write-tree trusts every valid cache-tree node: a wrong one would give a different tree.
    #expect(try Shell.gitOutput(["write-tree"], in: dir) == (try Shell.gitOutput(["rev-parse", "HEAD^{tree}"], in: dir)))
    #expect(try Shell.git(["fsck", "--strict"], in: dir).succeeded)
    #expect(try repo.index().count == listed.count)
  }

  @Test("editing files in place keeps the cache tree valid, so git need not rebuild it")
  func cacheTreeStaysValid() throws {
    let (repo, dir) = try makeRepository()
    // git commit leaves the cache tree complete.
    #expect(try indexFile(dir)?.cacheTreeIsValid == true)
    _ = try commitAndStage(repo, dir, ["claims/00/001.md": "edited\n", "claims/ff/ff4.md": "edited too\n"])
    #expect(try indexFile(dir)?.cacheTreeIsValid == true)
    #expect(try Shell.gitOutput(["write-tree"], in: dir) == (try Shell.gitOutput(["rev-parse", "HEAD^{tree}"], in: dir)))
    // An added file in a folder that has no cache-tree node yet invalidates the folders above it.
    _ = try commitAndStage(repo, dir, ["notes/new.md": "new folder\n"])
    #expect(try indexFile(dir)?.cacheTreeIsValid == false)
    #expect(try Shell.gitOutput(["status", "--porcelain"], in: dir) == "")
    #expect(try Shell.gitOutput(["write-tree"], in: dir) == (try Shell.gitOutput(["rev-parse", "HEAD^{tree}"], in: dir)))
  }

  @Test("an index in version 4 is left to libgit2, with the same result")
  func version4FallsBack() throws {
    let (repo, dir) = try makeRepository(indexVersion: 4)
    #expect(try indexFile(dir) == nil)
    _ = try commitAndStage(repo, dir, ["claims/0a/0a2.md": "edited\n", "claims/0a/0a7.md": "added\n"])
    #expect(try Shell.gitOutput(["status", "--porcelain"], in: dir) == "")
  }

  @Test("a damaged index is refused, not rewritten")
  func damagedIndex() throws {
    let (repo, dir) = try makeRepository()
    let path = dir + "/.git/index"
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    bytes[40] ^= 0xFF
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    #expect(throws: GitError.self) { try StagingArea(repository: repo) }
    #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
  }

  @Test("another writer's index.lock makes the write fail as locked, leaving the index alone")
  func lockedIndex() throws {
    let (repo, dir) = try makeRepository()
    let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/.git/index"))
    _ = try folder.write("ws/.git/index.lock", "")
    #expect(throws: GitError.locked) {
      _ = try commitAndStage(repo, dir, ["README.md": "changed\n"])
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/.git/index")) == before)
  }
}
