import Foundation
import Synchronization
import TestSupport
import Testing

@testable import GitKit

@Suite("vet's pack indexer: the .idx git index-pack writes, and clear errors for packs that are not whole")
struct PackIndexerTests {
  let folder = TemporaryDirectory("pack-indexer")

  /// A repository whose files change a few lines per commit, so that packing finds long delta chains.
  func makeHistory() throws -> String {
    let dir = folder.file("history")
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try #require(try Shell.git(["init", "-q", "-b", "main"], in: dir).succeeded)
    for version in 0..<12 {
      for file in 0..<8 {
        let lines = (0..<60).map { line in
          line % 12 == version
            ? "claim \(file) line \(line) revised in version \(version)"
            : "claim \(file) line \(line) as first reported"
        }
        _ = try folder.write("history/claims/\(file % 3)/c\(file).md", lines.joined(separator: "\n") + "\n")
      }
      try #require(try Shell.git(["add", "."], in: dir).succeeded)
      try #require(try Shell.git(["commit", "-q", "-m", "version \(version)"], in: dir).succeeded)
    }
    return dir
  }

  /// A pack of every object, made by `git pack-objects` with fresh deltas; offset deltas or reference deltas.
  func makePack(_ repository: String, offsetDeltas: Bool) throws -> [UInt8] {
    let flags = offsetDeltas ? " --delta-base-offset" : ""
    return try packObjects("--all --no-reuse-delta --no-reuse-object --depth=50" + flags, input: "", in: repository)
  }

  /// What `git pack-objects ARGUMENTS --stdout` writes (through a file: a pack is not text).
  func packObjects(_ arguments: String, input: String, in repository: String) throws -> [UInt8] {
    let out = folder.file("pack-\(UUID().uuidString.prefix(8))")
    let result = try Shell.run(
      "/bin/sh", ["-c", "git pack-objects \(arguments) --stdout > '\(out)'"], in: repository, input: Array(input.utf8))
    try #require(result.succeeded, "git pack-objects \(arguments): \(result.stderr)")
    return Array(try Data(contentsOf: URL(fileURLWithPath: out)))
  }

  /// Feeds `pack` to a `PackIndexer` in pieces of `chunk` bytes and commits it.
  func index(_ pack: [UInt8], chunk: Int, into directory: String, progress: inout [PackIndexer.Progress]) throws
    -> (name: String, entries: PackEntries)
  {
    let indexer = try PackIndexer(directory: directory)
    var at = 0
    while at < pack.count {
      let end = min(pack.count, at + chunk)
      try pack[at..<end].withUnsafeBytes { try indexer.append($0) }
      at = end
    }
    var reports: [PackIndexer.Progress] = []
    let name = try indexer.commit {
      reports.append($0); return true
    }
    progress = reports
    return (name, indexer.entries)
  }

  /// What `git index-pack` writes for the same pack.
  func gitIndex(of pack: [UInt8], label: String) throws -> [UInt8] {
    let packFile = try folder.write("\(label)-reference.pack", pack)
    let idxFile = folder.file("\(label)-reference.idx")
    let result = try Shell.git(["index-pack", "-o", idxFile, packFile], in: folder.path)
    try #require(result.succeeded, "git index-pack: \(result.stderr)")
    return Array(try Data(contentsOf: URL(fileURLWithPath: idxFile)))
  }

  func newDirectory(_ name: String) throws -> String {
    let dir = folder.file(name) + "/"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  @Test(
    "offset and reference delta packs: the .idx is git index-pack's byte for byte, however the bytes arrive",
    arguments: [true, false])
  func identicalIndex(offsetDeltas: Bool) throws {
    let repository = try makeHistory()
    let pack = try makePack(repository, offsetDeltas: offsetDeltas)
    let label = offsetDeltas ? "ofs" : "ref"
    let expected = try gitIndex(of: pack, label: label)
    for chunk in [1, 13, 4096, pack.count] {
      let directory = try newDirectory("\(label)-\(chunk)")
      var progress: [PackIndexer.Progress] = []
      let (name, entries) = try index(pack, chunk: chunk, into: directory, progress: &progress)
      // The pack has the kind of deltas this case is about, and deep chains of them.
      #expect(entries.types.contains(offsetDeltas ? 6 : 7))
      #expect(!entries.types.contains(offsetDeltas ? 7 : 6))
      let written = Array(try Data(contentsOf: URL(fileURLWithPath: directory + name + ".idx")))
      #expect(written == expected, "chunk \(chunk): the .idx differs from git index-pack's")
      #expect(Array(try Data(contentsOf: URL(fileURLWithPath: directory + name + ".pack"))) == pack)
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == [name + ".idx", name + ".pack"])
      let verify = try Shell.git(["verify-pack", directory + name + ".idx"], in: folder.path)
      #expect(verify.succeeded, "\(verify.stderr)")
      // Progress ends with every delta resolved and every object indexed.
      let last = try #require(progress.last)
      #expect(last.totalDeltas > 0)
      #expect(last.indexedDeltas == last.totalDeltas)
      #expect(last.indexedObjects == last.totalObjects && last.receivedObjects == last.totalObjects)
    }
  }

  @Test("offsets of 2 GiB and beyond go through the .idx's 64-bit table, as git show-index reads it")
  func largeOffsets() throws {
    // No test can write a pack over 2 GiB: the index is checked on its own, through git's reader.
    let offsets: [UInt64] = [12, 0x7FFF_FFFF, 0x8000_0000, 0x1_2345_6789, 300, 0xFFFF_FFFF_0000]
    var entries = PackEntries()
    var random = SystemRandomNumberGenerator()
    var expected: [String] = []
    for (i, offset) in offsets.enumerated() {
      entries.append(offset: offset, headerLength: 2, type: 3, size: 10, base: -1)
      let id = (0..<20).map { _ in UInt8.random(in: 0...255, using: &random) }
      entries.setID(i, id)
      entries.crcs[i] = UInt32(0x1000 + i)
      expected.append(
        "\(offset) \(id.map { String(format: "%02x", $0) }.joined()) (\(String(format: "%08x", 0x1000 + i)))")
    }
    let idx = PackIndexWriter.index(of: entries, packChecksum: [UInt8](repeating: 7, count: 20))
    let shown = try Shell.run(Shell.gitPath, ["show-index"], in: folder.path, input: idx)
    #expect(shown.succeeded, "\(shown.stderr)")
    #expect(shown.stdout.split(separator: "\n").map(String.init).sorted() == expected.sorted())
    // Three entries are at 2 GiB or beyond: three 64-bit slots before the two checksums.
    #expect(idx.count == 8 + 1024 + 28 * offsets.count + 8 * 3 + 40)
  }

  @Test("the blobs a checkout reads straight from the indexed pack are exactly the pack's blobs")
  func blobsFromIndexedPack() throws {
    let repository = try makeHistory()
    let pack = try makePack(repository, offsetDeltas: true)
    let directory = try newDirectory("blobs")
    var progress: [PackIndexer.Progress] = []
    let (name, entries) = try index(pack, chunk: 65536, into: directory, progress: &progress)
    let listing = try Shell.gitOutput(
      ["cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype)"], in: repository)
    let blobs = Set(listing.split(separator: "\n").filter { $0.hasSuffix(" blob") }.map { String($0.prefix(40)) })
    let wanted = (0..<entries.count).map { entry in
      blobs.contains(ObjectID(bytes: Array(entries.ids[(20 * entry)..<(20 * entry + 20)])).hex)
    }
    // Most blobs are deltas here, so this reads through their chains.
    #expect(wanted.indices.filter { wanted[$0] && entries.types[$0] == 6 }.count > blobs.count / 2)
    let reader = try #require(PackBlobReader(packFile: directory + name + ".pack", entries: entries))
    let seen = Mutex<[String: Bool]>([:])
    try reader.read(wanted: wanted) { entry, bytes throws(GitError) in
      let id = ObjectID(bytes: Array(entries.ids[(20 * entry)..<(20 * entry + 20)]))
      let matches = try ObjectID.blob(hashing: bytes) == id
      seen.withLock { $0[id.hex] = matches }
    }
    let result = seen.withLock { $0 }
    #expect(Set(result.keys) == blobs)
    #expect(result.values.allSatisfy { $0 }, "a blob read from the pack does not hash to its id")
  }

  @Test("a pack cut short, damaged in an object, or with a wrong closing checksum is refused and leaves no file")
  func damagedPacks() throws {
    let pack = try makePack(try makeHistory(), offsetDeltas: true)
    var flipped = pack
    flipped[pack.count / 2] ^= 0x5A
    var badChecksum = pack
    badChecksum[pack.count - 1] ^= 0x01
    let cases: [(String, [UInt8], String)] = [
      ("truncated", Array(pack.prefix(pack.count - 200)), "truncated"),
      ("no-checksum", Array(pack.prefix(pack.count - 10)), "truncated"),
      ("flipped", flipped, "the received pack is unusable"),
      ("checksum", badChecksum, "checksum does not match"),
      ("junk", pack + [0x00, 0x01], "follow its closing checksum"),
      ("not-a-pack", Array("hello, this is not a pack at all".utf8), "pack signature"),
    ]
    for (label, bytes, reason) in cases {
      let directory = try newDirectory("damaged-\(label)")
      var progress: [PackIndexer.Progress] = []
      do {
        _ = try index(bytes, chunk: 4096, into: directory, progress: &progress)
        Issue.record("\(label): a damaged pack was accepted")
      } catch {
        let message = (error as? GitError)?.message ?? "\(error)"
        #expect(message.contains(reason), "\(label): \(message)")
      }
      #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == [], "\(label): files were left behind")
    }
  }

  @Test("a thin pack, whose deltas name bases it does not hold, is refused with the missing object named")
  func thinPack() throws {
    let repository = try makeHistory()
    let thin = try packObjects("--revs --thin", input: "HEAD\n^HEAD~3\n", in: repository)
    let directory = try newDirectory("thin")
    var progress: [PackIndexer.Progress] = []
    do {
      _ = try index(thin, chunk: 4096, into: directory, progress: &progress)
      Issue.record("a thin pack was accepted")
    } catch {
      let message = (error as? GitError)?.message ?? "\(error)"
      #expect(message.contains("which the pack does not hold"), "\(message)")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == [])
  }

  @Test(
    "the indexer checks every tree it receives: none refused in an honest history, a '..' entry found in a hostile one",
    .enabled(if: ServerPrograms.hasGitDaemon, "git daemon is not installed (git package); run Scripts/install-deps.sh"))
  func indexerChecksTrees() throws {
    let repository = try makeHistory()
    let served = try newDirectory("served-check")
    try #require(
      try Shell.git(["clone", "-q", "--bare", repository, served + "history.git"], in: folder.path).succeeded)
    try #require(try Shell.git(["repack", "-a", "-d", "-f", "--depth=50"], in: served + "history.git").succeeded)
    let daemon = try GitDaemonServer(root: served, folder: folder.path)
    defer { daemon.stop() }
    let honest = try Repository.receive(
      url: daemon.url("history.git"), into: folder.file("honest"), callbacks: TransferCallbacks())
    #expect(honest.refusedTrees == [])
    // A commit on top whose root holds a folder named "..".
    let bare = served + "history.git"
    func git(_ arguments: [String], _ input: String) throws -> String {
      let result = try Shell.run(Shell.gitPath, ["-C", bare] + arguments, input: Array(input.utf8))
      return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let blob = try git(["hash-object", "-w", "--stdin"], "x\n")
    let inner = try git(["mktree"], "100644 blob \(blob)\tescaped.txt\n")
    let listing = try Shell.gitOutput(["-C", bare, "ls-tree", "HEAD"], in: folder.path)
    let root = try git(["mktree"], listing + "\n040000 tree \(inner)\t..\n")
    let commit = try Shell.gitOutput(["-C", bare, "commit-tree", root, "-p", "HEAD", "-m", "x"], in: folder.path)
    _ = try Shell.gitOutput(["-C", bare, "update-ref", "HEAD", commit], in: folder.path)
    let hostile = try Repository.receive(
      url: daemon.url("history.git"), into: folder.file("hostile"), callbacks: TransferCallbacks())
    #expect(hostile.refusedTrees?.map(\.name) == [".."])
    #expect(hostile.refusedTrees?.first?.violation.check == "hasDotdot")
  }

  @Test(
    "a clone over git:// is indexed by vet: git fsck --strict and verify-pack pass, the .idx is git's, progress resolves",
    .enabled(if: ServerPrograms.hasGitDaemon, "git daemon is not installed (git package); run Scripts/install-deps.sh"))
  func cloneOverGitDaemon() throws {
    let repository = try makeHistory()
    let served = try newDirectory("served")
    try #require(
      try Shell.git(["clone", "-q", "--bare", repository, served + "history.git"], in: folder.path).succeeded)
    try #require(try Shell.git(["repack", "-a", "-d", "-f", "--depth=50"], in: served + "history.git").succeeded)
    let daemon = try GitDaemonServer(root: served, folder: folder.path)
    defer { daemon.stop() }
    var phases: [TransferProgress] = []
    let target = folder.file("clone")
    let clone = try Repository.clone(
      url: daemon.url("history.git"), to: target,
      callbacks: TransferCallbacks(progress: {
        phases.append($0); return true
      }))
    #expect(try clone.head() != nil)
    #expect(try Shell.git(["fsck", "--strict"], in: target).succeeded)
    #expect(try Shell.gitOutput(["status", "--porcelain"], in: target) == "")
    // Every file's content is its committed blob (status alone trusts the index's stat data).
    let committed = try Shell.gitOutput(["ls-tree", "-r", "--format=%(objectname)", "HEAD"], in: target)
    let paths = try Shell.gitOutput(["ls-tree", "-r", "--name-only", "HEAD"], in: target)
    let hashed = try Shell.run(
      Shell.gitPath, ["hash-object", "--no-filters", "--stdin-paths"], in: target, input: Array((paths + "\n").utf8))
    #expect(hashed.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == committed)
    #expect(committed.split(separator: "\n").count == 8)
    let packs = try FileManager.default.contentsOfDirectory(atPath: target + "/.git/objects/pack")
    let idx = try #require(packs.first { $0.hasSuffix(".idx") })
    #expect(packs.count == 2, "\(packs)")
    let packPath = target + "/.git/objects/pack/" + idx.dropLast(4) + ".pack"
    #expect(try Shell.git(["verify-pack", packPath], in: target).succeeded)
    let pack = Array(try Data(contentsOf: URL(fileURLWithPath: packPath)))
    let written = Array(try Data(contentsOf: URL(fileURLWithPath: target + "/.git/objects/pack/" + idx)))
    #expect(written == (try gitIndex(of: pack, label: "clone")))
    // Receiving, then resolving up to the last delta, as libgit2's own indexer reports it.
    let received = try #require(phases.last { $0.phase == .receiving })
    #expect(received.current == received.total && received.total > 0 && received.bytes >= pack.count)
    let resolved = try #require(phases.last { $0.phase == .resolving })
    #expect(resolved.current == resolved.total && resolved.total > 0)
  }

  @Test("a cancelled clone stops while deltas are resolved and leaves no folder")
  func cancelledWhileResolving() throws {
    let repository = try makeHistory()
    let target = folder.file("cancelled")
    #expect(throws: GitError.user) {
      _ = try Repository.clone(
        url: "file://" + repository, to: target, callbacks: TransferCallbacks(progress: { $0.phase != .resolving }))
    }
    #expect(!FileManager.default.fileExists(atPath: target))
  }
}
