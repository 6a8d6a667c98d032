import Foundation
import Synchronization
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// What git prints when it meets a damaged index.
private let damagedIndexMessages = [
  "index file smaller than expected", "bad signature", "bad index file", "index file corrupt", "index uses",
]

/// Whether `text` (git's stderr) says the index is damaged.
private func reportsDamagedIndex(_ text: String) -> Bool {
  damagedIndexMessages.contains { text.contains($0) }
}

@Suite("vet beside git: locks, interrupted commands and clones", .serialized)
struct BesideGitTests {
  /// The whole history as patches: a note that landed in any commit is found in it.
  func history(_ v: VetRunner) throws -> String {
    try v.git("log", "-p", "--all", "--format=%H%n%B")
  }

  /// `git fsck --strict` passes and `git status --porcelain` lists nothing.
  func expectHealthy(_ path: String, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation)
    throws
  {
    let fsck = try Shell.git(["fsck", "--strict"], in: path)
    #expect(fsck.succeeded, "fsck: \(fsck.stderr) \(comment?.rawValue ?? "")", sourceLocation: sourceLocation)
    let status = try Shell.gitOutput(["status", "--porcelain"], in: path)
    #expect(status.isEmpty, "git status: \(status) \(comment?.rawValue ?? "")", sourceLocation: sourceLocation)
  }

  // MARK: - High 1: the locks are taken before the branch moves

  @Test("a write while another process holds index.lock fails with nothing changed, naming the lock")
  func heldIndexLockChangesNothing() throws {
    let v = VetRunner()
    try v.initWorkspace()
    let id = try v.addClaim("The ferry carried 300 passengers")
    let before = try v.state()
    let lock = v.workspace + "/.git/index.lock"
    // Another git process's lock: its content is the index it is writing.
    #expect(FileManager.default.createFile(atPath: lock, contents: Data("DIRC".utf8)))
    let result = try v.vet("note", id, "written while git held the index")
    #expect(!result.succeeded)
    #expect(result.stderr.contains(".git/index.lock"), "stderr: \(result.stderr)")
    #expect(result.stderr.contains("rm '"), "stderr: \(result.stderr)")
    #expect(try v.state() == before)
    #expect(!(try history(v)).contains("written while git held the index"))
    // The other process's lock is left alone.
    #expect(try String(contentsOfFile: lock, encoding: .utf8) == "DIRC")
    unlink(lock)
    try expectHealthy(v.workspace)
  }

  @Test("a write waits for an index.lock held briefly (as by git status), then lands whole")
  func brieflyHeldIndexLockIsWaitedFor() throws {
    let v = VetRunner()
    try v.initWorkspace()
    let id = try v.addClaim("The ferry carried 300 passengers")
    let lock = v.workspace + "/.git/index.lock"
    #expect(FileManager.default.createFile(atPath: lock, contents: Data()))
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { unlink(lock) }
    let result = try v.vet("mark", id, "confirmed", "--note", "after git status let go")
    #expect(result.succeeded, "stderr: \(result.stderr)")
    #expect(try v.git("show", "HEAD:claims/\(id.prefix(2))/\(id).md").contains("after git status let go"))
    try expectHealthy(v.workspace)
  }

  // MARK: - High 2: other processes' locks are never removed

  @Test("finishing an interrupted command leaves other processes' locks alone and says how to clear a stale one")
  func othersLocksSurviveRecovery() throws {
    let v = VetRunner()
    try v.initWorkspace()
    let id = try v.addClaim("The ferry carried 300 passengers")
    let path = "claims/\(id.prefix(2))/\(id).md"
    try v.ok("mark", id, "confirmed")
    // What a killed vet leaves: a journal of the files it was writing.
    let (old, new) = (try v.git("rev-parse", "HEAD~1:" + path), try v.git("rev-parse", "HEAD:" + path))
    let journal = v.workspace + "/.git/vet/journal"
    for lock in [".git/index.lock", ".git/refs/heads/main.lock"] {
      try "\(old)\t\(new)\t\(path)\n".write(toFile: journal, atomically: true, encoding: .utf8)
      let full = v.workspace + "/" + lock
      #expect(FileManager.default.createFile(atPath: full, contents: Data("held by git\n".utf8)))
      let before = try v.state()
      let result = try v.vet("note", id, "while \(lock) was held")
      #expect(!result.succeeded, "\(lock)")
      #expect(result.stderr.contains(lock), "stderr: \(result.stderr)")
      #expect(result.stderr.contains("rm '"), "stderr: \(result.stderr)")
      #expect(try String(contentsOfFile: full, encoding: .utf8) == "held by git\n", "\(lock) was removed")
      #expect(try v.state() == before)
      unlink(full)
      try v.ok("note", id, "once \(lock) was gone")
      #expect(!FileManager.default.fileExists(atPath: journal))
      try expectHealthy(v.workspace, "\(lock)")
    }
    #expect(!(try history(v)).contains("was held"))
  }

  // MARK: - Medium 6: reads finish an interrupted command

  @Test(
    "every command, reads included, finishes an interrupted command first",
    arguments: [["claim", "list"], ["claim", "show"], ["status"], ["log"], ["source", "list"]])
  func readsFinishInterruptedCommand(_ read: [String]) throws {
    let v = VetRunner()
    try v.initWorkspace()
    let id = try v.addClaim("The ferry carried 300 passengers")
    // Killed after the branch moved, half-way through overwriting the file, before staging it.
    let interrupted = try v.interruptedMark(id, at: 0.5)
    let (path, journal, full) = (interrupted.path, v.journal, v.workspace + "/" + interrupted.path)
    _ = try v.git("update-index", "--cacheinfo", "100644,\(interrupted.old),\(path)")
    let result = try v.vet(read == ["claim", "show"] ? read + [id] : read)
    #expect(result.succeeded, "stderr: \(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: journal))
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: full))) == interrupted.newBytes)
    try expectHealthy(v.workspace)
    // A plain `git commit -a` now has nothing to commit: no revert, no torn file.
    #expect(!(try Shell.git(["commit", "-a", "-m", "after the crash"], in: v.workspace)).succeeded)
    #expect(try v.git("rev-parse", "HEAD:" + path) == interrupted.new)
  }

  // MARK: - Medium 11: an interrupted clone

  @Test("a clone killed before its checkout finished is reported with how to finish it, not called healthy")
  func interruptedCloneIsReported() throws {
    let v = VetRunner()
    try v.initWorkspace()
    var ids: [String] = []
    for n in 0..<6 { ids.append(try v.addClaim("The ferry carried \(300 + n) passengers")) }
    let clone = v.folder.file("clone")
    try v.ok(["clone", v.workspace, clone])
    // What a clone killed part-way through its checkout leaves: no index, some files.
    unlink(clone + "/.git/index")
    for id in ids.prefix(3) { unlink(clone + "/claims/\(id.prefix(2))/\(id).md") }
    for command in [["status"], ["claim", "list"], ["note", ids[4], "on a half clone"]] {
      let result = try v.vet(command, in: clone)
      #expect(!result.succeeded, "vet \(command) on an interrupted clone")
      #expect(result.stderr.contains("interrupted"), "stderr: \(result.stderr)")
      #expect(result.stderr.contains("git reset --hard"), "stderr: \(result.stderr)")
      #expect(!result.stderr.contains("uncommitted"), "stderr: \(result.stderr)")
    }
    // The advice works.
    _ = try Shell.gitOutput(["reset", "-q", "--hard"], in: clone)
    let status = try v.vet(["status"], in: clone)
    #expect(status.succeeded, "stderr: \(status.stderr)")
    let listed = try v.vet(["claim", "list", "--json"], in: clone)
    for id in ids { #expect(listed.stdout.contains(id)) }
    try expectHealthy(clone)
  }

  // MARK: - Low: a split index of version 4

  @Test("a split index of version 4 is refused with a message naming the index and the command that fixes it")
  func splitIndexVersion4() throws {
    let v = VetRunner()
    try v.initWorkspace()
    let id = try v.addClaim("The ferry carried 300 passengers")
    _ = try v.git("config", "core.splitIndex", "true")
    _ = try v.git("update-index", "--index-version", "4")
    _ = try v.git("update-index", "--split-index")
    let before = try v.state()
    let result = try v.vet("note", id, "on a version 4 split index")
    #expect(!result.succeeded)
    #expect(result.stderr.contains(".git/index"), "stderr: \(result.stderr)")
    #expect(result.stderr.contains("git update-index --index-version 3"), "stderr: \(result.stderr)")
    #expect(!result.stderr.contains("git_index"), "stderr: \(result.stderr)")
    #expect(try v.state() == before)
    _ = try v.git("update-index", "--index-version", "3")
    try v.ok("note", id, "on a version 3 split index")
    try expectHealthy(v.workspace)
  }

  // MARK: - vet beside a busy git

  @Test("vet notes and marks beside a git status loop and a git add/commit loop: exit 0 means at HEAD, else no trace")
  func besideBusyGit() throws {
    let v = VetRunner()
    try v.initWorkspace()
    let ids = [try v.addClaim("The ferry carried 300 passengers"), try v.addClaim("The port closed at noon")]
    try v.folder.write("ws/scratch.txt", "scratch\n")
    try v.folder.write("ws/slow.txt", "")
    _ = try v.git("add", "scratch.txt", "slow.txt")
    _ = try v.git("commit", "-q", "-m", "Scratch file")
    let deadline = Date().addingTimeInterval(5)
    let damage = Mutex<[String]>([])
    let group = DispatchGroup()
    let workspace = v.workspace
    DispatchQueue.global().async(group: group) {
      while Date() < deadline {
        guard let status = try? Shell.git(["status", "--porcelain"], in: workspace) else { continue }
        if reportsDamagedIndex(status.stderr) { damage.withLock { $0.append("git status: " + status.stderr) } }
      }
    }
    DispatchQueue.global().async(group: group) {
      var n = 0
      while Date() < deadline {
        n += 1
        let line = "line \(n)\n"
        if let handle = FileHandle(forWritingAtPath: workspace + "/scratch.txt") {
          handle.seekToEndOfFile()
          handle.write(Data(line.utf8))
          try? handle.close()
        }
        for arguments in [["add", "scratch.txt"], ["commit", "-q", "-m", "Scratch \(n)"]] {
          guard let result = try? Shell.git(arguments, in: workspace) else { continue }
          if reportsDamagedIndex(result.stderr) {
            damage.withLock { $0.append("git \(arguments[0]): " + result.stderr) }
          }
        }
      }
    }
    // Once, a `git commit` whose editor stays open longer than vet waits: it holds index.lock throughout.
    let slowHeld = Mutex(false)
    DispatchQueue.global().asyncAfter(
      deadline: .now() + 1,
      execute: DispatchWorkItem { [group] in
        group.enter()
        defer { group.leave() }
        // Until it gets the lock: the other loops hold it now and then. The editor writes the message last,
        // as the scratch loop's commits write the same message file.
        while Date() < deadline.addingTimeInterval(-3) {
          // `commit -a` holds the lock while the editor is open (a commit of the index as it is lets go first).
          try? "slow\n".write(toFile: workspace + "/slow.txt", atomically: false, encoding: .utf8)
          guard
            let slow = try? Shell.git(
              ["-c", "core.editor=sleep 3; echo Slow commit >", "commit", "-q", "-a"], in: workspace)
          else { continue }
          if reportsDamagedIndex(slow.stderr) { damage.withLock { $0.append("slow commit: " + slow.stderr) } }
          // It held the lock through its editor when it got as far as moving the branch.
          if slow.succeeded || slow.stderr.contains("cannot lock ref") {
            slowHeld.withLock { $0 = true }
            break
          }
        }
      })
    var landed: [String] = []
    var refused: [(note: String, stderr: String)] = []
    var n = 0
    while Date() < deadline {
      n += 1
      let note = "beside-git-note-\(n)-end"
      let id = ids[n % 2]
      let arguments =
        n.isMultiple(of: 3)
        ? ["mark", id, n.isMultiple(of: 2) ? "confirmed" : "disputed", "--note", note] : ["note", id, note]
      let result = try v.vet(arguments)
      if result.succeeded { landed.append(note) } else { refused.append((note, result.stderr)) }
    }
    group.wait()
    #expect(damage.withLock { $0 }.isEmpty, "git met a damaged index: \(damage.withLock { $0 })")
    #expect(landed.count >= 3, "only \(landed.count) of \(n) vet writes landed: \(refused.prefix(3))")
    // Those that met the slow commit's lock said so.
    if slowHeld.withLock({ $0 }) { #expect(!refused.isEmpty, "no vet write met the slow commit's lock") }
    for (note, stderr) in refused { #expect(stderr.contains("index.lock"), "\(note): \(stderr)") }
    let head = try ids.map { id in try v.git("show", "HEAD:claims/\(id.prefix(2))/\(id).md") }.joined()
    let history = try history(v)
    for note in landed {
      #expect(head.contains(note), "\(note) exited 0 but is not at HEAD")
      #expect(history.contains(note), "\(note) exited 0 but is not in git log")
    }
    for (note, stderr) in refused {
      #expect(!history.contains(note), "\(note) failed (\(stderr)) but is in history")
      #expect(!stderr.isEmpty)
    }
    // The scratch loop may have stopped between its edit and its commit, and the slow commit may have lost
    // its race with it (a commit of the index as it is moves the branch without index.lock; git refuses then).
    _ = try v.git("add", "scratch.txt", "slow.txt")
    _ = try? Shell.git(["commit", "-q", "-m", "Last scratch"], in: v.workspace)
    try expectHealthy(v.workspace, "after \(landed.count) landed and \(refused.count) refused")
  }
}
