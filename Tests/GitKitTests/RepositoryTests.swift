import Foundation
import GitKit
import TestSupport
import Testing

@Suite("Repository: objects, commits and references through libgit2, checked by the git CLI")
struct RepositoryTests {
  let folder = TemporaryDirectory("gitkit")
  let ada = Signature(
    name: "Ada Analyst", email: "ada@example.org", date: Date(timeIntervalSince1970: 1_800_000_000), offsetMinutes: 60)

  func commitFile(_ repo: Repository, _ path: String, _ text: String, parent: ObjectID?, message: String) throws
    -> ObjectID
  {
    let blob = try repo.writeBlob(Array(text.utf8))
    let base = try parent.map { try repo.commit($0).tree }
    let tree = try repo.writeTree(base: base, applying: [.upsert(path, blob)])
    return try repo.writeCommit(
      tree: tree, parents: parent.map { [$0] } ?? [], author: ada, committer: ada, message: message)
  }

  @Test("a commit written through libgit2 is read back identically by git log and passes fsck --strict")
  func commitReadByGit() throws {
    let repo = try Repository.create(at: folder.file("ws"))
    let first = try commitFile(
      repo, "claims/ab/abc.md", "hello\n", parent: nil, message: "Add claim\n\nClaim: abc\nStatus: unverified\n")
    try repo.updateReference("refs/heads/main", to: first, expecting: nil, message: "test")
    #expect(try repo.head() == first)
    let log = try Shell.gitOutput(
      ["log", "--format=%H|%an|%ae|%s|%(trailers:key=Claim,valueonly)"], in: folder.file("ws"))
    #expect(log == "\(first.hex)|Ada Analyst|ada@example.org|Add claim|abc")
    #expect(try Shell.gitOutput(["show", "HEAD:claims/ab/abc.md"], in: folder.file("ws")) == "hello")
    #expect(try Shell.git(["fsck", "--strict"], in: folder.file("ws")).succeeded)
    let commit = try repo.commit(first)
    #expect(commit.trailers.map(\.key) == ["Claim", "Status"])
    #expect(commit.author.offsetMinutes == 60)
    #expect(commit.subject == "Add claim")
  }

  @Test("bounded pack windows hold only while their body runs, even when it throws")
  func boundedPackWindowsAreRestored() throws {
    let before = Git.packWindowLimits
    let repo = try Repository.create(at: folder.file("ws"))
    let first = try commitFile(repo, "claims/ab/abc.md", "hello\n", parent: nil, message: "Add claim")
    let inside = try Git.withBoundedPackWindows { () throws -> (window: Int, mapped: Int, cache: Int) in
      let entry = try #require(try repo.tree(repo.commit(first).tree).entry(atPath: "claims/ab/abc.md"))
      #expect(try repo.blob(entry.id) == Array("hello\n".utf8))
      return Git.packWindowLimits
    }
    #expect(inside.window == 16 << 20 && inside.mapped == 32 << 20 && inside.cache == 16 << 20)
    #expect(Git.packWindowLimits == before)
    struct Stop: Error {}
    #expect(throws: Stop.self) { try Git.withBoundedPackWindows { () throws(Stop) in throw Stop() } }
    #expect(Git.packWindowLimits == before)
  }

  @Test("a tree update changes only the named path and keeps its siblings")
  func treeUpdateKeepsSiblings() throws {
    let repo = try Repository.create(at: folder.file("ws"))
    let a = try commitFile(repo, "claims/ab/one.md", "1", parent: nil, message: "one")
    let b = try commitFile(repo, "claims/ab/two.md", "2", parent: a, message: "two")
    let tree = try repo.tree(try repo.commit(b).tree)
    #expect(try tree.entry(atPath: "claims/ab/one.md") != nil)
    #expect(try tree.entry(atPath: "claims/ab/two.md") != nil)
    #expect(try tree.entry(atPath: "claims/ab/three.md") == nil)
    let removed = try repo.writeTree(base: tree.id, applying: [.remove("claims/ab/one.md")])
    #expect(try repo.tree(removed).entry(atPath: "claims/ab/one.md") == nil)
  }

  @Test("changed paths between two trees are what git diff-tree reports, in the same order")
  func changedPathsMatchGit() throws {
    let dir = folder.file("ws")
    let repo = try Repository.create(at: dir)
    func blob(_ text: String) throws -> ObjectID { try repo.writeBlob(Array(text.utf8)) }
    let before = try repo.writeTree(
      base: nil,
      applying: [
        .upsert("a", try blob("file a")), .upsert("a.b/c", try blob("c")), .upsert("claims/00/x.md", try blob("x")),
        .upsert("claims/00/y.md", try blob("y")), .upsert("claims/01/z.md", try blob("z")),
        .upsert("gone/deep/f", try blob("f")),
        .upsert("kind", try blob("a file that becomes a folder")), .upsert("mode", try blob("m")),
      ])
    let middle = try repo.writeTree(
      base: before,
      applying: [
        .upsert("a", try blob("file a, edited")), .upsert("claims/00/y.md", try blob("y, edited")),
        .upsert("claims/02/new.md", try blob("new")), .remove("gone/deep/f"), .remove("kind"),
        .upsert("mode", try blob("m"), mode: .executable), .upsert("a-b", try blob("sorts between a and a.b")),
      ])
    let after = try repo.writeTree(base: middle, applying: [.upsert("kind/inner", try blob("now a folder"))])
    let ours = try repo.changedPaths(from: before, to: after)
    let git = try Shell.gitOutput(
      ["diff-tree", "-r", "--no-renames", "--raw", "--abbrev=40", before.hex, after.hex], in: dir)
    let expected = git.split(separator: "\n").map { line -> String in
      let fields = line.split(separator: "\t")
      let ids = fields[0].split(separator: " ")
      func id(_ s: Substring) -> String { s.allSatisfy { $0 == "0" } ? "-" : String(s) }
      return "\(fields[1]) \(id(ids[2])) \(id(ids[3]))"
    }
    #expect(ours.map { "\($0.path) \($0.old?.hex ?? "-") \($0.new?.hex ?? "-")" } == expected)
    #expect(ours.count == 8)
    #expect(try repo.changedPaths(from: after, to: after).isEmpty)
    #expect(try repo.changedPaths(from: nil, to: before).count == 8)
  }

  @Test(
    "a line of single-parent commits is found as git rev-list finds it; a merge, a base off the line, or the limit give nil",
    arguments: [false, true])
  func commitLine(withCommitGraph: Bool) throws {
    let ws = folder.file("ws")
    let repo = try Repository.create(at: ws)
    var line = [try commitFile(repo, "f", "0", parent: nil, message: "root")]
    for i in 1...6 { line.append(try commitFile(repo, "f", "\(i)", parent: line.last, message: "c\(i)")) }
    let side = try commitFile(repo, "g", "side", parent: line[2], message: "side")
    let tree = try repo.commit(line[6]).tree
    let merge = try repo.writeCommit(
      tree: tree, parents: [line[6], side], author: ada, committer: ada, message: "merge")
    let after = try commitFile(repo, "f", "after", parent: merge, message: "after")
    try repo.updateReference("refs/heads/main", to: after, expecting: nil, message: "test")
    if withCommitGraph {
      _ = try Shell.gitOutput(["commit-graph", "write", "--reachable"], in: ws)
      #expect(FileManager.default.fileExists(atPath: ws + "/.git/objects/info/commit-graph"))
    }
    let revList = { (base: ObjectID, head: ObjectID) in
      try Shell.gitOutput(["rev-list", head.hex, "^" + base.hex], in: ws).split(separator: "\n").map(String.init)
    }
    #expect(repo.commitLine(from: line[1], to: line[6])?.map(\.hex) == (try revList(line[1], line[6])))
    #expect(repo.commitLine(from: line[5], to: line[6]) == [line[6]])
    #expect(repo.commitLine(from: line[6], to: line[6]) == [])
    // A merge between them, a base that is not an ancestor, more commits than allowed: the caller walks.
    #expect(repo.commitLine(from: line[1], to: after) == nil)
    #expect(repo.commitLine(from: side, to: line[6]) == nil)
    #expect(repo.commitLine(from: line[0], to: line[6], limit: 3) == nil)
    #expect(repo.commitLine(from: merge, to: after) == [after])
    // Either way, the commits rev-list lists: along a line in its order (or the reverse, oldest
    // first); across the merge, walked (siblings made in the same second may come in another order).
    #expect(
      try repo.commits(after: line[2], upTo: line[6], order: .topological).map(\.hex) == (try revList(line[2], line[6]))
    )
    #expect(
      try repo.commits(after: line[2], upTo: line[6], order: .oldestFirst).map(\.hex)
        == (try revList(line[2], line[6]).reversed()))
    for base in [line[1], side] {
      let walked = try repo.commits(after: base, upTo: after, order: .oldestFirst).map(\.hex)
      #expect(walked.count == Set(walked).count)
      #expect(Set(walked) == Set(try revList(base, after)))
      #expect(walked.last == after.hex)
    }
  }

  @Test("compare-and-swap refuses to move a branch that moved since it was read")
  func compareAndSwap() throws {
    let repo = try Repository.create(at: folder.file("ws"))
    let a = try commitFile(repo, "f", "1", parent: nil, message: "a")
    try repo.updateReference("refs/heads/main", to: a, expecting: nil, message: "a")
    let b = try commitFile(repo, "f", "2", parent: a, message: "b")
    let c = try commitFile(repo, "f", "3", parent: a, message: "c")
    try repo.updateReference("refs/heads/main", to: b, expecting: a, message: "b")
    #expect(throws: GitError.modified) {
      try repo.updateReference("refs/heads/main", to: c, expecting: a, message: "c")
    }
    #expect(try repo.head() == b)
    #expect(throws: GitError.exists) {
      try repo.updateReference("refs/heads/main", to: c, expecting: nil, message: "c")
    }
  }

  @Test("an error names the libgit2 function and carries libgit2's message")
  func errorsCarryContext() throws {
    let result = Result { () throws(GitError) -> Repository in try Repository.open(at: folder.file("nowhere")) }
    guard case .failure(let error) = result else {
      Issue.record("opening a missing repository succeeded")
      return
    }
    do {
      #expect(error == GitError.notFound)
      #expect(error.function == "git_repository_open_ext")
      #expect(error.message.contains("nowhere"))
    }
  }

  @Test("packing moves loose objects into one pack that git verifies, and repacking merges packs")
  func packing() throws {
    let repo = try Repository.create(at: folder.file("ws"))
    var head: ObjectID?
    for i in 0..<60 {
      head = try commitFile(
        repo, "claims/\(i % 7)/c.md", String(repeating: "line \(i)\n", count: 20), parent: head, message: "c\(i)")
    }
    try repo.updateReference("refs/heads/main", to: try #require(head), expecting: nil, message: "x")
    #expect(repo.looseObjectIDs().count > 100)
    let packed = try repo.packLooseObjects()
    #expect(packed > 100)
    #expect(repo.looseObjectIDs().isEmpty)
    let previous = head
    head = try commitFile(repo, "late.md", "late", parent: head, message: "late")
    try repo.updateReference("refs/heads/main", to: try #require(head), expecting: previous, message: "x")
    try repo.packLooseObjects()
    #expect(repo.packNames().count == 2)
    try repo.repackAll()
    #expect(repo.packNames().count == 1)
    let ws = folder.file("ws")
    #expect(try Shell.git(["fsck", "--strict", "--full"], in: ws).succeeded)
    let counts = try Shell.gitOutput(["count-objects", "-v"], in: ws)
    #expect(counts.contains("count: 0"))
    #expect(counts.contains("packs: 1"))
    #expect(try Shell.gitOutput(["rev-list", "--count", "HEAD"], in: ws) == "61")
  }

  /// Commits `text(i)` to one of nine claim files for each `i` on main, after `head`, then packs the loose objects.
  func commitAndPack(_ repo: Repository, _ range: Range<Int>, after head: inout ObjectID?, text: (Int) -> String)
    throws
  {
    for i in range {
      let previous = head
      head = try commitFile(repo, "claims/\(i % 9)/c.md", text(i), parent: head, message: "c\(i)")
      try repo.updateReference("refs/heads/main", to: try #require(head), expecting: previous, message: "x")
    }
    try repo.packLooseObjects()
  }

  @Test("geometric repacking merges the small packs, keeps the large one, and rewrites all only when it must")
  func geometricRepacking() throws {
    let ws = folder.file("ws")
    let repo = try Repository.create(at: ws)
    var head: ObjectID?
    func commits(_ range: Range<Int>) throws {
      try commitAndPack(repo, range, after: &head) { String(repeating: "line \($0)\n", count: 30) }
    }
    try commits(0..<100)
    let large = try #require(repo.packNames().first)
    let largeCount = try #require(repo.packObjectCounts()[large])
    // Four small packs of 3 commits each: together far less than half the large pack.
    for k in 0..<4 { try commits((100 + 3 * k)..<(103 + 3 * k)) }
    #expect(repo.packNames().count == 5)
    #expect(try repo.repackGeometrically() == 4)
    let packs = repo.packObjectCounts()
    #expect(packs.count == 2)
    #expect(packs[large] == largeCount)
    #expect(try Shell.git(["fsck", "--strict", "--full"], in: ws).succeeded)
    #expect(try Shell.gitOutput(["rev-list", "--count", "HEAD"], in: ws) == "112")
    // Packs already in a progression are left as they are.
    #expect(try repo.repackGeometrically() == 0)
    #expect(repo.packObjectCounts() == packs)
    // Once the small packs hold at least half as many objects as the large one, everything is rewritten.
    try commits(112..<170)
    #expect(try repo.repackGeometrically() == 3)
    #expect(repo.packNames().count == 1)
    #expect(try Shell.git(["fsck", "--strict", "--full"], in: ws).succeeded)
    let counts = try Shell.gitOutput(["count-objects", "-v"], in: ws)
    #expect(counts.contains("count: 0") && counts.contains("packs: 1"))
    #expect(try Shell.gitOutput(["rev-list", "--count", "HEAD"], in: ws) == "170")
  }

  @Test("a pack with a version 1 index is left out of geometric merging, not an error")
  func versionOneIndexIsLeftAlone() throws {
    let ws = folder.file("ws")
    let repo = try Repository.create(at: ws)
    var head: ObjectID?
    func commits(_ range: Range<Int>) throws {
      try commitAndPack(repo, range, after: &head) { "claim \($0)\n" }
    }
    try commits(0..<100)
    let large = try #require(repo.packNames().first)
    try commits(100..<103)
    // Rewrite that small pack's index in the old format, as git before 1.5.2 wrote it.
    let old = try #require(repo.packNames().first { $0 != large })
    let pack = ws + "/.git/objects/pack/" + old
    try FileManager.default.removeItem(atPath: pack + ".idx")
    let indexed = try Shell.git(["index-pack", "--index-version=1", "-o", pack + ".idx", pack + ".pack"], in: ws)
    #expect(indexed.succeeded, "\(indexed.stderr)")
    for k in 0..<3 { try commits((103 + 3 * k)..<(106 + 3 * k)) }
    #expect(repo.packObjectCounts()[old] == nil)
    #expect(repo.packObjectCounts().count == 4)
    // The three small version 2 packs merge; the large one and the old-format one stay.
    #expect(try repo.repackGeometrically() == 3)
    #expect(Set(repo.packNames()).isSuperset(of: [large, old]))
    #expect(repo.packNames().count == 3)
    #expect(try Shell.git(["fsck", "--strict", "--full"], in: ws).succeeded)
    #expect(try Shell.gitOutput(["rev-list", "--count", "HEAD"], in: ws) == "112")
  }

  @Test("objects gathered as one pack are verified by git, readable at once, and leave nothing loose")
  func onePackWrites() throws {
    let ws = folder.file("ws")
    let repo = try Repository.create(at: ws)
    let first = try commitFile(repo, "claims/00/a.md", "a\n", parent: nil, message: "first")
    try repo.updateReference("refs/heads/main", to: first, expecting: nil, message: "x")
    try repo.packLooseObjects()
    let base = try repo.commit(first).tree
    var objects = PackedObjects()
    var updates: [TreeUpdate] = []
    for i in 0..<80 {
      let id = objects.addBlob(Array(String(repeating: "claim \(i)\n", count: 1 + i % 9).utf8))
      updates.append(.upsert("claims/\(String(format: "%02x", i % 16))/c\(i).md", id))
    }
    // The one blob the database has already is not stored again; the id is git's.
    let again = objects.addBlob(Array("a\n".utf8))
    #expect(again == (try ObjectID.blob(hashing: Array("a\n".utf8))))
    updates.append(.upsert("claims/00/a.md", again))
    let tree = try repo.writeTree(base: base, applying: updates, into: &objects)
    #expect(!(try repo.contains(tree)))
    let commit = try objects.addCommit(tree: tree, parents: [first], author: ada, committer: ada, message: "eighty")
    let before = Set(repo.packNames())
    try repo.store(objects)
    // Readable as soon as it is stored, by this repository and by git.
    #expect(
      try repo.blob(try #require(try repo.tree(tree).entry(atPath: "claims/05/c5.md")).id)
        == Array(String(repeating: "claim 5\n", count: 6).utf8))
    try repo.updateReference("refs/heads/main", to: commit, expecting: first, message: "x")
    #expect(repo.looseObjectIDs().isEmpty)
    // The commit is the one libgit2 writes for the same arguments (which, finding it stored, writes nothing).
    #expect(
      try repo.writeCommit(tree: tree, parents: [first], author: ada, committer: ada, message: "eighty") == commit)
    #expect(repo.looseObjectIDs().isEmpty)
    #expect(repo.packNames().count == 2)
    #expect(try Shell.git(["fsck", "--strict", "--full"], in: ws).succeeded)
    #expect(
      try Shell.gitOutput(["show", "HEAD:claims/0f/c79.md"], in: ws)
        == String(repeating: "claim 79\n", count: 8).dropLast())
    // The first commit's 5 objects, then 80 blobs, the root, claims/ and its 16 folders, and the commit.
    #expect(try Shell.gitOutput(["count-objects", "-v"], in: ws).contains("in-pack: \(5 + 80 + 18 + 1)"))
    // git reads the pack's index as its own: `git index-pack` makes the same .idx from the pack.
    let pack = try #require(repo.packNames().first { !before.contains($0) })
    let packFile = ws + "/.git/objects/pack/" + pack + ".pack"
    let remade = folder.file("remade.idx")
    #expect(try Shell.git(["index-pack", "-o", remade, packFile], in: ws).succeeded)
    #expect(
      FileManager.default.contents(atPath: remade)
        == FileManager.default.contents(atPath: ws + "/.git/objects/pack/" + pack + ".idx"))
  }

  @Test("commits made in memory are the commits libgit2 writes: signatures, offsets, parents, any message")
  func commitsMadeInMemory() throws {
    let repo = try Repository.create(at: folder.file("ws"))
    let a = try commitFile(repo, "a.md", "a\n", parent: nil, message: "a")
    let b = try commitFile(repo, "b.md", "b\n", parent: nil, message: "b")
    let tree = try repo.commit(a).tree
    let people = [
      ada,
      Signature(
        name: "  Zoë Ó Briain ", email: " zoe@example.ie ", date: Date(timeIntervalSince1970: 1_700_000_123),
        offsetMinutes: -330),
      Signature(name: "Kim", email: "kim@example.org", date: Date(timeIntervalSince1970: 42.9), offsetMinutes: 0),
    ]
    for (k, (author, committer)) in zip(people, people.reversed()).enumerated() {
      for parents in [[], [a], [a, b]] {
        for message in ["one line", "Subject\n\nBody.\n\nClaim: 3f9a\n", "no newline at all\n\n\n"] {
          var objects = PackedObjects()
          let made = try objects.addCommit(
            tree: tree, parents: parents, author: author, committer: committer, message: message)
          let written = try repo.writeCommit(
            tree: tree, parents: parents, author: author, committer: committer, message: message)
          #expect(made == written, "signature pair \(k), \(parents.count) parents, \(message.debugDescription)")
        }
      }
    }
  }

  @Test("trees made in memory are the trees libgit2 writes, in git's order, with emptied folders dropped")
  func treesMadeInMemory() throws {
    let repo = try Repository.create(at: folder.file("ws"))
    var random = SeededRandom(seed: 7)
    // Names where git's order differs from plain byte order: a folder sorts as if it ended in "/".
    let names = ["a", "a.b", "a-b", "a0", "ab", "b", "c.md", "z"]
    var present: [String: ObjectID] = [:]
    var tree: ObjectID? = nil
    for round in 0..<40 {
      var updates: [TreeUpdate] = []
      var touched = Set<String>()
      for _ in 0..<(1 + Int(random.next() % 12)) {
        let depth = 1 + Int(random.next() % 3)
        let path = (0..<depth).map { _ in names[Int(random.next() % UInt64(names.count))] }.joined(separator: "/")
        // A path must not run through a file, nor hold files beneath one (git's rules for a tree).
        // (libgit2 also refuses a file and a folder of one name in a single update.)
        let clashes = Set(present.keys).union(touched).contains { $0.hasPrefix(path + "/") || path.hasPrefix($0 + "/") }
        guard !clashes, touched.insert(path).inserted else { continue }
        if present[path] != nil, random.next() % 3 == 0 {
          updates.append(.remove(path))
          present[path] = nil
        } else {
          let id = try repo.writeBlob(Array("\(round) \(path)\n".utf8))
          let mode: FileMode = random.next() % 5 == 0 ? .executable : .blob
          updates.append(.upsert(path, id, mode: mode))
          present[path] = id
        }
      }
      guard !updates.isEmpty else { continue }
      let expected = try repo.writeTree(base: tree, applying: updates)
      var objects = PackedObjects()
      let made = try repo.writeTree(base: tree, applying: updates, into: &objects)
      #expect(made == expected, "round \(round): \(updates.map(\.path))")
      tree = expected
    }
    // Removing every file leaves the empty tree, as libgit2 has it.
    let all = present.keys.map { TreeUpdate.remove($0) }
    var objects = PackedObjects()
    #expect(
      try repo.writeTree(base: tree, applying: all, into: &objects) == (try repo.writeTree(base: tree, applying: all)))
    // A removed path that is not there, and a path through a file, are refused.
    var more = PackedObjects()
    #expect(throws: GitError.self) { try repo.writeTree(base: tree, applying: [.remove("nothing/here")], into: &more) }
    // So are the names libgit2 refuses, by both (and a trailing slash, which libgit2 lets through).
    let blob = try repo.writeBlob(Array("x\n".utf8))
    for path in ["a/../b", "./x", ".git/config", "sub/.GIT", "x//y", "/x", "..", "x/"] {
      if path != "x/" {
        #expect(throws: GitError.self, "libgit2: \(path)") {
          try repo.writeTree(base: tree, applying: [.upsert(path, blob)])
        }
      }
      #expect(throws: GitError.self, "in memory: \(path)") {
        try repo.writeTree(base: tree, applying: [.upsert(path, blob)], into: &more)
      }
    }
  }

  @Test("many blobs read through their working files are the blobs, edited, missing or not")
  func manyBlobsThroughWorkingFiles() throws {
    let ws = folder.file("ws")
    let repo = try Repository.create(at: ws)
    var wanted: [(id: ObjectID, path: String)] = []
    for i in 0..<100 {
      let text = "claim \(i)\n"
      let id = try repo.writeBlob(Array(text.utf8))
      let path = "c\(i).md"
      // Every third file edited, every seventh missing: those are read from the object database.
      if i % 7 != 0 {
        try (i % 3 == 0 ? "edited \(i)\n" : text).write(toFile: ws + "/" + path, atomically: false, encoding: .utf8)
      }
      wanted.append((id, path))
    }
    let read = try repo.blobs(wanted)
    #expect(read.count == wanted.count)
    for (k, bytes) in read.enumerated() { #expect(bytes == Array("claim \(k)\n".utf8), "blob \(k)") }
  }

  @Test("trailers are parsed the way git interpret-trailers reads them")
  func trailers() {
    let message = "Mark 3f9a confirmed\n\nBody text.\n\nClaim: 3f9a\nStatus: confirmed\nEntry: e1\n"
    #expect(
      Commit.trailers(of: message).map { "\($0.key)=\($0.value)" } == ["Claim=3f9a", "Status=confirmed", "Entry=e1"])
    #expect(Commit.trailers(of: "Just a subject\n").isEmpty)
  }

  @Test("object ids round-trip through hex and match git hash-object")
  func objectIDs() throws {
    let id = try ObjectID.blob(hashing: Array("hello\n".utf8))
    #expect(id.hex == "ce013625030ba8dba906f756967f9e9ca394464a")
    #expect(ObjectID(hex: id.hex) == id)
    #expect(ObjectID(hex: "xyz") == nil)
  }

  @Test("a blob read through its working file is the blob, whatever the file holds")
  func blobCheckedOut() throws {
    let dir = folder.file("ws")
    let repo = try Repository.create(at: dir)
    let committed = Array("committed\n".utf8)
    let id = try repo.writeBlob(committed)
    try FileManager.default.createDirectory(atPath: dir + "/claims/ab", withIntermediateDirectories: true)
    let file = dir + "/claims/ab/abc.md"
    try Data(committed).write(to: URL(fileURLWithPath: file))
    #expect(try repo.blob(id, checkedOutAt: "claims/ab/abc.md") == committed)
    // A hand edit is not the blob: the object database answers.
    try Data("edited by hand\n".utf8).write(to: URL(fileURLWithPath: file))
    #expect(try repo.blob(id, checkedOutAt: "claims/ab/abc.md") == committed)
    try FileManager.default.removeItem(atPath: file)
    #expect(try repo.blob(id, checkedOutAt: "claims/ab/abc.md") == committed)
    #expect(try repo.blob(id, checkedOutAt: "claims") == committed)
  }
}
