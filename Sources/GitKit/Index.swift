import CGit2

#if canImport(Glibc)
  import Glibc
#endif

/// The repository's index (staging area); owns its `git_index`.
public final class Index {
  let pointer: OpaquePointer

  /// Takes ownership of a `git_index` handle.
  init(owning pointer: OpaquePointer) {
    self.pointer = pointer
  }

  deinit { git_index_free(pointer) }

  /// Re-reads the index if the file changed on disk since it was last read.
  ///
  /// Wraps `git_index_read`.
  public func refresh() throws(GitError) {
    try check("git_index_read") { git_index_read(pointer, 0) }
  }

  /// Stages the working-directory file at `path`, recording its stat data
  /// so that `git status` needs no re-hash.
  ///
  /// Wraps `git_index_add_bypath`.
  public func add(path: String) throws(GitError) {
    try check("git_index_add_bypath") { git_index_add_bypath(pointer, path) }
  }

  /// Unstages `path`.
  ///
  /// Wraps `git_index_remove_bypath`.
  public func remove(path: String) throws(GitError) {
    try check("git_index_remove_bypath") { git_index_remove_bypath(pointer, path) }
  }

  /// The blob id staged for `path`, or nil when it is not in the index.
  ///
  /// Wraps `git_index_get_bypath`.
  public func stagedID(path: String) -> ObjectID? {
    guard let entry = git_index_get_bypath(pointer, path, 0) else { return nil }
    return ObjectID(entry.pointee.id)
  }

  /// Whether the index has unresolved merge conflicts.
  ///
  /// Wraps `git_index_has_conflicts`.
  public var hasConflicts: Bool { git_index_has_conflicts(pointer) == 1 }

  /// Replaces the whole index with the content of `tree`.
  ///
  /// Wraps `git_index_read_tree`.
  public func read(tree: Tree) throws(GitError) {
    try check("git_index_read_tree") { git_index_read_tree(pointer, tree.pointer) }
  }

  /// The tree id the index would write, for comparing with HEAD.
  ///
  /// Wraps `git_index_write_tree`.
  public func writeTree() throws(GitError) -> ObjectID {
    var oid = git_oid()
    try check("git_index_write_tree") { git_index_write_tree(&oid, pointer) }
    return ObjectID(oid)
  }

  /// Writes the index to disk atomically (through `index.lock`).
  ///
  /// Wraps `git_index_write`.
  public func write() throws(GitError) {
    try check("git_index_write") { git_index_write(pointer) }
  }

  /// Writes the same entries, in the same index version, to `path`.
  ///
  /// Instead of the repository's index, so that a caller holding
  /// `index.lock` can put it in place (libgit2 would take `index.lock`
  /// itself). Extensions other than the entries are not copied: git rebuilds its caches.
  ///
  /// Wraps `git_index_open`, `git_index_add` and `git_index_write`.
  public func writeCopy(to path: String) throws(GitError) {
    unlink(path)
    var copy: OpaquePointer?
    try check("git_index_open") { git_index_open(&copy, path) }
    defer { git_index_free(copy) }
    try check("git_index_set_version") { git_index_set_version(copy, git_index_version(pointer)) }
    for position in 0..<count {
      guard let entry = git_index_get_byindex(pointer, position) else { continue }
      try check("git_index_add") { git_index_add(copy, entry) }
    }
    try check("git_index_write") { git_index_write(copy) }
  }

  /// The number of entries.
  ///
  /// Wraps `git_index_entrycount`.
  public var count: Int { git_index_entrycount(pointer) }
}
