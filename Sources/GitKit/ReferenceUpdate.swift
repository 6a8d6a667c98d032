import CGit2
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

extension Repository {
  /// The folder shared by all worktrees (refs, logs of branches), with a trailing slash: the git directory
  /// unless this is a linked worktree.
  ///
  /// Wraps `git_repository_commondir`.
  public var commonDirectory: String { String(cString: git_repository_commondir(pointer)) }

  /// Where the loose file of reference `name` lives: HEAD in this worktree's git directory, the rest in the common one.
  public func referencePath(_ name: String) -> String {
    (name == "HEAD" ? gitDirectory : commonDirectory) + name
  }

  /// Takes the lock of reference `name` (`refs/heads/main.lock`), as git takes it.
  ///
  /// - Parameters:
  ///   - kind: which of vet's records stands for the lock (a branch vet commits to, a reference a fetch moves).
  ///   - recordFolder: vet's folder, where the lock's record is kept (see `LockFile`).
  ///   - timeout: how long to wait for another process to let go, in seconds.
  /// - Throws: `GitError.locked` when another process keeps holding it.
  public func lockReference(
    _ name: String, kind: LockFile.Kind = .branch, recordFolder: String, timeout: Double
  ) throws(GitError) -> LockFile {
    let target = referencePath(name)
    let folder = (target as NSString).deletingLastPathComponent
    if (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) == nil {
      throw GitError(message: "cannot create \(folder)", function: "mkdir")
    }
    return try LockFile(target, kind: kind, recordFolder: recordFolder, timeout: timeout)
  }

  /// Points reference `name` at `target` only if it still points at
  /// `expected`, through its lock, which the caller took (`lockReference`).
  ///
  /// What git's files backend does: the new id is written into the lock, a
  /// line appended to the reference's reflog (and HEAD's, when HEAD points to
  /// it), and the lock renamed over the reference. A reference kept only in
  /// `packed-refs` gets a loose file that overrides it, as git writes it.
  /// - Parameters:
  ///   - expected: the value it must have now; nil means it must not exist yet.
  ///   - committer: who the reflog records, and when.
  ///   - message: the reflog message.
  /// - Returns: false, changing nothing, when it points elsewhere (another writer moved it first).
  public func updateReference(
    _ name: String, to target: ObjectID, expecting expected: ObjectID?, holding lock: LockFile,
    committer: Signature, message: String
  ) throws(GitError) -> Bool {
    guard try reference(named: name) == expected else {
      lock.release()
      return false
    }
    try lock.write(Array("\(target.hex)\n".utf8))
    let line = Self.reflogLine(old: expected, new: target, committer: committer, message: message)
    try appendReflog(name, line)
    if try headBranch() == name { try appendReflog("HEAD", line) }
    try lock.commit()
    return true
  }

  /// One reflog line, as git writes it.
  static func reflogLine(old: ObjectID?, new: ObjectID, committer: Signature, message: String) -> [UInt8] {
    let zero = String(repeating: "0", count: 40)
    let seconds = Int(committer.date.timeIntervalSince1970.rounded(.down))
    let offset = abs(committer.offsetMinutes)
    let zone = (committer.offsetMinutes < 0 ? "-" : "+") + String(format: "%02d%02d", offset / 60, offset % 60)
    let oneLine = message.map { $0.isNewline ? " " : String($0) }.joined()
    return Array(
      "\(old?.hex ?? zero) \(new.hex) \(committer.name) <\(committer.email)> \(seconds) \(zone)\t\(oneLine)\n".utf8)
  }

  /// Appends `line` to the reflog of `name` (git appends without a lock, in one write).
  private func appendReflog(_ name: String, _ line: [UInt8]) throws(GitError) {
    let path = (name == "HEAD" ? gitDirectory : commonDirectory) + "logs/" + name
    let folder = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let fd = Glibc.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw GitError(message: "cannot open \(path): \(String(cString: strerror(errno)))", function: "open")
    }
    defer { close(fd) }
    if let reason = line.withUnsafeBytes({ FileBytes.write($0, to: fd) }) {
      throw GitError(message: "cannot write \(path): \(reason)", function: "write")
    }
  }
}
