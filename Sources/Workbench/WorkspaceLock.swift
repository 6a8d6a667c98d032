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

  /// Blocks until the lock is held.
  init(directory: String) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = directory + "lock"
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw WorkbenchError.git(operation: "lock \(path)", message: String(cString: strerror(errno)))
    }
    while flock(fd, LOCK_EX) != 0 {
      if errno == EINTR { continue }
      let message = String(cString: strerror(errno))
      close(fd)
      throw WorkbenchError.git(operation: "lock \(path)", message: message)
    }
  }

  deinit {
    flock(fd, LOCK_UN)
    close(fd)
  }
}
