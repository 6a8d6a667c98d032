import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Reliability: parallel writers and killed commands lose nothing", .serialized)
struct ReliabilityTests {
  @Test("8 vet note processes adding 50 notes each to one claim at once: all 400 notes land")
  func parallelNotes() throws {
    let v = VetRunner()
    try v.initWorkspace()
    let id = try v.addClaim("The port was closed on Friday")
    let workers = 8
    let perWorker = 50
    let failures = ManagedAtomicCounter()
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      for n in 0..<perWorker {
        let result = try? v.vet(["note", id, "worker \(worker) note \(n)"])
        if result?.succeeded != true { failures.increment() }
      }
    }
    #expect(failures.value == 0)
    let show = try v.shownClaim(id)
    let notes = (show?["log"] as? [[String: Any]] ?? []).compactMap { $0["note"] as? String }
    #expect(Set(notes).count == workers * perWorker)
    #expect(try v.git("rev-list", "--count", "HEAD") == String(2 + workers * perWorker))
    #expect(try Shell.git(["fsck", "--strict"], in: v.workspace).succeeded)
    #expect(try v.git("status", "--porcelain").isEmpty)
  }

  @Test(
    "vet mark killed with SIGKILL at random points, 200 times: fsck passes and every acknowledged mark is there",
    arguments: [false, true])
  func killedMarks(splitIndex: Bool) throws {
    let v = VetRunner()
    try v.initWorkspace()
    // Split, a small index gets a new shared index on every mark: two files written, either may be cut short.
    if splitIndex { _ = try v.git("config", "core.splitIndex", "true") }
    let id = try v.addClaim("The ferry carried 300 passengers")
    // Kill points are spread over a whole mark, from exec to exit: time a few first.
    var durations: [Double] = []
    for i in 0..<3 {
      let start = Date()
      try v.ok("mark", id, "unverified", "--note", "calibration \(i)")
      durations.append(Date().timeIntervalSince(start))
    }
    let window = UInt32(max(0.01, durations.sorted()[1] * 2) * 1_000_000)
    var acknowledged: [String] = []
    var killed = 0
    var generator = SystemRandomNumberGenerator()
    for trial in 0..<200 {
      let note = "trial \(trial)"
      let process = Process()
      process.executableURL = URL(fileURLWithPath: Binaries.vet)
      process.arguments = ["mark", id, trial.isMultiple(of: 2) ? "confirmed" : "disputed", "--note", note]
      process.currentDirectoryURL = URL(fileURLWithPath: v.workspace)
      process.environment = Shell.environment
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      // Anywhere from before libgit2 starts to after the commit lands.
      usleep(UInt32.random(in: 0...window, using: &generator))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      if process.terminationReason == .exit && process.terminationStatus == 0 { acknowledged.append(note) }
      if process.terminationReason == .uncaughtSignal { killed += 1 }
      let fsck = try Shell.git(["fsck", "--strict", "--no-dangling"], in: v.workspace)
      #expect(fsck.succeeded, "fsck failed after trial \(trial): \(fsck.stderr)")
      if !fsck.succeeded { break }
    }
    // Both outcomes must have happened many times for the test to mean anything.
    #expect(killed >= 10, "only \(killed) of 200 marks were killed")
    #expect(acknowledged.count >= 10, "only \(acknowledged.count) of 200 marks completed")
    // The next command finishes any interrupted one, then everything acknowledged is present.
    try v.ok("note", id, "after the storm")
    let show = try v.shownClaim(id)
    let notes = Set((show?["log"] as? [[String: Any]] ?? []).compactMap { $0["note"] as? String })
    for note in acknowledged { #expect(notes.contains(note), "acknowledged \(note) is missing") }
    #expect(notes.contains("after the storm"))
    #expect(try v.git("status", "--porcelain").isEmpty)
    let shared = try FileManager.default.contentsOfDirectory(atPath: v.workspace + "/.git").filter {
      $0.hasPrefix("sharedindex.")
    }
    #expect(shared.isEmpty != splitIndex)
  }

  @Test(
    "a working file left part-overwritten by a killed command is finished by the next one; a hand edit is not",
    arguments: [0.25, 0.5, 0.9])
  func cutShortOverwrite(at fraction: Double) throws {
    let v = VetRunner()
    try v.initWorkspace()
    let id = try v.addClaim("The ferry carried 300 passengers")
    // What an overwrite killed part-way leaves: the new file's start, then the old one's rest.
    let interrupted = try v.interruptedMark(id, at: fraction)
    let (path, journal) = (interrupted.path, v.journal)
    let full = v.workspace + "/" + path
    #expect(interrupted.newBytes.count > interrupted.oldBytes.count)
    try v.ok("note", id, "after the crash")
    #expect(try v.git("status", "--porcelain").isEmpty)
    let show = try v.shownClaim(id)
    #expect(show?["status"] as? String == "confirmed")
    #expect((show?["log"] as? [[String: Any]] ?? []).contains { $0["note"] as? String == "after the crash" })
    #expect(!FileManager.default.fileExists(atPath: journal))

    // The same journal over a file a person edited since: their edit is kept, and the write refused.
    let edited = Array(try String(contentsOfFile: full, encoding: .utf8).utf8) + Array("draft\n".utf8)
    try Data(edited).write(to: URL(fileURLWithPath: full))
    let (before, after) = (try v.git("rev-parse", "HEAD~1:" + path), try v.git("rev-parse", "HEAD:" + path))
    try "\(before)\t\(after)\t\(path)\n".write(toFile: journal, atomically: true, encoding: .utf8)
    let refused = try v.vet("note", id, "over a hand edit")
    #expect(!refused.succeeded)
    #expect(refused.stderr.contains(path))
    #expect(Array(try String(contentsOfFile: full, encoding: .utf8).utf8) == edited)
  }

  @Test("a claim file with another hard link is replaced, not written through: the other name keeps its text")
  func hardLinkedClaimFile() throws {
    let v = VetRunner()
    try v.initWorkspace()
    let id = try v.addClaim("The ferry carried 300 passengers")
    let full = v.workspace + "/claims/\(id.prefix(2))/\(id).md"
    let backup = v.folder.file("backup.md")
    #expect(link(full, backup) == 0)
    let before = try String(contentsOfFile: backup, encoding: .utf8)
    try v.ok("mark", id, "confirmed")
    #expect(try String(contentsOfFile: backup, encoding: .utf8) == before)
    #expect(try String(contentsOfFile: full, encoding: .utf8).contains("status: confirmed"))
    #expect(try v.git("status", "--porcelain").isEmpty)
  }

  @Test("when packing objects fails after a mark has landed, the mark succeeds and the failure is a notice")
  func packingFailsAfterCommit() throws {
    let v = VetRunner()
    try v.initWorkspace()
    let id = try v.addClaim("The ferry carried 300 passengers")
    // vet packs once it estimates 1,024 loose objects, from the objects under 17/: put six there,
    // each 4 KB that do not compress, so the pack is far larger than the mark's own files.
    var random = SystemRandomNumberGenerator()
    let fillerFolder = v.folder.file("filler")
    try FileManager.default.createDirectory(atPath: fillerFolder, withIntermediateDirectories: true)
    // One blob in 256 lands under 17/: write random ones in batches until six have.
    var chosen: [String] = []
    var written = 0
    while chosen.count < 6 && written < 40_000 {
      var fillers: [String] = []
      for n in written..<(written + 2000) {
        let file = fillerFolder + "/\(n)"
        var bytes = [UInt8](repeating: 0, count: 4096)
        for i in stride(from: 0, to: bytes.count, by: 8) {
          withUnsafeBytes(of: random.next()) { bytes.replaceSubrange(i..<(i + 8), with: $0) }
        }
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        fillers.append(file)
      }
      written += fillers.count
      let ids = try Shell.run(
        "/usr/bin/git", ["hash-object", "--stdin-paths"], in: v.workspace,
        input: Array(fillers.joined(separator: "\n").utf8)
      ).stdout.split(separator: "\n")
      chosen += zip(fillers, ids).filter { $0.1.hasPrefix("17") }.map(\.0)
    }
    chosen = Array(chosen.prefix(6))
    try #require(chosen.count == 6)
    _ = try Shell.run(
      "/usr/bin/git", ["hash-object", "-w", "--stdin-paths"], in: v.workspace,
      input: Array(chosen.joined(separator: "\n").utf8))
    // Files may grow to 8 KB: the mark's objects, index and claim file fit, the pack does not.
    let limited = try Shell.run(
      "/bin/bash", ["-c", "trap '' XFSZ; ulimit -f 8; exec \"$@\"", "limited", Binaries.vet, "mark", id, "confirmed"],
      in: v.workspace, environment: Shell.environment)
    #expect(limited.succeeded, "\(limited.stderr)")
    #expect(limited.stderr.contains("packing"), "\(limited.stderr)")
    #expect(try v.git("log", "-1", "--format=%s").contains("confirmed"))
    #expect(try v.git("status", "--porcelain").isEmpty)
    #expect(try Shell.git(["fsck", "--strict"], in: v.workspace).succeeded)
    // Without the limit, the next command packs them.
    try v.ok("note", id, "packed now")
    let looseCount = try v.git("count-objects")
    #expect(looseCount.hasPrefix("0 objects"), "\(looseCount)")
  }

  @Test("a mark on a damaged git index is refused with a message naming the index, and changes nothing")
  func damagedIndex() throws {
    let v = VetRunner()
    try v.initWorkspace()
    let id = try v.addClaim("The bridge reopened at noon")
    let index = v.workspace + "/.git/index"
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: index)))
    bytes[bytes.count - 30] ^= 0x01  // inside the last extension or entry: only the checksum notices
    try Data(bytes).write(to: URL(fileURLWithPath: index))
    let before = try v.state()
    let claimFile = try v.git("ls-tree", "-r", "--name-only", "HEAD", "claims").split(separator: "\n").map(String.init)
    let claimBefore = try String(contentsOfFile: v.workspace + "/" + claimFile[0], encoding: .utf8)
    let result = try v.vet("mark", id, "confirmed", "--note", "seen on camera")
    #expect(!result.succeeded)
    #expect(result.stderr.contains("index"), "stderr: \(result.stderr)")
    #expect(result.stderr.contains("checksum"), "stderr: \(result.stderr)")
    #expect(try v.state() == before)
    #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: index))) == bytes)
    #expect(try String(contentsOfFile: v.workspace + "/" + claimFile[0], encoding: .utf8) == claimBefore)
  }
}

/// A counter several threads can bump.
final class ManagedAtomicCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0
  func increment() { lock.withLock { count += 1 } }
  var value: Int { lock.withLock { count } }
}
