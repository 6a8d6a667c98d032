import Foundation
import TestSupport
import Testing

/// `vet claim link`, `unlink` and `dismiss`: correcting claim identity by hand, and merging the corrections.
@Suite("Correcting claim identity: link, unlink, suggestions")
struct IdentityCommandTests {
  /// A workspace (made here unless it exists) with the wire story and its
  /// rewrite stored without extraction, and one claim quoted from each: the same event in other words.
  static func twoClaims(_ desk: Desk, in folder: TemporaryDirectory) throws -> (wire: String, rewrite: String) {
    if !FileManager.default.fileExists(atPath: desk.path + "/.vet") {
      let made = try desk.vet(["init", desk.path], in: folder.path)
      guard made.succeeded else { throw ShellError.failed(made.stderr) }
    }
    try desk.ok("source", "add", VetRunner.example("wire-v1.txt"), "--id", "wire", "--no-extract")
    try desk.ok("source", "add", VetRunner.example("rewrite.txt"), "--id", "rewrite", "--no-extract")
    let wire = try id(
      desk.ok(
        "claim", "add", "Rescuers pulled 212 people from the water", "--source", "wire", "--quote",
        "Rescuers had pulled 212 people from the water", "--json"))
    let rewrite = try id(
      desk.ok(
        "claim", "add", "212 people were rescued from the sea", "--source", "rewrite", "--quote",
        "212 people were rescued from the sea", "--json"))
    return (wire, rewrite)
  }

  static func id(_ json: String) throws -> String {
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    guard let id = object?["id"] as? String else { throw ShellError.failed("no id in \(json)") }
    return id
  }

  /// The ids of every entry in a claim's log, as `vet claim show --json` lists them.
  static func entryIDs(_ desk: Desk, _ id: String) throws -> Set<String> {
    Set((try desk.claimJSON(id)["log"] as? [[String: Any]] ?? []).compactMap { $0["entry"] as? String })
  }

  static func appearances(_ desk: Desk, _ id: String) throws -> [String] {
    (try desk.claimJSON(id)["appearances"] as? [[String: Any]] ?? []).map {
      "\($0["source"] ?? "")@\($0["version"] ?? "")#\($0["sentence"] ?? "")"
    }
  }

  /// The last commit's subject and trailers.
  static func lastCommit(_ desk: Desk) throws -> String { try desk.git("log", "-1", "--format=%B") }

  @Test("link unites appearances and logs under the surviving id, keeps every entry, flags the status clash")
  func linkUnitesTwoClaims() throws {
    let folder = TemporaryDirectory("vet-link")
    let ada = Desk(folder.file("ada"))
    let (wire, rewrite) = try Self.twoClaims(ada, in: folder)
    try ada.ok("mark", rewrite, "confirmed", "--note", "Coast guard release lists 212")
    try ada.ok("note", wire, "Asked the coast guard for the list")
    let before = try Self.entryIDs(ada, wire).union(Self.entryIDs(ada, rewrite))

    let out = try ada.ok("claim", "link", String(rewrite.prefix(6)), "--to", String(wire.prefix(6)))
    #expect(out.contains("Linked \(rewrite.prefix(8)) into \(wire.prefix(8))"))
    // The status and note the link moved were not made on the surviving claim since then.
    let since = try JSONSerialization.jsonObject(with: Data(try ada.ok("diff", "--since", "HEAD~1", "--json").utf8))
    let changes = since as? [String: Any] ?? [:]
    #expect((changes["statusChanges"] as? [Any])?.isEmpty == true, "\(changes)")
    #expect((changes["notes"] as? [Any])?.isEmpty == true, "\(changes)")
    #expect((changes["appearances"] as? [Any])?.isEmpty == true, "\(changes)")
    let claim = try ada.claimJSON(wire)
    #expect(claim["aliases"] as? [String] == [rewrite])
    #expect(claim["status"] as? String == "unverified")
    let review = claim["review"] as? [String] ?? []
    #expect(review.contains { $0.contains("'confirmed'") && $0.contains(String(rewrite.prefix(8))) })
    #expect(Set(try Self.appearances(ada, wire)).count == 2)
    let after = try Self.entryIDs(ada, wire)
    #expect(after.isSuperset(of: before), "every log entry of both claims is kept under its id")
    #expect(after.count == before.count + 1, "plus the entry recording the link")
    #expect(Set(try ada.notes(wire)) == ["Asked the coast guard for the list"])

    // The absorbed id resolves to the surviving claim everywhere.
    #expect(try ada.claimJSON(rewrite)["id"] as? String == wire)
    try ada.ok("note", String(rewrite.prefix(7)), "Noted through the alias")
    #expect(try ada.notes(wire).contains("Noted through the alias"))
    let listed = try ada.ok("claim", "list", "-q")
    #expect(listed.contains(wire) && !listed.contains(rewrite), "an alias is not listed as a claim")
    let shown = try ada.ok("claim", "show", wire)
    #expect(shown.contains("aliases") && shown.contains(rewrite))
    #expect(try ada.ok("status").contains("Needs review: 1"))

    let message = try ada.git("log", "-2", "--format=%B")
    #expect(message.contains("Link \(rewrite.prefix(8)) into \(wire.prefix(8))"))
    #expect(message.contains("Vet-Action: link"))
    #expect(message.contains("Claim: \(rewrite)") && message.contains("Claim: \(wire)"))
    // The absorbed file stays as a stub pointing at the claim that holds its log.
    let stub = try String(contentsOfFile: ada.path + "/claims/\(rewrite.prefix(2))/\(rewrite).md", encoding: .utf8)
    #expect(stub.contains("linked: ") && stub.contains(wire) && stub.contains("log: []"))
    #expect(try ada.isHealthy())
  }

  @Test("refused link, unlink and dismiss: a clear message, a non-zero exit, nothing changed")
  func badInputChangesNothing() throws {
    let folder = TemporaryDirectory("vet-link-bad")
    let ada = Desk(folder.file("ada"))
    let (wire, rewrite) = try Self.twoClaims(ada, in: folder)
    try ada.ok("claim", "link", rewrite, "--to", wire)
    // Enough claims that two share a first digit: a one-digit prefix is then ambiguous.
    var ids = [wire]
    for n in 0..<16 { ids.append(try ada.addClaim("Claim number \(n) about the ferry")) }
    let shared = Dictionary(grouping: ids, by: { $0.prefix(1) }).first { $0.value.count > 1 }?.key ?? ""
    let state = try ada.state()
    let cases: [([String], String)] = [
      (["claim", "link", wire, "--to", wire], "cannot be linked to itself"),
      (["claim", "link", rewrite, "--to", wire], "already linked into"),
      (["claim", "link", wire, "--to", rewrite], "already linked into"),
      (["claim", "unlink", ids[1], "wire@1#4"], "has no appearance wire@1#4"),
      (["claim", "unlink", wire, "wire@9#1"], "has no appearance wire@9#1"),
      (["claim", "unlink", wire, "wire-1-4"], "is not SOURCE@VERSION#SENTENCE"),
      (["claim", "link", "0123456789ab", "--to", wire], "no claim matches"),
      (["claim", "link", wire, "--to", "zz"], "is not a claim id"),
      (["claim", "link", String(shared), "--to", wire], "is ambiguous"),
      (["claim", "dismiss", wire, ids[2]], "has no suggestion about claim"),
      (["claim", "dismiss", wire, "feedbeef0000"], "no claim matches"),
      (["claim", "unlink", "feedbeef0000", "wire@1#4"], "no claim matches"),
      (["claim", "unlink", String(shared), "wire@1#4"], "is ambiguous"),
    ]
    for (arguments, message) in cases {
      let result = try ada.vet(arguments)
      #expect(result.status != 0, "\(arguments) should fail")
      #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
      #expect(try ada.state() == state, "\(arguments) changed the workspace")
    }
    // Unlinking the only appearance of a claim (split one off first so a claim has exactly one).
    try ada.ok("claim", "unlink", wire, "rewrite@1#4")
    let state2 = try ada.state()
    let only = try ada.vet("claim", "unlink", wire, "wire@1#4")
    #expect(only.status != 0 && only.stderr.contains("is the only appearance"), "\(only.stderr)")
    #expect(try ada.state() == state2)
    #expect(try ada.isHealthy())
  }

  @Test("unlink splits an appearance into a new claim with the entries about it; the pair is not suggested again")
  func unlinkSplitsAnAppearance() throws {
    let folder = TemporaryDirectory("vet-unlink")
    let ada = Desk(folder.file("ada"))
    let (wire, rewrite) = try Self.twoClaims(ada, in: folder)
    try ada.ok("note", wire, "Wire figure checked")
    try ada.ok("claim", "link", rewrite, "--to", wire)
    let united = try Self.entryIDs(ada, wire)
    let appearance = try Self.appearances(ada, wire).first { $0.hasPrefix("rewrite@") } ?? "none"

    let out = try ada.ok("claim", "unlink", String(wire.prefix(8)), appearance, "--json")
    let created = try Self.id(out)
    #expect(created != wire && created != rewrite)
    #expect(try Self.appearances(ada, created) == [appearance])
    #expect(try Self.appearances(ada, wire).allSatisfy { $0.hasPrefix("wire@") })
    let createdJSON = try ada.claimJSON(created)
    #expect(createdJSON["status"] as? String == "unverified")
    #expect(createdJSON["statement"] as? String == "212 people were rescued from the sea")
    // The rewrite's entries went with it; the wire claim kept the rest; nothing was dropped.
    let moved = try Self.entryIDs(ada, created)
    let kept = try Self.entryIDs(ada, wire)
    #expect(moved.count == 2, "the rewrite claim's creation and the unlink entry")
    #expect(kept.isDisjoint(with: moved))
    #expect(kept.union(moved).isSuperset(of: united))
    #expect(try ada.notes(wire) == ["Wire figure checked"])
    let message = try Self.lastCommit(ada)
    #expect(message.contains("Vet-Action: unlink") && message.contains("Claim: \(created)"))
    #expect(try ada.ok("claim", "list", "-q").contains(created))
    for (id, other) in [(wire, created), (created, wire)] {
      let file = try String(contentsOfFile: ada.path + "/claims/\(id.prefix(2))/\(id).md", encoding: .utf8)
      #expect(file.contains("dismissed: ['\(other)']") || file.contains("dismissed: [\(other)]"), "\(file)")
    }
    #expect(try ada.isHealthy())
  }

  /// Adds a suggestion to a claim file by hand (ingest will write them) and commits it with git.
  static func suggest(_ desk: Desk, _ id: String, restates other: String, reason: String) throws {
    let path = desk.path + "/claims/\(id.prefix(2))/\(id).md"
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let edited = text.replacingOccurrences(
      of: "\nappearances:", with: "\nsuggestions:\n- claim: '\(other)'\n  reason: \(reason)\nappearances:")
    try edited.write(toFile: path, atomically: true, encoding: .utf8)
    try ClaimFileTests.commitByHand(desk, "Suggest a link")
  }

  @Test("a suggestion shows with its reason, is listed for review, and dismissing it remembers the pair")
  func suggestionsShowAndDismiss() throws {
    let folder = TemporaryDirectory("vet-suggest")
    let ada = Desk(folder.file("ada"))
    let (wire, rewrite) = try Self.twoClaims(ada, in: folder)
    try Self.suggest(ada, rewrite, restates: wire, reason: "same event, figure 212 → 212")
    let shown = try ada.ok("claim", "show", rewrite)
    #expect(shown.contains("may restate \(wire): same event, figure 212 → 212"))
    #expect(shown.contains("vet claim dismiss"))
    let suggestions = try ada.claimJSON(rewrite)["suggestions"] as? [[String: Any]] ?? []
    #expect(suggestions.first?["claim"] as? String == wire)
    #expect(try ada.ok("claim", "list", "--needs-review", "-q") == rewrite + "\n")
    let status = try ada.ok("status")
    #expect(status.contains("Needs review: 1") && status.contains("may restate \(wire.prefix(8))"))

    let entries = try Self.entryIDs(ada, rewrite)
    try ada.ok("claim", "dismiss", rewrite, String(wire.prefix(5)))
    let claim = try ada.claimJSON(rewrite)
    #expect((claim["suggestions"] as? [Any])?.isEmpty == true)
    #expect(claim["needs_review"] as? Bool == false)
    #expect(try Self.entryIDs(ada, rewrite).isSuperset(of: entries))
    let log = claim["log"] as? [[String: Any]] ?? []
    #expect(
      log.last?["note"] as? String
        == "Dismissed the suggestion that this claim restates \(wire): same event, figure 212 → 212")
    let file = try String(
      contentsOfFile: ada.path + "/claims/\(rewrite.prefix(2))/\(rewrite).md", encoding: .utf8)
    #expect(file.contains("dismissed: ['\(wire)']") || file.contains("dismissed: [\(wire)]"))
    #expect(try ada.ok("claim", "list", "--needs-review", "-q").isEmpty)
    #expect(try Self.lastCommit(ada).contains("Vet-Action: dismiss"))
    #expect(try ada.isHealthy())
  }

  @Test("accepting a suggestion is a link, which removes it")
  func linkAcceptsASuggestion() throws {
    let folder = TemporaryDirectory("vet-suggest-accept")
    let ada = Desk(folder.file("ada"))
    let (wire, rewrite) = try Self.twoClaims(ada, in: folder)
    try Self.suggest(ada, rewrite, restates: wire, reason: "same rescue count")
    try ada.ok("claim", "link", rewrite, "--to", wire)
    let claim = try ada.claimJSON(wire)
    #expect((claim["suggestions"] as? [Any])?.isEmpty == true)
    #expect(claim["aliases"] as? [String] == [rewrite])
    #expect(try ada.ok("claim", "list", "--needs-review", "-q").isEmpty)
    #expect(try ada.isHealthy())
  }

  @Test(
    "a link in one clone and a note on the absorbed claim in another: vet pull moves the note on; after git pull it is flagged and linking again moves it",
    arguments: ["vet", "git"], [true, false])
  func linkMergesWithANoteElsewhere(pullWith tool: String, linkerPulls: Bool) throws {
    let folder = TemporaryDirectory("vet-link-merge")
    let (_, ada, ben, (wire, rewrite)) = try sharedDesks(in: folder) { ada in try Self.twoClaims(ada, in: folder) }
    let before = try Self.entryIDs(ada, wire).union(Self.entryIDs(ada, rewrite))

    try ada.ok("claim", "link", rewrite, "--to", wire)
    try ben.ok("note", rewrite, "Ministry repeats 212")
    // One of them pushes first; the other pulls and merges.
    let (first, second) = linkerPulls ? (ben, ada) : (ada, ben)
    try first.ok("push")
    try ClaimFileTests.pull(second, with: tool)
    #expect(try second.isHealthy(), "\(second.path) after pulling")

    if tool == "vet" {
      // vet pull finishes the link it crossed: the note moves on to the surviving claim.
      #expect(try second.claimJSON(rewrite)["id"] as? String == wire)
      #expect(try second.notes(wire).contains("Ministry repeats 212"))
      #expect(!(try second.ok("claim", "list", "-q")).contains(rewrite))
      #expect(try second.ok("claim", "list", "--needs-review", "-q").isEmpty)
      let log = try second.claimJSON(wire)["log"] as? [[String: Any]] ?? []
      #expect(!log.contains { ($0["note"] as? String)?.contains("vet claim link") == true })
    } else {
      // A plain git pull merges file by file: the note is kept on the absorbed
      // claim's file, which is listed for review, saying what to do.
      let flagged = try second.ok("claim", "list", "--needs-review", "-q")
      #expect(flagged.contains(rewrite), "\(flagged)")
      let pending = try second.claimJSON(rewrite)
      #expect(pending["id"] as? String == rewrite)
      #expect((pending["review"] as? [String] ?? []).contains { $0.contains("vet claim link") })
      #expect(try second.notes(rewrite).contains("Ministry repeats 212"))
      try second.ok("claim", "link", rewrite, "--to", wire)
      #expect(try second.claimJSON(rewrite)["id"] as? String == wire)
      #expect(try second.notes(wire).contains("Ministry repeats 212"))
      #expect(!(try second.ok("claim", "list", "-q")).contains(rewrite))
    }
    #expect(try Self.entryIDs(second, wire).isSuperset(of: before))
    #expect(try second.isHealthy())

    // And the other clone ends the same.
    try second.ok("push")
    try ClaimFileTests.pull(first, with: tool)
    #expect(try first.isHealthy())
    #expect(try first.notes(wire).contains("Ministry repeats 212"))
    #expect(try first.git("rev-parse", "HEAD^{tree}") == second.git("rev-parse", "HEAD^{tree}"))
  }

  @Test("aliases, suggestions and dismissals from two clones merge as unions", arguments: ["vet", "git"])
  func identityFieldsMergeAsUnions(pullWith tool: String) throws {
    let folder = TemporaryDirectory("vet-identity-union")
    let (_, ada, ben, ((wire, rewrite), third, fourth)) = try sharedDesks(in: folder) { ada in
      let (wire, rewrite) = try Self.twoClaims(ada, in: folder)
      let third = try ada.addClaim("The ferry had 14 crew")
      let fourth = try ada.addClaim("The ferry was overloaded")
      try Self.suggest(ada, wire, restates: third, reason: "crew and rescue")
      try Self.suggest(ada, fourth, restates: wire, reason: "same crossing")
      return ((wire, rewrite), third, fourth)
    }

    try ada.ok("claim", "link", rewrite, "--to", wire)
    try ben.ok("claim", "dismiss", wire, third)
    try ben.ok("claim", "link", fourth, "--to", wire)
    try ben.ok("push")
    try ClaimFileTests.pull(ada, with: tool)
    #expect(try ada.isHealthy())
    let claim = try ada.claimJSON(wire)
    #expect(Set(claim["aliases"] as? [String] ?? []) == [rewrite, fourth])
    #expect((claim["suggestions"] as? [Any])?.isEmpty == true)
    #expect(try ada.claimJSON(fourth)["id"] as? String == wire)
    #expect(try ada.claimJSON(rewrite)["id"] as? String == wire)
    let file = try String(contentsOfFile: ada.path + "/claims/\(wire.prefix(2))/\(wire).md", encoding: .utf8)
    #expect(file.contains("dismissed:") && file.contains(third))
  }
}
