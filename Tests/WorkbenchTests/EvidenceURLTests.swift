import Foundation
import Testing

@testable import Workbench

@Suite("Evidence URLs: committed and shared with every clone, so checked first")
struct EvidenceURLTests {
  @Test(
    "a password, a user name, a missing host, spaces or a malformed URL are refused and nothing is committed",
    arguments: [
      "https://ann:s3cret@archive.example.org/ferry.png", "https://ann@archive.example.org/ferry.png", "http://",
      "https://", "https://archive.example.org/ferry photo.png", "https://exa mple.org/x", "https://[::1/x",
    ])
  func refused(_ url: String) throws {
    let fixture = try Fixture()
    let claim = try fixture.workspace.addClaim(statement: "The ferry sank at 03:40 on Friday")
    let before = try fixture.state()
    #expect(throws: WorkbenchError.self) {
      try fixture.workspace.note(claim.id, text: "a photo of the quay", evidence: [url])
    }
    #expect(throws: WorkbenchError.self) {
      try fixture.workspace.mark(claim.id, status: "confirmed", note: "seen", evidence: [url])
    }
    #expect(try fixture.state() == before)
    #expect(try !fixture.git("log", "-p", "--all").contains("s3cret"))
  }

  @Test(
    "ordinary addresses are kept as given",
    arguments: [
      "https://archive.example.org/ferry.png", "http://radio-halven.example/news?id=4&lang=en",
      "https://example.org/a%20b", "ftp://files.example.org/manifest.pdf", "https://example.org:8443/x#frag",
    ])
  func kept(_ url: String) throws {
    let fixture = try Fixture()
    let claim = try fixture.workspace.addClaim(statement: "The ferry sank at 03:40 on Friday")
    let noted = try fixture.workspace.note(claim.id, text: "a source", evidence: [url])
    #expect(noted.log.last?.evidence == [url])
  }
}
