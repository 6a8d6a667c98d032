import CGit2

/// One path that differs between two trees.
public struct ChangedPath: Sendable, Hashable {
  public var path: String
  /// The blob before; nil when the path was added.
  public var old: ObjectID?
  /// The blob after; nil when the path was removed.
  public var new: ObjectID?

  public init(path: String, old: ObjectID?, new: ObjectID?) {
    self.path = path
    self.old = old
    self.new = new
  }
}

extension Repository {
  /// The files that differ between two trees, in path order, without rename detection.
  ///
  /// Subtrees with the same id are skipped whole, so the cost follows the size
  /// of the change, not of the workspace. (libgit2 1.5's `git_diff_tree_to_tree`
  /// reads every subtree on both sides: 130 ms for a one-file change among
  /// 100,000 files.) A file whose mode alone changed is listed with equal ids.
  /// - Parameters:
  ///   - old: the tree before; nil for an empty tree.
  ///   - new: the tree after.
  public func changedPaths(from old: ObjectID?, to new: ObjectID) throws(GitError) -> [ChangedPath] {
    var result: [ChangedPath] = []
    try compare(old.map { id throws(GitError) in try tree(id) }, try tree(new), prefix: "", into: &result)
    return result
  }

  private func compare(_ old: Tree?, _ new: Tree?, prefix: String, into result: inout [ChangedPath]) throws(GitError) {
    if let old, let new, old.id == new.id { return }
    let before = old?.entries ?? []
    let after = new?.entries ?? []
    var i = 0
    var j = 0
    while i < before.count || j < after.count {
      let order =
        i == before.count ? 1 : j == after.count ? -1 : Self.gitOrder(before[i], after[j])
      if order == 0 {
        let (a, b) = (before[i], after[j])
        if a.mode == .tree {
          if a.id != b.id { try compare(try tree(a.id), try tree(b.id), prefix: prefix + a.name + "/", into: &result) }
        } else if a.id != b.id || a.mode != b.mode {
          result.append(ChangedPath(path: prefix + a.name, old: a.id, new: b.id))
        }
        i += 1
        j += 1
      } else if order < 0 {
        let a = before[i]
        if a.mode == .tree {
          try compare(try tree(a.id), nil, prefix: prefix + a.name + "/", into: &result)
        } else {
          result.append(ChangedPath(path: prefix + a.name, old: a.id, new: nil))
        }
        i += 1
      } else {
        let b = after[j]
        if b.mode == .tree {
          try compare(nil, try tree(b.id), prefix: prefix + b.name + "/", into: &result)
        } else {
          result.append(ChangedPath(path: prefix + b.name, old: nil, new: b.id))
        }
        j += 1
      }
    }
  }

  /// Git's tree order: names compared as bytes, a subtree's name as if it ended in "/".
  private static func gitOrder(_ a: TreeEntry, _ b: TreeEntry) -> Int {
    var x = a.name.utf8.makeIterator()
    var y = b.name.utf8.makeIterator()
    var xTail: UInt8? = a.mode == .tree ? UInt8(ascii: "/") : nil
    var yTail: UInt8? = b.mode == .tree ? UInt8(ascii: "/") : nil
    while true {
      let p = x.next() ?? xTail.take()
      let q = y.next() ?? yTail.take()
      switch (p, q) {
      case (nil, nil): return 0
      case (nil, _): return -1
      case (_, nil): return 1
      case (let p?, let q?) where p != q: return p < q ? -1 : 1
      default: continue
      }
    }
  }
}
