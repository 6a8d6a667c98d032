import Foundation
import TestSupport
import Testing
import Workbench

@Suite("Claims: record, mark, note, and read back, one commit per operation")
struct ClaimTests {
  @Test("a new workspace is one commit with the template, and git sees a clean tree")
  func newWorkspace() throws {
    let f = try Fixture()
    #expect(try f.git("rev-list", "--count", "HEAD") == "1")
    #expect(try f.git("status", "--porcelain").isEmpty)
    #expect(try f.git("show", "HEAD:.vet/config.yml").contains("format: 1"))
    #expect(try f.workspace.config().scale == WorkspaceConfig.defaultScale)
  }

  @Test("mark and note append to the log; each is a commit with author and trailers")
  func markAndNote() throws {
    let f = try Fixture()
    let claim = try f.workspace.addClaim(statement: "At least 40 people drowned", tags: ["toll"])
    #expect(claim.status == "unverified")
    let marked = try f.workspace.mark(
      String(claim.id.prefix(6)), status: "confirmed", note: "Coast guard", evidence: ["https://example.org/a"])
    #expect(marked.status == "confirmed")
    _ = try f.workspace.note(claim.id, text: "Second source agrees")
    let reread = try f.reopen().claim(claim.id)
    #expect(reread.log.map(\.action) == [.created, .status, .note])
    #expect(reread.log[1].evidence == ["https://example.org/a"])
    #expect(reread.tags == ["toll"])
    let log = try f.git(
      "log", "--format=%an <%ae>|%s|%(trailers:key=Claim,valueonly,separator=%x2C)|%(trailers:key=Status,valueonly)"
    )
    .split(separator: "\n")
    #expect(log.count == 4)
    #expect(log[1].hasPrefix("Ada Analyst <ada@example.org>|Mark \(claim.id.prefix(8)) confirmed: At least 40"))
    #expect(log[1].hasSuffix("|\(claim.id)|confirmed"))
    #expect(try f.git("status", "--porcelain").isEmpty)
  }

  @Test("history lists every log entry with the commit that recorded it, oldest first")
  func history() throws {
    let f = try Fixture()
    let claim = try f.workspace.addClaim(statement: "The ferry carried 300 passengers")
    _ = try f.workspace.addClaim(statement: "Another claim")
    _ = try f.workspace.mark(claim.id, status: "disputed", note: "Operator says 250")
    let history = try f.workspace.history(of: claim.id)
    #expect(history.map(\.action) == ["created", "status"])
    let commits = try f.git("log", "--format=%H", "--", claim.path).split(separator: "\n").map(String.init)
    #expect(history.compactMap(\.commit) == commits.reversed())
    #expect(history[1].note == "Operator says 250")
  }

  @Test("an invalid status is refused with the scale listed, and nothing changes")
  func invalidStatus() throws {
    let f = try Fixture()
    let claim = try f.workspace.addClaim(statement: "A claim")
    let before = try f.state()
    #expect(throws: WorkbenchError.invalidStatus("maybe", scale: WorkspaceConfig.defaultScale)) {
      try f.workspace.mark(claim.id, status: "maybe")
    }
    let message = WorkbenchError.invalidStatus("maybe", scale: WorkspaceConfig.defaultScale).localizedDescription
    #expect(message.contains("unverified, confirmed, disputed, false, unverifiable"))
    #expect(try f.state() == before)
  }

  @Test("an unknown id and an ambiguous prefix are errors; the ambiguous one lists the matches")
  func prefixes() throws {
    let f = try Fixture()
    var ids: [String] = []
    for i in 0..<40 { ids.append(try f.workspace.addClaim(statement: "claim \(i)").id) }
    #expect(throws: WorkbenchError.self) { try f.workspace.claim("zz") }
    // Among 40 random ids, some first digit is shared.
    let first = Dictionary(grouping: ids, by: { $0.prefix(1) }).first { $0.value.count > 1 }
    let shared = try #require(first)
    do {
      _ = try f.workspace.claim(String(shared.key))
      Issue.record("an ambiguous prefix resolved")
    } catch let WorkbenchError.ambiguous(_, _, matches) {
      #expect(Set(matches) == Set(shared.value))
    }
    #expect(try f.workspace.claim(ids[0]).id == ids[0])
  }

  @Test("a custom scale from init is enforced")
  func customScale() throws {
    let f = try Fixture(scale: ["open", "true", "misleading", "false"])
    let claim = try f.workspace.addClaim(statement: "A claim")
    #expect(claim.status == "open")
    #expect(try f.workspace.mark(claim.id, status: "misleading").status == "misleading")
    #expect(throws: WorkbenchError.self) { try f.workspace.mark(claim.id, status: "confirmed") }
  }

  @Test("evidence files are stored in the workspace by content and referenced from the log")
  func evidenceFiles() throws {
    let f = try Fixture()
    let claim = try f.workspace.addClaim(statement: "A claim")
    let file = try f.folder.write("photo of quay.jpg", [0xFF, 0xD8, 0xFF, 0x00, 1, 2, 3])
    let marked = try f.workspace.mark(claim.id, status: "confirmed", evidence: [file])
    let reference = try #require(marked.log.last?.evidence.first)
    #expect(reference.hasPrefix("evidence/"))
    #expect(reference.hasSuffix("photo-of-quay.jpg"))
    #expect(try f.git("cat-file", "-s", "HEAD:" + reference) == "7")
    #expect(throws: WorkbenchError.self) { try f.workspace.note(claim.id, text: "x", evidence: ["not a url or file"]) }
  }

  @Test("a claim file saved with CRLF line ends reads the same as with LF")
  func crlfClaimFile() throws {
    let claim = Claim(
      id: "3f9a0c21b7e4", statement: "At least 40 people drowned", status: "unverified",
      log: [
        LogEntry(
          action: .note, author: "Ada <ada@example.org>", date: Date(timeIntervalSince1970: 1_795_000_000),
          note: "two\nlines")
      ])
    let text = try claim.rendered()
    let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
    let read = try Claim(parsing: crlf, file: "claims/3f/3f9a0c21b7e4.md")
    #expect(read.id == claim.id)
    #expect(read.statement == claim.statement)
    #expect(read.log.map(\.note) == ["two\nlines"])
  }

  @Test("text with Unicode line or paragraph separators survives writing and reading a claim")
  func unicodeLineSeparators() throws {
    for separator in ["\u{2028}", "\u{2029}", "\u{85}"] {
      let claim = Claim(
        id: "3f9a0c21b7e4", statement: "Ends with a separator" + separator, status: "unverified",
        log: [
          LogEntry(
            action: .note, author: "Ada <ada@example.org>", date: Date(timeIntervalSince1970: 1_795_000_000),
            note: "a\nb" + separator)
        ])
      let read = try Claim(parsing: try claim.rendered(), file: "claims/3f/3f9a0c21b7e4.md")
      #expect(read.statement == claim.statement)
      #expect(read.log.first?.note == "a\nb" + separator)
    }
  }
}
