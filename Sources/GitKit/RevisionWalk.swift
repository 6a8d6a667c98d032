import CGit2

/// A walk over commit history; owns its `git_revwalk`.
public final class RevisionWalk: Sequence, IteratorProtocol {
  let pointer: OpaquePointer
  private let repository: Repository

  init(repository: Repository) throws(GitError) {
    var walk: OpaquePointer?
    try check("git_revwalk_new") { git_revwalk_new(&walk, repository.pointer) }
    guard let walk else { throw GitError(message: "no walk", function: "git_revwalk_new") }
    self.pointer = walk
    self.repository = repository
  }

  deinit { git_revwalk_free(pointer) }

  /// The order commits come out in.
  public enum Order: Sendable {
    /// Newest first by commit time, parents after children.
    case time
    /// Parents always after children.
    case topological
    /// Oldest first (reverse topological).
    case oldestFirst
  }

  /// Sets the order.
  ///
  /// Wraps `git_revwalk_sorting`.
  public func sort(_ order: Order) throws(GitError) {
    let mode: UInt32
    switch order {
    case .time: mode = GIT_SORT_TIME.rawValue
    case .topological: mode = GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue
    case .oldestFirst: mode = GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_REVERSE.rawValue
    }
    try check("git_revwalk_sorting") { git_revwalk_sorting(pointer, mode) }
  }

  /// Starts the walk at `id`.
  ///
  /// Wraps `git_revwalk_push`.
  public func push(_ id: ObjectID) throws(GitError) {
    var oid = id.raw
    try check("git_revwalk_push") { git_revwalk_push(pointer, &oid) }
  }

  /// Stops the walk at `id` and its ancestors.
  ///
  /// Wraps `git_revwalk_hide`.
  public func hide(_ id: ObjectID) throws(GitError) {
    var oid = id.raw
    try check("git_revwalk_hide") { git_revwalk_hide(pointer, &oid) }
  }

  /// Follows only first parents, as `git log --first-parent`.
  ///
  /// Wraps `git_revwalk_simplify_first_parent`.
  public func firstParentOnly() throws(GitError) {
    try check("git_revwalk_simplify_first_parent") { git_revwalk_simplify_first_parent(pointer) }
  }

  /// The next commit id, or nil at the end.
  ///
  /// Wraps `git_revwalk_next`.
  public func next() -> ObjectID? {
    var oid = git_oid()
    guard git_revwalk_next(&oid, pointer) == 0 else { return nil }
    return ObjectID(oid)
  }
}

extension Repository {
  /// The commits reachable from `head` but not from `base` (all of its
  /// history when nil), in `order`: a line of single-parent commits down to
  /// `base` (`commitLine`) followed directly, anything else walked.
  public func commits(after base: ObjectID?, upTo head: ObjectID, order: RevisionWalk.Order) throws(GitError)
    -> [ObjectID]
  {
    if let base, let line = commitLine(from: base, to: head) { return order == .oldestFirst ? line.reversed() : line }
    let walk = try self.walk()
    try walk.sort(order)
    try walk.push(head)
    if let base { try walk.hide(base) }
    return Array(walk)
  }

  /// The commits reachable from `head` but not from `base`, newest first,
  /// when they are a line of single-parent commits down to `base` (what a
  /// workspace's own writes make); nil otherwise, or past `limit` commits.
  ///
  /// For callers to try before a `RevisionWalk` that hides `base`: with git's
  /// commit-graph present (`git gc` writes one), libgit2's walk first marks
  /// every ancestor of a hidden commit, 16 ms at 100,000 commits even when
  /// one commit is new.
  public func commitLine(from base: ObjectID, to head: ObjectID, limit: Int = 1000) -> [ObjectID]? {
    var line: [ObjectID] = []
    var id = head
    while id != base {
      guard line.count < limit, let commit = try? commit(id), commit.parents.count == 1 else { return nil }
      line.append(id)
      id = commit.parents[0]
    }
    return line
  }
}

extension Repository {
  /// The newest commits reachable from `head`, at most `limit`: parents
  /// always after their children, newer commit time first among the rest.
  ///
  /// What `git log --topo-order -n` shows, without sorting all of history:
  /// commits come from a walk by time, which may put a commit before its
  /// child when both carry the same second; that walk goes on to the end of
  /// the last second taken, and what it took is put in topological order.
  public func recentCommits(from head: ObjectID, limit: Int) throws(GitError) -> [Commit] {
    guard limit > 0 else { return [] }
    let walk = try self.walk()
    try walk.sort(.time)
    try walk.push(head)
    var taken: [Commit] = []
    for id in walk {
      let commit = try self.commit(id)
      if taken.count >= limit, let last = taken.last, commit.committer.date < last.committer.date { break }
      taken.append(commit)
    }
    // Kahn's algorithm: a commit is ready once every child of it that was taken has been placed.
    var waitingChildren: [ObjectID: Int] = [:]
    let ids = Set(taken.map(\.id))
    for commit in taken {
      for parent in commit.parents where ids.contains(parent) { waitingChildren[parent, default: 0] += 1 }
    }
    var placed: [Commit] = []
    var done = Array(repeating: false, count: taken.count)
    // Everything before `start` is placed: the walk is nearly in order, so a scan rarely goes far.
    var start = 0
    while placed.count < min(limit, taken.count) {
      // The first ready commit in walk order: the newest, and the walk's order among equals.
      guard
        let next = taken.indices[start...].first(where: {
          !done[$0] && waitingChildren[taken[$0].id, default: 0] == 0
        })
      else { break }
      placed.append(taken[next])
      done[next] = true
      for parent in taken[next].parents where ids.contains(parent) { waitingChildren[parent, default: 0] -= 1 }
      while start < taken.count && done[start] { start += 1 }
    }
    return placed
  }
}
