import Foundation
import TestSupport
import Testing
import Workbench

/// The claim-by-claim merge, through the entry point git's merge driver uses.
@Suite("Merging two clones' versions of a claim")
struct ClaimMergeTests {
  static let id = "abcdef012345"
  static let path = "claims/ab/abcdef012345.md"
  static let start = Date(timeIntervalSince1970: 1_800_000_000)

  static func entry(
    _ action: LogEntry.Action, _ minutes: Double, status: String? = nil, note: String? = nil,
    by: String = "Ada <ada@example.org>"
  ) -> LogEntry {
    LogEntry(action: action, author: by, date: start.addingTimeInterval(minutes * 60), status: status, note: note)
  }

  static var base: Claim {
    Claim(
      id: id, statement: "Forty people were feared drowned", status: "unverified", tags: ["casualties"],
      log: [entry(.created, 0, status: "unverified")])
  }

  /// Runs the merge driver on three versions and returns the merged claim and the driver's report.
  func merge(_ base: Claim, _ ours: Claim, _ theirs: Claim) throws -> (Claim, MergeDriverResult) {
    let dir = TemporaryDirectory("claim-merge")
    let files = try [("base", base), ("ours", ours), ("theirs", theirs)].map { name, claim in
      try dir.write(name, try claim.rendered())
    }
    let result = try Workspace.runMergeDriver(
      base: files[0], ours: files[1], theirs: files[2], path: Self.path, environment: Shell.environment,
      now: Self.start.addingTimeInterval(3600))
    let text = try String(contentsOfFile: files[1], encoding: .utf8)
    return (try Claim(parsing: text, file: Self.path), result)
  }

  @Test("notes from both sides are all kept, in date order, with nothing flagged")
  func notesUnion() throws {
    var ours = Self.base
    ours.log += [Self.entry(.note, 5, note: "ours at 5"), Self.entry(.note, 20, note: "ours at 20")]
    var theirs = Self.base
    theirs.log += [Self.entry(.note, 10, note: "theirs at 10", by: "Ben <ben@example.org>")]
    let (merged, report) = try merge(Self.base, ours, theirs)
    #expect(report.merged && report.conflicts.isEmpty)
    #expect(merged.log.compactMap(\.note) == ["ours at 5", "theirs at 10", "ours at 20"])
    #expect(merged.review.isEmpty)
  }

  @Test("a status changed on one side only takes that side's value")
  func oneSidedStatus() throws {
    var ours = Self.base
    ours.log.append(Self.entry(.note, 5, note: "checking"))
    var theirs = Self.base
    theirs.status = "confirmed"
    theirs.log.append(Self.entry(.status, 7, status: "confirmed", by: "Ben <ben@example.org>"))
    let (merged, report) = try merge(Self.base, ours, theirs)
    #expect(report.conflicts.isEmpty)
    #expect(merged.status == "confirmed")
    #expect(merged.review.isEmpty)
  }

  @Test("two different statuses: both in the log, the later change kept, the claim flagged")
  func statusConflict() throws {
    var ours = Self.base
    ours.status = "false"
    ours.log.append(Self.entry(.status, 30, status: "false", note: "ministry denies"))
    var theirs = Self.base
    theirs.status = "confirmed"
    theirs.log.append(Self.entry(.status, 10, status: "confirmed", note: "hospital list", by: "Ben <ben@example.org>"))
    let (merged, report) = try merge(Self.base, ours, theirs)
    #expect(report.merged)
    #expect(report.conflicts.map(\.field) == ["status"])
    #expect(merged.status == "false", "the later status change wins")
    #expect(!merged.review.isEmpty)
    let mergeEntry = merged.log.last { $0.action == .merge }
    #expect(mergeEntry?.note?.contains("'false'") == true && mergeEntry?.note?.contains("'confirmed'") == true)
    #expect(Set(merged.log.compactMap(\.note)).isSuperset(of: ["ministry denies", "hospital list"]))
    // Merging the other way round keeps the same status.
    let (reverse, _) = try merge(Self.base, theirs, ours)
    #expect(reverse.status == "false")
  }

  @Test("two different statements: ours kept, both recorded, flagged; tags merge as sets")
  func statementAndTags() throws {
    var ours = Self.base
    ours.statement = "At least forty people drowned"
    ours.tags = ["casualties", "ferry"]
    var theirs = Self.base
    theirs.statement = "Dozens of people drowned"
    theirs.tags = ["port-halven"]
    let (merged, report) = try merge(Self.base, ours, theirs)
    #expect(report.conflicts.map(\.field) == ["statement"])
    #expect(merged.statement == "At least forty people drowned")
    #expect(merged.tags == ["ferry", "port-halven"], "casualties was removed on their side")
    #expect(merged.log.last?.note?.contains("Dozens of people drowned") == true)
    #expect(merged.needsReview)
  }

  @Test("a hand-broken file is reported with its line and left for a person, not overwritten with a guess")
  func brokenFile() throws {
    let dir = TemporaryDirectory("claim-merge-broken")
    let good = try Self.base.rendered()
    let broken = good.replacingOccurrences(of: "status: unverified", with: "status: [unverified")
    let base = try dir.write("base", good)
    let ours = try dir.write(
      "ours", good.replacingOccurrences(of: "feared drowned", with: "feared drowned, officials said"))
    let theirs = try dir.write("theirs", broken)
    let result = try Workspace.runMergeDriver(
      base: base, ours: ours, theirs: theirs, path: Self.path, environment: Shell.environment)
    #expect(!result.merged, "git must stop for a person")
    #expect(result.problem?.contains(Self.path + ":") == true, "\(result.problem ?? "")")
  }

  /// The log entries but the merge's own, as sets of (id, note): what two clones must agree on.
  static func entries(_ claim: Claim) -> Set<String> {
    Set(claim.log.filter { $0.action != .merge }.map { "\($0.id) \($0.note ?? "")" })
  }

  @Test("an entry edited differently on both sides is kept twice, the same way whichever clone merges")
  func entryEditedOnBothSides() throws {
    var base = Self.base
    base.log.append(Self.entry(.note, 5, note: "Original"))
    var ours = base
    ours.log[1].note = "Original, as Ada corrected it"
    var theirs = base
    theirs.log[1].note = "Original, as Ben corrected it"
    theirs.log.append(Self.entry(.note, 9, note: "Ben's own note", by: "Ben <ben@example.org>"))
    let (atAda, report) = try merge(base, ours, theirs)
    let (atBen, _) = try merge(base, theirs, ours)
    #expect(report.merged && report.conflicts.map(\.field) == ["log entry \(base.log[1].id)"])
    #expect(
      Set(atAda.log.compactMap(\.note)).isSuperset(of: [
        "Original, as Ada corrected it", "Original, as Ben corrected it", "Ben's own note",
      ]))
    #expect(atAda.needsReview && atBen.needsReview)
    #expect(Self.entries(atAda) == Self.entries(atBen))
    #expect(Set(atAda.log.map(\.id)).count == atAda.log.count)
    // The two merges merged again: nothing new, nothing twice.
    let (again, _) = try merge(base, atAda, atBen)
    #expect(Self.entries(again) == Self.entries(atAda))
  }

  @Test("an entry copied by hand under the same id gets an id of its own; an exact repeat goes")
  func duplicateEntryIDs() throws {
    var base = Self.base
    base.log.append(Self.entry(.note, 5, note: "Original"))
    var ours = base
    var copy = base.log[1]
    copy.note = "Copied, then changed"
    ours.log += [copy, base.log[1]]
    var theirs = base
    theirs.log.append(Self.entry(.note, 9, note: "Ben's note", by: "Ben <ben@example.org>"))
    let (atAda, report) = try merge(base, ours, theirs)
    let (atBen, _) = try merge(base, theirs, ours)
    #expect(report.merged)
    #expect(
      atAda.log.compactMap(\.note).filter { $0 != "" && !$0.hasPrefix("Merge:") }.sorted() == [
        "Ben's note", "Copied, then changed", "Original",
      ])
    #expect(atAda.log.first { $0.note == "Original" }?.id == base.log[1].id, "the entry the base has keeps its id")
    #expect(Set(atAda.log.map(\.id)).count == atAda.log.count)
    #expect(atAda.needsReview)
    #expect(Self.entries(atAda) == Self.entries(atBen))
  }
}
