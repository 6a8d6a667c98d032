import Foundation
import TestSupport
import Testing

@testable import Workbench

/// The workbench side of correcting identity: what ingest calls, and how the identity fields merge.
@Suite("Claim identity: suggestions, dismissals, and merging links")
struct IdentityTests {
  @Test("Claim.suggest records a suggestion unless the pair was dismissed; a new reason replaces the old")
  func suggestOnAClaim() {
    var claim = Claim(id: "aaaa00000001", statement: "Police in Kharkiv said 12 were killed", status: "unverified")
    let first = claim.suggest("bbbb00000002", reason: "same event, figure 12 → 12")
    let again = claim.suggest("bbbb00000002", reason: "same event, a closer look")
    #expect(first && again)
    #expect(claim.suggestions == [Suggestion(claim: "bbbb00000002", reason: "same event, a closer look")])
    #expect(claim.needsReview)
    let itself = claim.suggest(claim.id, reason: "itself")
    claim.dismissed = ["cccc00000003"]
    let dismissed = claim.suggest("cccc00000003", reason: "dismissed before")
    #expect(!itself && !dismissed)
    #expect(claim.hasDismissed("cccc00000003"))
    var other = Claim(id: "dddd00000004", statement: "x", status: "unverified", aliases: ["cccc00000003"])
    #expect(claim.hasDismissed(other), "dismissed under an id now linked into the other claim")
    other.aliases = []
    #expect(!claim.hasDismissed(other))
    #expect(other.hasDismissed(Claim(id: "eeee", statement: "y", status: "unverified", dismissed: [other.id])))
  }

  @Test("Workspace.suggest commits once, not for a dismissed pair; wasDismissed answers for either claim")
  func suggestAndAskThroughTheWorkspace() throws {
    let fixture = try Fixture()
    let ws = fixture.workspace
    let a = try ws.addClaim(statement: "Police in Kharkiv said 12 people were killed on Monday")
    let b = try ws.addClaim(statement: "Police in Kharkiv said twelve people died on Monday")
    let (suggested, made) = try ws.suggest(b.id, restates: a.id, reason: "same event in other words")
    #expect(made && suggested.suggestions.map(\.claim) == [a.id])
    let state = try fixture.state()
    #expect(try ws.suggest(b.id, restates: a.id, reason: "same event in other words").1 == false)
    #expect(try fixture.state() == state, "the same suggestion again writes nothing")
    #expect(try !ws.wasDismissed(a.id, b.id))
    _ = try ws.dismiss(b.id, suggestion: a.id)
    #expect(try ws.wasDismissed(a.id, b.id) && ws.wasDismissed(b.id, a.id))
    let afterDismissal = try fixture.state()
    #expect(try ws.suggest(b.id, restates: a.id, reason: "asked again").1 == false)
    #expect(try ws.suggest(a.id, restates: b.id, reason: "the other way round").1 == false)
    #expect(try fixture.state() == afterDismissal)
  }

  @Test("a stub merged with a note made elsewhere keeps only the note, flagged; a clean stub is an alias")
  func stubMerge() throws {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let created = LogEntry(action: .created, author: "Ada <ada@example.org>", date: start, status: "unverified")
    let base = Claim(id: "abcdef012345", statement: "Forty feared drowned", status: "unverified", log: [created])
    let stub = Workspace.stub(of: base, linkedInto: "0123456789ab")
    #expect(stub.isAlias)
    var noted = base
    let note = LogEntry(
      action: .note, author: "Ben <ben@example.org>", date: start.addingTimeInterval(60), note: "Ministry says 40")
    noted.log.append(note)
    let merge = ClaimMerge(author: "Vet <vet@example.org>", date: start.addingTimeInterval(120), theirsLabel: "origin")
    for (ours, theirs) in [(stub, noted), (noted, stub)] {
      let merged = try #require(try merge.merge(base: base, ours: ours, theirs: theirs).claim)
      #expect(merged.linked == "0123456789ab")
      #expect(merged.log.contains(note) && !merged.log.contains(created), "the moved entry stays moved")
      #expect(!merged.isAlias && merged.review.contains(ClaimMerge.relinkReason(into: "0123456789ab")))
    }
    // Nothing added elsewhere: the stub stays an alias.
    let quiet = try #require(try merge.merge(base: base, ours: stub, theirs: base).claim)
    #expect(quiet.isAlias && quiet == stub)
  }

  @Test("a dismissal on one side removes the same suggestion the other side made again")
  func dismissalOutlastsSuggestion() throws {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    var base = Claim(id: "abcdef012345", statement: "s", status: "unverified")
    base.suggestions = [Suggestion(claim: "0123456789ab", reason: "old reason")]
    var ours = base
    ours.suggestions = []
    ours.dismissed = ["0123456789ab"]
    var theirs = base
    theirs.suggestions = [
      Suggestion(claim: "0123456789ab", reason: "new reason"), Suggestion(claim: "ff00", reason: "r"),
    ]
    theirs.aliases = ["99aa"]
    let merge = ClaimMerge(author: "Vet <vet@example.org>", date: start, theirsLabel: "origin")
    let merged = try #require(try merge.merge(base: base, ours: ours, theirs: theirs).claim)
    #expect(merged.suggestions == [Suggestion(claim: "ff00", reason: "r")])
    #expect(merged.dismissed == ["0123456789ab"] && merged.aliases == ["99aa"])
  }
}
