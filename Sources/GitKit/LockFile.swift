import CGit2
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A git lock file (`index.lock`, `refs/heads/main.lock`), taken as git takes
/// it, and recognisable afterwards as this process's own.
///
/// git serialises the writers of a file on `FILE.lock`: whoever creates it
/// exclusively may write the new content into it and rename it over the file.
/// A command that moves a branch takes `index.lock` first and the branch's
/// lock second (`git commit` does), so one that cannot have a lock fails
/// before anything changed.
///
/// The lock file is created under a name in vet's own folder (the record) and
/// hard-linked to `FILE.lock`, which fails as `O_EXCL` does when the lock
/// exists. While the record exists its inode cannot be reused, so a later vet
/// finding `FILE.lock` with the record's inode knows that a killed vet left it
/// (`removeAbandoned`); a lock with any other inode belongs to another process
/// and is never removed.
public final class LockFile {
  /// The lock file: `target` and `.lock`.
  public let path: String
  /// The file it guards.
  public let target: String
  /// The other name of the lock file, in vet's folder; nil where hard links are not supported.
  private let record: String?
  /// Open for writing the new content.
  let fd: Int32
  private var held = true
  /// What `commitPrepared` puts in place: the lock itself (nil) or a file written elsewhere.
  private var prepared: (file: String?, retiring: String?)?

  /// The records' names in vet's folder, one per kind of lock vet takes.
  public enum Kind: String, CaseIterable, Sendable {
    case index = "index.lock"
    case branch = "branch.lock"
    /// A remote-tracking branch or a tag a fetch moves.
    case fetched = "fetched.lock"
  }

  /// Takes `target.lock`, waiting up to `timeout` seconds while another process holds it.
  ///
  /// - Parameters:
  ///   - target: the file to lock, such as `.git/index`.
  ///   - kind: which record in `recordFolder` stands for it.
  ///   - recordFolder: vet's folder (with a trailing slash), on the same file
  ///     system. Only one process may take a kind of lock with a given folder
  ///     at a time (vet holds its workspace lock).
  ///   - timeout: how long to wait for another process to let go (`git status`
  ///     holds `index.lock` for milliseconds).
  /// - Throws: `GitError.locked` naming the lock file when it stays held.
  public init(_ target: String, kind: Kind, recordFolder: String, timeout: Double) throws(GitError) {
    self.target = target
    path = target + ".lock"
    let record = recordFolder + kind.rawValue
    // A record left by a killed process: its lock, if still there, was handled by `removeAbandoned`.
    unlink(record)
    let fd = open(record, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw GitError(message: "cannot create \(record): \(String(cString: strerror(errno)))", function: "open")
    }
    let start = Date()
    var pause: useconds_t = 1000
    while link(record, path) != 0 {
      let failure = errno
      if failure == EEXIST, Date().timeIntervalSince(start) < timeout {
        // Short naps: a loop of git commands takes the lock again within milliseconds of letting it go.
        usleep(pause)
        pause = min(pause * 2, 4000)
        continue
      }
      close(fd)
      unlink(record)
      if failure == EEXIST { throw Self.heldError(path) }
      if failure == EPERM || failure == ENOTSUP || failure == EXDEV || failure == EMLINK {
        // No hard links here: an exclusive create, as git does, that a killed vet cannot prove its own.
        let direct = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard direct >= 0 else {
          if errno == EEXIST { throw Self.heldError(path) }
          throw GitError(message: "cannot create \(path): \(String(cString: strerror(errno)))", function: "open")
        }
        self.fd = direct
        self.record = nil
        return
      }
      throw GitError(message: "cannot create \(path): \(String(cString: strerror(failure)))", function: "link")
    }
    self.fd = fd
    self.record = record
  }

  /// The error for a lock another process holds, with the command that clears a stale one.
  static func heldError(_ path: String) -> GitError {
    GitError(
      code: GIT_ELOCKED.rawValue,
      message:
        "unable to create '\(path)': another git process holds it; if none is running, remove it with rm '\(path)'",
      function: "lock")
  }

  deinit { release() }

  /// Whether `path` is still this lock's file (no one removed and re-created it).
  private var isStillOurs: Bool {
    var mine = stat()
    var there = stat()
    return fstat(fd, &mine) == 0 && lstat(path, &there) == 0 && mine.st_dev == there.st_dev
      && mine.st_ino == there.st_ino
  }

  /// Replaces the lock's content with `bytes`.
  func write(_ bytes: [UInt8]) throws(GitError) {
    guard ftruncate(fd, 0) == 0, lseek(fd, 0, SEEK_SET) == 0 else {
      throw GitError(message: "cannot write \(path): \(String(cString: strerror(errno)))", function: "ftruncate")
    }
    if let reason = bytes.withUnsafeBytes({ FileBytes.write($0, to: fd) }) {
      throw GitError(message: "cannot write \(path): \(reason)", function: "write")
    }
  }

  /// Renames the lock file, now holding the new content, over the target, and lets the lock go.
  /// - Throws: `GitError` when the rename fails; the lock is released then.
  func commit() throws(GitError) {
    try commit(replacingWith: path)
  }

  /// Replaces the target with `file` (the lock itself, or a file written
  /// elsewhere, as libgit2 writes), then lets the lock go.
  func commit(replacingWith file: String) throws(GitError) {
    guard held, isStillOurs else {
      release()
      throw GitError(message: "\(path) was removed by another process while vet held it", function: "rename")
    }
    guard rename(file, target) == 0 else {
      let reason = String(cString: strerror(errno))
      release()
      throw GitError(message: "cannot rename \(file) to \(target): \(reason)", function: "rename")
    }
    release()
  }

  /// Records that the new content is ready, to be put in place by `commitPrepared`.
  /// - Parameters:
  ///   - file: a file written elsewhere to rename over the target; nil for the lock's own content.
  ///   - retiring: a name to keep the replaced target under (see `StagingArea`), linked just before the rename.
  func prepare(replacingWith file: String? = nil, retiring: String? = nil) {
    prepared = (file, retiring)
  }

  /// Puts the prepared content in place and lets the lock go; only lets it
  /// go when nothing was prepared.
  ///
  /// The caller prepares before it changes anything else (moves a branch),
  /// and commits after: what others can see between the two is then one rename away.
  /// - Throws: `GitError` when the rename fails; the lock is released then.
  public func commitPrepared() throws(GitError) {
    guard let (file, retiring) = prepared else {
      release()
      return
    }
    prepared = nil
    if let retiring {
      unlink(retiring)
      _ = link(target, retiring)
    }
    try commit(replacingWith: file ?? path)
  }

  /// Lets the lock go without changing the target.
  public func release() {
    guard held else { return }
    held = false
    if let file = prepared?.file { unlink(file) }
    prepared = nil
    if isStillOurs { unlink(path) }
    close(fd)
    if let record { unlink(record) }
  }

  /// Removes a lock of `kind` that a killed vet left behind at `lockPath`,
  /// proven by its record; a lock any other process holds is left alone.
  ///
  /// Call only while no other vet can hold such a lock (under vet's workspace lock).
  /// - Returns: whether a record was found (a vet was killed holding the lock, or about to take it).
  @discardableResult
  public static func removeAbandoned(_ kind: Kind, at lockPath: String, recordFolder: String) -> Bool {
    let record = recordFolder + kind.rawValue
    var recorded = stat()
    guard lstat(record, &recorded) == 0 else { return false }
    var there = stat()
    if lstat(lockPath, &there) == 0, there.st_dev == recorded.st_dev, there.st_ino == recorded.st_ino {
      unlink(lockPath)
    }
    unlink(record)
    return true
  }

  /// Removes a lock of `kind` that a killed vet left somewhere under
  /// `folders` (such as `refs/remotes/`), found by its record's inode; other locks are left alone.
  ///
  /// Call only under vet's workspace lock, as `removeAbandoned(_:at:recordFolder:)`.
  /// - Returns: whether a record was found.
  @discardableResult
  public static func removeAbandoned(_ kind: Kind, under folders: [String], recordFolder: String) -> Bool {
    let record = recordFolder + kind.rawValue
    var recorded = stat()
    guard lstat(record, &recorded) == 0 else { return false }
    for folder in folders {
      guard let walker = FileManager.default.enumerator(atPath: folder) else { continue }
      for case let name as String in walker where name.hasSuffix(".lock") {
        var there = stat()
        if lstat(folder + name, &there) == 0, there.st_dev == recorded.st_dev, there.st_ino == recorded.st_ino {
          unlink(folder + name)
        }
      }
    }
    unlink(record)
    return true
  }

  /// Whether a record of a lock of any kind, taken by a vet that did not let it go, is in `recordFolder`.
  public static func hasRecord(in recordFolder: String) -> Bool {
    Kind.allCases.contains { access(recordFolder + $0.rawValue, F_OK) == 0 }
  }
}
