import CGit2

#if canImport(Glibc)
  import Glibc
#endif

/// The index (staging area) of a repository, for staging a few files a commit just wrote.
///
/// Read once, consulted, changed, written once. Versions 2 and 3 of the index
/// file (git's default) are patched by `IndexFile`, at a cost that does not
/// grow with the number of entries beyond copying and hashing the file; any
/// other format goes through libgit2's index.
public final class StagingArea {
  private enum Storage {
    case file(IndexFile)
    case library(Index)
  }

  private let repository: Repository
  private let workdir: String
  private let stampPath: String?
  /// Nil after a write, until the index is next needed.
  private var storage: Storage?
  private var changes: [String: IndexFile.Change] = [:]

  /// Reads the repository's index.
  ///
  /// - Parameter stampPath: where to remember the index this process wrote
  ///   (its inode, size, times and checksum). When the index on disk is still
  ///   exactly that file, its checksum is not computed again: at 100,000
  ///   entries that is a fifth of a mark. Any other writer (git, libgit2)
  ///   replaces the file, and the checksum is verified as usual. Nil verifies always.
  /// - Throws: `GitError` when the index cannot be read or is damaged.
  public init(repository: Repository, stampPath: String? = nil) throws(GitError) {
    guard let workdir = repository.workingDirectory else {
      throw GitError(message: "bare repository has no index to stage in", function: "vet_index_read")
    }
    self.repository = repository
    self.workdir = workdir
    self.stampPath = stampPath
    storage = try Self.load(repository, stampPath: stampPath)
  }

  private static func load(_ repository: Repository, stampPath: String?) throws(GitError) -> Storage {
    let path = repository.gitDirectory + "index"
    guard let (bytes, info) = FileBytes.read(path) else { return .library(try repository.index()) }
    let trusted = stampPath.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } == stamp(info, bytes.suffix(20))
    if let file = try IndexFile(bytes: bytes, verify: !trusted) { return .file(file) }
    return .library(try repository.index())
  }

  /// What identifies one written index file: replacing it (as every git writer does) changes the inode and times.
  private static func stamp<C: Collection>(_ info: stat, _ checksum: C) -> String where C.Element == UInt8 {
    let hex = checksum.map { String($0, radix: 16) }.joined(separator: ",")
    return "\(info.st_dev) \(info.st_ino) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) "
      + "\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec) \(hex)\n"
  }

  /// The index as read, read again when it was written since.
  private func loaded() throws(GitError) -> Storage {
    if let storage { return storage }
    let fresh = try Self.load(repository, stampPath: stampPath)
    storage = fresh
    return fresh
  }

  /// The blob staged at `path`, or nil when nothing is (or only conflict stages are).
  /// - Throws: `GitError` when the index, written since it was read, cannot be read again.
  public func stagedID(path: String) throws(GitError) -> ObjectID? {
    switch try loaded() {
    case .file(let file): return file.stagedID(path: Array(path.utf8))
    case .library(let index): return index.stagedID(path: path)
    }
  }

  /// Stages the working file at `path`, which holds the blob `id`, with its stat data
  /// so that `git status` need not hash it again.
  public func stage(path: String, id: ObjectID) throws(GitError) {
    switch try loaded() {
    case .file:
      var info = stat()
      guard lstat(workdir + path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
        throw GitError(message: "cannot stage \(path): not a regular file", function: "lstat")
      }
      let bytes = Array(path.utf8)
      changes[path] = IndexFile.Change(
        path: bytes, entry: IndexFile.entry(path: bytes, id: id, stat: FileStat(info), executable: info.st_mode & 0o100 != 0))
    case .library(let index):
      try index.add(path: path)
    }
  }

  /// Removes `path` from the index.
  public func unstage(path: String) throws(GitError) {
    switch try loaded() {
    case .file: changes[path] = IndexFile.Change(path: Array(path.utf8), entry: nil)
    case .library(let index): try? index.remove(path: path)
    }
  }

  /// Writes the index with the staged changes, atomically through `index.lock`.
  ///
  /// - Parameters:
  ///   - oldTree: the tree the changes were made on, when known.
  ///   - newTree: the tree they produced, when known. With both, the index's
  ///     cache tree stays valid, and `git status` and `git commit` stay fast.
  /// - Throws: `GitError.locked` when another process holds `index.lock`.
  public func write(from oldTree: ObjectID?, to newTree: ObjectID?) throws(GitError) {
    switch try loaded() {
    case .library(let index):
      try index.write()
    case .file(let file):
      guard !changes.isEmpty else { return }
      let old = try oldTree.map { id throws(GitError) in try repository.tree(id) }
      let new = try newTree.map { id throws(GitError) in try repository.tree(id) }
      func folder(_ tree: Tree?, _ path: String) -> ObjectID? {
        guard let tree else { return nil }
        if path.isEmpty { return tree.id }
        guard let entry = try? tree.entry(atPath: path), entry.mode == .tree else { return nil }
        return entry.id
      }
      let pieces = file.applying(Array(changes.values)) { path in (folder(old, path), folder(new, path)) }
      let path = repository.gitDirectory + "index"
      try Self.replace(path, with: pieces)
      changes = [:]
      if let stampPath, let checksum = pieces.last {
        var info = stat()
        if stat(path, &info) == 0 {
          _ = try? Self.stamp(info, checksum).write(toFile: stampPath, atomically: false, encoding: .utf8)
        }
      }
      storage = nil
    }
  }

  /// Writes `index.lock` exclusively, piece by piece, then renames it over the index, as git does.
  static func replace(_ path: String, with pieces: [ArraySlice<UInt8>]) throws(GitError) {
    let lock = path + ".lock"
    let fd = open(lock, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      let reason = String(cString: strerror(errno))
      if errno == EEXIST {
        throw GitError(
          code: GIT_ELOCKED.rawValue, message: "\(lock) exists: another git process is writing the index", function: "open")
      }
      throw GitError(message: "cannot create \(lock): \(reason)", function: "open")
    }
    for piece in pieces {
      if let failure = piece.withUnsafeBytes({ FileBytes.write($0, to: fd) }) {
        close(fd)
        unlink(lock)
        throw GitError(message: "cannot write \(lock): \(failure)", function: "write")
      }
    }
    close(fd)
    guard rename(lock, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(lock)
      throw GitError(message: "cannot rename \(lock): \(reason)", function: "rename")
    }
  }
}
