import Foundation
import GitKit
import TestSupport
import Testing
import Workbench

/// Pulls between two clones through a bare repository on disk (the transports
/// have their own end-to-end tests): what the merge keeps, and what it refuses.
@Suite("Pulling and merging between clones")
struct SyncMergeTests {
  final class Pair {
    let folder = TemporaryDirectory("vet-sync")
    let ada: Workspace
    let ben: Workspace
    var adaPath: String { folder.file("ada") }
    var benPath: String { folder.file("ben") }

    init() throws {
      let hub = folder.file("hub.git")
      _ = try Shell.run(Shell.gitPath, ["init", "-q", "--bare", "-b", "main", hub])
      ada = try Workspace.create(at: folder.file("ada"), environment: ThreeAnalystsTests.environment("Ada"))
      _ = try ada.addRemote(name: "origin", url: hub)
      _ = try ada.push()
      (ben, _) = try Workspace.clone(
        url: hub, to: folder.file("ben"), environment: ThreeAnalystsTests.environment("Ben"))
    }

    func state(_ path: String) throws -> String {
      try Shell.gitOutput(["rev-parse", "HEAD", "HEAD^{tree}"], in: path)
        + (try Shell.gitOutput(["status", "--porcelain"], in: path))
    }
  }

  static func article(_ text: String) -> [UInt8] { Array(text.utf8) }

  @Test("two clones recording a different version 2 of one source keep both, renumbering theirs")
  func versionCollision() throws {
    let pair = try Pair()
    _ = try pair.ada.addSource(
      Self.article("Port Halven. Officials said 40 people were feared drowned.\n"), name: "wire.txt",
      metadata: SourceMetadata(slug: "wire"))
    _ = try pair.ada.push()
    _ = try pair.ben.pull()
    _ = try pair.ada.updateSource(
      "wire", bytes: Self.article("Port Halven. Officials said 41 people drowned.\n"), name: "a.txt")
    _ = try pair.ben.updateSource(
      "wire", bytes: Self.article("Port Halven. Authorities said dozens drowned.\n"), name: "b.txt")
    _ = try pair.ada.push()
    let pulled = try pair.ben.pull()
    #expect(pulled.outcome == .merged)
    let versions = try pair.ben.sources().first { $0.slug == "wire" }?.versions.map(\.number)
    #expect(versions == [1, 2, 3])
    let texts = try (1...3).map { try pair.ben.source("wire", version: $0).text }
    #expect(Set(texts).count == 3, "every version's text is kept")
    #expect(texts.contains { $0.contains("dozens") } && texts.contains { $0.contains("41 people") })
    // Appearances point at the text they quote.
    for summary in try pair.ben.claims() {
      for appearance in try pair.ben.claim(summary.id).appearances where appearance.source == "wire" {
        let text = try pair.ben.source("wire", version: appearance.version).text
        #expect(text.contains(appearance.quote), "\(appearance.quote) in wire@\(appearance.version)")
      }
    }
    #expect(try Shell.git(["fsck", "--strict"], in: pair.benPath).succeeded)
    #expect(try Shell.gitOutput(["status", "--porcelain"], in: pair.benPath).isEmpty)
  }

  @Test("a pull that would overwrite an uncommitted hand edit refuses, names the file, and changes nothing")
  func uncommittedEdit() throws {
    let pair = try Pair()
    let claim = try pair.ada.addClaim(statement: "The ferry left at dawn")
    _ = try pair.ada.push()
    _ = try pair.ben.pull()
    _ = try pair.ada.note(claim.id, text: "Harbour master confirms")
    _ = try pair.ada.push()
    let file = pair.benPath + "/" + claim.path
    try (try String(contentsOfFile: file, encoding: .utf8) + "\nMy own draft notes.\n").write(
      toFile: file, atomically: true, encoding: .utf8)
    let before = try pair.state(pair.benPath)
    #expect(throws: WorkbenchError.uncommittedEdit(path: claim.path)) { try pair.ben.pull() }
    #expect(try pair.state(pair.benPath) == before)
    #expect(try String(contentsOfFile: file, encoding: .utf8).contains("My own draft notes."))
  }

  @Test("a claim file broken by hand on the other side is reported with file and line; nothing changes")
  func brokenRemoteFile() throws {
    let pair = try Pair()
    let claim = try pair.ada.addClaim(statement: "The ferry left at dawn")
    _ = try pair.ada.push()
    _ = try pair.ben.pull()
    let file = pair.adaPath + "/" + claim.path
    let text = try String(contentsOfFile: file, encoding: .utf8)
    try text.replacingOccurrences(of: "status: unverified", with: "status: [unverified").write(
      toFile: file, atomically: true, encoding: .utf8)
    _ = try Shell.gitOutput(["commit", "-qam", "Hand edit"], in: pair.adaPath)
    _ = try Shell.git(["push", "-q", "origin", "main"], in: pair.adaPath)
    _ = try pair.ben.note(claim.id, text: "Ben's note")
    let before = try pair.state(pair.benPath)
    do {
      _ = try pair.ben.pull()
      Issue.record("the pull merged a broken file")
    } catch let error as WorkbenchError {
      let message = error.localizedDescription
      #expect(message.contains("origin/main:\(claim.path):"), "\(message)")
    }
    #expect(try pair.state(pair.benPath) == before)
  }

  @Test("a flagged conflict is settled by vet claim edit, which records the edit in the log")
  func editSettlesConflict() throws {
    let pair = try Pair()
    let claim = try pair.ada.addClaim(statement: "Forty people drowned")
    _ = try pair.ada.push()
    _ = try pair.ben.pull()
    _ = try pair.ada.editClaim(claim.id, ClaimEdit(statement: "At least forty people drowned"))
    _ = try pair.ben.editClaim(claim.id, ClaimEdit(statement: "Dozens of people drowned", credibility: 3))
    _ = try pair.ada.push()
    let pulled = try pair.ben.pull()
    #expect(pulled.conflicts.map(\.field) == ["statement"])
    let flagged = try pair.ben.claim(claim.id)
    #expect(flagged.needsReview)
    #expect(flagged.credibility == 3, "a field changed on one side only merges without a flag")
    let settled = try pair.ben.editClaim(claim.id, ClaimEdit(statement: "At least 40 people drowned, officials said"))
    #expect(!settled.needsReview)
    #expect(settled.log.last?.action == .edit)
    #expect(try pair.ben.status().needsReview.isEmpty)
  }

  @Test("a remote holding another workspace is refused")
  func unrelatedHistories() throws {
    let pair = try Pair()
    let other = try Workspace.create(at: pair.folder.file("other"), environment: ThreeAnalystsTests.environment("Cho"))
    _ = try other.addClaim(statement: "Unrelated")
    _ = try pair.ada.addRemote(name: "other", url: pair.folder.file("other"))
    let before = try pair.state(pair.adaPath)
    #expect(throws: SyncError.unrelatedHistories(remote: "other/main")) { try pair.ada.pull(remote: "other") }
    #expect(try pair.state(pair.adaPath) == before)
  }
}
