import Foundation
import GitKit

extension Workspace {
  /// What changed in the verification work since a revision or a date: claims
  /// added, statuses changed, notes and appearances added, sources added or
  /// updated.
  ///
  /// Compares the claim and source files at the start with those at HEAD (a
  /// tree diff, whose cost follows the size of the change), and takes who and
  /// when from the log entries, and which commit from the `Entry:` and
  /// `Source:` trailers of the commits in the range.
  /// - Parameter since: a git revision (`HEAD~3`, a commit id, a tag), or an
  ///   ISO 8601 date or time (`2026-11-20`, `2026-11-20T14:00:00Z`), which
  ///   means the last commit made at or before then.
  /// - Throws: `.invalidArgument` when `since` is neither.
  public func changes(since: String) throws -> VerificationChanges {
    guard let head = try repo.head() else { throw WorkbenchError.notAWorkspace(path: root) }
    let headCommit = try repo.commit(head)
    let base = try startCommit(since)
    let baseCommit = try base.map { try repo.commit($0) }
    var result = VerificationChanges(
      since: .init(given: since, commit: base?.hex, date: baseCommit?.committer.date),
      head: .init(given: nil, commit: head.hex, date: headCommit.committer.date), commits: 0)

    // Which commit of the range recorded each log entry and source version.
    var commitOfEntry: [String: String] = [:]
    var commitOfVersion: [String: String] = [:]
    var age: [String: Int] = [:]
    // Parents after children, so commits made within one second still come in order.
    for id in try repo.commits(after: base, upTo: head, order: .topological) {
      age[id.hex] = result.commits
      result.commits += 1
      // Newest first, so an entry recorded twice keeps its earliest commit.
      for trailer in try repo.commit(id).trailers {
        if trailer.key == "Entry" { commitOfEntry[trailer.value] = id.hex }
        if trailer.key == "Source", trailer.value.contains("@") { commitOfVersion[trailer.value] = id.hex }
      }
    }

    let start = try base.map { try Snapshot(repo: repo, commit: $0) }
    for path in try repo.changedPaths(from: baseCommit?.tree, to: headCommit.tree) {
      if path.path.hasPrefix("claims/") && path.path.hasSuffix(".md") {
        try compareClaim(path, into: &result, commitOfEntry: commitOfEntry, start: start)
      } else if path.path.hasPrefix("sources/") && path.path.hasSuffix("/source.yml") {
        try compareSource(path, into: &result, commitOfVersion: commitOfVersion)
      }
    }
    result.claimsAdded = Self.chronological(result.claimsAdded, age: age, date: \.date, commit: \.commit, id: \.claim)
    result.statusChanges = Self.chronological(
      result.statusChanges, age: age, date: \.date, commit: \.commit, id: \.claim)
    result.notes = Self.chronological(result.notes, age: age, date: { $0.date }, commit: \.commit, id: \.claim)
    result.appearances = Self.chronological(result.appearances, age: age, date: \.date, commit: \.commit, id: \.claim)
    result.sourcesAdded = Self.chronological(
      result.sourcesAdded, age: age, date: { $0.date }, commit: \.commit, id: \.source)
    result.sourcesUpdated = Self.chronological(
      result.sourcesUpdated, age: age, date: { $0.date }, commit: \.commit, id: \.source)
    result.claimsRemoved.sort { $0.claim < $1.claim }
    return result
  }

  /// The commit a `--since` value names; nil for a date before the first commit.
  private func startCommit(_ since: String) throws -> ObjectID? {
    if let date = ISODate.parse(since) {
      guard let head = try repo.head() else { return nil }
      let walk = try repo.walk()
      try walk.sort(.time)
      try walk.push(head)
      for id in walk where try repo.commit(id).committer.date <= date { return id }
      return nil
    }
    do {
      return try repo.resolveCommit(since)
    } catch {
      throw WorkbenchError.invalidArgument(
        name: "--since",
        reason: "'\(Terminal.escape(since))' is neither a revision of this workspace (HEAD~3, a commit id) "
          + "nor an ISO 8601 date (2026-11-20 or 2026-11-20T14:00:00Z)")
    }
  }

  /// Adds what happened to one claim file between the two commits.
  private func compareClaim(
    _ path: ChangedPath, into result: inout VerificationChanges, commitOfEntry: [String: String], start: Snapshot?
  ) throws {
    // A claim broken at the start (and since mended) counts as absent then; one broken at HEAD is an error, as everywhere.
    let old = path.old.flatMap { id in (try? text(of: id)).flatMap { try? Claim(parsing: $0, file: path.path) } }
    guard let newID = path.new else {
      if let old { result.claimsRemoved.append(.init(claim: old.id, statement: old.statement)) }
      return
    }
    let claim = try Claim(parsing: try text(of: newID, path: path.path), file: path.path)
    var known = Set(old?.log.map(\.id) ?? [])
    var covered = Set((old?.appearances ?? []).map { "\($0.source)@\($0.version)" })
    // What a link brought from another claim was recorded there, not here.
    for alias in claim.aliases where old?.aliases.contains(alias) != true {
      guard let moved = try? start?.claim(id: alias) else { continue }
      known.formUnion(moved.log.map(\.id))
      covered.formUnion(moved.appearances.map { "\($0.source)@\($0.version)" })
    }
    let fresh = claim.log.filter { !known.contains($0.id) }
    var status = old?.status

    if old == nil {
      let created = claim.log.first { $0.action == .created }
      let initial = created?.status ?? claim.log.first(where: { $0.action == .status })?.status ?? claim.status
      status = initial
      if let source = created?.source { covered.insert("\(source)@\(created?.version ?? 0)") }
      result.claimsAdded.append(
        .init(
          claim: claim.id, statement: claim.statement, status: initial, source: created?.source,
          version: created?.version,
          commit: created.flatMap { commitOfEntry[$0.id] }, author: created?.author, date: created?.date))
    }
    for entry in fresh {
      switch entry.action {
      case .status:
        guard let to = entry.status else { continue }
        result.statusChanges.append(
          .init(
            claim: claim.id, statement: claim.statement, from: status ?? "", to: to, note: entry.note,
            evidence: entry.evidence,
            commit: commitOfEntry[entry.id], author: entry.author, date: entry.date, entry: entry.id))
        status = to
      case .note:
        result.notes.append(
          .init(
            claim: claim.id, statement: claim.statement, note: entry.note ?? "", evidence: entry.evidence,
            commit: commitOfEntry[entry.id], author: entry.author, date: entry.date, entry: entry.id))
      case .appearance:
        guard let source = entry.source else { continue }
        covered.insert("\(source)@\(entry.version ?? 0)")
        result.appearances.append(
          .init(
            claim: claim.id, statement: claim.statement, source: source, version: entry.version, drift: entry.drift,
            commit: commitOfEntry[entry.id], author: entry.author, date: entry.date, entry: entry.id))
      case .created, .edit, .merge:
        continue
      }
    }
    // What the files say changed without a log entry for it was changed by hand.
    if let from = status, from != claim.status {
      result.statusChanges.append(
        .init(
          claim: claim.id, statement: claim.statement, from: from, to: claim.status, note: nil, evidence: [],
          commit: nil,
          author: nil, date: nil, entry: nil))
    }
    for appearance in claim.appearances where !covered.contains("\(appearance.source)@\(appearance.version)") {
      covered.insert("\(appearance.source)@\(appearance.version)")
      result.appearances.append(
        .init(
          claim: claim.id, statement: claim.statement, source: appearance.source, version: appearance.version,
          drift: [],
          commit: nil, author: nil, date: nil, entry: nil))
    }
  }

  /// Adds the versions of one source recorded between the two commits.
  private func compareSource(
    _ path: ChangedPath, into result: inout VerificationChanges, commitOfVersion: [String: String]
  ) throws {
    guard let newID = path.new else { return }
    let source = try Source(parsing: try text(of: newID, path: path.path), file: path.path)
    let old = path.old.flatMap { id in (try? text(of: id)).flatMap { try? Source(parsing: $0, file: path.path) } }
    let known = Set((old?.versions ?? []).map(\.number))
    for version in source.versions where !known.contains(version.number) {
      let item = VerificationChanges.SourceVersionAdded(
        source: source.slug, title: source.title, version: version.number, sentences: version.sentences,
        commit: commitOfVersion["\(source.slug)@\(version.number)"], author: version.author, date: version.retrieved)
      if old == nil && version.number == source.versions.first?.number {
        result.sourcesAdded.append(item)
      } else {
        result.sourcesUpdated.append(item)
      }
    }
  }

  /// A blob's text, which must be UTF-8.
  private func text(of id: ObjectID, path: String = "") throws -> String {
    guard let text = String(validating: try repo.blob(id), as: UTF8.self) else {
      throw WorkbenchError.invalidFormat(file: path, line: nil, reason: "is not valid UTF-8 text")
    }
    return text
  }

  /// Oldest first: by date, then by commit (vet stamps whole seconds, so
  /// several commits share one), then by id; items without a date (hand edits) last.
  /// - Parameter age: each commit's place in the range, 0 for the newest.
  private static func chronological<T>(
    _ items: [T], age: [String: Int], date: (T) -> Date?, commit: (T) -> String?, id: (T) -> String
  ) -> [T] {
    func key(_ item: T) -> (Date, Int, String) {
      (date(item) ?? .distantFuture, -(commit(item).flatMap { age[$0] } ?? -1), id(item))
    }
    return items.enumerated().sorted { l, r in
      let (kl, kr) = (key(l.element), key(r.element))
      if kl.0 != kr.0 { return kl.0 < kr.0 }
      if kl.1 != kr.1 { return kl.1 < kr.1 }
      if kl.2 != kr.2 { return kl.2 < kr.2 }
      return l.offset < r.offset
    }.map(\.element)
  }
}
