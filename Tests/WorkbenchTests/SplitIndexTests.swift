import Foundation
import TestSupport
import Testing

@testable import Workbench

@Suite("A large workspace keeps git's index split, says so once, and git reads it")
struct SplitIndexTests {
  func sharedIndexes(_ f: Fixture) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: f.path + "/.git").filter { $0.hasPrefix("sharedindex.") }
  }

  @Test("past the threshold a mark splits the index with a notice; later marks stay split and quiet")
  func splitsOnceWithNotice() throws {
    let f = try Fixture()
    var ids: [String] = []
    for i in 0..<8 { ids.append(try f.workspace.addClaim(statement: "Claim number \(i) about the ferry").id) }
    #expect(try sharedIndexes(f).isEmpty)
    let first = try f.reopen()
    first.indexSplitThreshold = 5
    _ = try first.mark(ids[0], status: "confirmed", note: "first split")
    #expect(first.notices.count == 1)
    #expect(first.notices.first?.contains("core.splitIndex false") == true)
    #expect(try sharedIndexes(f).count == 1)
    let second = try f.reopen()
    second.indexSplitThreshold = 5
    _ = try second.mark(ids[1], status: "disputed", note: "already split")
    #expect(second.notices.isEmpty)
    #expect(try f.git("status", "--porcelain") == "")
    #expect(
      try f.git("ls-files").split(separator: "\n").count
        == (try f.git("ls-tree", "-r", "--name-only", "HEAD")).split(separator: "\n").count)
    #expect(try f.reopen().claim(ids[1]).status == "disputed")
    let fsck = try Shell.git(["fsck", "--strict"], in: f.path)
    #expect(fsck.succeeded, "\(fsck.stderr)")
  }

  @Test("with core.splitIndex false a large index stays whole, without a notice")
  func splitTurnedOff() throws {
    let f = try Fixture()
    var ids: [String] = []
    for i in 0..<8 { ids.append(try f.workspace.addClaim(statement: "Claim number \(i) about the ferry").id) }
    _ = try f.git("config", "core.splitIndex", "false")
    let workspace = try f.reopen()
    workspace.indexSplitThreshold = 5
    _ = try workspace.mark(ids[0], status: "confirmed")
    #expect(workspace.notices.isEmpty)
    #expect(try sharedIndexes(f).isEmpty)
    #expect(try f.git("status", "--porcelain") == "")
  }
}
