import Foundation
import TestSupport
import Testing
import Workbench

@Suite("Safety: hand edits, broken files, newer formats and bad input change nothing")
struct SafetyTests {
  @Test("an uncommitted hand edit on the claim file is refused, named, and left as it was")
  func uncommittedEdit() throws {
    let f = try Fixture()
    let claim = try f.workspace.addClaim(statement: "A claim")
    let path = f.path + "/" + claim.path
    try (try String(contentsOfFile: path, encoding: .utf8) + "\nMy own notes.\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    let edited = try String(contentsOfFile: path, encoding: .utf8)
    let before = try f.state()
    #expect(throws: WorkbenchError.uncommittedEdit(path: claim.path)) {
      try f.workspace.mark(claim.id, status: "confirmed")
    }
    #expect(try f.state() == before)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == edited)
    // A staged edit is refused too.
    _ = try f.git("add", claim.path)
    #expect(throws: WorkbenchError.uncommittedEdit(path: claim.path)) { try f.workspace.note(claim.id, text: "x") }
  }

  @Test("an ingest restating a claim whose file has an uncommitted hand edit is refused, and the edit is kept")
  func uncommittedEditOnIngest() throws {
    let f = try Fixture()
    let wire = try f.workspace.addSource(
      try f.example("wire-v1.txt"), name: "v1", metadata: SourceMetadata(slug: "wire"))
    let claim = try #require(wire.created.first)
    let path = f.path + "/" + claim.path
    let edited = try String(contentsOfFile: path, encoding: .utf8) + "\nMy own notes.\n"
    try edited.write(toFile: path, atomically: true, encoding: .utf8)
    let before = try f.state()
    #expect(throws: WorkbenchError.uncommittedEdit(path: claim.path)) {
      try f.workspace.addSource(try f.example("wire-v1.txt"), name: "copy", metadata: SourceMetadata(slug: "copy"))
    }
    #expect(try f.state() == before)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == edited)
  }

  @Test("a claim edited and committed with plain git is read back, body and all, and vet keeps the body")
  func handEditCommitted() throws {
    let f = try Fixture()
    let claim = try f.workspace.addClaim(statement: "The ferry sank")
    let path = f.path + "/" + claim.path
    var text = try String(contentsOfFile: path, encoding: .utf8)
    text = text.replacingOccurrences(of: "tags: []", with: "tags: [ferry, hand-edited]")
    text += "\nAnalyst's own paragraph.\n"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    _ = try f.git("commit", "-qam", "Tag by hand")
    #expect(try f.workspace.claim(claim.id).tags == ["ferry", "hand-edited"])
    _ = try f.workspace.mark(claim.id, status: "confirmed")
    let after = try String(contentsOfFile: path, encoding: .utf8)
    #expect(after.hasSuffix("\nAnalyst's own paragraph.\n"))
    #expect(try f.workspace.history(of: claim.id).map(\.action) == ["created", "edit", "status"])
  }

  @Test("a hand-broken claim file is reported with its file and line")
  func brokenFile() throws {
    let f = try Fixture()
    let claim = try f.workspace.addClaim(statement: "A claim")
    let path = f.path + "/" + claim.path
    var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
    let statusLine = try #require(lines.firstIndex { $0.hasPrefix("status:") })
    lines[statusLine] = "status: [unclosed"
    try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    _ = try f.git("commit", "-qam", "Break it")
    do {
      _ = try f.workspace.claim(claim.id)
      Issue.record("a broken file parsed")
    } catch let WorkbenchError.invalidFormat(file, line, _) {
      #expect(file == claim.path)
      #expect(line != nil)
      #expect((line ?? 0) >= statusLine + 1 && (line ?? 0) <= statusLine + 3)
    }
  }

  @Test("a workspace with a newer format is refused with a clear message")
  func newerFormat() throws {
    let f = try Fixture()
    let config = f.path + "/.vet/config.yml"
    try (try String(contentsOfFile: config, encoding: .utf8)).replacingOccurrences(of: "format: 1", with: "format: 7")
      .write(toFile: config, atomically: true, encoding: .utf8)
    _ = try f.git("commit", "-qam", "From the future")
    #expect(throws: WorkbenchError.unsupportedFormat(file: ".vet/config.yml", found: "7", supported: 1)) {
      try f.reopen()
    }
    let message = WorkbenchError.unsupportedFormat(file: ".vet/config.yml", found: "7", supported: 1)
      .localizedDescription
    #expect(message.contains("upgrade vet"))
  }

  @Test("empty, binary, non-UTF-8 and oversized articles are refused and nothing changes")
  func badArticles() throws {
    let f = try Fixture()
    let before = try f.state()
    let cases: [([UInt8], String)] = [
      ([], "empty"),
      (Array("  \n\n ".utf8), "empty"),
      ([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01], "binary"),
      (Array("Ferry sinks\nCaf".utf8) + [0xE9] + Array(" owner said".utf8), "UTF-8"),
      ([UInt8](repeating: UInt8(ascii: "a"), count: TextInput.maximumBytes + 1), "limit"),
    ]
    for (bytes, expected) in cases {
      do {
        _ = try f.workspace.addSource(bytes, name: "article.txt", metadata: SourceMetadata())
        Issue.record("accepted \(expected) input")
      } catch let error as WorkbenchError {
        #expect(error.localizedDescription.contains("article.txt"))
        #expect(error.localizedDescription.contains(expected))
      }
    }
    #expect(try f.state() == before)
  }

  @Test(
    "source ids that are paths or carry control characters are refused",
    arguments: ["../x", "a/b", "..", "bad\u{1B}[31m", "", "UPPER"])
  func badSlugs(_ slug: String) throws {
    let f = try Fixture()
    let before = try f.state()
    #expect(throws: WorkbenchError.self) {
      try f.workspace.addSource(
        Array("A headline\n\nPolice said 3 people were hurt.".utf8), name: "a.txt", metadata: SourceMetadata(slug: slug)
      )
    }
    #expect(try f.state() == before)
  }

  @Test("escape sequences in an article are stored byte for byte and escaped for display")
  func escapes() throws {
    let f = try Fixture()
    let text = "Ferry report\n\nPolice said \u{1B}[31m40\u{1B}[0m people were missing on Friday.\n"
    let result = try f.workspace.addSource(Array(text.utf8), name: "a.txt", metadata: SourceMetadata(slug: "esc"))
    #expect(try f.git("show", "HEAD:sources/esc/v1.txt") == text.trimmingCharacters(in: .newlines))
    #expect(try f.workspace.source("esc").text == text)
    #expect(Terminal.escape("a\u{1B}[31mb") == "a\\e[31mb")
    #expect(result.source.slug == "esc")
  }
}
