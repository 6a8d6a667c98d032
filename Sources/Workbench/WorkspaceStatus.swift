import Foundation
import GitKit

/// The state of a workspace at a glance.
public struct WorkspaceStatus: Codable, Sendable {
  /// Claims per status, in scale order (statuses outside the scale last).
  public var counts: [StatusCount]
  /// Claims read and counted (the unreadable files are not among them).
  public var claims: Int
  /// Claim files that do not read as claims: left out of `counts` and `claims`.
  public var unreadable: [ClaimFileProblem]
  /// Claims whose status is not on the workspace's scale (typed by hand), the
  /// first `offScaleLimit` of them, each with its file and line; counted in `counts`.
  public var offScale: [ClaimFileProblem]
  public var sources: Int
  /// Claims flagged for review (conflicting edits merged from clones) or with open suggestions.
  public var needsReview: [ReviewItem]
  /// Commits ahead of and behind each remote-tracking branch.
  public var remotes: [RemoteState]
  public var head: String?
  /// The moment an `--as-of` answer is for; nil for the present.
  public var asOf: AsOf?

  public struct StatusCount: Codable, Sendable, Hashable {
    public var status: String
    public var count: Int
  }

  public struct ReviewItem: Codable, Sendable, Hashable {
    public var id: String
    public var statement: String
    public var reasons: [String]
  }

  public struct RemoteState: Codable, Sendable, Hashable {
    public var remote: String
    public var branch: String
    public var ahead: Int
    public var behind: Int
  }
}

extension Workspace {
  /// Counts by status, claims needing review, and where the remotes stand.
  ///
  /// As of an earlier commit, the counts are the index's with the claims
  /// whose files changed since taken as they were then, and the remotes are
  /// left out (ahead and behind are about now).
  /// - Parameter asOf: a date or revision (see `asOf(_:)`).
  public func status(asOf: String? = nil) throws -> WorkspaceStatus {
    let (then, head) = try snapshots(asOf: asOf)
    let snapshot = then ?? head
    let scale = try snapshot.config().scale
    let index = try index(at: head)
    index.unreadableListed = true
    var counts = try index.statusCounts()
    var unreadable = try index.unreadable()
    var flagged = try index.claims(ClaimFilter(needsReview: true), withJSON: false)
    var past = PastClaims()
    if let then {
      past = try pastClaims(then, head: head)
      for claim in try index.summaries(ids: Array(past.changed)).values { counts[claim.status, default: 0] -= 1 }
      for claim in past.claims { counts[claim.status, default: 0] += 1 }
      counts = counts.filter { $0.value != 0 }
      unreadable = (unreadable.filter { !past.paths.contains($0.path) } + past.unreadable).sorted { $0.path < $1.path }
      flagged =
        (flagged.filter { !past.changed.contains($0.id) }
        + past.claims.filter(\.needsReview).map { ClaimSummary($0, withJSON: false) }).sorted { $0.listedBefore($1) }
    }
    let outside = counts.keys.filter { !scale.contains($0) }.sorted()
    let ordered = scale + outside
    let review = try flagged.map {
      WorkspaceStatus.ReviewItem(
        id: $0.id, statement: $0.statement, reasons: try snapshot.claim(id: $0.id).reviewReasons)
    }
    var remotes: [WorkspaceStatus.RemoteState] = []
    if then == nil, let head = snapshot.commit, let branch = try repo.headBranch() {
      let short = branch.replacingOccurrences(of: "refs/heads/", with: "")
      for ref in try repo.referenceNames(matching: "refs/remotes/*/\(short)") {
        guard let upstream = try repo.reference(named: ref) else { continue }
        let (ahead, behind) = try repo.aheadBehind(local: head, upstream: upstream)
        let remote = ref.dropFirst("refs/remotes/".count).dropLast(short.count + 1)
        remotes.append(.init(remote: String(remote), branch: short, ahead: ahead, behind: behind))
      }
    }
    return WorkspaceStatus(
      counts: ordered.map { .init(status: $0, count: counts[$0] ?? 0) }, claims: counts.values.reduce(0, +),
      unreadable: unreadable, offScale: try offScale(outside, scale: scale, index, snapshot, past: past),
      sources: try snapshot.sourceSlugs().count, needsReview: review,
      remotes: remotes, head: snapshot.commit?.hex,
      asOf: try then.flatMap { then in
        try then.commit.map {
          AsOf(given: asOf ?? "", commit: $0.hex, date: try repo.commit($0).committer.date)
        }
      })
  }

  /// How many claims off the scale `status` names: each costs a read of its file, for the line.
  static let offScaleLimit = 50

  /// The claims whose status is one of `statuses`, none of them on `scale`, with the fix for each.
  private func offScale(
    _ statuses: [String], scale: [String], _ index: ClaimIndex, _ snapshot: Snapshot, past: PastClaims
  ) throws
    -> [ClaimFileProblem]
  {
    var found: [ClaimFileProblem] = []
    for status in statuses {
      // The index's claims, but those whose files changed since `past`'s commit, which count as they were then.
      let claims = try
        (index.claims(ClaimFilter(status: status), withJSON: false).filter {
          !past.changed.contains($0.id)
        } + past.claims.filter { $0.status == status }.map { ClaimSummary($0, withJSON: false) }).sorted {
          $0.listedBefore($1)
        }
      for claim in claims {
        guard found.count < Self.offScaleLimit else { return found }
        let path = Claim.path(for: claim.id)
        let line = try snapshot.text(path).flatMap { Claim.line(of: "status", in: $0) }
        let fix =
          scale.first { $0 == status.lowercased() }.map {
            "did you mean '\($0)'? `vet mark \(claim.id.prefix(8)) \($0)` sets it"
          }
          ?? "`vet mark \(claim.id.prefix(8)) STATUS` sets one that is, or add it to the scale in \(WorkspaceConfig.path)"
        found.append(
          ClaimFileProblem(
            path: path, line: line,
            reason: "status '\(Terminal.escape(status))' is not on this workspace's scale "
              + "(\(scale.joined(separator: ", "))); \(fix)"))
      }
    }
    return found
  }
}
