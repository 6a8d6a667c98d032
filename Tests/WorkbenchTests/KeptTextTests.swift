import Foundation
import Testing

@testable import Workbench

/// Front-matter lines added by hand, through a parse and a write.
@Suite("Hand-added front-matter fields and comments")
struct KeptTextTests {
  static let claim = Claim(
    id: "abcdef012345", statement: "Forty people were feared drowned", status: "unverified",
    log: [
      LogEntry(
        id: "0123456789abcdef", action: .created, author: "Ada <ada@example.org>",
        date: Date(timeIntervalSince1970: 1_800_000_000))
    ])

  /// The claim's file with `insert` put before the line starting with `before`.
  static func text(inserting insert: String, before: String) throws -> String {
    let text = try claim.rendered()
    let range = try #require(text.range(of: "\n" + before))
    return String(text[..<range.lowerBound]) + "\n" + insert + String(text[text.index(after: range.lowerBound)...])
  }

  @Test("kept lines come back verbatim in place after a change, and read back the same")
  func roundTrip() throws {
    let added = "# a comment\ndesk: night\nnested:\n  a: 1\n  b: [x, y]\n\n# after a blank line\n"
    let text = try Self.text(inserting: added, before: "tags:")
    var claim = try Claim(parsing: text, file: "c.md")
    #expect(claim.unkept == nil)
    #expect(claim.kept.map(\.text).joined() == added && claim.kept.allSatisfy { $0.after == "status" })
    claim.status = "confirmed"
    claim.credibility = 2
    let written = try claim.rendered()
    // The lines stay after the field they followed; a field vet adds goes after them.
    #expect(written.contains("status: confirmed\n" + added + "credibility: 2\ntags:"), "\(written)")
    #expect(try Claim(parsing: written, file: "c.md") == claim)
  }

  @Test("a '#' in quoted or literal text is not a comment; one ending a field's line is refused with its line")
  func hashesInValues() throws {
    var claim = Self.claim
    claim.statement = "Issue #4 says # of dead is 40"
    claim.log[0].note = "# heading\nline #2"
    let text = try claim.rendered()
    let read = try Claim(parsing: text, file: "c.md")
    #expect(read.unkept == nil && read.kept.isEmpty && read == claim, "\(text)")
    let commented = text.replacingOccurrences(of: "\nstatus: unverified\n", with: "\nstatus: unverified # phoned\n")
    let withComment = try Claim(parsing: commented, file: "claims/ab/abcdef012345.md")
    #expect(withComment.unkept?.line == 4)
    #expect(throws: WorkbenchError.self) { try withComment.rendered() }
  }

  @Test("an unknown field inside a log entry is refused on write, with its line; CRLF files keep their comments")
  func nestedFieldsAndCRLF() throws {
    let nested = try Self.text(inserting: "  mood: calm\n", before: "---")
    let read = try Claim(parsing: nested, file: "c.md")
    #expect(read.unkept?.reason.contains("'mood'") == true)
    #expect(throws: WorkbenchError.self) { try read.rendered() }
    let crlf = try Self.text(inserting: "# kept\n", before: "tags:").replacingOccurrences(of: "\n", with: "\r\n")
    let fromCRLF = try Claim(parsing: crlf, file: "c.md")
    #expect(fromCRLF.kept == [KeptText(after: "status", text: "# kept\n")])
    #expect(try fromCRLF.rendered().contains("status: unverified\n# kept\ntags:"))
  }

  @Test("a field of its own in a one-line (flow) front matter is refused on write, not dropped")
  func flowMapping() throws {
    let text = "---\n{id: abcdef012345, statement: S, status: unverified, desk: night}\n---\nbody\n"
    let claim = try Claim(parsing: text, file: "c.md")
    #expect(claim.unkept?.line == 2)
    #expect(throws: WorkbenchError.self) { try claim.rendered() }
  }
}
