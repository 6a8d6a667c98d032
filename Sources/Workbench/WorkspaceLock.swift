import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive lock that serialises vet's writers on one workspace.
///
/// An `flock(2)` lock on `.git/vet/lock`: the kernel drops it when the
/// process dies, so a killed vet never leaves a stale lock behind.
final class WorkspaceLock {
  private let fd: Int32

  /// Blocks until the lock is held; with `waiting` false, fails at once
  /// with `EWOULDBLOCK` when another process holds it (see `WorkspaceLock.ifFree`).
  init(directory: String, waiting: Bool = true) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = directory + "lock"
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw WorkbenchError.git(operation: "lock \(path)", message: String(cString: strerror(errno)))
    }
    while flock(fd, waiting ? LOCK_EX : LOCK_EX | LOCK_NB) != 0 {
      if errno == EINTR { continue }
      // Not closed here: every stored property is set, so `deinit` runs and closes it (closing it twice could
      // close a descriptor another thread opened since).
      throw WorkbenchError.git(operation: "lock \(path)", message: String(cString: strerror(errno)))
    }
  }

  /// The lock, when no other process holds it; nil when one does (a vet command is running).
  static func ifFree(directory: String) throws -> WorkspaceLock? {
    do {
      return try WorkspaceLock(directory: directory, waiting: false)
    } catch WorkbenchError.git(_, let message) where message == String(cString: strerror(EWOULDBLOCK)) {
      return nil
    }
  }

  deinit {
    flock(fd, LOCK_UN)
    close(fd)
  }
}
