import CGit2
import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The index (staging area) of a repository, for staging a few files a commit just wrote.
///
/// Read once, consulted, changed, written once. Versions 2 and 3 of the index
/// file (git's default) are patched by `IndexFile`, at a cost that does not
/// grow with the number of entries beyond walking, hashing and writing the
/// file; any other format goes through libgit2's index.
public final class StagingArea {
  private enum Storage {
    case file(IndexFile)
    case library(Index)
  }

  private let repository: Repository
  private let workdir: String
  /// Where a replaced index is kept until the next writer deletes it; nil deletes at once.
  private let retiredIndex: String?
  /// Checks the index's checksum, then deletes indexes retired by earlier writers.
  private let background = DispatchQueue(label: "vet.staging-area")
  /// Nil after a write, until the index is next needed.
  private var storage: Storage?
  private var changes: [String: IndexFile.Change] = [:]

  private static let retiredPrefix = "retired-index-"
  private static let serials = Atomic<Int>(0)

  /// Reads the repository's index.
  ///
  /// A version 2 or 3 index is mapped, and its checksum verified on another
  /// thread while the caller goes on: what this reports before `verify()`
  /// returns is provisional, and `write` waits for it.
  ///
  /// - Parameter retiring: a folder where the index a write replaces is kept,
  ///   until the next `StagingArea` given that folder deletes it on another
  ///   thread. Deleting a 9 MB file on ext4 (the old index, at 100,000
  ///   entries) took 8–12 ms, a quarter of a mark. Nil deletes it at once.
  /// - Throws: `GitError` when the index cannot be read or is damaged.
  public init(repository: Repository, retiring folder: String? = nil) throws(GitError) {
    guard let workdir = repository.workingDirectory else {
      throw GitError(message: "bare repository has no index to stage in", function: "vet_index_read")
    }
    self.repository = repository
    self.workdir = workdir
    // One name per staging area, so a second one in the same process (a
    // command finishing an interrupted one, then its own) leaves the first's
    // file to the background deletion.
    let serial = Self.serials.add(1, ordering: .relaxed).newValue
    retiredIndex = folder.map { $0 + Self.retiredPrefix + "\(getpid())-\(serial)" }
    storage = try Self.load(repository, checkingOn: background)
    if let folder, let mine = retiredIndex {
      background.async { Self.deleteRetired(in: folder, except: mine) }
    }
  }

  private static func load(_ repository: Repository, checkingOn queue: DispatchQueue) throws(GitError) -> Storage {
    guard let mapped = MappedFile(path: repository.gitDirectory + "index"),
      let file = try IndexFile(file: mapped, checkingOn: queue)
    else {
      return .library(try repository.index())
    }
    return .file(file)
  }

  /// The index as read, read again when it was written since.
  private func loaded() throws(GitError) -> Storage {
    if let storage { return storage }
    let fresh = try Self.load(repository, checkingOn: background)
    storage = fresh
    return fresh
  }

  /// Waits for the index's checksum to be verified.
  /// - Throws: `GitError` when the index is damaged.
  public func verify() throws(GitError) {
    if case .file(let file) = try loaded() { try file.verify() }
  }

  private static func deleteRetired(in folder: String, except mine: String) {
    guard let directory = opendir(folder) else { return }
    defer { closedir(directory) }
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      if name.hasPrefix(retiredPrefix), folder + name != mine { unlink(folder + name) }
    }
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
        path: bytes,
        entry: IndexFile.entry(path: bytes, id: id, stat: FileStat(info), executable: info.st_mode & 0o100 != 0))
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
    // The index is read before `index.lock` is taken (so that its checksum is
    // checked while the caller works); when another writer replaced it in
    // between, the changes are applied again to what that writer left.
    for _ in 0..<Self.maximumAttempts {
      switch try loaded() {
      case .library(let index):
        try index.write()
        return
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
        let splice = file.applying(Array(changes.values)) { path in (folder(old, path), folder(new, path)) }
        let path = repository.gitDirectory + "index"
        let written = try Self.replace(
          path, with: splice, checksum: { file.checksum(of: splice) },
          ready: { () throws(GitError) in
            try file.verify()
            return file.isStill(at: path)
          }, retiring: retiredIndex)
        storage = nil
        if written {
          changes = [:]
          return
        }
      }
    }
    throw GitError(
      code: GIT_ELOCKED.rawValue, message: "the index kept changing while vet wrote it; try again",
      function: "vet_index_write")
  }

  private static let maximumAttempts = 5

  /// Writes `index.lock` exclusively, then renames it over the index, as git does.
  ///
  /// - Parameters:
  ///   - checksum: what the file ends with, computed on another core while the rest is written.
  ///   - ready: asked, holding the lock, before the rename; when it says no or
  ///     throws, the index stays as it was.
  ///   - retired: a name to keep the replaced index under, for someone else to delete.
  /// - Returns: whether the index was replaced (false when `ready` said no).
  @discardableResult
  static func replace(
    _ path: String, with splice: Splice, checksum: @Sendable () -> [UInt8],
    ready: () throws(GitError) -> Bool = { true }, retiring retired: String? = nil
  ) throws(GitError) -> Bool {
    let lock = path + ".lock"
    let fd = open(lock, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      let reason = String(cString: strerror(errno))
      if errno == EEXIST {
        throw GitError(
          code: GIT_ELOCKED.rawValue, message: "\(lock) exists: another git process is writing the index",
          function: "open")
      }
      throw GitError(message: "cannot create \(lock): \(reason)", function: "open")
    }
    let sum = Mutex<[UInt8]>([])
    let failure = Mutex<String?>(nil)
    DispatchQueue.concurrentPerform(iterations: 2) { part in
      if part == 0 {
        let reason = splice.withBuffers { buffers in buffers.lazy.compactMap { FileBytes.write($0, to: fd) }.first }
        failure.withLock { $0 = reason }
      } else {
        let digest = checksum()
        sum.withLock { $0 = digest }
      }
    }
    let reason =
      failure.withLock { $0 } ?? sum.withLock { digest in digest.withUnsafeBytes { FileBytes.write($0, to: fd) } }
    close(fd)
    if let reason {
      unlink(lock)
      throw GitError(message: "cannot write \(lock): \(reason)", function: "write")
    }
    let proceed: Bool
    do {
      proceed = try ready()
    } catch {
      unlink(lock)
      throw error
    }
    guard proceed else {
      unlink(lock)
      return false
    }
    if let retired {
      unlink(retired)
      _ = link(path, retired)
    }
    guard rename(lock, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(lock)
      throw GitError(message: "cannot rename \(lock): \(reason)", function: "rename")
    }
    return true
  }
}
