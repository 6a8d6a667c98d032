import Foundation
import TestSupport
import Testing

/// Claim files edited by hand, copied, misplaced or merged: vet reads what it
/// can, names every file it cannot, and never drops what an analyst wrote.
@Suite("Claim files: hand edits, copies and merges lose nothing")
struct ClaimFileTests {
  static func path(_ id: String) -> String { "claims/\(id.prefix(2))/\(id).md" }

  /// Rewrites a file of the workspace at `root`.
  static func edit(_ root: String, _ path: String, _ change: (String) -> String) throws {
    let file = root + "/" + path
    try change(try String(contentsOfFile: file, encoding: .utf8)).write(toFile: file, atomically: true, encoding: .utf8)
  }

  /// The line of `text` (from 1) that starts with `prefix`.
  static func line(_ text: String, startingWith prefix: String) -> Int? {
    text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(prefix) }.map { $0 + 1 }
  }

  static func jsonArray(_ text: String) throws -> [[String: Any]] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] ?? []
  }

  static func jsonObject(_ text: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
  }

  /// `git fsck --strict` passes and `git status` is clean.
  static func healthy(_ v: VetRunner) throws -> Bool {
    try Shell.git(["fsck", "--strict"], in: v.workspace).succeeded && v.git("status", "--porcelain").isEmpty
  }

  // MARK: - Finding 5: unreadable files

  @Test("claim files broken by hand are named with file and line by list, --json and status; a BOM is simply read")
  func unreadableFilesAreReported() throws {
    let v = VetRunner()
    try v.initWorkspace()
    let good = try v.addClaim("The ferry left port at dawn")
    let bom = try v.addClaim("Forty people were feared drowned")
    let tab = try v.addClaim("The ministry gave no figure")
    let twice = try v.addClaim("Two port officials spoke on Friday")
    let empty = try v.addClaim("The captain survived")
    try Self.edit(v.workspace, Self.path(bom)) { "\u{FEFF}" + $0 }
    try Self.edit(v.workspace, Self.path(tab)) { $0.replacingOccurrences(of: "\n  action:", with: "\n\taction:") }
    try Self.edit(v.workspace, Self.path(twice)) {
      $0.replacingOccurrences(of: "\nstatus: unverified\n", with: "\nstatus: unverified\nstatus: confirmed\n")
    }
    try Self.edit(v.workspace, Self.path(empty)) { _ in "" }
    let tabText = try String(contentsOfFile: v.workspace + "/" + Self.path(tab), encoding: .utf8)
    let twiceText = try String(contentsOfFile: v.workspace + "/" + Self.path(twice), encoding: .utf8)
    let broken = [
      (tab, Self.line(tabText, startingWith: "\taction:") ?? 0),
      (twice, Self.line(twiceText, startingWith: "status:") ?? 0),
      (empty, 1),
    ]
    _ = try v.git("commit", "-qam", "Hand edits")

    let list = try v.vet("claim", "list")
    #expect(list.succeeded, "\(list.stderr)")
    #expect(list.stdout.contains(good.prefix(8)) && list.stdout.contains(bom.prefix(8)), "\(list.stdout)")
    for (id, line) in broken {
      #expect(!list.stdout.contains(id.prefix(8)))
      #expect(list.stderr.contains("\(Self.path(id)):\(line): "), "\(id) line \(line): \(list.stderr)")
    }

    // `claim list --json` stays an array; the files it could not read go to stderr.
    let json = try v.vet("claim", "list", "--json")
    #expect(json.succeeded)
    #expect(Set(try Self.jsonArray(json.stdout).compactMap { $0["id"] as? String }) == [good, bom])
    for (id, _) in broken { #expect(json.stderr.contains(Self.path(id))) }

    let status = try Self.jsonObject(try v.ok("status", "--json"))
    #expect(status["claims"] as? Int == 2)
    let unreadable = status["unreadable"] as? [[String: Any]] ?? []
    #expect(Set(unreadable.compactMap { $0["path"] as? String }) == Set(broken.map { Self.path($0.0) }))
    #expect(unreadable.allSatisfy { ($0["reason"] as? String)?.isEmpty == false })
    #expect(try v.ok("status").contains("Unreadable: 3 claim files"))

    // A write reads the BOM file too, and writes it back without the mark.
    try v.ok("note", bom, "Checked with the port authority")
    let rewritten = try Data(contentsOf: URL(fileURLWithPath: v.workspace + "/" + Self.path(bom)))
    #expect(rewritten.starts(with: Array("---\n".utf8)))
    #expect((try v.shownClaim(bom)?["statement"] as? String) == "Forty people were feared drowned")
    #expect(try Self.healthy(v))
  }

  // MARK: - Finding 4: ids that do not match their files

  @Test(
    "a copied claim, an id that differs from its file name and a claim in the wrong shard are each named; the rest reads; mark never writes a second file"
  )
  func misplacedClaimsAreReported() throws {
    let v = VetRunner()
    try v.initWorkspace()
    let kept = try v.addClaim("The ferry left port at dawn")
    let renamed = try v.addClaim("Forty people were feared drowned")
    let moved = try v.addClaim("The ministry gave no figure")
    // A claim copied by hand to a new file name, its id left as it was: two files, one id.
    let copyID = kept.hasPrefix("0") ? "1234567890ab" : "0123456789ab"
    let copyPath = Self.path(copyID)
    try FileManager.default.createDirectory(
      atPath: v.workspace + "/claims/" + copyID.prefix(2), withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: v.workspace + "/" + Self.path(kept), toPath: v.workspace + "/" + copyPath)
    // An id edited by hand so that it no longer matches the file's name.
    let otherID = renamed.hasPrefix("f") ? "e0e0e0e0e0e0" : "f0f0f0f0f0f0"
    try Self.edit(v.workspace, Self.path(renamed)) {
      $0.replacingOccurrences(of: "id: \(renamed)\n", with: "id: \(otherID)\n")
        .replacingOccurrences(of: "id: '\(renamed)'\n", with: "id: '\(otherID)'\n")
    }
    // A claim moved into another shard folder.
    let shard = moved.hasPrefix("aa") ? "bb" : "aa"
    let movedPath = "claims/\(shard)/\(moved).md"
    try FileManager.default.createDirectory(
      atPath: v.workspace + "/claims/" + shard, withIntermediateDirectories: true)
    try FileManager.default.moveItem(
      atPath: v.workspace + "/" + Self.path(moved), toPath: v.workspace + "/" + movedPath)
    _ = try v.git("add", "-A")
    _ = try v.git("commit", "-qm", "Hand edits")
    // The index is rebuilt from git: the files are what count.
    try FileManager.default.removeItem(atPath: v.workspace + "/.git/vet")

    let list = try v.vet("claim", "list", "--json")
    #expect(list.succeeded, "\(list.stderr)")
    #expect(try Self.jsonArray(list.stdout).compactMap { $0["id"] as? String } == [kept])
    #expect(list.stderr.contains("\(copyPath):2: ") && list.stderr.contains(Self.path(kept)), "\(list.stderr)")
    #expect(list.stderr.contains("\(Self.path(renamed)):2: "), "\(list.stderr)")
    #expect(list.stderr.contains(movedPath) && list.stderr.contains("belongs at \(Self.path(moved))"))
    #expect(!list.stderr.contains("SQLite"))
    let status = try Self.jsonObject(try v.ok("status", "--json"))
    #expect(status["claims"] as? Int == 1)
    #expect((status["unreadable"] as? [Any])?.count == 3)
    #expect((try v.shownClaim(kept)?["id"] as? String) == kept)

    // A write to a file whose id is not its name is refused: no second file appears.
    let before = try v.state()
    for prefix in [renamed, copyID] {
      let mark = try v.vet("mark", prefix, "confirmed")
      #expect(!mark.succeeded)
      #expect(mark.stderr.contains("does not match its file name"), "\(mark.stderr)")
      #expect(try v.state() == before)
    }
    #expect(!FileManager.default.fileExists(atPath: v.workspace + "/" + Self.path(otherID)))
    #expect(try Self.healthy(v))
  }

  // MARK: - Finding 3: merges keep every log entry

  /// Ada and Ben, each with a clone of one claim that has a note, shared through a bare hub.
  static func pair(_ folder: TemporaryDirectory) throws -> (ada: Desk, ben: Desk, id: String) {
    let (_, ada, ben, id) = try sharedDesks(in: folder) { ada in
      let id = try ada.addClaim("Forty people were feared drowned")
      try ada.ok("note", id, "Original note")
      return id
    }
    return (ada, ben, id)
  }

  /// Commits every change in `desk` as a hand edit would, with git.
  static func commitByHand(_ desk: Desk, _ message: String) throws {
    for arguments in [["add", "-A"], ["commit", "-q", "-m", message]] {
      let result = try Shell.run(Shell.gitPath, arguments, in: desk.path, environment: desk.environment)
      guard result.succeeded else { throw ShellError.failed("git \(arguments): \(result.stderr)") }
    }
  }

  /// `vet pull`, or plain `git pull`, which merges claims through vet's merge driver.
  static func pull(_ desk: Desk, with tool: String) throws {
    if tool == "vet" {
      try desk.ok("pull")
      return
    }
    let pulled = try Shell.run(
      Shell.gitPath, ["pull", "--no-rebase", "--no-edit", "-q", "origin", "main"], in: desk.path,
      environment: desk.environment)
    #expect(pulled.succeeded, "git pull: \(pulled.stderr)")
  }

  /// The texts of the claim's log entries, and whether it is flagged for review.
  static func notesAndReview(_ desk: Desk, _ id: String) throws -> (notes: Set<String>, flagged: Bool) {
    let claim = try desk.claimJSON(id)
    let log = claim["log"] as? [[String: Any]] ?? []
    return (Set(log.compactMap { $0["note"] as? String }), (claim["review"] as? [String])?.isEmpty == false)
  }

  @Test(
    "a note copied by hand under its entry's id survives a merge with the other clone's note, given an id of its own, and the claim is flagged",
    arguments: ["vet", "git"])
  func duplicateEntryIDsSurviveAMerge(pullWith tool: String) throws {
    let folder = TemporaryDirectory("vet-dup-entry")
    let (ada, ben, id) = try Self.pair(folder)
    // Ada copies the note entry below itself and rewrites the copy's text, id and all.
    try Self.edit(ada.path, Self.path(id)) { text in
      guard let start = text.range(of: "- id: ", options: .backwards),
        let fence = text.range(of: "\n---\n", range: start.upperBound..<text.endIndex)
      else { return text }
      let entry = String(text[start.lowerBound..<fence.lowerBound]) + "\n"
      let copy = entry.replacingOccurrences(of: "note: Original note", with: "note: Copied and amended by hand")
      return String(text[..<fence.lowerBound]) + "\n" + copy.dropLast() + String(text[fence.lowerBound...])
    }
    #expect(try String(contentsOfFile: ada.path + "/" + Self.path(id), encoding: .utf8).contains("amended by hand"))
    try Self.commitByHand(ada, "Note copied by hand")
    try ben.ok("note", id, "Ben's note")
    try ben.ok("push")
    try Self.pull(ada, with: tool)
    let (notes, flagged) = try Self.notesAndReview(ada, id)
    #expect(notes.isSuperset(of: ["Original note", "Copied and amended by hand", "Ben's note"]), "\(notes)")
    #expect(flagged)
    #expect(try ada.isHealthy())
    // Ben gets the same log back; the entries' ids are all different.
    try ada.ok("push")
    try ben.ok("pull")
    #expect(try Self.notesAndReview(ben, id).notes == notes)
    let entries = (try ben.claimJSON(id)["log"] as? [[String: Any]] ?? []).compactMap { $0["entry"] as? String }
    #expect(Set(entries).count == entries.count)
    #expect(try ben.isHealthy())
  }

  @Test(
    "one log entry edited differently in two clones keeps both versions through a merge, and the claim is flagged",
    arguments: ["vet", "git"])
  func entryEditedOnBothSidesKeepsBoth(pullWith tool: String) throws {
    let folder = TemporaryDirectory("vet-edited-entry")
    let (ada, ben, id) = try Self.pair(folder)
    try Self.edit(ada.path, Self.path(id)) {
      $0.replacingOccurrences(of: "note: Original note", with: "note: Original note, corrected by Ada")
    }
    try Self.commitByHand(ada, "Ada corrects the note")
    try Self.edit(ben.path, Self.path(id)) {
      $0.replacingOccurrences(of: "note: Original note", with: "note: Original note, corrected by Ben")
    }
    try Self.commitByHand(ben, "Ben corrects the note")
    try ben.ok("push")
    try Self.pull(ada, with: tool)
    let (notes, flagged) = try Self.notesAndReview(ada, id)
    #expect(
      notes.isSuperset(of: ["Original note, corrected by Ada", "Original note, corrected by Ben"]), "\(notes)")
    #expect(flagged)
    #expect(try ada.isHealthy())
  }

  // MARK: - Finding 10: hand-added fields and comments

  @Test("fields and comments added by hand to a claim's front matter are kept where they were by vet's writes")
  func handAddedFieldsAreKept() throws {
    let v = VetRunner()
    try v.initWorkspace()
    let id = try v.addClaim("The ferry left port at dawn")
    let added = "# Checked against the harbour log\ndesk: night shift\nwanted:\n  - harbour master\n  - coastguard\n"
    try Self.edit(v.workspace, Self.path(id)) {
      $0.replacingOccurrences(of: "---\nid:", with: "---\n# Do not publish before the ministry answers\nid:")
        .replacingOccurrences(of: "\nstatus: unverified\n", with: "\nstatus: unverified\n" + added)
    }
    _ = try v.git("commit", "-qam", "Hand-added fields")
    try v.ok("mark", id, "confirmed", "--note", "The harbour log confirms it")
    try v.ok("claim", "edit", id, "--tag", "ferry")
    let text = try String(contentsOfFile: v.workspace + "/" + Self.path(id), encoding: .utf8)
    #expect(text.hasPrefix("---\n# Do not publish before the ministry answers\nid: "), "\(text)")
    #expect(text.contains("\nstatus: confirmed\n" + added), "\(text)")
    #expect(text.contains("The harbour log confirms it") && text.contains("tags: [ferry]"))
    #expect((try v.shownClaim(id)?["status"] as? String) == "confirmed")
    #expect(try Self.healthy(v))

    // A comment vet cannot place when it rewrites the file is refused, not dropped.
    try Self.edit(v.workspace, Self.path(id)) {
      $0.replacingOccurrences(of: "\nstatus: confirmed\n", with: "\nstatus: confirmed # phoned the port\n")
    }
    _ = try v.git("commit", "-qam", "A comment beside the status")
    let line = Self.line(
      try String(contentsOfFile: v.workspace + "/" + Self.path(id), encoding: .utf8), startingWith: "status:")
    let before = try v.state()
    let note = try v.vet("note", id, "Another note")
    #expect(!note.succeeded)
    #expect(note.stderr.contains("\(Self.path(id)):\(line ?? 0): "), "\(note.stderr)")
    #expect(try v.state() == before)
    #expect(try Self.healthy(v))
  }

  // MARK: - Statuses off the scale

  @Test(
    "statuses off the workspace's scale are named with file and line by status; mark refuses one, listing the scale")
  func statusesOffTheScale() throws {
    let v = VetRunner()
    try v.initWorkspace()
    let shouted = try v.addClaim("The ferry left port at dawn")
    let invented = try v.addClaim("Forty people were feared drowned")
    _ = try v.addClaim("The ministry gave no figure")
    try Self.edit(v.workspace, Self.path(shouted)) {
      $0.replacingOccurrences(of: "\nstatus: unverified\n", with: "\nstatus: CONFIRMED\n")
    }
    try Self.edit(v.workspace, Self.path(invented)) {
      $0.replacingOccurrences(of: "\nstatus: unverified\n", with: "\nstatus: verified-ish\n")
    }
    _ = try v.git("commit", "-qam", "Statuses typed by hand")
    let status = try Self.jsonObject(try v.ok("status", "--json"))
    #expect(status["claims"] as? Int == 3)
    let offScale = status["offScale"] as? [[String: Any]] ?? []
    #expect(Set(offScale.compactMap { $0["path"] as? String }) == [Self.path(shouted), Self.path(invented)])
    #expect(offScale.allSatisfy { $0["line"] as? Int == 4 })
    let human = try v.ok("status")
    #expect(human.contains("\(Self.path(shouted)):4: ") && human.contains("did you mean 'confirmed'"), "\(human)")
    #expect(human.contains("\(Self.path(invented)):4: "))

    let before = try v.state()
    let mark = try v.vet("mark", invented, "verified-ish")
    #expect(!mark.succeeded)
    #expect(mark.stderr.contains("unverified, confirmed, disputed, false, unverifiable"), "\(mark.stderr)")
    #expect(try v.state() == before)
    try v.ok("mark", shouted, "confirmed")
    let after = try Self.jsonObject(try v.ok("status", "--json"))["offScale"] as? [[String: Any]] ?? []
    #expect(after.compactMap { $0["path"] as? String } == [Self.path(invented)])
    #expect(try Self.healthy(v))
  }
}
