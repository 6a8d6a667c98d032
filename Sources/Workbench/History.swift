import Foundation
import GitKit

/// One line of a claim's history: a log entry with the commit that recorded it,
/// or a change made outside vet (a hand edit, a merge).
public struct HistoryEntry: Codable, Sendable, Hashable {
  /// The commit that recorded it; nil when it is not (yet) reachable from HEAD.
  public var commit: String?
  public var author: String
  public var date: Date
  /// created, status, note, appearance, edit or merge.
  public var action: String
  public var status: String?
  public var note: String?
  public var evidence: [String]?
  public var source: String?
  public var version: Int?
  public var drift: [String]?
  /// The commit subject, for edits and merges made outside vet.
  public var summary: String?
  /// The log entry's id, for entries from the claim's log.
  public var entry: String?
}

/// One commit of the workspace's history.
public struct WorkspaceLogEntry: Codable, Sendable, Hashable {
  public var commit: String
  public var author: String
  public var date: Date
  public var subject: String
  /// What vet did (from the `Vet-Action` trailer), or "edit"/"merge" for commits made with git.
  public var action: String
  public var claims: [String]
  public var status: String?
  public var source: String?
}

extension Workspace {
  /// A claim's history, oldest first: every entry of its log with the commit
  /// that recorded it, plus commits made outside vet that changed its file.
  ///
  /// The claim index says which commits touched the claim, so no history is
  /// walked: the cost does not grow with the size of the workspace.
  /// - Parameter asOf: a date or revision (see `asOf(_:)`): the history up to then.
  public func history(of prefix: String, asOf: String? = nil) throws -> [HistoryEntry] {
    let (then, head) = try snapshots(asOf: asOf)
    let snapshot = then ?? head
    let id = try snapshot.resolveClaimID(prefix)
    let claim = try snapshot.claim(id: id)
    let index = try index(at: head)
    let commits = try before(then, index.commits(of: id))
    var commitOfEntry: [String: String] = [:]
    var rank: [String: Int] = [:]
    var outside: [HistoryEntry] = []
    let ids = Set(claim.log.map(\.id))
    for (position, commit) in commits.enumerated() {
      rank[commit.commit] = position
      for entry in commit.entries where ids.contains(entry) { commitOfEntry[entry] = commit.commit }
    }
    // A commit reworded with git (amend, rebase) has lost its trailers: the
    // first commit whose version of the file holds an entry introduced it.
    var unnamed = ids.subtracting(commitOfEntry.keys)
    for commit in commits where !unnamed.isEmpty && commit.kind != "vet" {
      guard let oid = ObjectID(hex: commit.commit),
        let then = try? Snapshot(repo: repo, commit: oid).claim(id: id)
      else { continue }
      for entry in then.log where unnamed.contains(entry.id) {
        commitOfEntry[entry.id] = commit.commit
        unnamed.remove(entry.id)
      }
    }
    // Entries a link brought from another claim were recorded under that id: they
    // show their commit, and go in by their date.
    var fromAlias = Set<String>()
    for alias in claim.aliases where !unnamed.isEmpty {
      for commit in try before(then, index.commits(of: alias)) {
        for entry in commit.entries where unnamed.contains(entry) {
          commitOfEntry[entry] = commit.commit
          fromAlias.insert(entry)
          unnamed.remove(entry)
        }
      }
    }
    let recording = Set(commitOfEntry.values)
    for commit in commits {
      // A commit made outside vet (or a merge that recorded nothing for this
      // claim) shows as its own line; one that wrote log entries shows through them.
      if commit.kind != "vet" && !recording.contains(commit.commit) {
        outside.append(
          HistoryEntry(
            commit: commit.commit, author: commit.author, date: commit.date, action: commit.kind,
            summary: commit.subject))
      }
    }
    let logged = claim.log.map { entry in
      HistoryEntry(
        commit: commitOfEntry[entry.id], author: entry.author, date: entry.date, action: entry.action.rawValue,
        status: entry.status, note: entry.note, evidence: entry.evidence.isEmpty ? nil : entry.evidence,
        source: entry.source, version: entry.version, drift: entry.drift.isEmpty ? nil : entry.drift, entry: entry.id)
    }
    // What a commit recorded goes in history order; entries no vet commit
    // recorded (written by hand, or merged in) go in by their date.
    let committed = (logged.filter { $0.commit != nil && !fromAlias.contains($0.entry ?? "") } + outside).enumerated()
      .sorted {
        (rank[$0.element.commit ?? ""] ?? 0, $0.offset) < (rank[$1.element.commit ?? ""] ?? 0, $1.offset)
      }.map(\.element)
    var loose = logged.filter { $0.commit == nil || fromAlias.contains($0.entry ?? "") }[...]
    var result: [HistoryEntry] = []
    for entry in committed {
      while let next = loose.first, next.date < entry.date {
        result.append(next)
        loose = loose.dropFirst()
      }
      result.append(entry)
    }
    return result + loose
  }

  /// The commits of `commits` made by then: those `then` descends from, all of them when it is nil.
  ///
  /// A commit vet wrote is kept whatever its place: it names the log entries
  /// it recorded, and the claim had none of a later commit's then. A commit
  /// made with git or a merge shows as a line of its own, so it must be one
  /// `then` descends from.
  private func before(_ then: Snapshot?, _ commits: [ClaimCommit]) throws -> [ClaimCommit] {
    guard let then, let end = then.commit else { return commits }
    let date = try repo.commit(end).committer.date
    return try commits.filter { commit in
      guard commit.kind != "vet" else { return true }
      guard commit.date <= date, let id = ObjectID(hex: commit.commit) else { return false }
      return try id == end || repo.isAncestor(id, of: end)
    }
  }

  /// The workspace's history, newest first (a commit always before its
  /// parents, whatever their dates say): one entry per commit.
  /// - Parameter limit: the most commits to return.
  public func workspaceHistory(limit: Int = 50) throws -> [WorkspaceLogEntry] {
    guard let head = try repo.head() else { return [] }
    var result: [WorkspaceLogEntry] = []
    for commit in try repo.recentCommits(from: head, limit: limit) {
      let trailers = commit.trailers
      let action = trailers.first { $0.key == "Vet-Action" }?.value ?? (commit.parents.count > 1 ? "merge" : "edit")
      result.append(
        WorkspaceLogEntry(
          commit: commit.id.hex, author: commit.author.identity, date: commit.author.date, subject: commit.subject,
          action: action, claims: trailers.filter { $0.key == "Claim" }.map(\.value),
          status: trailers.first { $0.key == "Status" }?.value, source: trailers.first { $0.key == "Source" }?.value))
    }
    return result
  }
}
