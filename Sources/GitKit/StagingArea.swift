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
  private var storage: Storage
  private var changes: [String: IndexFile.Change] = [:]

  /// Reads the repository's index.
  /// - Throws: `GitError` when the index cannot be read or is damaged.
  public init(repository: Repository) throws(GitError) {
    guard let workdir = repository.workingDirectory else {
      throw GitError(message: "bare repository has no index to stage in", function: "vet_index_read")
    }
    self.repository = repository
    self.workdir = workdir
    let bytes = Self.read(repository.gitDirectory + "index")
    if let bytes, let file = try IndexFile(bytes: bytes) {
      storage = .file(file)
    } else {
      storage = .library(try repository.index())
    }
  }

  private static func read(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { return nil }
    let size = Int(info.st_size)
    var complete = true
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
      var done = 0
      while done < size {
        let n = pread(fd, buffer.baseAddress! + done, size - done, off_t(done))
        guard n > 0 else { break }
        done += n
      }
      complete = done == size
      count = done
    }
    return complete ? bytes : nil
  }

  /// The blob staged at `path`, or nil when nothing is (or only conflict stages are).
  public func stagedID(path: String) -> ObjectID? {
    switch storage {
    case .file(let file): return file.stagedID(path: Array(path.utf8))
    case .library(let index): return index.stagedID(path: path)
    }
  }

  /// Stages the working file at `path`, which holds the blob `id`, with its stat data
  /// so that `git status` need not hash it again.
  public func stage(path: String, id: ObjectID) throws(GitError) {
    switch storage {
    case .file:
      var info = stat()
      guard lstat(workdir + path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
        throw GitError(message: "cannot stage \(path): not a regular file", function: "lstat")
      }
      func cut<T: BinaryInteger>(_ value: T) -> UInt32 { UInt32(truncatingIfNeeded: value) }
      let fileStat = FileStat(
        ctimeSeconds: cut(info.st_ctim.tv_sec), ctimeNanoseconds: cut(info.st_ctim.tv_nsec),
        mtimeSeconds: cut(info.st_mtim.tv_sec), mtimeNanoseconds: cut(info.st_mtim.tv_nsec), device: cut(info.st_dev),
        inode: cut(info.st_ino), uid: info.st_uid, gid: info.st_gid, size: cut(info.st_size))
      let bytes = Array(path.utf8)
      changes[path] = IndexFile.Change(
        path: bytes, entry: IndexFile.entry(path: bytes, id: id, stat: fileStat, executable: info.st_mode & 0o100 != 0))
    case .library(let index):
      try index.add(path: path)
    }
  }

  /// Removes `path` from the index.
  public func unstage(path: String) throws(GitError) {
    switch storage {
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
    switch storage {
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
      let bytes = file.applying(Array(changes.values)) { path in (folder(old, path), folder(new, path)) }
      try Self.replace(repository.gitDirectory + "index", with: bytes)
      storage = .file(try IndexFile(bytes: bytes, verify: false) ?? file)
      changes = [:]
    }
  }

  /// Writes `index.lock` exclusively, then renames it over the index, as git does.
  private static func replace(_ path: String, with bytes: [UInt8]) throws(GitError) {
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
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
      guard n > 0 else {
        let reason = String(cString: strerror(errno))
        close(fd)
        unlink(lock)
        throw GitError(message: "cannot write \(lock): \(reason)", function: "write")
      }
      done += n
    }
    close(fd)
    guard rename(lock, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(lock)
      throw GitError(message: "cannot rename \(lock): \(reason)", function: "rename")
    }
  }
}
