import Foundation
import TestSupport
import Testing

/// Two analysts who ingest the same reporting in their own clones: after a pull, one claim each, not two.
@Suite("Claims recorded in both clones are linked or suggested on pull")
struct TwinPullTests {
  static let article = Binaries.packageRoot + "/Examples/identity/articles/two-analysts/article.txt"
  /// The claim sentences of the article (Examples/identity/articles/cases.yml), by their first words.
  static let claimOpenings = [
    "Dravka district council paid a", "The report, prepared by the", "Residents of the villages of",
    "Agnes Tull, who runs the", "Hallam, who left the council", "Kestrel Civil Works said in",
    "The audit also found that", "Kestrel Civil Works is owned", "The council's chief executive, Mara",
    "Police confirmed on Thursday that", "Opposition councillors have called for",
  ]

  /// Every listed claim, by id: its statement, appearances and log entry ids.
  static func claims(_ desk: Desk) throws -> [[String: Any]] {
    try JSONSerialization.jsonObject(with: Data(try desk.ok("claim", "list", "--json").utf8)) as? [[String: Any]] ?? []
  }

  static func ids(_ desk: Desk) throws -> [String] { try claims(desk).compactMap { $0["id"] as? String } }

  static func entryIDs(_ desk: Desk) throws -> Set<String> {
    var entries = Set<String>()
    for id in try ids(desk) { entries.formUnion(try IdentityCommandTests.entryIDs(desk, id)) }
    return entries
  }

  @Test(
    "the same article ingested in two clones, under two source ids or one: vet pull links each claim to its twin",
    arguments: [["dravka", "dravka-post"], ["dravka", "dravka"]])
  func sameArticleTwice(slugs: [String]) throws {
    let folder = TemporaryDirectory("vet-twins")
    let (_, ada, ben, _) = try sharedDesks(in: folder) { _ in () }
    try ada.ok("source", "add", Self.article, "--id", slugs[0])
    try ben.ok("source", "add", Self.article, "--id", slugs[1])
    let ownIDs = try Self.entryIDs(ada).union(Self.entryIDs(ben))
    try ben.ok("note", try Self.ids(ben)[0], "Ben asked the audit office for the report")
    try ben.ok("push")
    let pulled = try ada.ok("pull")
    #expect(pulled.contains("Linked"), "\(pulled)")
    #expect(try ada.isHealthy())

    let claims = try Self.claims(ada)
    for opening in Self.claimOpenings {
      let matching = claims.filter { ($0["statement"] as? String)?.hasPrefix(opening) == true }
      #expect(matching.count == 1, "'\(opening)': \(matching.count) claims")
      let appearances = try IdentityCommandTests.appearances(ada, matching.first?["id"] as? String ?? "")
      // Two source ids: one appearance from each; one source id: the same sentence, once.
      #expect(Set(appearances).count == Set(slugs).count, "'\(opening)': \(appearances)")
    }
    // Sentences of one article about different things stay apart.
    #expect(claims.filter { ($0["statement"] as? String)?.hasPrefix("Kestrel Civil Works") == true }.count == 2)
    #expect(try ada.ok("claim", "list", "--needs-review", "-q").isEmpty)
    // Every log entry of both clones is kept, Ben's note included.
    let merged = try Self.entryIDs(ada)
    #expect(merged.isSuperset(of: ownIDs), "entries lost: \(ownIDs.subtracting(merged))")
    #expect(
      claims.contains { claim in
        (try? ada.notes(claim["id"] as! String).contains("Ben asked the audit office for the report")) == true
      })
    // The first clone's work under either id still answers.
    for id in try Self.ids(ben) {
      #expect(try ada.vet("claim", "show", id).succeeded, "\(id) no longer resolves")
    }

    // Ben pulls Ada's merge and ends with the same claims.
    try ada.ok("push")
    try ben.ok("pull")
    #expect(try ben.isHealthy())
    #expect(try ben.git("rev-parse", "HEAD^{tree}") == ada.git("rev-parse", "HEAD^{tree}"))
  }

  @Test("a wire story in one clone and its rewrite in the other: vet pull suggests, never links, and dismissals hold")
  func rewriteIsSuggested() throws {
    let folder = TemporaryDirectory("vet-twins-rewrite")
    let (_, ada, ben, _) = try sharedDesks(in: folder) { _ in () }
    try ada.ok("source", "add", VetRunner.example("wire-v1.txt"), "--id", "wire")
    try ben.ok("source", "add", VetRunner.example("rewrite.txt"), "--id", "rewrite")
    let before = (try Self.claims(ada).count, try Self.claims(ben).count)
    try ben.ok("push")
    let pulled = try ada.ok("pull", "--json")
    let result = try JSONSerialization.jsonObject(with: Data(pulled.utf8)) as? [String: Any]
    let twins = result?["twins"] as? [String: Any]
    #expect((twins?["linked"] as? [String: Any])?.isEmpty == true, "\(pulled)")
    let suggested = twins?["suggested"] as? [String: String] ?? [:]
    #expect(suggested.count >= 8, "\(pulled)")
    #expect(try Self.claims(ada).count == before.0 + before.1, "a rewrite's claims were linked without review")
    #expect(try ada.isHealthy())
    // A suggestion names a claim of the wire story, and the analyst settles it either way.
    let wire = Set(
      try Self.claims(ada).filter { claim in
        (claim["appearances"] as? [[String: Any]] ?? []).allSatisfy { $0["source"] as? String == "wire" }
      }.compactMap { $0["id"] as? String })
    for (claim, other) in suggested { #expect(wire.contains(other), "\(claim) → \(other)") }
    let (first, other) = suggested.sorted { $0.key < $1.key }[0]
    try ada.ok("claim", "dismiss", first, other)
    #expect(!(try ada.ok("claim", "list", "--needs-review", "-q")).contains(first))
  }

  @Test("a plain git pull leaves the twins apart, and vet claim link joins them")
  func plainGitPullLeavesTwins() throws {
    let folder = TemporaryDirectory("vet-twins-git")
    let (_, ada, ben, _) = try sharedDesks(in: folder) { _ in () }
    try ada.ok("source", "add", Self.article, "--id", "dravka")
    try ben.ok("source", "add", Self.article, "--id", "dravka-post")
    try ben.ok("push")
    try ClaimFileTests.pull(ada, with: "git")
    let claims = try Self.claims(ada)
    let twins = claims.filter { ($0["statement"] as? String)?.hasPrefix(Self.claimOpenings[0]) == true }
    #expect(twins.count == 2)
    let (first, second) = (twins.first?["id"] as? String ?? "", twins.last?["id"] as? String ?? "")
    try ada.ok("claim", "link", second, "--to", first)
    #expect(try Self.claims(ada).count == claims.count - 1)
    #expect(try ada.isHealthy())
  }
}
