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
  /// Walks back from HEAD reading commit trailers, and stops at the commit
  /// that created the claim, so older history is never read.
  public func history(of prefix: String) throws -> [HistoryEntry] {
    let snapshot = try snapshot()
    let id = try snapshot.resolveClaimID(prefix)
    let claim = try snapshot.claim(id: id)
    let path = claim.path
    guard let head = snapshot.commit else { return [] }
    var commitOfEntry: [String: String] = [:]
    // Position of each commit in the walk, newest first, to order what it recorded.
    var rank: [String: Int] = [:]
    var outside: [HistoryEntry] = []
    let wanted = Set(claim.log.map(\.id))
    let createdEntry = claim.log.first { $0.action == .created }?.id
    let walk = try repo.walk()
    try walk.sort(.topological)
    try walk.push(head)
    for (position, commitID) in walk.enumerated() {
      let commit = try repo.commit(commitID)
      rank[commit.id.hex] = position
      let trailers = commit.trailers
      let isVet = trailers.contains { $0.key == "Vet-Action" }
      if isVet && commit.parents.count <= 1 {
        guard trailers.contains(where: { $0.key == "Claim" && $0.value == id }) else { continue }
        for trailer in trailers where trailer.key == "Entry" && wanted.contains(trailer.value) {
          commitOfEntry[trailer.value] = commit.id.hex
        }
        if let createdEntry, commitOfEntry[createdEntry] != nil { break }
        continue
      }
      // A commit made with git (or a merge): did it change this claim's file?
      let mine = try blobID(path, at: commit.tree)
      let parents = try commit.parents.map { try blobID(path, at: repo.commit($0).tree) }
      guard mine != nil, !parents.contains(where: { $0 == mine }) else { continue }
      outside.append(
        HistoryEntry(
          commit: commit.id.hex, author: commit.author.identity, date: commit.author.date,
          action: commit.parents.count > 1 ? "merge" : "edit", summary: commit.subject))
    }
    let logged = claim.log.map { entry in
      HistoryEntry(
        commit: commitOfEntry[entry.id], author: entry.author, date: entry.date, action: entry.action.rawValue,
        status: entry.status, note: entry.note, evidence: entry.evidence.isEmpty ? nil : entry.evidence,
        source: entry.source, version: entry.version, drift: entry.drift.isEmpty ? nil : entry.drift, entry: entry.id)
    }
    // What a commit recorded goes in history order; entries no vet commit
    // recorded (written by hand, or merged in) go in by their date.
    let committed = (logged.filter { $0.commit != nil } + outside).sorted {
      rank[$0.commit ?? ""] ?? 0 > rank[$1.commit ?? ""] ?? 0
    }
    var loose = logged.filter { $0.commit == nil }[...]
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

  private func blobID(_ path: String, at tree: ObjectID) throws -> ObjectID? {
    try repo.tree(tree).entry(atPath: path)?.id
  }

  /// The workspace's history, newest first: one entry per commit.
  /// - Parameter limit: the most commits to return.
  public func workspaceHistory(limit: Int = 50) throws -> [WorkspaceLogEntry] {
    guard let head = try repo.head() else { return [] }
    let walk = try repo.walk()
    try walk.sort(.time)
    try walk.push(head)
    var result: [WorkspaceLogEntry] = []
    for commitID in walk {
      if result.count >= limit { break }
      let commit = try repo.commit(commitID)
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
