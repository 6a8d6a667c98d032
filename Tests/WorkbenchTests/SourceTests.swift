import Foundation
import TestSupport
import Testing
import Workbench

@Suite("Sources: ingest, extraction, versions and restated claims")
struct SourceTests {
  @Test("ingesting the wire report extracts its claims, never the headline, dateline or credit line")
  func ingestWire() throws {
    let f = try Fixture()
    let result = try f.workspace.addSource(
      try f.example("wire-v1.txt"), name: "wire-v1.txt",
      metadata: SourceMetadata(
        slug: "wire", outlet: "Meridian Wire", published: "2026-11-20T09:00:00Z", reliability: "b"))
    #expect(result.version == 1)
    #expect(result.created.count >= 10)
    #expect(result.kinds[.headline] == 1)
    #expect(result.kinds[.credit] == 1)
    let statements = result.created.map(\.statement)
    #expect(!statements.contains { $0.hasPrefix("Reporting by") })
    #expect(!statements.contains { $0.hasPrefix("Ferry capsizes off Port Halven") })
    let toll = try #require(result.created.first { $0.statement.contains("feared drowned") })
    let appearance = try #require(toll.appearances.first)
    #expect(appearance.source == "wire")
    #expect(appearance.attribution?.contains("port officials") == true)
    #expect(appearance.quantities.contains { $0.contains("40") })
    #expect(appearance.hedges.contains { $0.contains("feared") })
    let source = try #require(try f.workspace.sources().first)
    #expect(source.reliability == "B")
    #expect(source.outlet == "Meridian Wire")
    #expect(try f.git("status", "--porcelain").isEmpty)
    #expect(try f.git("log", "-1", "--format=%(trailers:key=Source,valueonly)") == "wire@1")
  }

  @Test("an updated version links restated claims as new appearances with their drift")
  func updateVersion() throws {
    let f = try Fixture()
    let first = try f.workspace.addSource(
      try f.example("wire-v1.txt"), name: "v1", metadata: SourceMetadata(slug: "wire"))
    let second = try f.workspace.updateSource("wire", bytes: try f.example("wire-v2.txt"), name: "v2")
    #expect(second.version == 2)
    #expect(second.linked.count >= first.created.count / 2)
    let toll = try #require(first.created.first { $0.statement.contains("feared drowned") })
    let updated = try f.workspace.claim(toll.id)
    #expect(updated.appearances.map(\.version) == [1, 2])
    let drift = try #require(updated.log.last?.drift)
    #expect(drift.contains { $0.hasPrefix("quantity:") })
    #expect(
      try f.workspace.source("wire", version: 1).text == String(decoding: try f.example("wire-v1.txt"), as: UTF8.self))
    #expect(try f.workspace.source("wire").version.number == 2)
  }

  @Test("a new version inherits the claims of its own previous sentences, not those another source quotes")
  func updateInheritsOwnSentences() throws {
    let f = try Fixture()
    _ = try f.workspace.addSource(try f.example("wire-v1.txt"), name: "v1", metadata: SourceMetadata(slug: "wire"))
    let rewrite = try f.example("rewrite.txt")
    // The copy restates wire claims at its own sentence numbers, also in its version 1.
    let copy = try f.workspace.addSource(rewrite, name: "copy", metadata: SourceMetadata(slug: "copy"))
    #expect(!copy.linked.isEmpty)
    let appended = rewrite + Array("\n\nA further update was promised for the evening, the harbour office said.\n".utf8)
    _ = try f.workspace.updateSource("copy", bytes: appended, name: "copy-v2")
    // The text is version 1's with one sentence more: every claim keeps its sentence number.
    var checked = 0
    for summary in try f.workspace.claims(ClaimFilter(source: "copy")) {
      let claim = try f.workspace.claim(summary.id)
      let first = claim.appearances.filter { $0.source == "copy" && $0.version == 1 }.map(\.sentence)
      let second = claim.appearances.filter { $0.source == "copy" && $0.version == 2 }.map(\.sentence)
      guard !first.isEmpty else { continue }
      #expect(second == first, "claim \(claim.id): copy@1 \(first), copy@2 \(second)")
      checked += 1
    }
    #expect(checked == copy.created.count + Set(copy.linked.map(\.claim.id)).count)
  }

  @Test("a rewritten copy on another site restates the wire's claims rather than duplicating them")
  func rewriteLinks() throws {
    let f = try Fixture()
    let wire = try f.workspace.addSource(
      try f.example("wire-v1.txt"), name: "v1", metadata: SourceMetadata(slug: "wire"))
    let copy = try f.workspace.addSource(
      try f.example("rewrite.txt"), name: "copy", metadata: SourceMetadata(slug: "copy"))
    #expect(copy.linked.count >= wire.created.count / 2)
    #expect(copy.created.allSatisfy { !$0.statement.contains("newsletter") && !$0.statement.contains("cookies") })
  }

  @Test("--no-extract stores the text only; a second add of the same id is refused")
  func noExtract() throws {
    let f = try Fixture()
    let result = try f.workspace.addSource(
      try f.example("wire-v1.txt"), name: "v1", metadata: SourceMetadata(slug: "wire"), extract: false)
    #expect(result.created.isEmpty)
    #expect(try f.workspace.claims().isEmpty)
    let before = try f.state()
    #expect(throws: WorkbenchError.self) {
      try f.workspace.addSource(try f.example("wire-v2.txt"), name: "v2", metadata: SourceMetadata(slug: "wire"))
    }
    #expect(try f.state() == before)
  }

  @Test("claim list filters by status, source, tag and text")
  func filters() throws {
    let f = try Fixture()
    _ = try f.workspace.addSource(try f.example("wire-v1.txt"), name: "v1", metadata: SourceMetadata(slug: "wire"))
    let manual = try f.workspace.addClaim(statement: "The captain was rescued", tags: ["crew"])
    _ = try f.workspace.mark(manual.id, status: "confirmed")
    #expect(try f.workspace.claims(ClaimFilter(status: "confirmed")).map(\.id) == [manual.id])
    #expect(try f.workspace.claims(ClaimFilter(tag: "crew")).map(\.id) == [manual.id])
    #expect(try f.workspace.claims(ClaimFilter(source: "wire")).count >= 10)
    #expect(try f.workspace.claims(ClaimFilter(text: "CAPTAIN")).map(\.id) == [manual.id])
    #expect(throws: WorkbenchError.self) { try f.workspace.claims(ClaimFilter(status: "nope")) }
  }

  @Test("a large ingest's objects land as one pack: git status clean, fsck passes, a copy restates every claim")
  func largeIngestWritesOnePack() throws {
    let f = try Fixture()
    let places = ["Orsa", "Vell", "Tessin", "Aldmere", "Quarry Hill", "Marrow Ford", "Kestrel Bay"]
    var text = "Flooding across the region\n\n"
    for i in 0..<80 {
      text += "Rescuers found \(100 + i * 7) survivors near \(places[i % places.count]) on day \(i + 1), police said. "
      if i % 4 == 3 { text += "\n\n" }
    }
    let objects = f.path + "/.git/objects/"
    func loose() throws -> Set<String> {
      Set(
        try FileManager.default.contentsOfDirectory(atPath: objects).filter { $0.count == 2 }
          .flatMap { try FileManager.default.contentsOfDirectory(atPath: objects + $0) })
    }
    // The workspace's first commit, written loose.
    let before = try loose()
    let first = try f.workspace.addSource(Array(text.utf8), name: "flood.txt", metadata: SourceMetadata(slug: "flood"))
    #expect(first.created.count >= 64)
    #expect(try loose() == before)
    #expect(try f.git("status", "--porcelain").isEmpty)
    #expect(try Shell.git(["fsck", "--strict"], in: f.path).succeeded)
    let copy = try f.reopen().addSource(Array(text.utf8), name: "copy.txt", metadata: SourceMetadata(slug: "copy"))
    #expect(copy.created.isEmpty)
    #expect(Set(copy.linked.map(\.claim.id)) == Set(first.created.map(\.id)))
    #expect(try f.git("status", "--porcelain").isEmpty)
    #expect(try Shell.git(["fsck", "--strict"], in: f.path).succeeded)
  }

  @Test("packs written by ingests are merged into one once there are more than sixteen")
  func ingestPacksAreMerged() throws {
    let f = try Fixture()
    var text = "Storm damage report\n\n"
    for i in 0..<70 {
      text += "Crews cleared \(200 + i * 3) fallen trees around Tessin on day \(i + 1), officials said. "
    }
    let packs = f.path + "/.git/objects/pack"
    func packCount() throws -> Int {
      try FileManager.default.contentsOfDirectory(atPath: packs).filter { $0.hasSuffix(".pack") }.count
    }
    for n in 1...16 {
      _ = try f.workspace.addSource(Array(text.utf8), name: "storm.txt", metadata: SourceMetadata(slug: "storm-\(n)"))
    }
    #expect(try packCount() == 16)
    let last = try f.workspace.addSource(
      Array(text.utf8), name: "storm.txt", metadata: SourceMetadata(slug: "storm-17"))
    #expect(try packCount() == 1)
    #expect(try Shell.git(["fsck", "--strict"], in: f.path).succeeded)
    #expect(try f.git("status", "--porcelain").isEmpty)
    let claim = try f.workspace.claim(try #require(last.linked.first).claim.id)
    #expect(claim.appearances.count == 17)
  }
}
