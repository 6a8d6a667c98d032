import CGit2

/// One entry of a tree, as a value.
public struct TreeEntry: Hashable, Sendable {
  public let name: String
  public let id: ObjectID
  public let mode: FileMode

  init(_ entry: OpaquePointer) {
    name = String(cString: git_tree_entry_name(entry))
    id = ObjectID(git_tree_entry_id(entry).pointee)
    mode = FileMode(git_tree_entry_filemode(entry))
  }
}

/// A tree object; owns its `git_tree` and frees it in `deinit`.
public final class Tree {
  let pointer: OpaquePointer

  /// Takes ownership of a `git_tree` handle.
  init(owning pointer: OpaquePointer) {
    self.pointer = pointer
  }

  deinit { git_tree_free(pointer) }

  /// This tree's id.
  ///
  /// Wraps `git_tree_id`.
  public var id: ObjectID { ObjectID(git_tree_id(pointer).pointee) }

  /// The direct entries, in git's order.
  ///
  /// Wraps `git_tree_entrycount` and `git_tree_entry_byindex`.
  public var entries: [TreeEntry] {
    (0..<git_tree_entrycount(pointer)).compactMap { i in
      git_tree_entry_byindex(pointer, i).map(TreeEntry.init)
    }
  }

  /// The entry at a slash-separated path below this tree, or nil when there is none.
  ///
  /// Wraps `git_tree_entry_bypath`.
  public func entry(atPath path: String) throws(GitError) -> TreeEntry? {
    var entry: OpaquePointer?
    let code = git_tree_entry_bypath(&entry, pointer, path)
    if code == GIT_ENOTFOUND.rawValue { return nil }
    if code < 0 { throw GitError(code: code, function: "git_tree_entry_bypath") }
    defer { git_tree_entry_free(entry) }
    guard let entry else { return nil }
    return TreeEntry(entry)
  }
}
