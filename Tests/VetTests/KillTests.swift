import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Runs vet and kills it with SIGKILL after `delay` seconds, unless it ended first.
/// - Returns: whether it exited 0 (acknowledged) before it was killed.
private func runKilled(_ arguments: [String], in directory: String, after delay: Double, environment: [String: String])
  throws -> Bool
{
  let process = Process()
  process.executableURL = URL(fileURLWithPath: Binaries.vet)
  process.arguments = arguments
  process.currentDirectoryURL = URL(fileURLWithPath: directory)
  process.environment = environment
  process.standardOutput = FileHandle.nullDevice
  process.standardError = FileHandle.nullDevice
  try process.run()
  usleep(UInt32(delay * 1_000_000))
  kill(process.processIdentifier, SIGKILL)
  process.waitUntilExit()
  return process.terminationReason == .exit && process.terminationStatus == 0
}

/// How long `body` takes, the middle of three runs.
private func typicalDuration(_ body: (Int) throws -> Void) rethrows -> Double {
  var durations: [Double] = []
  for n in 0..<3 {
    let start = Date()
    try body(n)
    durations.append(Date().timeIntervalSince(start))
  }
  return durations.sorted()[1]
}

@Suite("Killed ingests, pulls, merges and clones lose nothing acknowledged", .serialized)
struct KillTests {
  /// What a user does after a kill: a plain `git commit -a`, then a vet read.
  ///
  /// The commit only when git shows changes. git refuses the commit while the killed vet's
  /// `index.lock` is there; the read finishes the killed command and removes it.
  func commitAllThenRead(_ desk: Desk, _ comment: String) throws {
    if !(try desk.git("status", "--porcelain")).isEmpty {
      let commit = try Shell.git(["commit", "-q", "-a", "-m", "Plain git after a kill"], in: desk.path)
      #expect(
        commit.succeeded || commit.stderr.contains("index.lock"),
        "git commit -a after \(comment): \(commit.stderr)")
    }
    let read = try desk.vet("claim", "list", "--json")
    #expect(read.succeeded, "vet claim list after \(comment): \(read.stderr)")
    #expect(try desk.isHealthy(), "after \(comment)")
  }

  @Test("vet source add killed at seeded points: every acknowledged source is there, fsck passes")
  func killedIngest() throws {
    let folder = TemporaryDirectory("vet-kill-ingest")
    let desk = Desk(folder.file("ws"))
    try desk.vet(["init", desk.path], in: folder.path)
    let articles = ["wire-v1.txt", "rewrite.txt", "wire-v2.txt"].map(VetRunner.example)
    let window = try typicalDuration { n in
      try desk.ok("source", "add", articles[n], "--id", "calibration-\(n)")
    }
    var random = SeededRandom(seed: 16)
    var acknowledged = ["calibration-0", "calibration-1", "calibration-2"]
    for trial in 0..<12 {
      let slug = "trial-\(trial)"
      // Mostly the second half, where the branch moves and the files are written.
      let delay = (0.3 + Double(random.below(1000)) / 1000 * 0.9) * window
      let arguments = ["source", "add", random.pick(articles), "--id", slug]
      if try runKilled(arguments, in: desk.path, after: delay, environment: desk.environment) {
        acknowledged.append(slug)
      }
      try commitAllThenRead(desk, "ingest trial \(trial)")
    }
    #expect(acknowledged.count < 3 + 12, "no ingest was killed")
    let listed = try desk.ok("source", "list", "--json")
    for slug in acknowledged { #expect(listed.contains("\"\(slug)\""), "acknowledged \(slug) is missing") }
  }

  @Test(
    "vet pull killed at seeded points, fast-forward and merge: every acknowledged note is there, fsck passes",
    arguments: [false, true])
  func killedPull(merging: Bool) throws {
    let folder = TemporaryDirectory("vet-kill-pull")
    let (_, ada, ben, id) = try sharedDesks(in: folder) { ada in try ada.addClaim("The ferry carried 312 passengers") }
    var sequence = 0
    /// Ben's note, pushed; Ada's own when merging, so that the pull makes a merge commit.
    func prepare() throws -> String {
      sequence += 1
      try ben.ok("note", id, "ben \(sequence)")
      try ben.ok("push")
      if merging { try ada.ok("note", id, "ada \(sequence)") }
      return "ben \(sequence)"
    }
    var acknowledged: [String] = []
    var durations: [Double] = []
    for _ in 0..<3 {
      acknowledged.append(try prepare())
      let start = Date()
      try ada.ok("pull")
      durations.append(Date().timeIntervalSince(start))
    }
    let window = durations.sorted()[1]
    var random = SeededRandom(seed: merging ? 17 : 18)
    for trial in 0..<8 {
      let note = try prepare()
      let delay = (0.3 + Double(random.below(1000)) / 1000 * 0.9) * window
      if try runKilled(["pull"], in: ada.path, after: delay, environment: ada.environment) {
        acknowledged.append(note)
      }
      try commitAllThenRead(ada, "pull trial \(trial)")
      let notes = Set(try ada.notes(id))
      for note in acknowledged { #expect(notes.contains(note), "acknowledged \(note) is missing after trial \(trial)") }
      if merging {
        for n in 1...sequence { #expect(notes.contains("ada \(n)"), "ada \(n) is missing after trial \(trial)") }
      }
    }
    #expect(acknowledged.count < 3 + 8, "no pull was killed")
    // A pull that is not killed brings whatever the killed ones did not.
    try ada.ok("pull")
    let notes = Set(try ada.notes(id))
    for n in 1...sequence { #expect(notes.contains("ben \(n)")) }
    #expect(try ada.isHealthy())
  }

  @Test(
    "a pull killed holding a remote-tracking branch's lock: the next pull clears it; a lock git holds there is named and left"
  )
  func killedFetchLocks() throws {
    let folder = TemporaryDirectory("vet-kill-fetch-lock")
    let (_, ada, ben, id) = try sharedDesks(in: folder) { ada in try ada.addClaim("The ferry carried 312 passengers") }
    try ben.ok("note", id, "ben's note")
    try ben.ok("push")
    let lock = ada.path + "/.git/refs/remotes/origin/main.lock"

    // Another process's lock (a `git fetch` running beside vet): never removed, named with how to clear it.
    #expect(FileManager.default.createFile(atPath: lock, contents: Data("held by git\n".utf8)))
    let before = try ada.state()
    let refused = try ada.vet("pull")
    #expect(!refused.succeeded)
    #expect(refused.stderr.contains("refs/remotes/origin/main.lock"), "stderr: \(refused.stderr)")
    #expect(refused.stderr.contains("rm '"), "stderr: \(refused.stderr)")
    #expect(try String(contentsOfFile: lock, encoding: .utf8) == "held by git\n")
    #expect(try ada.state() == before)
    unlink(lock)

    // What a vet killed while moving the branch leaves: the lock, and vet's record of it (the same file).
    let record = ada.path + "/.git/vet/fetched.lock"
    #expect(FileManager.default.createFile(atPath: record, contents: Data()))
    #expect(link(record, lock) == 0)
    try ada.ok("pull")
    #expect(!FileManager.default.fileExists(atPath: lock))
    #expect(try ada.notes(id).contains("ben's note"))
    #expect(try ada.isHealthy())
    // Nothing left that stops git itself.
    #expect(try Shell.git(["fetch", "-q", "origin"], in: ada.path).succeeded)
  }

  @Test("vet clone killed at seeded points: the clone is whole, or vet says it was interrupted and how to finish it")
  func killedClone() throws {
    let folder = TemporaryDirectory("vet-kill-clone")
    let hub = folder.file("hub.git")
    try makeHub(hub)
    let ada = Desk(folder.file("ada"))
    try ada.vet(["init", ada.path], in: folder.path)
    for n in 0..<40 { _ = try ada.addClaim("The ferry carried \(300 + n) passengers") }
    try ada.ok("remote", "add", "origin", hub)
    try ada.ok("push")
    let window = try typicalDuration { n in
      try ada.vet(["clone", hub, folder.file("calibration-\(n)")], in: folder.path)
    }
    var random = SeededRandom(seed: 19)
    var (whole, interrupted) = (0, 0)
    for trial in 0..<10 {
      let target = folder.file("clone-\(trial)")
      let delay = Double(random.below(1000)) / 1000 * window * 1.3
      let acknowledged = try runKilled(
        ["clone", hub, target], in: folder.path, after: delay, environment: ada.environment)
      guard FileManager.default.fileExists(atPath: target + "/.git/HEAD") else {
        #expect(!acknowledged)
        continue
      }
      let clone = Desk(target)
      let status = try clone.vet("status")
      if status.succeeded {
        whole += 1
        #expect(status.stdout.contains("40 claims"), "clone trial \(trial): \(status.stdout)")
        #expect(try clone.isHealthy(), "clone trial \(trial)")
        continue
      }
      #expect(!acknowledged, "clone trial \(trial) exited 0 but reads fail: \(status.stderr)")
      #expect(!status.stderr.contains("uncommitted"), "clone trial \(trial): \(status.stderr)")
      if status.stderr.contains("git reset --hard") {
        interrupted += 1
        _ = try clone.git("reset", "-q", "--hard")
        let again = try clone.vet("status")
        #expect(again.stdout.contains("40 claims"), "clone trial \(trial) after reset: \(again.stderr)")
        #expect(try clone.isHealthy(), "clone trial \(trial) after reset")
      } else {
        // Killed before the branch arrived: nothing to finish.
        #expect(status.stderr.contains("interrupted"), "clone trial \(trial): \(status.stderr)")
        #expect(status.stderr.contains("clone again"), "clone trial \(trial): \(status.stderr)")
      }
    }
    #expect(whole + interrupted >= 1, "no clone got as far as its branch")
  }
}
