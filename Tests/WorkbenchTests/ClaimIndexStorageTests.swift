import Foundation
import GRDB
import Reporting
import TestSupport
import Testing

@testable import Workbench

@Suite("The claim index stores claims by number and each claim's own entries, and keeps up row by row")
struct ClaimIndexStorageTests {
  @Test("a claim id becomes a number and back, and numbers sort as the ids do as strings")
  func numbersSortAsIDs() throws {
    var random = SystemRandomNumberGenerator()
    var ids = ["0", "00", "000000000000", "f", "ff", "ffffffffffff", "a", "a0", "a00", "a1", "a10", "b"]
    for _ in 0..<2000 { ids.append(Identifier.randomHex(Int.random(in: 1...Identifier.claimLength, using: &random))) }
    // Prefixes of one another, the case where a padding scheme gets the order wrong.
    for id in ids.prefix(200) { ids.append(String(id.dropLast())) }
    ids = ids.filter { !$0.isEmpty }
    for id in ids {
      let number = try #require(ClaimIndex.number(of: id))
      #expect(ClaimIndex.claimID(number: number) == id)
    }
    let byNumber = try ids.map { try #require(ClaimIndex.number(of: $0)) }.sorted().map(ClaimIndex.claimID(number:))
    #expect(byNumber == ids.sorted())
    #expect(ClaimIndex.number(of: "ABC") == nil)
    #expect(ClaimIndex.number(of: "0123456789abc") == nil)
  }

  @Test("an ingest that restates many claims records for each only its own entry, and its log shows it")
  func ownEntries() throws {
    let f = try Fixture()
    _ = try f.workspace.addSource(f.example("wire-v1.txt"), name: "wire-v1.txt", metadata: SourceMetadata(slug: "wire"))
    let copy = try f.workspace.addSource(
      f.example("rewrite.txt"), name: "rewrite.txt", metadata: SourceMetadata(slug: "copy"))
    let ingest = try f.git("rev-parse", "HEAD")
    let workspace = try f.reopen()
    let index = try workspace.index(at: try workspace.snapshot())
    let touched = copy.created.map(\.id) + copy.linked.map(\.claim.id)
    #expect(touched.count >= 10)
    #expect(copy.linked.count > 0)
    for id in touched {
      let claim = try workspace.claim(id)
      let own = claim.log.filter { $0.source == "copy" }.map(\.id)
      // One entry for each of the copy's sentences that restates it (a split sentence gives two).
      #expect(own.count == claim.appearances.filter { $0.source == "copy" }.count)
      #expect(try index.commits(of: id).filter { $0.commit == ingest }.map(\.entries) == [own])
      let history = try workspace.history(of: id)
      #expect(history.filter { $0.commit == ingest }.map(\.entry) == own)
      #expect(history.allSatisfy { $0.commit != nil })
    }
  }

  @Test("trailers that do not pair each claim with its entries give every claim all of them")
  func unpairedTrailers() {
    let paired: [(key: String, value: String)] = [
      ("Vet-Action", "mark"), ("Claim", "aa11"), ("Status", "false"), ("Entry", "e1"), ("Claim", "bb22"),
      ("Entry", "e2"), ("Entry", "e3"),
    ]
    #expect(ClaimIndex.entriesOfClaims(paired) == ["aa11": ["e1"], "bb22": ["e2", "e3"]])
    let claimsFirst: [(key: String, value: String)] = [
      ("Claim", "aa11"), ("Claim", "bb22"), ("Entry", "e1"), ("Entry", "e2"),
    ]
    #expect(ClaimIndex.entriesOfClaims(claimsFirst) == nil)
    #expect(ClaimIndex.entriesOfClaims([("Entry", "e1"), ("Claim", "aa11"), ("Entry", "e2")]) == nil)
    #expect(ClaimIndex.entriesOfClaims([("Claim", "aa11"), ("Entry", "e1"), ("Claim", "bb22")]) == nil)
  }

  /// Everything the index answers, as a rebuild from git must answer it too.
  func answers(_ workspace: Workspace) throws -> [[String]] {
    var out: [[String]] = [try workspace.claims().map { $0.json ?? "" }]
    for filter in [
      ClaimFilter(source: "copy"), ClaimFilter(source: "wire"), ClaimFilter(source: "again"), ClaimFilter(tag: "ferry"),
      ClaimFilter(tag: "toll"), ClaimFilter(text: "ferry"), ClaimFilter(text: "lifeboats"),
      ClaimFilter(status: "false"),
    ] {
      out.append(try workspace.claims(filter).map(\.id))
    }
    let index = try workspace.index(at: try workspace.snapshot())
    let ids = try workspace.claims().map(\.id)
    out.append(try index.sentences(of: ids).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" })
    out.append(try index.candidates(for: try workspace.claims().map(\.statement)).map { $0.joined(separator: " ") })
    // The count the index keeps, row by row, is the number of claims it lists.
    #expect(try index.indexedClaims() == ids.count)
    out.append([String(try index.indexedClaims())])
    return out
  }

  @Test("claims changed in place (restated, retagged, reworded, by hand) answer as a rebuild from git does")
  func inPlaceMatchesRebuild() throws {
    let f = try Fixture()
    let wire = try f.workspace.addSource(
      f.example("wire-v1.txt"), name: "wire-v1.txt", metadata: SourceMetadata(slug: "wire"))
    let ids = wire.created.map(\.id)
    _ = try f.workspace.editClaim(ids[0], ClaimEdit(addTags: ["ferry", "toll"]))
    _ = try f.workspace.addSource(f.example("rewrite.txt"), name: "rewrite.txt", metadata: SourceMetadata(slug: "copy"))
    let workspace = try f.reopen()
    _ = try workspace.claims()
    // Each of these changes claims the index already has.
    _ = try workspace.addSource(f.example("rewrite.txt"), name: "rewrite.txt", metadata: SourceMetadata(slug: "again"))
    _ = try workspace.editClaim(ids[0], ClaimEdit(removeTags: ["toll"]))
    _ = try workspace.editClaim(
      ids[1], ClaimEdit(statement: "The harbour master counted 77 lifeboats", addTags: ["ferry"]))
    _ = try workspace.mark(ids[2], status: "false")
    // By hand: a claim loses its appearances in the copy, another its file.
    let claim = try workspace.claim(ids[3])
    let path = f.path + "/" + Claim.path(for: ids[3])
    var edited = claim
    edited.appearances.removeAll { $0.source != "wire" }
    try edited.rendered().write(toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.removeItem(atPath: f.path + "/" + Claim.path(for: ids[4]))
    // A file that now names another claim, in the same words: reported, and its rows go (vet reads and writes a
    // claim only at the path its id gives).
    let renamed = f.path + "/" + Claim.path(for: ids[5])
    // The id line as written, quoted or not (YAML quotes an id that reads as a number).
    var lines = try String(contentsOfFile: renamed, encoding: .utf8).components(separatedBy: "\n")
    let idLine = try #require(lines.firstIndex { $0.hasPrefix("id: ") && $0.contains(ids[5]) })
    lines[idLine] = "id: feedface0123"
    try lines.joined(separator: "\n").write(toFile: renamed, atomically: true, encoding: .utf8)
    _ = try f.git("commit", "-qam", "Edit by hand")
    let caughtUp = try f.reopen()
    let kept = try answers(caughtUp)
    #expect(caughtUp.notices.count == 1)
    #expect(caughtUp.notices.first?.hasPrefix(Claim.path(for: ids[5]) + ":") == true, "\(caughtUp.notices)")
    #expect(Set(kept[4]) == [ids[0], ids[1]])
    #expect(kept[5].isEmpty)
    #expect(kept[3].count > 0)
    let renamedSentences = try caughtUp.index(at: try caughtUp.snapshot()).sentences(of: ["feedface0123", ids[5]])
    #expect(renamedSentences.isEmpty)
    #expect(!kept[0].contains { $0.contains("feedface0123") || $0.contains(ids[5]) })
    try FileManager.default.removeItem(atPath: f.path + "/.git/vet/index.sqlite")
    #expect(try answers(try f.reopen()) == kept)
  }

  @Test("a write that loses the branch to another writer keeps nothing of its first attempt in the index")
  func lostRace() throws {
    let f = try Fixture()
    let wire = try f.workspace.addSource(
      f.example("wire-v1.txt"), name: "wire-v1.txt", metadata: SourceMetadata(slug: "wire"))
    let ids = wire.created.map(\.id)
    let before = try f.git("rev-parse", "HEAD")
    let workspace = try f.reopen()
    // Read first: the write then records its claims in the index while it writes the commit.
    _ = try workspace.claims()
    var attempts: [String] = []
    _ = try workspace.commit { snapshot in
      attempts.append(snapshot.commit?.hex ?? "")
      if attempts.count == 1 {
        // Plain git moves the branch after this attempt read it, so the attempt cannot land.
        let tree = try f.git("rev-parse", "HEAD^{tree}")
        _ = try f.git("update-ref", "HEAD", try f.git("commit-tree", tree, "-p", "HEAD", "-m", "Moved by hand"))
      }
      var operation = Operation(files: [:], subject: "Mark every claim of the wire false")
      operation.trailers = [("Vet-Action", "mark")]
      for id in ids {
        var claim = try snapshot.claim(id: id)
        claim.status = "false"
        let entry = LogEntry(action: .status, author: "Test Analyst <test@example.org>", date: Date(), status: "false")
        claim.log.append(entry)
        operation.files[Claim.path(for: id)] = Array(try claim.rendered().utf8)
        operation.claims[Claim.path(for: id)] = claim
        operation.trailers += [("Claim", id), ("Entry", entry.id)]
      }
      return operation
    }
    let byHand = try f.git("rev-parse", "HEAD~1")
    #expect(attempts == [before, byHand])
    // As the failed attempt left it: still at the commit it was read at, with none of that attempt's rows.
    let untouched = try ClaimIndex(directory: f.path + "/.git/vet/")
    #expect(try untouched.head()?.hex == before)
    #expect(try untouched.claims(ClaimFilter(status: "false")).isEmpty)
    #expect(try untouched.historyRows().allSatisfy { $0.hasSuffix(before) })
    // Caught up, it answers as a rebuild does: every claim false, one history row each for the commit that landed.
    let caughtUp = try f.reopen()
    let kept = try answers(caughtUp)
    let rows = try caughtUp.index(at: try caughtUp.snapshot()).historyRows()
    #expect(try caughtUp.claims(ClaimFilter(status: "false")).map(\.id).sorted() == ids.sorted())
    let head = try f.git("rev-parse", "HEAD")
    #expect(rows.filter { $0.hasSuffix(head) }.count == ids.count)
    try FileManager.default.removeItem(atPath: f.path + "/.git/vet/index.sqlite")
    let rebuilt = try f.reopen()
    #expect(try answers(rebuilt) == kept)
    #expect(try rebuilt.index(at: try rebuilt.snapshot()).historyRows() == rows)
  }

  /// Sets the schema version in an index file's header, as another version of vet would have left it.
  func setSchema(_ version: UInt8, in f: Fixture) throws {
    let file = f.path + "/.git/vet/index.sqlite"
    // Everything in the main file first: the last connection to close has checkpointed the log.
    for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
    var data = try Data(contentsOf: URL(fileURLWithPath: file))
    // SQLite keeps `PRAGMA user_version` big-endian at byte 60 of the header.
    data.replaceSubrange(60..<64, with: [0, 0, 0, version])
    try data.write(to: URL(fileURLWithPath: file))
  }

  @Test(
    "an index another version of vet wrote is rebuilt, and vet says which it was",
    arguments: [
      (UInt8(ClaimIndex.schemaVersion - 1), "is from an older version of vet; rebuilding it from git (once)"),
      (UInt8(ClaimIndex.schemaVersion + 1), "is from a newer version of vet; rebuilding it from git for this one"),
    ])
  func otherSchema(_ version: UInt8, _ notice: String) throws {
    let f = try Fixture()
    // From a "process" that is gone, and has closed the index, when the file is changed.
    _ = try f.reopen().addSource(f.example("wire-v1.txt"), name: "wire-v1.txt", metadata: SourceMetadata(slug: "wire"))
    let before = try answers(try f.reopen())
    try setSchema(version, in: f)
    let workspace = try f.reopen()
    #expect(try answers(workspace) == before)
    #expect(workspace.notices.contains("the claim index in .git/vet \(notice)"))
    #expect(try f.reopen().notices.isEmpty)
  }

  @Test(
    "an index holding sentence profiles another version of vet made is rebuilt, and vet says which it was",
    arguments: [
      (StoredProfile.version - 1, "is from an older version of vet; rebuilding it from git (once)"),
      (StoredProfile.version + 1, "is from a newer version of vet; rebuilding it from git for this one"),
    ])
  func otherProfiles(_ version: Int, _ notice: String) throws {
    let f = try Fixture()
    _ = try f.reopen().addSource(f.example("wire-v1.txt"), name: "wire-v1.txt", metadata: SourceMetadata(slug: "wire"))
    let before = try answers(try f.reopen())
    let file = f.path + "/.git/vet/index.sqlite"
    // Profiles another version would make: the rebuild must replace every one of them.
    try DatabaseQueue(path: file).write { db in
      try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'profiles'", arguments: [String(version)])
      try db.execute(sql: "UPDATE claim_sentences SET profile = x'00'")
    }
    let workspace = try f.reopen()
    #expect(try answers(workspace) == before)
    #expect(workspace.notices.contains("the claim index in .git/vet \(notice)"))
    #expect(try f.reopen().notices.isEmpty)
  }
}
