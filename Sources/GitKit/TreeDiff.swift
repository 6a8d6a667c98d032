import CGit2

/// One path that differs between two trees.
public struct ChangedPath: Sendable, Hashable {
  public var path: String
  /// The blob before; nil when the path was added.
  public var old: ObjectID?
  /// The blob after; nil when the path was removed.
  public var new: ObjectID?
}

extension Repository {
  /// The files that differ between two trees, without rename detection.
  ///
  /// Subtrees with the same id are skipped whole, so the cost follows the
  /// size of the change, not of the workspace.
  /// - Parameters:
  ///   - old: the tree before; nil for an empty tree.
  ///   - new: the tree after.
  /// Wraps `git_diff_tree_to_tree` with `git_diff_options_init`.
  public func changedPaths(from old: ObjectID?, to new: ObjectID) throws(GitError) -> [ChangedPath] {
    var options = git_diff_options()
    try check("git_diff_options_init") { git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)) }
    options.flags = GIT_DIFF_SKIP_BINARY_CHECK.rawValue
    let oldTree = try old.map { id throws(GitError) in try tree(id) }
    let newTree = try tree(new)
    var diff: OpaquePointer?
    try check("git_diff_tree_to_tree") {
      git_diff_tree_to_tree(&diff, pointer, oldTree?.pointer, newTree.pointer, &options)
    }
    defer { git_diff_free(diff) }
    var result: [ChangedPath] = []
    for i in 0..<git_diff_num_deltas(diff) {
      guard let delta = git_diff_get_delta(diff, i)?.pointee else { continue }
      let path = String(cString: delta.new_file.path ?? delta.old_file.path)
      let before = delta.status == GIT_DELTA_ADDED ? nil : ObjectID(delta.old_file.id)
      let after = delta.status == GIT_DELTA_DELETED ? nil : ObjectID(delta.new_file.id)
      result.append(ChangedPath(path: path, old: before, new: after))
    }
    return result
  }
}
