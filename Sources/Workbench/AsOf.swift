import Foundation
import GitKit
import Reporting

/// The moment an `--as-of` answer is given for: the commit that was HEAD then.
public struct AsOf: Codable, Sendable, Hashable {
  /// What the user gave: a date or a revision.
  public var given: String
  public var commit: String
  /// When that commit was made.
  public var date: Date
}

/// The claims whose files differ between HEAD and an earlier commit, as that commit has them.
///
/// What `--as-of` reads instead of every claim: the claim index answers for
/// the claims unchanged since, and only these files are parsed.
struct PastClaims {
  /// The ids whose files differ (added, changed or removed since).
  var changed: Set<String> = []
  /// The paths of the files that differ.
  var paths: Set<String> = []
  /// The claims then (aliases left out), in listing order.
  var claims: [Claim] = []
  /// Claim files of then that do not read as claims.
  var unreadable: [ClaimFileProblem] = []
}

extension ClaimSummary {
  /// The summary the claim index would give `claim`.
  init(_ claim: Claim, withJSON: Bool) {
    self.init(
      id: claim.id, status: claim.status, statement: claim.statement, sources: ClaimIndex.sources(of: claim),
      tags: claim.tags, needsReview: claim.needsReview, json: withJSON ? ClaimJSON.encode(claim) : nil,
      created: claim.created.map { $0.timeIntervalSince1970.rounded(.down) } ?? 0,
      sentence: claim.appearances.first?.sentence ?? 0)
  }

  /// Whether `self` is listed before `other`: the order `vet claim list` has.
  func listedBefore(_ other: ClaimSummary) -> Bool {
    (created, sentence, id) < (other.created, other.sentence, other.id)
  }
}

extension ClaimFilter {
  /// Whether the filter lets every claim through.
  var selectsAll: Bool { status == nil && source == nil && tag == nil && text == nil && !needsReview }

  /// Whether `claim` is among those the filter selects, as the claim index decides it.
  func matches(_ claim: Claim) -> Bool {
    if let status, claim.status != status { return false }
    if let source, !claim.appearances.contains(where: { $0.source == source }) { return false }
    if let tag, !claim.tags.contains(tag) { return false }
    if let text, !ClaimIndex.search(of: claim).contains(text.lowercased()) { return false }
    if needsReview && !claim.needsReview { return false }
    return true
  }
}

extension Workspace {
  /// The commit that was HEAD at `text`, a date or a revision, with when it was made.
  ///
  /// A date (ISO 8601, or git's forms: `2026-11-20 18:00`, `@1700000000`,
  /// `yesterday`, `3 hours ago`) means the last commit made at or before
  /// then along the branch's first parents, the line of commits HEAD moved
  /// through; a revision is anything `git rev-parse` accepts (`HEAD~3`, a
  /// commit id, a tag).
  /// - Throws: `.invalidArgument` for a date before the first commit, or text that is neither.
  public func asOf(_ text: String) throws -> AsOf {
    let commit = try asOfCommit(text)
    return AsOf(given: text, commit: commit.hex, date: try repo.commit(commit).committer.date)
  }

  func asOfCommit(_ text: String) throws -> ObjectID {
    guard let head = try repo.head() else { throw WorkbenchError.notAWorkspace(path: root) }
    if let date = GitDate.parse(text, now: clock()) {
      let (found, first) = try repo.firstParent(from: head, madeAtOrBefore: date)
      if let found { return found }
      throw WorkbenchError.invalidArgument(
        name: "--as-of",
        reason: "'\(Terminal.escape(text))' is before this workspace's first commit "
          + "(\(first.map(ISODate.format) ?? "none")); nothing was recorded then")
    }
    do {
      return try repo.resolveCommit(text)
    } catch {
      throw WorkbenchError.invalidArgument(
        name: "--as-of",
        reason: "'\(Terminal.escape(text))' is neither a date (2026-11-20, 2026-11-20T18:00:00Z, "
          + "\"2 hours ago\") nor a revision of this workspace (HEAD~3, a commit id, a tag)")
    }
  }

  /// The claims of `then` whose files differ from `head`'s, read and parsed on all cores.
  func pastClaims(_ then: Snapshot, head: Snapshot) throws -> PastClaims {
    var past = PastClaims()
    guard let headTree = head.tree?.id else { return past }
    var wanted: [(id: ObjectID, path: String)] = []
    for change in try repo.changedPaths(from: then.tree?.id, to: headTree) {
      guard let id = ClaimIndex.claimID(path: change.path) else { continue }
      past.changed.insert(id)
      past.paths.insert(change.path)
      guard let blob = change.old else { continue }
      do {
        _ = try Claim.checkPlacement(change.path)
        wanted.append((blob, change.path))
      } catch {
        past.unreadable.append(ClaimFileProblem(path: change.path, error: error))
      }
    }
    let bytes = try repo.blobs(wanted)
    let paths = wanted.map(\.path)
    let read = Parallel.map(bytes.count, grain: 16) { k -> (claim: Claim?, problem: ClaimFileProblem?) in
      do {
        guard let text = String(validating: bytes[k], as: UTF8.self) else {
          throw WorkbenchError.invalidFormat(file: paths[k], line: nil, reason: "is not valid UTF-8 text")
        }
        return (try Claim.read(text, path: paths[k]), nil)
      } catch {
        return (nil, ClaimFileProblem(path: paths[k], error: error))
      }
    }
    for (claim, problem) in read {
      // A claim linked into another is only a pointer to it, as in the index.
      if let claim, !claim.isAlias { past.claims.append(claim) }
      if let problem { past.unreadable.append(problem) }
    }
    // Each claim's place in the listing worked out once, not at every comparison.
    past.claims = past.claims.map { (claim: $0, order: ClaimSummary($0, withJSON: false)) }
      .sorted { $0.order.listedBefore($1.order) }.map(\.claim)
    past.unreadable.sort { $0.path < $1.path }
    return past
  }

  /// The snapshot `asOf` names, and HEAD's; nil for the first when `asOf` is nil or names HEAD.
  func snapshots(asOf: String?) throws -> (then: Snapshot?, head: Snapshot) {
    let head = try snapshot()
    guard let asOf else { return (nil, head) }
    let commit = try asOfCommit(asOf)
    return (commit == head.commit ? nil : try Snapshot(repo: repo, commit: commit), head)
  }
}
