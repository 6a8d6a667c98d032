import CGit2
import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The index (staging area) of a repository, for staging a few files a commit just wrote.
///
/// Read once, consulted, changed, written once. Versions 2 and 3 of the index
/// file (git's default), whole or split, are patched through `IndexEntries`;
/// any other format goes through libgit2's index.
///
/// A large index is kept split, as git does with `core.splitIndex`: from
/// `splitThreshold` entries on, unless `core.splitIndex` says otherwise, so a
/// mark writes what changed rather than the whole 9 MB index of 100,000
/// claims. git reads and keeps a split index; libgit2 1.5 cannot read one.
public final class StagingArea {
  private enum Storage {
    case file(IndexEntries)
    case library(Index)
  }

  /// From how many entries an index is split when `core.splitIndex` is not set.
  public static let defaultSplitThreshold = 20_000

  private let repository: Repository
  private let workdir: String
  /// Where a replaced index is kept until the next writer deletes it; nil deletes at once.
  private let retiredIndex: String?
  /// Where a shared index's layout is remembered; nil when nowhere.
  private let layoutFile: String?
  /// Checks the index's checksum, then deletes indexes retired by earlier writers.
  private let background = DispatchQueue(label: "vet.staging-area")
  /// Nil after a write, until the index is next needed.
  private var storage: Storage?
  private var changes: [String: IndexFile.Change] = [:]
  private let splitThreshold: Int
  /// What the user should know: the index was split for its size, or the
  /// remembered layout of the shared index was damaged and is being rebuilt.
  public private(set) var notices: [String] = []

  private static let retiredPrefix = "retired-index-"
  private static let serials = Atomic<Int>(0)

  /// Reads the repository's index.
  ///
  /// A version 2 or 3 index is mapped, and its checksum verified on another
  /// thread while the caller goes on: what this reports before `verify()`
  /// returns is provisional, and `write` waits for it.
  ///
  /// - Parameter stateFolder: vet's own folder (`.git/vet/`). The index a
  ///   write replaces is kept there, until the next `StagingArea` given that
  ///   folder deletes it on another thread: deleting a 9 MB file on ext4 (the
  ///   old index, at 100,000 entries) took 8–12 ms, a quarter of a mark. The
  ///   layout of a verified shared index is remembered there too
  ///   (`SharedIndexLayout`). Nil deletes at once and remembers nothing.
  /// - Parameter splitThreshold: from how many entries the index is written
  ///   split when `core.splitIndex` is not set.
  /// - Throws: `GitError` when the index cannot be read or is damaged.
  public init(
    repository: Repository, stateFolder folder: String? = nil, splitThreshold: Int = defaultSplitThreshold
  ) throws(GitError) {
    guard let workdir = repository.workingDirectory else {
      throw GitError(message: "bare repository has no index to stage in", function: "vet_index_read")
    }
    self.repository = repository
    self.workdir = workdir
    self.splitThreshold = splitThreshold
    // One name per staging area, so a second one in the same process (a
    // command finishing an interrupted one, then its own) leaves the first's
    // file to the background deletion.
    let serial = Self.serials.add(1, ordering: .relaxed).newValue
    retiredIndex = folder.map { $0 + Self.retiredPrefix + "\(getpid())-\(serial)" }
    layoutFile = folder.map { $0 + SharedIndexLayout.fileName }
    storage = try load()
    if let folder, let mine = retiredIndex {
      background.async { Self.deleteRetired(in: folder, except: mine) }
    }
  }

  private func load() throws(GitError) -> Storage {
    guard let mapped = MappedFile(path: repository.gitDirectory + "index"),
      let file = try IndexFile(file: mapped, checkingOn: background)
    else {
      return .library(try libraryIndex())
    }
    guard let link = file.link else { return .file(IndexEntries(index: file)) }
    let name = Self.sharedPrefix + link.shared.hex
    // Only looked up in, unless it must be walked.
    guard let mappedShared = MappedFile(path: repository.gitDirectory + name, populate: false) else {
      throw GitError(
        message: "index file corrupt: its shared index \(name) cannot be read: \(String(cString: strerror(errno)))",
        function: "vet_index_read")
    }
    var remembered: SharedIndexLayout?
    switch layoutFile.map({ SharedIndexLayout.read(from: $0, for: link.shared, size: mappedShared.bytes.count) }) {
    case .layout(let layout): remembered = layout
    case .damaged:
      notices.append("the shared index layout in .git/vet was damaged; vet read the shared index again")
    case .absent, nil: break
    }
    if remembered == nil { mappedShared.prefetch() }
    guard let shared = try IndexFile(file: mappedShared, checkingOn: background, remembered: remembered) else {
      return .library(try libraryIndex())
    }
    return .file(try IndexEntries(index: file, shared: shared))
  }

  private static let sharedPrefix = "sharedindex."

  /// The index read by libgit2, for the formats `IndexFile` leaves to it (version 4, a sparse index).
  /// - Throws: `GitError` naming the index file and saying how to make it readable.
  private func libraryIndex() throws(GitError) -> Index {
    do {
      return try repository.index()
    } catch {
      let path = repository.gitDirectory + "index"
      // libgit2 reads neither a split index of version 4 nor any other that it finds a mandatory extension in.
      let advice =
        error.message.contains("'link'")
        ? "it is split (core.splitIndex) and of version 4, which vet cannot read"
        : error.message
      throw GitError(
        code: error.code,
        message: "cannot read git's index \(path): \(advice); run `git update-index --index-version 3` to rewrite "
          + "it in a format vet reads (it stays split), then run vet again",
        function: "vet_index_read")
    }
  }

  /// The index as read, read again when it was written since.
  private func loaded() throws(GitError) -> Storage {
    if let storage { return storage }
    let fresh = try load()
    storage = fresh
    return fresh
  }

  /// Waits for the index's checksum to be verified.
  /// - Throws: `GitError` when the index is damaged.
  public func verify() throws(GitError) {
    if case .file(let entries) = try loaded() { try entries.verify() }
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
    case .file(let entries): return entries.stagedID(path: Array(path.utf8))
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
  ///   - lock: `index.lock`, when the caller took it before changing anything
  ///     else (moving a branch). The new index is only written into it: it
  ///     replaces the index when the caller calls `lock.commitPrepared()`.
  ///     Nil takes the lock here, and replaces the index at once.
  /// - Throws: `GitError.locked` when another process holds `index.lock`.
  public func write(from oldTree: ObjectID?, to newTree: ObjectID?, holding lock: LockFile? = nil) throws(GitError) {
    // The index is read before `index.lock` is taken (so that its checksum is
    // checked while the caller works); when another writer replaced it in
    // between, the changes are applied again to what that writer left.
    for _ in 0..<Self.maximumAttempts {
      switch try loaded() {
      case .library(let index):
        if let lock {
          // libgit2 takes `index.lock` itself: it writes a copy elsewhere, which replaces the index under the lock.
          let copy = repository.gitDirectory + "index.vet-\(getpid())"
          try index.writeCopy(to: copy)
          lock.prepare(replacingWith: copy)
        } else {
          try index.write()
        }
        return
      case .file(let entries):
        guard !changes.isEmpty else { return }
        let old = try oldTree.map { id throws(GitError) in try repository.tree(id) }
        let new = try newTree.map { id throws(GitError) in try repository.tree(id) }
        func folder(_ tree: Tree?, _ path: String) -> ObjectID? {
          guard let tree else { return nil }
          if path.isEmpty { return tree.id }
          guard let entry = try? tree.entry(atPath: path), entry.mode == .tree else { return nil }
          return entry.id
        }
        var edited = entries
        edited.apply(Array(changes.values))
        // git wrote the index whole (`git read-tree`, `git update-index --refresh`): the shared index vet split
        // it over before can still serve, rather than a new one of the same size each time.
        if !edited.isSplit, try repository.config().bool("core.splitIndex") ?? (edited.count >= splitThreshold),
          let adopted = adoptingSharedIndex(entries)
        {
          edited = adopted
        }
        if try write(edited, trees: { path in (folder(old, path), folder(new, path)) }, lock: lock) {
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

  /// Writes `edited` whole, or split over the shared index, or split over a
  /// new shared index once too much differs from the old one.
  /// - Returns: false when another writer replaced the index since it was read.
  private func write(_ edited: IndexEntries, trees: IndexEntries.TreeLookup, lock: LockFile?) throws(GitError)
    -> Bool
  {
    // Written or not, the index is read again when next needed.
    defer { storage = nil }
    let gitDirectory = repository.gitDirectory
    let path = gitDirectory + "index"
    // Through `index.lock`, once both checksums match and no one replaced the
    // index meanwhile. Written whole when split, the shared index's entries are copied.
    func replaceIndex(with splice: Splice, copying: Bool) throws(GitError) -> Bool {
      try Self.replace(
        path, with: splice, checksum: { edited.checksum(of: splice) },
        ready: { () throws(GitError) in
          try edited.verify(copying: copying)
          return edited.top.isStill(at: path)
        }, retiring: retiredIndex, lock: lock)
    }
    let configured = try repository.config().bool("core.splitIndex")
    guard configured ?? (edited.isSplit || edited.count >= splitThreshold) else {
      let splice = edited.whole(trees: trees)
      return try replaceIndex(with: splice, copying: edited.isSplit)
    }
    let changedShare = edited.changedEntries * 100
    if let sharedID = edited.sharedID,
      changedShare <= IndexEntries.maximumPercentChange * edited.base.offsets.count
    {
      let splice = edited.split(over: sharedID, everythingShared: false, trees: trees)
      guard try replaceIndex(with: splice, copying: false) else {
        return false
      }
      // git deletes shared indexes unused for two weeks; this one is in use.
      utimensat(AT_FDCWD, gitDirectory + Self.sharedPrefix + sharedID.hex, nil, 0)
      // Verified before the write: the next command need not walk or hash it.
      if edited.base.isChecked, let layoutFile { edited.base.layout.write(to: layoutFile) }
      return true
    }
    if configured == nil, !edited.isSplit { notices.append(Self.splitNotice(entries: edited.count)) }
    // Copied into the new shared index: hashed even when its layout was remembered.
    try edited.verify(copying: true)
    let shared = edited.shared()
    let id = try Self.writeShared(shared, in: gitDirectory, checksum: { edited.checksum(of: shared) })
    let splice = edited.split(over: id, everythingShared: true, trees: trees)
    guard try replaceIndex(with: splice, copying: false) else {
      return false
    }
    background.async { Self.expireSharedIndexes(in: gitDirectory, except: Self.sharedPrefix + id.hex) }
    return true
  }

  /// The whole index `entries`, with the staged changes, laid over the
  /// shared index last used, when no more than git's share of entries
  /// (`splitIndex.maxPercentChange`) differ from it; nil otherwise.
  private func adoptingSharedIndex(_ entries: IndexEntries) -> IndexEntries? {
    let gitDirectory = repository.gitDirectory
    guard let directory = opendir(gitDirectory) else { return nil }
    var newest: (name: String, time: timespec)?
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      var info = stat()
      guard name.hasPrefix(Self.sharedPrefix), name.count == Self.sharedPrefix.count + 40,
        stat(gitDirectory + name, &info) == 0
      else { continue }
      let time = info.st_mtim
      if let best = newest?.time, (best.tv_sec, best.tv_nsec) >= (time.tv_sec, time.tv_nsec) { continue }
      newest = (name, time)
    }
    closedir(directory)
    guard let name = newest?.name, let id = ObjectID(hex: String(name.dropFirst(Self.sharedPrefix.count))),
      let mapped = MappedFile(path: gitDirectory + name),
      let shared = try? IndexFile(file: mapped, checkingOn: background), shared.link == nil,
      shared.storedChecksum.elementsEqual(id.bytes)
    else { return nil }
    var adopted = IndexEntries(whole: entries.top, over: shared, id: id)
    adopted.apply(Array(changes.values))
    guard adopted.changedEntries * 100 <= IndexEntries.maximumPercentChange * shared.offsets.count else { return nil }
    return adopted
  }

  /// What to tell the user when vet first splits a large index.
  static func splitNotice(entries: Int) -> String {
    "git's index holds \(entries) entries, so vet now keeps it split (core.splitIndex) and each write stays small; "
      + "tools built on libgit2 cannot read a split index: `git config core.splitIndex false` keeps it whole"
  }

  /// Writes a shared index, named by its checksum as git names them.
  private static func writeShared(_ splice: Splice, in gitDirectory: String, checksum: @Sendable () -> [UInt8])
    throws(GitError) -> ObjectID
  {
    let serial = serials.add(1, ordering: .relaxed).newValue
    let temporary = gitDirectory + "sharedindex_vet-\(getpid())-\(serial)"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw GitError(message: "cannot create \(temporary): \(String(cString: strerror(errno)))", function: "open")
    }
    let (digest, reason) = write(splice, endingWith: checksum, to: fd)
    close(fd)
    let id = ObjectID(bytes: digest)
    if let reason {
      unlink(temporary)
      throw GitError(message: "cannot write \(temporary): \(reason)", function: "write")
    }
    guard rename(temporary, gitDirectory + sharedPrefix + id.hex) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw GitError(message: "cannot rename \(temporary): \(reason)", function: "rename")
    }
    return id
  }

  /// Deletes the shared indexes not used for two weeks (git's default
  /// `splitIndex.sharedIndexExpire`), as git does when it writes a new one.
  private static func expireSharedIndexes(in gitDirectory: String, except current: String) {
    guard let directory = opendir(gitDirectory) else { return }
    defer { closedir(directory) }
    let expiry = time(nil) - 14 * 24 * 3600
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      var info = stat()
      guard name.hasPrefix(sharedPrefix), name != current, stat(gitDirectory + name, &info) == 0,
        info.st_mtim.tv_sec <= expiry
      else { continue }
      unlink(gitDirectory + name)
    }
  }

  /// Writes `splice` to `fd`, then the checksum, computed on another core meanwhile.
  /// - Returns: the checksum, and why the write failed, if it did.
  private static func write(_ splice: Splice, endingWith checksum: @Sendable () -> [UInt8], to fd: Int32)
    -> (checksum: [UInt8], failure: String?)
  {
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
    let digest = sum.withLock { $0 }
    let reason = failure.withLock { $0 } ?? digest.withUnsafeBytes { FileBytes.write($0, to: fd) }
    return (digest, reason)
  }

  /// Writes `index.lock` exclusively, then renames it over the index, as git does.
  ///
  /// - Parameters:
  ///   - checksum: what the file ends with, computed on another core while the rest is written.
  ///   - ready: asked, holding the lock, before the rename; when it says no or
  ///     throws, the index stays as it was.
  ///   - retired: a name to keep the replaced index under, for someone else to delete.
  ///   - held: `index.lock` when the caller holds it already: written into
  ///     and prepared, for the caller to rename (`LockFile.commitPrepared`).
  ///     On failure it stays held, for the caller to release.
  /// - Returns: whether the index was replaced (false when `ready` said no).
  @discardableResult
  static func replace(
    _ path: String, with splice: Splice, checksum: @Sendable () -> [UInt8],
    ready: () throws(GitError) -> Bool = { true }, retiring retired: String? = nil, lock held: LockFile? = nil
  ) throws(GitError) -> Bool {
    if let held { return try replace(held, with: splice, checksum: checksum, ready: ready, retiring: retired) }
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
    let reason = write(splice, endingWith: checksum, to: fd).failure
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

  /// `replace` into a lock the caller holds.
  private static func replace(
    _ lock: LockFile, with splice: Splice, checksum: @Sendable () -> [UInt8], ready: () throws(GitError) -> Bool,
    retiring retired: String?
  ) throws(GitError) -> Bool {
    // Written again from the start when an earlier try was not renamed.
    guard ftruncate(lock.fd, 0) == 0, lseek(lock.fd, 0, SEEK_SET) == 0 else {
      throw GitError(message: "cannot write \(lock.path): \(String(cString: strerror(errno)))", function: "ftruncate")
    }
    if let reason = write(splice, endingWith: checksum, to: lock.fd).failure {
      throw GitError(message: "cannot write \(lock.path): \(reason)", function: "write")
    }
    guard try ready() else { return false }
    lock.prepare(retiring: retired)
    return true
  }
}
