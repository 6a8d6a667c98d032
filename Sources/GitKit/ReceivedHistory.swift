import CGit2

/// A tree entry that `TreeEntryRules` refuses, where it was found.
public struct UnsafeTreeEntry: Sendable, Equatable, CustomStringConvertible {
  /// The entry's path from the root of the commit's tree; control bytes are shown escaped.
  public var path: String
  public var commit: ObjectID
  public var violation: TreeEntryRules.Violation

  public var description: String {
    "'\(path)' in commit \(commit.hex.prefix(12)): \(violation.reason) (\(violation.check))"
  }
}

/// A tree object holding an entry `TreeEntryRules` refuses, found without
/// knowing where in history the tree is used.
public struct RefusedTree: Sendable, Equatable, CustomStringConvertible {
  public var tree: ObjectID
  /// The refused entry's name, control bytes escaped.
  public var name: String
  public var violation: TreeEntryRules.Violation

  public var description: String {
    "'\(name)' in tree \(tree.hex.prefix(12)): \(violation.reason) (\(violation.check))"
  }
}

extension Repository {
  /// The first entry that `TreeEntryRules` refuses in the trees of the
  /// commits reachable from `tips` but not from `known`; nil when there is none.
  ///
  /// What `transfer.fsckObjects` does for tree entries, run on what a transfer
  /// brought in before anything of it is checked out or merged. A subtree
  /// identical to its parent commit's at the same place is skipped: it is
  /// checked with that commit, or the commit is already known. So the cost
  /// follows the size of the changes, not of the workspace.
  /// - Parameters:
  ///   - tips: the commits received.
  ///   - known: commits already trusted (this workspace's own branches).
  public func unsafeEntry(reachableFrom tips: [ObjectID], excluding known: [ObjectID]) throws(GitError)
    -> UnsafeTreeEntry?
  {
    guard !tips.isEmpty else { return nil }
    let walk = try self.walk()
    try walk.sort(.oldestFirst)
    for tip in tips { try walk.push(tip) }
    for id in known { try walk.hide(id) }
    var odb: OpaquePointer?
    try check("git_repository_odb") { git_repository_odb(&odb, pointer) }
    defer { git_odb_free(odb) }
    var checker = TreeChecker(odb: odb)
    for id in walk {
      let commit = try self.commit(id)
      let parentTrees = try commit.parents.map { parent throws(GitError) in try self.commit(parent).tree }
      if let found = try checker.check(commit.tree, path: "", against: parentTrees) {
        return UnsafeTreeEntry(path: found.path, commit: id, violation: found.violation)
      }
    }
    return nil
  }
}

/// Checks trees once each, reading them as raw objects.
private struct TreeChecker {
  let odb: OpaquePointer?
  private var checked: Set<ObjectID> = []
  /// Entries of trees read lately: a commit's parent was read just before it.
  private var recent: [ObjectID: [RawTreeEntry]] = [:]

  init(odb: OpaquePointer?) { self.odb = odb }

  /// The first refused entry below `tree`, or nil; `others` are the trees at
  /// the same place in the parent commits.
  mutating func check(_ tree: ObjectID, path: String, against others: [ObjectID])
    throws(GitError) -> (path: String, violation: TreeEntryRules.Violation)?
  {
    if checked.contains(tree) || others.contains(tree) { return nil }
    let entries = try read(tree, path: path)
    if let (position, violation) = TreeEntryRules.violation(in: entries) {
      return (path + TreeEntryRules.printable(entries[position].name), violation)
    }
    let otherEntries = try others.map { other throws(GitError) in try read(other, path: path) }
    for entry in entries where entry.isTree {
      let id = ObjectID(bytes: Array(entry.id))
      let same = otherEntries.compactMap { list in
        list.first { $0.name == entry.name && $0.isTree }.map { ObjectID(bytes: Array($0.id)) }
      }
      if let found = try check(id, path: path + TreeEntryRules.printable(entry.name) + "/", against: same) {
        return found
      }
    }
    checked.insert(tree)
    return nil
  }

  private mutating func read(_ id: ObjectID, path: String) throws(GitError) -> [RawTreeEntry] {
    if let entries = recent[id] { return entries }
    let read = try RawTreeEntry.read(id, from: odb)
    guard read.isTree, let entries = read.entries else {
      let place = path.isEmpty ? "the root folder" : "the folder '\(path)'"
      throw GitError(message: "\(place) (tree \(id.hex)) is not a valid tree object", function: "git_odb_read")
    }
    if recent.count > 4096 { recent.removeAll(keepingCapacity: true) }
    recent[id] = entries
    return entries
  }
}

extension RawTreeEntry {
  /// Object `id` read from `odb`: whether it is a tree, and its entries
  /// (nil when it does not parse as one).
  ///
  /// Wraps `git_odb_read`.
  static func read(_ id: ObjectID, from odb: OpaquePointer?) throws(GitError)
    -> (isTree: Bool, entries: [RawTreeEntry]?)
  {
    var oid = id.raw
    var object: OpaquePointer?
    try GitKit.check("git_odb_read") { git_odb_read(&object, odb, &oid) }
    defer { git_odb_object_free(object) }
    guard git_odb_object_type(object) == GIT_OBJECT_TREE, let data = git_odb_object_data(object) else {
      return (false, nil)
    }
    return (true, parse(Array(UnsafeRawBufferPointer(start: data, count: git_odb_object_size(object)))))
  }
}
