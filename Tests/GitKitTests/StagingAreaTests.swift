import Foundation
import TestSupport
import Testing

@testable import GitKit

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Staging area: index entries patched by vet, checked by the git CLI")
struct StagingAreaTests {
  let folder = TemporaryDirectory("staging")
  let ada = Signature(
    name: "Ada Analyst", email: "ada@example.org", date: Date(timeIntervalSince1970: 1_800_000_000), offsetMinutes: 0)

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
    for args in [
      ["init", "-q", "-b", "main"], ["config", "index.version", String(indexVersion)], ["add", "."],
      ["commit", "-q", "-m", "start"], ["status", "--porcelain"],
    ] {
      let result = try Shell.git(args, in: dir)
      try #require(result.succeeded, "git \(args): \(result.stderr)")
    }
    return (try Repository.open(at: dir), dir)
  }

  /// Commits `files` (nil removes) on HEAD through libgit2, writes the working files, and stages them.
  func commitAndStage(_ repo: Repository, _ dir: String, _ files: [String: String?], retiring: String? = nil) throws
    -> (old: ObjectID, new: ObjectID)
  {
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
    let staging = try StagingArea(repository: repo, retiring: retiring)
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
    _ = try commitAndStage(
      repo, dir,
      [
        "claims/0a/0a2.md": "claim 0a 2, edited\n", "claims/0a/0a9.md": "a new claim\n",
        "claims/ff/ff0.md": nil, "claims/0b/0b0.md": "a claim in a new shard\n", "ZZ-last": "sorts after the rest\n",
      ])
    #expect(try Shell.gitOutput(["status", "--porcelain"], in: dir) == "")
    #expect(try Shell.git(["diff", "--cached", "--quiet", "HEAD"], in: dir).succeeded)
    let listed = try Shell.gitOutput(["ls-files"], in: dir).split(separator: "\n")
    #expect(listed.count == 17 + 3 - 1)
    #expect(listed == listed.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
    // write-tree trusts every valid cache-tree node: a wrong one would give a different tree.
    #expect(
      try Shell.gitOutput(["write-tree"], in: dir) == (try Shell.gitOutput(["rev-parse", "HEAD^{tree}"], in: dir)))
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
    #expect(
      try Shell.gitOutput(["write-tree"], in: dir) == (try Shell.gitOutput(["rev-parse", "HEAD^{tree}"], in: dir)))
    // An added file in a folder that has no cache-tree node yet invalidates the folders above it.
    _ = try commitAndStage(repo, dir, ["notes/new.md": "new folder\n"])
    #expect(try indexFile(dir)?.cacheTreeIsValid == false)
    #expect(try Shell.gitOutput(["status", "--porcelain"], in: dir) == "")
    #expect(
      try Shell.gitOutput(["write-tree"], in: dir) == (try Shell.gitOutput(["rev-parse", "HEAD^{tree}"], in: dir)))
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
    // The checksum is verified on another thread; verify() and every write wait for it.
    #expect(throws: GitError.self) { try StagingArea(repository: repo).verify() }
    #expect(throws: GitError.self) { _ = try commitAndStage(repo, dir, ["README.md": "changed\n"]) }
    #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
  }

  @Test("an index of several hundred KB, changed near its start, middle and end, reads back in git")
  func largeIndexChecksum() throws {
    // The new checksum resumes from the old file's hash state saved every 128 KB:
    // changes in different 128 KB stretches exercise different saved states.
    let dir = folder.file("big")
    for shard in 0..<45 {
      for n in 0..<150 {
        _ = try folder.write("big/claims/\(String(format: "%02x", shard))/c\(n).md", "claim \(shard) \(n)\n")
      }
    }
    for args in [["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "start"]] {
      let result = try Shell.git(args, in: dir)
      try #require(result.succeeded, "git \(args): \(result.stderr)")
    }
    let repo = try Repository.open(at: dir)
    let size = try FileManager.default.attributesOfItem(atPath: dir + "/.git/index")[.size] as? Int ?? 0
    #expect(size > 4 * IndexFile.Checksum.interval)
    for paths in [
      ["claims/00/c1.md"], ["claims/16/c7.md"], ["claims/2b/c149.md"], ["claims/03/c2.md", "claims/25/c9.md"],
    ] {
      _ = try commitAndStage(repo, dir, Dictionary(uniqueKeysWithValues: paths.map { ($0, "edited \($0)\n") }))
      // git checks the index checksum in fsck ("bad index file sha1 signature"), libgit2 on every read.
      let fsck = try Shell.git(["fsck", "--strict", "--no-dangling"], in: dir)
      #expect(fsck.succeeded, "\(paths): \(fsck.stderr)")
      #expect(throws: Never.self) { _ = try repo.index() }
      #expect(try Shell.gitOutput(["status", "--porcelain"], in: dir) == "")
    }
    // Adding an entry changes the header, so nothing is resumed.
    _ = try commitAndStage(repo, dir, ["claims/10/new.md": "new\n"])
    #expect(try Shell.gitOutput(["status", "--porcelain"], in: dir) == "")
    #expect(try Shell.git(["fsck", "--strict"], in: dir).succeeded)
  }

  @Test("the index a write replaces is kept aside, and the next writer deletes what others kept")
  func retiredIndexes() throws {
    let (repo, dir) = try makeRepository()
    let state = dir + "/.git/vet/"
    try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
    let other = try folder.write("ws/.git/vet/retired-index-1", "an index another vet replaced")
    let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/.git/index"))
    // This process's retired indexes: one name per staging area.
    func mine() throws -> [String] {
      try FileManager.default.contentsOfDirectory(atPath: state).filter { $0.hasPrefix("retired-index-\(getpid())-") }
    }
    _ = try commitAndStage(repo, dir, ["README.md": "changed\n"], retiring: state)
    let first = try mine()
    try #require(first.count == 1)
    #expect(try Data(contentsOf: URL(fileURLWithPath: state + first[0])) == before)
    #expect(try Shell.gitOutput(["status", "--porcelain"], in: dir) == "")
    // Deleted on another thread: wait for it (this is not a timing test).
    for _ in 0..<500 where FileManager.default.fileExists(atPath: other) { usleep(10_000) }
    #expect(!FileManager.default.fileExists(atPath: other))
    // A second write in the same process keeps the index it replaced under
    // its own name, and leaves the first one to its background deletion.
    let second = try Data(contentsOf: URL(fileURLWithPath: dir + "/.git/index"))
    _ = try commitAndStage(repo, dir, ["README.md": "changed again\n"], retiring: state)
    for _ in 0..<500 where FileManager.default.fileExists(atPath: state + first[0]) { usleep(10_000) }
    let kept = try mine()
    try #require(kept.count == 1)
    #expect(kept != first)
    #expect(try Data(contentsOf: URL(fileURLWithPath: state + kept[0])) == second)
    #expect(try Shell.git(["fsck", "--strict"], in: dir).succeeded)
  }

  @Test("an index that git replaced after vet read it keeps what git staged, and vet's change too")
  func replacedBetweenReadAndWrite() throws {
    let (repo, dir) = try makeRepository()
    let head = try #require(try repo.head())
    let oldTree = try repo.commit(head).tree
    let id = try repo.writeBlob(Array("readme, edited by vet\n".utf8))
    let newTree = try repo.writeTree(base: oldTree, applying: [.upsert("README.md", id)])
    let commit = try repo.writeCommit(tree: newTree, parents: [head], author: ada, committer: ada, message: "vet edit")
    try repo.updateReference("refs/heads/main", to: commit, expecting: head, message: "vet edit")
    let staging = try StagingArea(repository: repo)
    try "readme, edited by vet\n".write(toFile: dir + "/README.md", atomically: false, encoding: .utf8)
    try staging.stage(path: "README.md", id: id)
    // Meanwhile, someone stages a new file with the git CLI: git replaces the index.
    _ = try folder.write("ws/notes.md", "a note staged with git\n")
    try #require(try Shell.git(["add", "notes.md"], in: dir).succeeded)
    try staging.write(from: oldTree, to: newTree)
    #expect(try Shell.gitOutput(["diff", "--cached", "--name-only"], in: dir) == "notes.md")
    #expect(try Shell.gitOutput(["status", "--porcelain"], in: dir) == "A  notes.md")
    #expect(try Shell.git(["fsck", "--strict"], in: dir).succeeded)
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
