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
  func commitAndStage(
    _ repo: Repository, _ dir: String, _ files: [String: String?], stateFolder: String? = nil,
    splitThreshold: Int = StagingArea.defaultSplitThreshold
  ) throws -> (old: ObjectID, new: ObjectID) {
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
    let staging = try StagingArea(repository: repo, stateFolder: stateFolder, splitThreshold: splitThreshold)
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
    _ = try commitAndStage(repo, dir, ["README.md": "changed\n"], stateFolder: state)
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
    _ = try commitAndStage(repo, dir, ["README.md": "changed again\n"], stateFolder: state)
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

  // MARK: - Split index

  /// The shared indexes in the repository's git folder.
  func sharedIndexes(_ dir: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir + "/.git").filter { $0.hasPrefix("sharedindex.") }.sorted()
  }

  /// What a user would check: git reads the index as HEAD with clean stat data, and writes HEAD's tree from it.
  func expectIndexMatchesHead(_ dir: String, entries: Int, _ comment: Comment? = nil) throws {
    #expect(try Shell.gitOutput(["status", "--porcelain"], in: dir) == "", comment)
    #expect(try Shell.git(["diff", "--cached", "--quiet", "HEAD"], in: dir).succeeded, comment)
    let listed = try Shell.gitOutput(["ls-files", "-s"], in: dir).split(separator: "\n")
    #expect(listed.count == entries, comment)
    let tree = try Shell.gitOutput(
      ["ls-tree", "-r", "--format=%(objectmode) %(objectname) 0\t%(path)", "HEAD"], in: dir)
    let treeLines = tree.split(separator: "\n")
    #expect(
      listed == treeLines,
      "\(comment.map { "\($0): " } ?? "")index only: \(Set(listed).subtracting(treeLines)); tree only: \(Set(treeLines).subtracting(listed))"
    )
    #expect(
      try Shell.gitOutput(["write-tree"], in: dir) == (try Shell.gitOutput(["rev-parse", "HEAD^{tree}"], in: dir)),
      comment)
    let fsck = try Shell.git(["fsck", "--strict"], in: dir)
    #expect(fsck.succeeded, "\(fsck.stderr)")
  }

  @Test("a split index git wrote is patched in place: the shared index stays, git reads every change")
  func splitIndexFromGit() throws {
    let (repo, dir) = try makeWideRepository()
    for args in [["config", "core.splitIndex", "true"], ["update-index", "--split-index"]] {
      try #require(try Shell.git(args, in: dir).succeeded)
    }
    // git's own replacement in the split part.
    _ = try folder.write("wide/claims/00/c0.md", "edited with git\n")
    for args in [["add", "."], ["commit", "-q", "-m", "git edit"]] {
      try #require(try Shell.git(args, in: dir).succeeded)
    }
    let shared = try sharedIndexes(dir)
    try #require(shared.count == 1)
    #expect(try indexFile(dir)?.link != nil)
    _ = try commitAndStage(
      repo, dir,
      [
        "claims/0a/c2.md": "claim 0a 2, edited\n", "claims/0a/c99.md": "a new claim\n", "claims/0b/c39.md": nil,
        "claims/00/c0.md": "edited again, by vet\n", "ZZ-last": "sorts after the rest\n",
      ])
    #expect(try sharedIndexes(dir) == shared)
    #expect(try indexFile(dir)?.link?.shared.hex == String(shared[0].dropFirst("sharedindex.".count)))
    try expectIndexMatchesHead(dir, entries: 480 + 2 - 1)
    // The new entry, then removed again: gone from the split part too.
    _ = try commitAndStage(repo, dir, ["claims/0a/c99.md": nil, "claims/00/c1.md": nil])
    try expectIndexMatchesHead(dir, entries: 479)
    #expect(try sharedIndexes(dir) == shared)
  }

  /// A repository of 480 claim files in 12 shards: enough entries to fill several 64-bit words of a bitmap.
  ///
  /// The files are an hour old, as in a workspace in use: git writes entries
  /// as new as the index itself ("racily clean") into the split part again.
  func makeWideRepository() throws -> (Repository, String) {
    let dir = folder.file("wide")
    let hourAgo = timespec(tv_sec: time(nil) - 3600, tv_nsec: 0)
    for shard in 0..<12 {
      for n in 0..<40 {
        let path = try folder.write("wide/claims/\(String(format: "%02x", shard))/c\(n).md", "c \(shard) \(n)\n")
        utimensat(AT_FDCWD, path, [hourAgo, hourAgo], 0)
      }
    }
    for args in [["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "start"]] {
      try #require(try Shell.git(args, in: dir).succeeded)
    }
    return (try Repository.open(at: dir), dir)
  }

  @Test("from the threshold on, vet splits the index; git keeps it split and vet reads what git wrote")
  func vetSplitsLargeIndex() throws {
    // Entries spread over several 64-bit words of the bitmaps, with gaps between them.
    let (repo, dir) = try makeWideRepository()
    let wholeSize = try FileManager.default.attributesOfItem(atPath: dir + "/.git/index")[.size] as? Int ?? 0
    _ = try commitAndStage(repo, dir, ["claims/00/c1.md": "edited\n"], splitThreshold: 100)
    #expect(try indexFile(dir)?.link != nil)
    let shared = try sharedIndexes(dir)
    #expect(shared.count == 1)
    try expectIndexMatchesHead(dir, entries: 480)
    var edits: [String: String?] = [:]
    for (shard, n) in [(0, 3), (1, 30), (4, 0), (4, 1), (7, 22), (11, 39)] {
      edits["claims/\(String(format: "%02x", shard))/c\(n).md"] = "edited \(shard) \(n)\n"
    }
    edits.updateValue(nil, forKey: "claims/05/c5.md")
    edits["claims/09/c99.md"] = "new\n"
    _ = try commitAndStage(repo, dir, edits, splitThreshold: 100)
    #expect(try sharedIndexes(dir) == shared)
    try expectIndexMatchesHead(dir, entries: 480)
    let splitSize = try FileManager.default.attributesOfItem(atPath: dir + "/.git/index")[.size] as? Int ?? 0
    #expect(splitSize * 5 < wholeSize)
    // git keeps the split when core.splitIndex is unset; vet reads git's bitmaps.
    _ = try folder.write("wide/claims/03/c3.md", "edited with git\n")
    for args in [["add", "."], ["commit", "-q", "-m", "git edit"]] {
      try #require(try Shell.git(args, in: dir).succeeded)
    }
    #expect(try indexFile(dir)?.link != nil)
    _ = try commitAndStage(repo, dir, ["claims/03/c4.md": "vet after git\n"], splitThreshold: 100)
    try expectIndexMatchesHead(dir, entries: 480)
  }

  @Test("an index git wrote whole over vet's split one is split again over the same shared index, not a new one")
  func wholeIndexReusesSharedIndex() throws {
    let (repo, dir) = try makeWideRepository()
    _ = try commitAndStage(repo, dir, ["claims/00/c1.md": "edited\n"], splitThreshold: 100)
    let shared = try sharedIndexes(dir)
    try #require(shared.count == 1)
    // git writes the index whole when it refreshes it, or reads a tree into it, with core.splitIndex unset
    // (a tree read without stat data, which the next git status fills in).
    for (n, rewrite) in [["update-index", "--refresh"], ["read-tree", "HEAD"]].enumerated() {
      try #require(try Shell.git(rewrite, in: dir).succeeded)
      _ = try Shell.git(["status", "--porcelain"], in: dir)
      #expect(try indexFile(dir)?.link == nil, "git \(rewrite[0]) wrote it whole")
      _ = try commitAndStage(
        repo, dir, ["claims/01/c\(n).md": "vet after \(rewrite[0])\n", "claims/02/new\(n).md": "new\n"],
        splitThreshold: 100)
      #expect(try sharedIndexes(dir) == shared, "after git \(rewrite[0])")
      #expect(try indexFile(dir)?.link?.shared.hex == String(shared[0].dropFirst("sharedindex.".count)))
      try expectIndexMatchesHead(dir, entries: 481 + n, "after git \(rewrite[0])")
    }
    // git reads what vet wrote, and vet what git writes over it.
    _ = try folder.write("wide/claims/03/c3.md", "edited with git\n")
    for args in [["add", "."], ["commit", "-q", "-m", "git edit"]] {
      try #require(try Shell.git(args, in: dir).succeeded)
    }
    _ = try commitAndStage(repo, dir, ["claims/03/c4.md": "vet after git\n"], splitThreshold: 100)
    try expectIndexMatchesHead(dir, entries: 482)
  }

  @Test("once a fifth of the entries differ, a new shared index is written and old unused ones expire")
  func newSharedIndex() throws {
    let (repo, dir) = try makeRepository()
    // A shared index no one has used for three weeks: the first shared index vet writes expires it.
    let staleName = "sharedindex." + String(repeating: "ab", count: 20)
    let stale = try folder.write("ws/.git/" + staleName, "old")
    var old = [timespec(tv_sec: time(nil) - 21 * 24 * 3600, tv_nsec: 0)]
    old.append(old[0])
    utimensat(AT_FDCWD, stale, old, 0)
    _ = try commitAndStage(repo, dir, ["README.md": "one\n"], splitThreshold: 10)
    // Expired on another thread: wait for it (this is not a timing test).
    for _ in 0..<500 where FileManager.default.fileExists(atPath: stale) { usleep(10_000) }
    let first = try sharedIndexes(dir)
    #expect(!first.contains(staleName))
    try #require(first.count == 1)
    // 17 entries: three changed entries are within a fifth, a fourth is not.
    for (i, path) in ["claims/00/001.md", "claims/0a/0a1.md", "claims/ff/ff1.md"].enumerated() {
      _ = try commitAndStage(repo, dir, [path: "edit \(i)\n"], splitThreshold: 10)
      #expect(try sharedIndexes(dir) == first)
    }
    _ = try commitAndStage(repo, dir, ["claims/ff/ff2.md": "edit\n"], splitThreshold: 10)
    try expectIndexMatchesHead(dir, entries: 17)
    // The one just replaced was in use until now: git's two weeks start again, and it stays.
    let now = try sharedIndexes(dir)
    #expect(now.count == 2 && now.contains(first[0]))
    #expect(try indexFile(dir)?.link?.shared.hex != String(first[0].dropFirst("sharedindex.".count)))
  }

  @Test("core.splitIndex false makes vet write the index whole, as git would")
  func splitIndexTurnedOff() throws {
    let (repo, dir) = try makeRepository()
    _ = try commitAndStage(repo, dir, ["README.md": "one\n"], splitThreshold: 10)
    #expect(try indexFile(dir)?.link != nil)
    try #require(try Shell.git(["config", "core.splitIndex", "false"], in: dir).succeeded)
    _ = try commitAndStage(repo, dir, ["README.md": "two\n", "claims/0a/0a7.md": "new\n"], splitThreshold: 10)
    #expect(try indexFile(dir)?.link == nil)
    for name in try sharedIndexes(dir) { try FileManager.default.removeItem(atPath: dir + "/.git/" + name) }
    try expectIndexMatchesHead(dir, entries: 18)
    #expect(throws: Never.self) { _ = try repo.index() }
  }

  @Test("a split index whose shared index is missing or damaged is refused, and nothing is written")
  func damagedSharedIndex() throws {
    let (repo, dir) = try makeRepository()
    _ = try commitAndStage(repo, dir, ["README.md": "one\n"], splitThreshold: 10)
    let shared = dir + "/.git/" + (try #require(try sharedIndexes(dir).first))
    let index = try Data(contentsOf: URL(fileURLWithPath: dir + "/.git/index"))
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: shared)))
    bytes[100] ^= 0xFF
    try Data(bytes).write(to: URL(fileURLWithPath: shared))
    #expect(throws: GitError.self) { _ = try commitAndStage(repo, dir, ["README.md": "two\n"]) }
    try FileManager.default.removeItem(atPath: shared)
    let missing = #expect(throws: GitError.self) { _ = try commitAndStage(repo, dir, ["README.md": "three\n"]) }
    #expect(missing?.message.contains("sharedindex.") == true)
    #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/.git/index")) == index)
    #expect(try sharedIndexes(dir).isEmpty)
  }

  @Test("bitmaps of entry positions read back as written, and malformed ones are refused")
  func bitmapsRoundTrip() throws {
    var random = SeededRandom(seed: 7)
    for trial in 0..<300 {
      let limit = 1 + Int(random.next() % 5000)
      // Sparse, dense and clustered sets: runs of empty words, full words and lone bits.
      let density = [1, 8, 64, 1000][trial % 4]
      let positions = (0..<limit).filter { _ in random.next() % UInt64(density) == 0 }
      let bytes = EWAHBitmap.encode(positions)
      let decoded = bytes.withUnsafeBufferPointer { EWAHBitmap.decode($0, from: 0, to: $0.count, limit: limit) }
      #expect(decoded?.positions == positions, "trial \(trial)")
      #expect(decoded?.length == bytes.count)
      let truncated = Array(bytes.dropLast(5))
      #expect(truncated.withUnsafeBufferPointer { EWAHBitmap.decode($0, from: 0, to: $0.count, limit: limit) } == nil)
      if let last = positions.last {
        #expect(bytes.withUnsafeBufferPointer { EWAHBitmap.decode($0, from: 0, to: $0.count, limit: last) } == nil)
      }
    }
    // git's own form of a run: a marker word whose run bit is set (64 × 2 positions), then one literal word.
    let marker: UInt64 = 1 | 2 << 1 | 1 << 33
    var git = BigEndian.bytes(UInt32(129)) + BigEndian.bytes(UInt32(2))
    for word in [marker, 1] { git += (0..<8).map { UInt8(truncatingIfNeeded: word >> UInt64(56 - 8 * $0)) } }
    git += BigEndian.bytes(UInt32(0))
    let run = git.withUnsafeBufferPointer { EWAHBitmap.decode($0, from: 0, to: $0.count, limit: 200) }
    #expect(run?.positions == Array(0..<128) + [128])
  }

  @Test("a shared index's layout is remembered once verified; missing, stale or damaged, it is rebuilt, never trusted")
  func rememberedLayout() throws {
    let (repo, dir) = try makeWideRepository()
    let state = dir + "/.git/vet/"
    try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
    let layout = state + SharedIndexLayout.fileName
    func mark(_ path: String, _ text: String) throws -> StagingArea {
      let head = try #require(try repo.head())
      let oldTree = try repo.commit(head).tree
      let id = try repo.writeBlob(Array(text.utf8))
      let newTree = try repo.writeTree(base: oldTree, applying: [.upsert(path, id)])
      let commit = try repo.writeCommit(tree: newTree, parents: [head], author: ada, committer: ada, message: text)
      try repo.updateReference("refs/heads/main", to: commit, expecting: head, message: text)
      try text.write(toFile: dir + "/" + path, atomically: false, encoding: .utf8)
      let staging = try StagingArea(repository: repo, stateFolder: state, splitThreshold: 100)
      try staging.stage(path: path, id: id)
      try staging.write(from: oldTree, to: newTree)
      return staging
    }
    _ = try mark("claims/00/c1.md", "split now\n")  // writes the shared index: nothing verified to remember yet
    #expect(!FileManager.default.fileExists(atPath: layout))
    _ = try mark("claims/01/c1.md", "first read of the shared index\n")
    let remembered = try Data(contentsOf: URL(fileURLWithPath: layout))
    let shared = try #require(try sharedIndexes(dir).first)
    let sharedFile = try #require(MappedFile(path: dir + "/.git/" + shared))
    let walked = try #require(try IndexFile(file: sharedFile))
    let found = SharedIndexLayout.read(from: layout, for: walked.layout.shared, size: sharedFile.bytes.count)
    #expect(found == .layout(walked.layout))
    // Used as it is: not written again.
    _ = try mark("claims/02/c1.md", "layout remembered\n")
    #expect(try Data(contentsOf: URL(fileURLWithPath: layout)) == remembered)
    try expectIndexMatchesHead(dir, entries: 480)
    // Truncated, garbled: said so, read again, rewritten whole.
    for damage in [remembered.prefix(remembered.count / 2), Data(repeating: 0x41, count: remembered.count)] {
      try damage.write(to: URL(fileURLWithPath: layout))
      let staging = try mark("claims/03/c\(damage.count % 7).md", "after damage \(damage.count)\n")
      #expect(staging.notices.contains { $0.contains("layout") && $0.contains("damaged") })
      #expect(try Data(contentsOf: URL(fileURLWithPath: layout)) == remembered)
      try expectIndexMatchesHead(dir, entries: 480)
    }
    // Stale (another shared index's) or deleted: read again quietly.
    var stale = walked.layout
    stale.shared = ObjectID(bytes: [UInt8](repeating: 7, count: 20))
    stale.write(to: layout)
    #expect(try mark("claims/04/c1.md", "stale layout\n").notices.isEmpty)
    #expect(try Data(contentsOf: URL(fileURLWithPath: layout)) == remembered)
    try FileManager.default.removeItem(atPath: layout)
    #expect(try mark("claims/05/c1.md", "no layout\n").notices.isEmpty)
    #expect(try Data(contentsOf: URL(fileURLWithPath: layout)) == remembered)
    try expectIndexMatchesHead(dir, entries: 480)
  }

  @Test("a shared index damaged after its layout was remembered is never copied into a new one")
  func damagedRememberedSharedIndex() throws {
    let (repo, dir) = try makeWideRepository()
    let state = dir + "/.git/vet/"
    try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
    _ = try commitAndStage(repo, dir, ["claims/00/c1.md": "split\n"], stateFolder: state, splitThreshold: 100)
    _ = try commitAndStage(repo, dir, ["claims/00/c2.md": "remembered\n"], stateFolder: state, splitThreshold: 100)
    #expect(FileManager.default.fileExists(atPath: state + SharedIndexLayout.fileName))
    let shared = dir + "/.git/" + (try #require(try sharedIndexes(dir).first))
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: shared)))
    bytes[bytes.count / 2] ^= 0x01
    try Data(bytes).write(to: URL(fileURLWithPath: shared))
    let index = try Data(contentsOf: URL(fileURLWithPath: dir + "/.git/index"))
    // More than a fifth of the entries changed: a new shared index would copy the damaged one.
    var many: [String: String?] = [:]
    for n in 0..<40 {
      for shard in 0..<3 { many["claims/0\(shard)/c\(n).md"] = "rewritten \(n)\n" }
    }
    let refused = #expect(throws: GitError.self) {
      _ = try commitAndStage(repo, dir, many, stateFolder: state, splitThreshold: 100)
    }
    #expect(refused?.message.contains("checksum") == true)
    #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/.git/index")) == index)
    #expect(try sharedIndexes(dir).count == 1)
  }
}
