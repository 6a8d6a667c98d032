import Foundation

/// What `vet claim link` did.
public struct LinkResult: Sendable {
  /// The claim that holds both now (OTHER).
  public var claim: Claim
  /// The id that was linked into it and now resolves to it.
  public var absorbed: String
}

/// What `vet claim unlink` did.
public struct UnlinkResult: Sendable {
  /// The claim the appearance was taken from.
  public var claim: Claim
  /// The new claim holding the appearance and the log entries about it.
  public var created: Claim
}

extension Claim {
  /// Adds the suggestion that this claim may restate `other`, unless that pair was dismissed.
  ///
  /// For ingest: an uncertain match is recorded as a suggestion on the new
  /// claim rather than linked. A suggestion about the same claim replaces the
  /// earlier reason.
  /// - Returns: whether the suggestion is now on the claim (false when dismissed, or about itself).
  @discardableResult
  public mutating func suggest(_ other: String, reason: String) -> Bool {
    guard other != id, !aliases.contains(other), !hasDismissed(other) else { return false }
    suggestions.removeAll { $0.claim == other }
    suggestions.append(Suggestion(claim: other, reason: reason))
    return true
  }

  /// Whether the analyst dismissed, on this claim, the suggestion that it restates claim id `other`.
  public func hasDismissed(_ other: String) -> Bool { dismissed.contains(other) }

  /// Whether the pair of claims was dismissed, on either claim, under any of their ids.
  public func hasDismissed(_ other: Claim) -> Bool {
    let mine = Set([id] + aliases)
    let theirs = Set([other.id] + other.aliases)
    return !mine.isDisjoint(with: other.dismissed) || !theirs.isDisjoint(with: dismissed)
  }
}

extension Workspace {
  // MARK: - Correcting identity

  /// Links claim `prefix` into claim `other`: `other` keeps its id and takes
  /// the appearances, log entries (under their ids), tags, review flags,
  /// suggestions and dismissals of the first; the first's id becomes an alias.
  ///
  /// The absorbed claim's file stays as a stub (`linked:` names `other`) so
  /// that git merges it with edits made elsewhere before the link arrived.
  /// Statuses or credibility grades that disagree keep `other`'s and flag it
  /// for review with the reason.
  /// - Throws: `.invalidArgument` when both name one claim (itself, or an
  ///   alias of it); `.notFound`, `.ambiguous`, `.uncommittedEdit`.
  public func link(_ prefix: String, to other: String) throws -> LinkResult {
    var result: LinkResult?
    let entryID = Identifier.newEntryID()
    try commit { snapshot in
      let absorbedID = try snapshot.resolveClaimID(prefix)
      let survivorID = try snapshot.resolveClaimID(other)
      guard absorbedID != survivorID else {
        let (named, target) = (try snapshot.resolveClaimFileID(prefix), try snapshot.resolveClaimFileID(other))
        let alias = named == survivorID ? target : named
        let reason =
          named == target
          ? "a claim cannot be linked to itself"
          : "claim \(alias.prefix(8)) is already linked into \(survivorID.prefix(8)); they are one claim"
        throw WorkbenchError.invalidArgument(name: "claim link", reason: reason)
      }
      var absorbed = try snapshot.claim(id: absorbedID)
      var survivor = try snapshot.claim(id: survivorID)
      let note = Self.unite(
        &survivor, absorbing: absorbed, entryID: entryID, author: try self.author(), date: self.clock())
      absorbed = Self.stub(of: absorbed, linkedInto: survivorID)
      result = LinkResult(claim: survivor, absorbed: absorbedID)
      return Operation(
        files: [
          survivor.path: Array(try survivor.rendered().utf8), absorbed.path: Array(try absorbed.rendered().utf8),
        ],
        subject: "Link \(absorbedID.prefix(8)) into \(survivorID.prefix(8)): \(survivor.statement)", body: note,
        trailers: [("Vet-Action", "link"), ("Claim", absorbedID), ("Claim", survivorID), ("Entry", entryID)],
        claims: [survivor.path: survivor, absorbed.path: absorbed])
    }
    guard let result else { throw WorkbenchError.contention(attempts: 0) }
    return result
  }

  /// Moves everything `absorbed` holds into `survivor`; returns the note of the log entry it adds.
  static func unite(
    _ survivor: inout Claim, absorbing absorbed: Claim, entryID: String, author: String, date: Date
  ) -> String {
    let ids = Set([survivor.id, absorbed.id] + survivor.aliases + absorbed.aliases)
    var reasons: [String] = []
    survivor.appearances = ClaimMerge.mergeSet(base: [], ours: survivor.appearances, theirs: absorbed.appearances)
    survivor.tags = ClaimMerge.mergeSet(base: [], ours: survivor.tags, theirs: absorbed.tags)
    // The flag that asked for this very link is settled by it.
    let settled = absorbed.linked.map(ClaimMerge.relinkReason(into:))
    survivor.review = ClaimMerge.mergeSet(
      base: [], ours: survivor.review, theirs: absorbed.review.filter { $0 != settled })
    survivor.aliases = ClaimMerge.mergeSet(
      base: [], ours: survivor.aliases, theirs: [absorbed.id] + absorbed.aliases
    ).filter { $0 != survivor.id }
    survivor.dismissed = ClaimMerge.mergeSet(base: [], ours: survivor.dismissed, theirs: absorbed.dismissed)
    // Accepting a suggestion between the two removes it; the rest carry over.
    survivor.suggestions = ClaimMerge.mergeSet(
      base: [], ours: survivor.suggestions, theirs: absorbed.suggestions
    ).filter { !ids.contains($0.claim) }
    // Entries keep their ids; one edited apart in two copies is kept twice.
    let (log, conflicts) = ClaimMerge.mergeLog(
      base: [], ours: survivor.log, theirs: absorbed.log, theirsLabel: "claim \(absorbed.id.prefix(8))")
    survivor.log = log
    reasons += conflicts.map(\.note)
    if absorbed.status != survivor.status {
      reasons.append(
        "linked claim \(absorbed.id.prefix(8)) was '\(absorbed.status)', this claim '\(survivor.status)'; "
          + "kept '\(survivor.status)': mark the status that holds")
    }
    if let theirs = absorbed.credibility, theirs != survivor.credibility {
      if let ours = survivor.credibility {
        reasons.append(
          "linked claim \(absorbed.id.prefix(8)) had credibility \(theirs), this claim \(ours); kept \(ours)")
      } else {
        survivor.credibility = theirs
      }
    }
    let untouched = [
      Claim.defaultBody(absorbed.statement), absorbed.linked.map { Self.stub(of: absorbed, linkedInto: $0).body },
    ]
    if absorbed.body != survivor.body, !untouched.contains(absorbed.body) {
      // The analyst's own notes below the front matter come along under a heading.
      survivor.body += "\n## From claim \(absorbed.id)\n" + absorbed.body
    }
    for reason in reasons { survivor.review = ClaimMerge.appendingUnique(survivor.review, reason) }
    var note = "Linked claim \(absorbed.id) into this claim: \(absorbed.statement)"
    if !reasons.isEmpty { note += " (needs review: " + reasons.joined(separator: "; ") + ")" }
    survivor.log.append(
      LogEntry(id: entryID, action: .edit, author: author, date: date, status: survivor.status, note: note))
    return note
  }

  /// The file a linked claim leaves behind: its id, statement and status, and where it went.
  static func stub(of claim: Claim, linkedInto survivor: String) -> Claim {
    var stub = Claim(
      id: claim.id, statement: claim.statement, status: claim.status,
      body: Claim.defaultBody(claim.statement)
        + "\nLinked into claim [\(survivor)](../\(survivor.prefix(2))/\(survivor).md), which holds its "
        + "appearances and log.\n",
      kept: claim.kept, linked: survivor)
    stub.unkept = claim.unkept
    return stub
  }

  /// Splits one appearance off claim `prefix` into a new claim of its own,
  /// with the log entries about that appearance (same source and version).
  ///
  /// The new claim starts at the workspace's initial status: a verdict on the
  /// old claim is not one on the new. Each claim records the other as
  /// dismissed, so ingest does not suggest the pair again.
  /// - Parameter appearance: `SOURCE@VERSION#SENTENCE`, as `vet claim show` lists it.
  /// - Throws: `.invalidArgument` for a malformed appearance or the claim's
  ///   only one; `.notFound` for an appearance the claim does not have.
  public func unlinkAppearance(_ appearance: String, from prefix: String) throws -> UnlinkResult {
    let (source, version, sentence) = try Self.parseAppearance(appearance)
    var result: UnlinkResult?
    let (entryID, newEntryID) = (Identifier.newEntryID(), Identifier.newEntryID())
    try commit { snapshot in
      var claim = try snapshot.claim(id: try snapshot.resolveClaimID(prefix))
      guard
        let index = claim.appearances.firstIndex(where: {
          $0.source == source && $0.version == version && $0.sentence == sentence
        })
      else {
        let known = claim.appearances.map(Self.describe).joined(separator: ", ")
        throw WorkbenchError.invalidArgument(
          name: "claim unlink",
          reason: "claim \(claim.id.prefix(8)) has no appearance \(Terminal.escape(appearance)); "
            + "its appearances: \(Terminal.escape(known))")
      }
      guard claim.appearances.count > 1 else {
        throw WorkbenchError.invalidArgument(
          name: "claim unlink",
          reason: "\(Terminal.escape(appearance)) is the only appearance of claim \(claim.id.prefix(8)); "
            + "there is nothing to split it from")
      }
      let moved = claim.appearances.remove(at: index)
      let config = try snapshot.config()
      let id = try self.freshClaimID(snapshot)
      let about = { (entry: LogEntry) in entry.source == source && entry.version == version }
      // Two appearances in one version (a split sentence) share their entries: both keep them.
      let shared = claim.appearances.contains { $0.source == source && $0.version == version }
      let entries = claim.log.filter(about)
      if !shared { claim.log.removeAll(where: about) }
      let (author, date) = (try self.author(), self.clock())
      var created = Claim(
        id: id, statement: moved.quote, status: config.initialStatus, appearances: [moved],
        log: entries.map { entry in
          // Under a new id when the old claim keeps the entry too, so ids stay unique across claims.
          guard shared else { return entry }
          var copy = entry
          copy.id = ClaimMerge.derivedID(entry)
          return copy
        }, dismissed: [claim.id])
      created.log.append(
        LogEntry(
          id: newEntryID, action: .edit, author: author, date: date, status: created.status,
          note: "Unlinked from claim \(claim.id): \(Self.describe(moved)) is a claim of its own",
          source: source, version: version))
      claim.dismissed = ClaimMerge.appendingUnique(claim.dismissed, id)
      claim.suggestions.removeAll { $0.claim == id }
      claim.log.append(
        LogEntry(
          id: entryID, action: .edit, author: author, date: date, status: claim.status,
          note: "Unlinked \(Self.describe(moved)) into claim \(id): \(moved.quote)"))
      result = UnlinkResult(claim: claim, created: created)
      return Operation(
        files: [claim.path: Array(try claim.rendered().utf8), created.path: Array(try created.rendered().utf8)],
        subject: "Unlink \(Self.describe(moved)) from \(claim.id.prefix(8)) into \(id.prefix(8)): \(moved.quote)",
        trailers: [
          ("Vet-Action", "unlink"), ("Claim", claim.id), ("Entry", entryID), ("Claim", id), ("Entry", newEntryID),
          ("Source", source),
        ],
        claims: [claim.path: claim, created.path: created])
    }
    guard let result else { throw WorkbenchError.contention(attempts: 0) }
    return result
  }

  /// `SOURCE@VERSION#SENTENCE`, as `vet claim show` prints an appearance.
  static func describe(_ a: Appearance) -> String {
    "\(a.source)@\(a.version)" + (a.sentence.map { "#\($0)" } ?? "")
  }

  /// Reads `SOURCE@VERSION#SENTENCE` (the sentence is left out for an appearance without one).
  static func parseAppearance(_ text: String) throws -> (String, Int, Int?) {
    let bad = WorkbenchError.invalidArgument(
      name: "APPEARANCE",
      reason: "'\(Terminal.escape(text))' is not SOURCE@VERSION#SENTENCE, as `vet claim show` lists appearances "
        + "(for example wire-ferry@2#5)")
    let parts = text.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    let sentence: Int?
    if parts.count == 2 {
      guard let n = Int(parts[1]), n >= 0 else { throw bad }
      sentence = n
    } else {
      sentence = nil
    }
    guard let at = parts[0].lastIndex(of: "@"), let version = Int(parts[0][parts[0].index(after: at)...]),
      version >= 1, at > parts[0].startIndex
    else { throw bad }
    return (String(parts[0][..<at]), version, sentence)
  }

  /// Rejects the suggestion that claim `prefix` restates `other`: it goes,
  /// and the pair is recorded as dismissed so that it is not suggested again.
  /// - Throws: `.notFound` when the claim has no such suggestion.
  public func dismiss(_ prefix: String, suggestion other: String) throws -> Claim {
    var result: Claim?
    let entryID = Identifier.newEntryID()
    try commit { snapshot in
      var claim = try snapshot.claim(id: try snapshot.resolveClaimID(prefix))
      let otherID = try snapshot.resolveClaimID(other)
      let matching = try claim.suggestions.filter { try snapshot.followingLinks($0.claim) == otherID }
      guard !matching.isEmpty else {
        let open = claim.suggestions.map { String($0.claim.prefix(8)) }
        throw WorkbenchError.invalidArgument(
          name: "claim dismiss",
          reason: "claim \(claim.id.prefix(8)) has no suggestion about claim \(otherID.prefix(8)); its suggestions: "
            + (open.isEmpty ? "none" : Terminal.escape(open.joined(separator: ", "))))
      }
      claim.suggestions.removeAll { matching.contains($0) }
      claim.dismissed = ClaimMerge.appendingUnique(claim.dismissed, otherID)
      let reasons = matching.map(\.reason).filter { !$0.isEmpty }.joined(separator: "; ")
      let note =
        "Dismissed the suggestion that this claim restates \(otherID)" + (reasons.isEmpty ? "" : ": \(reasons)")
      claim.log.append(
        LogEntry(id: entryID, action: .edit, author: try self.author(), date: self.clock(), note: note))
      result = claim
      return Operation(
        files: [claim.path: Array(try claim.rendered().utf8)],
        subject: "Dismiss suggestion on \(claim.id.prefix(8)): does not restate \(otherID.prefix(8))",
        trailers: [("Vet-Action", "dismiss"), ("Claim", claim.id), ("Entry", entryID), ("Claim", otherID)],
        claims: [claim.path: claim])
    }
    guard let result else { throw WorkbenchError.contention(attempts: 0) }
    return result
  }

  /// Records that claim `prefix` may restate `other`, with why; one commit.
  ///
  /// What ingest calls for a match it is unsure of (or use `Claim.suggest`
  /// while building its own commit). Nothing is written when the pair was
  /// dismissed before, or the suggestion is already there with that reason.
  /// - Returns: the claim, and whether a suggestion was recorded.
  @discardableResult
  public func suggest(_ prefix: String, restates other: String, reason: String) throws -> (Claim, Bool) {
    var result: (Claim, Bool)?
    try commit { snapshot in
      var claim = try snapshot.claim(id: try snapshot.resolveClaimID(prefix))
      let otherClaim = try snapshot.claim(id: try snapshot.resolveClaimID(other))
      let before = claim
      guard !claim.hasDismissed(otherClaim), otherClaim.id != claim.id, claim.suggest(otherClaim.id, reason: reason),
        claim != before
      else {
        result = (claim, false)
        return nil
      }
      result = (claim, true)
      return Operation(
        files: [claim.path: Array(try claim.rendered().utf8)],
        subject: "Suggest \(claim.id.prefix(8)) may restate \(otherClaim.id.prefix(8)): \(reason)",
        trailers: [("Vet-Action", "suggest"), ("Claim", claim.id), ("Claim", otherClaim.id)],
        claims: [claim.path: claim])
    }
    guard let result else { throw WorkbenchError.contention(attempts: 0) }
    return result
  }

  /// Whether the analyst dismissed the suggestion that the two claims are one (on either claim).
  public func wasDismissed(_ a: String, _ b: String) throws -> Bool {
    let snapshot = try snapshot()
    let first = try snapshot.claim(id: try snapshot.resolveClaimID(a))
    let second = try snapshot.claim(id: try snapshot.resolveClaimID(b))
    return first.hasDismissed(second)
  }
}
