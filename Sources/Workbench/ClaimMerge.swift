import Foundation
import GitKit

/// One field that two clones changed to different values.
public struct MergeConflict: Codable, Sendable, Hashable {
  /// The claim id, or the source slug for a source.
  public var id: String
  /// "claim" or "source".
  public var kind: String
  /// The field, such as "status", "statement", "credibility", "body", "deleted" or "title".
  public var field: String
  /// Our value (as text).
  public var ours: String
  /// Their value (as text).
  public var theirs: String
  /// The value the merge kept.
  public var kept: String
}

/// Merges three versions of one claim — the common ancestor, ours and theirs —
/// field by field, so that nothing either side wrote is lost.
///
/// - Log entries are a union by entry id, ordered by date. An entry both
///   sides edited differently is kept in both versions, and an entry whose id
///   another entry of the same side already has (a note copied by hand) is
///   given an id of its own; either way the claim is flagged for review.
/// - A field changed on one side only takes that side's value; sets (tags,
///   appearances, review reasons) merge element by element.
/// - A field changed to different values on both sides is never decided
///   silently: both values go into the claim's log as a `merge` entry, the
///   claim is flagged for review, and a value is kept deterministically — for
///   the status, the one set by the later status change; otherwise ours.
struct ClaimMerge {
  /// Who records the merge, "Name <email>".
  var author: String
  /// When the merge is recorded.
  var date: Date
  /// What "theirs" is called in messages, for example "origin/main".
  var theirsLabel: String

  struct Result {
    /// The merged claim; nil when it is deleted.
    var claim: Claim?
    var conflicts: [MergeConflict]
  }

  func merge(base: Claim?, ours: Claim?, theirs: Claim?) throws -> Result {
    switch (ours, theirs) {
    case (nil, nil):
      return Result(claim: nil, conflicts: [])
    case (nil, let theirs?):
      // Deleted here. If they changed it meanwhile, their work is kept and flagged.
      if let base, base == theirs { return Result(claim: nil, conflicts: []) }
      return keepAfterDeletion(theirs, deletedBy: "this workspace")
    case (let ours?, nil):
      if let base, base == ours { return Result(claim: nil, conflicts: []) }
      return keepAfterDeletion(ours, deletedBy: theirsLabel)
    case (let ours?, let theirs?):
      return try mergeBoth(base: base, ours: ours, theirs: theirs)
    }
  }

  private func keepAfterDeletion(_ claim: Claim, deletedBy: String) -> Result {
    var kept = claim
    let reason = "deleted in \(deletedBy) but changed on the other side; kept"
    let conflict = MergeConflict(id: claim.id, kind: "claim", field: "deleted", ours: "", theirs: "", kept: "kept")
    kept.review = Self.appendingUnique(kept.review, reason)
    kept.log.append(LogEntry(action: .merge, author: author, date: date, note: "Merge: " + reason))
    return Result(claim: kept, conflicts: [conflict])
  }

  private func mergeBoth(base: Claim?, ours: Claim, theirs: Claim) throws -> Result {
    if ours == theirs { return Result(claim: ours, conflicts: []) }
    var merged = ours
    var conflicts: [MergeConflict] = []
    var notes: [String] = []
    var reasons: [String] = []
    let (log, logConflicts) = Self.mergeLog(
      base: base?.log ?? [], ours: ours.log, theirs: theirs.log, theirsLabel: theirsLabel)

    func conflict(_ field: String, _ o: String, _ t: String, kept: String) {
      conflicts.append(MergeConflict(id: ours.id, kind: "claim", field: field, ours: o, theirs: t, kept: kept))
      notes.append("conflicting \(field): '\(o)' here, '\(t)' in \(theirsLabel); kept '\(kept)'")
      reasons.append("conflicting \(field) from merge: '\(o)' vs '\(t)'; kept '\(kept)'")
    }

    // Status: the later status change wins, so every clone picks the same one.
    switch Self.threeWay(base?.status, ours.status, theirs.status) {
    case .same(let value): merged.status = value
    case .conflict:
      let kept = Self.laterStatus(ours: ours, theirs: theirs, base: base)
      merged.status = kept
      conflict("status", ours.status, theirs.status, kept: kept)
    }
    switch Self.threeWay(base?.statement, ours.statement, theirs.statement) {
    case .same(let value): merged.statement = value
    case .conflict:
      merged.statement = ours.statement
      conflict("statement", ours.statement, theirs.statement, kept: ours.statement)
    }
    switch Self.threeWay(base?.credibility, ours.credibility, theirs.credibility) {
    case .same(let value): merged.credibility = value
    case .conflict:
      merged.credibility = ours.credibility
      conflict(
        "credibility", ours.credibility.map(String.init) ?? "none", theirs.credibility.map(String.init) ?? "none",
        kept: ours.credibility.map(String.init) ?? "none")
    }
    merged.tags = Self.mergeSet(base: base?.tags ?? [], ours: ours.tags, theirs: theirs.tags)
    merged.appearances = Self.mergeSet(
      base: base?.appearances ?? [], ours: ours.appearances, theirs: theirs.appearances)
    merged.review = Self.mergeSet(base: base?.review ?? [], ours: ours.review, theirs: theirs.review)
    switch Self.threeWay(base?.linked, ours.linked, theirs.linked) {
    case .same(let value): merged.linked = value
    case .conflict:
      merged.linked = ours.linked
      conflict("linked", ours.linked ?? "none", theirs.linked ?? "none", kept: ours.linked ?? "none")
    }
    merged.aliases = Self.mergeSet(base: base?.aliases ?? [], ours: ours.aliases, theirs: theirs.aliases)
    merged.dismissed = Self.mergeSet(base: base?.dismissed ?? [], ours: ours.dismissed, theirs: theirs.dismissed)
    // A dismissal on one side outlasts the same suggestion made again on the other.
    merged.suggestions = Self.mergeSet(
      base: base?.suggestions ?? [], ours: ours.suggestions, theirs: theirs.suggestions
    ).filter { !merged.dismissed.contains($0.claim) }
    merged.kept = Self.mergeSet(base: base?.kept ?? [], ours: ours.kept, theirs: theirs.kept)
    // What either side holds that cannot be written back stops the merge, named.
    merged.unkept = ours.unkept ?? theirs.unkept
    merged.body = try mergeBody(base: base?.body, ours: ours.body, theirs: theirs.body) {
      conflicts.append(
        MergeConflict(id: ours.id, kind: "claim", field: "body", ours: "", theirs: "", kept: "both, marked"))
      notes.append(
        "conflicting edits to the notes below the front matter; both kept between <<<<<<< and >>>>>>> markers")
      reasons.append("conflicting edits to the body from merge; both kept between conflict markers")
    }
    merged.log = Self.leavingMoved(log, base: base, ours: ours, theirs: theirs)
    if let survivor = merged.linked, merged.isAlias == false {
      // Written on the other side before the link arrived: kept here, visible, until linked again.
      notes.append(Self.relinkNote(ours.id, into: survivor))
      reasons.append(Self.relinkReason(into: survivor))
    }
    for c in logConflicts {
      conflicts.append(
        MergeConflict(id: ours.id, kind: "claim", field: c.field, ours: c.ours, theirs: c.theirs, kept: c.kept))
      notes.append(c.note)
      reasons.append(c.note)
    }
    if !notes.isEmpty {
      for reason in reasons { merged.review = Self.appendingUnique(merged.review, reason) }
      merged.log.append(
        LogEntry(
          action: .merge, author: author, date: date, status: merged.status,
          note: "Merge: " + notes.joined(separator: "; ")))
    }
    return Result(claim: merged, conflicts: conflicts)
  }

  /// The merge log entry's note for a linked claim's file that gained entries in another clone.
  static func relinkNote(_ id: String, into survivor: String) -> String {
    "changed in one clone after it was linked into claim \(survivor) in another; run "
      + "`vet claim link \(id.prefix(8)) --to \(survivor.prefix(8))` to move what was added"
  }

  /// The review flag of a linked claim's file that gained entries in another clone.
  static func relinkReason(into survivor: String) -> String {
    "changed after it was linked into claim \(survivor); run `vet claim link` on this claim `--to "
      + "\(survivor.prefix(8))` to move the log entries and appearances added meanwhile"
  }

  /// The merged log without the entries a link moved out of the claim.
  ///
  /// `vet claim link` empties the absorbed claim's log into the claim it
  /// joins; an entry the base had and the linking side no longer has is
  /// there, not lost, so it is left out of the stub.
  static func leavingMoved(_ log: [LogEntry], base: Claim?, ours: Claim, theirs: Claim) -> [LogEntry] {
    guard let base, base.linked == nil else { return log }
    var moved = Set<LogEntry>()
    for side in [ours, theirs] where side.linked != nil {
      let kept = Set(side.log.map(\.id))
      moved.formUnion(base.log.filter { !kept.contains($0.id) })
    }
    return moved.isEmpty ? log : log.filter { !moved.contains($0) }
  }

  private func mergeBody(base: String?, ours: String, theirs: String, onConflict: () -> Void) throws -> String {
    switch Self.threeWay(base, ours, theirs) {
    case .same(let value): return value
    case .conflict:
      let result = try FileMerge.merge(
        base: base.map { Array($0.utf8) }, ours: Array(ours.utf8), theirs: Array(theirs.utf8),
        labels: ("base", "ours", theirsLabel))
      if !result.isClean { onConflict() }
      return String(decoding: result.bytes, as: UTF8.self)
    }
  }

  // MARK: - Building blocks

  enum ThreeWay<T> {
    case same(T)
    case conflict
  }

  /// The value of a field after a three-way merge, or `.conflict`.
  static func threeWay<T: Equatable>(_ base: T?, _ ours: T, _ theirs: T) -> ThreeWay<T> {
    if ours == theirs { return .same(ours) }
    if let base, base == ours { return .same(theirs) }
    if let base, base == theirs { return .same(ours) }
    return .conflict
  }

  /// Merges two lists as sets: an element stays unless one side removed it,
  /// and additions from both sides are kept, ours first, in their order.
  static func mergeSet<T: Hashable>(base: [T], ours: [T], theirs: [T]) -> [T] {
    let baseSet = Set(base)
    let oursSet = Set(ours)
    let theirsSet = Set(theirs)
    var result: [T] = []
    var seen = Set<T>()
    for item in ours + theirs where !seen.contains(item) {
      seen.insert(item)
      let keep =
        (oursSet.contains(item) && theirsSet.contains(item)) || (!baseSet.contains(item))
      if keep { result.append(item) }
    }
    return result
  }

  /// What merging two logs could not settle alone, for the claim's review.
  struct LogConflict {
    var field: String
    var ours: String
    var theirs: String
    var kept: String
    /// The sentence for the merge entry and the review flag.
    var note: String
  }

  /// The union of two logs by entry id, ordered by date; ours first among equal dates.
  ///
  /// An entry changed by hand on one side takes that side's version; entries
  /// removed on one side are kept: nothing an analyst wrote is dropped. An
  /// entry changed differently on both sides is kept twice: the version
  /// whose `derivedID` is lower keeps the id, the other takes its derived id,
  /// so that every clone merging the pair writes the same log.
  static func mergeLog(base: [LogEntry], ours: [LogEntry], theirs: [LogEntry], theirsLabel: String) -> (
    log: [LogEntry], conflicts: [LogConflict]
  ) {
    let baseByID = Dictionary(base.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var conflicts: [LogConflict] = []
    let ours = distinctIDs(ours, base: baseByID, side: "this workspace", &conflicts)
    let theirs = distinctIDs(theirs, base: baseByID, side: theirsLabel, &conflicts)
    let theirsByID = Dictionary(theirs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let oursIDs = Set(ours.map(\.id))
    var seen = Set<String>()
    var combined: [LogEntry] = []
    for entry in ours {
      seen.insert(entry.id)
      guard let other = theirsByID[entry.id], other != entry else {
        combined.append(entry)
        continue
      }
      if baseByID[entry.id] == entry {
        combined.append(other)
      } else if baseByID[entry.id] == other {
        combined.append(entry)
      } else {
        let (keeper, original) = derivedID(entry) < derivedID(other) ? (entry, other) : (other, entry)
        var moved = original
        moved.id = derivedID(original)
        combined.append(keeper)
        seen.insert(moved.id)
        // Merged once already on this side: the moved version is in ours, under its id.
        if oursIDs.contains(moved.id) { continue }
        combined.append(moved)
        conflicts.append(
          LogConflict(
            field: "log entry \(entry.id)", ours: entry.note ?? entry.action.rawValue,
            theirs: other.note ?? other.action.rawValue, kept: "both",
            note: "log entry \(entry.id) was edited differently here and in \(theirsLabel); both versions kept, "
              + "one as entry \(moved.id)"))
      }
    }
    for entry in theirs where !seen.contains(entry.id) {
      seen.insert(entry.id)
      combined.append(entry)
    }
    let log = combined.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(
      \.element)
    return (log, conflicts)
  }

  /// One side's log with one entry per id.
  ///
  /// An exact repeat of an entry goes; another entry under an id already
  /// taken (a note copied by hand and changed) gets its `derivedID`. The
  /// entry that matches the base's keeps the id, else the first.
  static func distinctIDs(
    _ log: [LogEntry], base: [String: LogEntry], side: String, _ conflicts: inout [LogConflict]
  ) -> [LogEntry] {
    var occurrences: [String: Int] = [:]
    for entry in log { occurrences[entry.id, default: 0] += 1 }
    guard occurrences.values.contains(where: { $0 > 1 }) else { return log }
    var keeper: [String: Int] = [:]
    for (k, entry) in log.enumerated() where occurrences[entry.id, default: 0] > 1 {
      if keeper[entry.id] == nil || (base[entry.id] == entry && log[keeper[entry.id] ?? k] != entry) {
        keeper[entry.id] = k
      }
    }
    var result: [LogEntry] = []
    var kept = Set<LogEntry>()
    for (k, entry) in log.enumerated() {
      guard let first = keeper[entry.id], first != k else {
        result.append(entry)
        kept.insert(entry)
        continue
      }
      var copy = entry
      copy.id = derivedID(entry)
      // An exact repeat adds nothing; a copy already given its id (by an earlier merge) is there.
      if entry == log[first] || kept.contains(copy) || log.contains(copy) { continue }
      result.append(copy)
      kept.insert(copy)
      conflicts.append(
        LogConflict(
          field: "log entry id \(entry.id)", ours: entry.note ?? entry.action.rawValue, theirs: "",
          kept: "both, the copy as \(copy.id)",
          note: "two log entries in \(side) had the id \(entry.id) (one copied by hand?); the copy was given "
            + "the id \(copy.id)"))
    }
    return result
  }

  /// An entry id made from an entry's id and content: the same on every clone
  /// that gives the same entry a new id.
  static func derivedID(_ entry: LogEntry) -> String {
    let fields: [String] =
      [
        entry.id, entry.action.rawValue, entry.author, ISODate.format(entry.date), entry.status ?? "",
        entry.note ?? "", entry.source ?? "", entry.version.map(String.init) ?? "",
      ] + entry.evidence + ["|"] + entry.drift
    let digest = (try? ObjectID.blob(hashing: Array(fields.joined(separator: "\u{0}").utf8)).hex) ?? entry.id
    return String(digest.prefix(16))
  }

  /// The status set by the later status change of the two sides (ties: the
  /// greater entry id), so that every clone merging the same pair keeps the same one.
  static func laterStatus(ours: Claim, theirs: Claim, base: Claim?) -> String {
    let known = Set(base?.log.map(\.id) ?? [])
    func latest(_ claim: Claim) -> LogEntry? {
      claim.log.filter {
        [.status, .created].contains($0.action) && $0.status == claim.status && !known.contains($0.id)
      }
      .max { ($0.date, $0.id) < ($1.date, $1.id) }
    }
    switch (latest(ours), latest(theirs)) {
    case (let o?, let t?): return (o.date, o.id) >= (t.date, t.id) ? ours.status : theirs.status
    case (nil, _?): return theirs.status
    default: return ours.status
    }
  }

  static func appendingUnique(_ list: [String], _ item: String) -> [String] {
    list.contains(item) ? list : list + [item]
  }
}
