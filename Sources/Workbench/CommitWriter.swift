import Dispatch
import Foundation
import GitKit

#if canImport(Glibc)
  import Glibc
#endif

extension Workspace {
  /// How many times an operation is rebuilt when another writer moves the branch first.
  static let maximumAttempts = 20

  /// From how many files an operation's objects are written as one pack rather than loose.
  static let packedWriteThreshold = 64

  /// How long a write waits for another process to let go of `index.lock` or the branch's lock, in seconds.
  static let lockTimeout = 2.0

  /// Applies one operation as one commit, and brings the working tree and index along.
  ///
  /// Under the workspace lock: recover from any interrupted command, take
  /// `index.lock` (as `git commit` does, before the branch's own lock), read
  /// HEAD, build the operation from it, refuse if a file it writes has
  /// uncommitted edits, write objects, then move the branch with
  /// compare-and-swap. A lock another process holds makes the command fail
  /// before anything changed; once the branch has moved, the command succeeds.
  /// When a writer outside vet (the git CLI) moved the branch first, the
  /// operation is rebuilt from the new tip, so nothing is lost. A journal in
  /// `.git/vet` lets the next command finish the working-tree update if this one is killed.
  ///
  /// - Parameter build: makes the operation from the current snapshot; nil means nothing to do.
  /// - Returns: the new commit, or nil when `build` had nothing to do.
  @discardableResult
  func commit(_ build: (Snapshot) throws -> Operation?) throws -> CommitResult? {
    let lock = try WorkspaceLock(directory: stateDirectory)
    defer { withExtendedLifetime(lock) {} }
    try recoverInterruptedCommand()
    let identity = try Identity.resolve(config: repo.config(), environment: environment, now: clock())
    for _ in 0..<Self.maximumAttempts {
      // Held until the index is written: no git command can stage or commit in between.
      let indexLock = try takeIndexLock()
      defer { indexLock.release() }
      // Read first: its checksum is verified on another thread while the operation is built.
      let index = try stagingArea()
      let snapshot = try self.snapshot()
      guard let operation = try build(snapshot) else { return nil }
      let paths = operation.files.keys.sorted()
      // Whatever built the operation, nothing is written where git would not write.
      if let unsafe = paths.first(where: { !TreeEntryRules.isSafePath($0) }) {
        throw WorkbenchError.git(
          operation: "write \(Terminal.escape(unsafe))", message: "git refuses to check out such a path")
      }
      let committed = try paths.map { try snapshot.blobID($0) }
      let previous = Dictionary(uniqueKeysWithValues: zip(paths, committed))
      var written: [String: ObjectID?] = [:]
      // Hundreds of files (an ingest) go into one pack; a mark's three objects stay loose.
      let packed = paths.count >= Self.packedWriteThreshold && operation.fastForward == nil
      var objects = PackedObjects()
      var loose: [(id: ObjectID, bytes: [UInt8])] = []
      var updates: [TreeUpdate] = []
      for path in paths {
        if let bytes = operation.files[path] ?? nil {
          let id = packed ? objects.addBlob(bytes) : try ObjectID.blob(hashing: bytes)
          if !packed { loose.append((id, bytes)) }
          updates.append(.upsert(path, id))
          written[path] = id
        } else {
          updates.append(.remove(path))
          written[path] = .some(nil)
        }
      }
      var known: [ObjectID: Claim] = [:]
      for (path, claim) in operation.claims {
        if let id = written[path] ?? nil { known[id] = claim }
      }
      // What comparing the trees would find, in the order it would list them.
      let changes = paths.compactMap { path -> ChangedPath? in
        let (old, new) = (previous[path] ?? nil, written[path] ?? nil)
        return old == new ? nil : ChangedPath(path: path, old: old, new: new)
      }
      // The claim index moves along on another thread while the edits are
      // checked, the objects written and the branch moved: tens of
      // milliseconds for an ingest. Nothing of it is kept unless the commit lands.
      // Until `land`, that thread holds the index's write transaction: this
      // one must not use the claim index (it would wait for itself).
      let advance = startIndexAdvance(from: snapshot.commit, claims: known, changes: changes)
      defer { advance?.finish() }
      // The working files of committed paths, hashed on all cores first: an ingest rewrites hundreds.
      let checked = zip(paths, committed).compactMap { path, id in id.map { (id: $0, path: path) } }
      let holding = Set(zip(checked, repo.workingFilesHold(checked)).compactMap { $1 ? $0.path : nil })
      for (path, old) in zip(paths, committed) {
        try refuseUncommittedEdit(path: path, committed: old, index: index, holdsCommitted: holding.contains(path))
      }
      // Blobs a pull brings already exist: hashing is enough, and writing
      // them again would add a loose copy of every packed object.
      if operation.fastForward == nil {
        for blob in loose where !(try repo.contains(blob.id)) { _ = try repo.writeBlob(blob.bytes) }
      }
      let commit: ObjectID
      let tree: ObjectID
      if let target = operation.fastForward {
        // A fast-forward moves the branch to a commit that already exists.
        (commit, tree) = (target, try repo.commit(target).tree)
      } else {
        let parents = (snapshot.commit.map { [$0] } ?? []) + operation.parents
        if packed {
          tree = try repo.writeTree(base: snapshot.tree?.id, applying: updates, into: &objects)
          commit = try objects.addCommit(
            tree: tree, parents: parents, author: identity.author, committer: identity.committer,
            message: operation.message)
          try repo.store(objects)
        } else {
          tree = try repo.writeTree(base: snapshot.tree?.id, applying: updates)
          commit = try repo.writeCommit(
            tree: tree, parents: parents, author: identity.author, committer: identity.committer,
            message: operation.message)
        }
      }
      try indexChecked { () throws(GitError) in try index.verify() }
      let branch = try repo.headBranch() ?? "HEAD"
      try writeJournal(paths: paths, old: previous, new: written, branch: branch, commit: commit)
      let moved: Bool
      do {
        moved = try moveBranch(
          branch, to: commit, expecting: snapshot.commit, committer: identity.committer, subject: operation.subject)
      } catch {
        advance?.land(nil)
        try removeJournal()
        throw error
      }
      advance?.land(moved ? commit : nil)
      guard moved else {
        try removeJournal()
        indexLock.release()
        continue
      }
      do {
        // index.lock is still held: no git command stages or commits until the new index is renamed into place.
        try syncWorkingTree(
          paths: paths, contents: operation.files, ids: written, index: index, lock: indexLock,
          from: snapshot.tree?.id, to: tree)
        try indexLock.commitPrepared()
      } catch {
        // The commit has landed: the journal stays, and the next vet command finishes the working tree.
        indexLock.release()
        advance?.finish()
        writeNotices.append(
          "the commit landed, but updating the working tree and git's index failed "
            + "(\((error as? GitError)?.message ?? error.localizedDescription)); "
            + "the next vet command finishes it (run `vet status`)")
        return CommitResult(commit: commit.hex)
      }
      // Done before packs are merged, which the index's reads of git must not meet.
      advance?.finish()
      try removeJournal()
      do {
        try keepObjectStoreCompact(wrotePack: packed)
      } catch {
        // The commit has landed: housekeeping that fails is reported, not the command.
        let reason = (error as? GitError)?.message ?? "\(error)"
        writeNotices.append("the commit landed, but packing its objects failed (\(reason)); `git gc` will pack them")
      }
      return CommitResult(commit: commit.hex)
    }
    throw WorkbenchError.contention(attempts: Self.maximumAttempts)
  }

  /// Moves the branch with compare-and-swap; false when another writer moved it first.
  ///
  /// Through the branch's lock (`refs/heads/NAME.lock`), taken after
  /// `index.lock` as git takes them, and waited for up to `lockTimeout`
  /// seconds (git waits for it too: `core.filesRefLockTimeout`).
  /// - Throws: `WorkbenchError.lockHeld` when another process keeps holding it.
  private func moveBranch(
    _ branch: String, to commit: ObjectID, expecting: ObjectID?, committer: Signature, subject: String
  ) throws -> Bool {
    let lock: LockFile
    do {
      lock = try repo.lockReference(branch, recordFolder: stateDirectory, timeout: Self.lockTimeout)
    } catch .locked {
      throw WorkbenchError.lockHeld(path: repo.referencePath(branch) + ".lock", waited: Self.lockTimeout)
    } catch {
      throw WorkbenchError.git(operation: "lock \(branch)", message: error.message)
    }
    defer { lock.release() }
    do {
      return try repo.updateReference(
        branch, to: commit, expecting: expecting, holding: lock, committer: committer,
        message: "vet: " + Operation.oneLine(subject, limit: 72))
    } catch {
      throw WorkbenchError.git(operation: "move \(branch) (nothing changed)", message: error.message)
    }
  }

  /// Takes `index.lock`, waiting a little for another process to let go.
  /// - Throws: `WorkbenchError.lockHeld` naming it when it stays held.
  func takeIndexLock() throws -> LockFile {
    do {
      return try LockFile(
        repo.gitDirectory + "index", kind: .index, recordFolder: stateDirectory, timeout: Self.lockTimeout)
    } catch .locked {
      throw WorkbenchError.lockHeld(path: repo.gitDirectory + "index.lock", waited: Self.lockTimeout)
    } catch {
      throw WorkbenchError.git(operation: "lock git's index", message: error.message)
    }
  }

  /// git's index, read for staging; an index vet cannot read is reported with its file and what to do.
  func stagingArea() throws -> StagingArea {
    try indexChecked { () throws(GitError) in
      try StagingArea(repository: repo, stateFolder: stateDirectory, splitThreshold: indexSplitThreshold)
    }
  }

  /// Runs `body`, reporting git's errors about the index as the workbench's, with the index named.
  private func indexChecked<T>(_ body: () throws(GitError) -> T) throws -> T {
    do {
      return try body()
    } catch {
      let path = repo.gitDirectory + "index"
      let message = error.message.contains(path) ? error.message : "\(error.message) (in \(path))"
      throw WorkbenchError.git(operation: "git's index", message: message)
    }
  }

  /// Refuses to touch a path whose working file or index entry differs from the commit.
  /// - Parameter holdsCommitted: whether the working file is known to hold the committed blob as it is.
  private func refuseUncommittedEdit(path: String, committed: ObjectID?, index: StagingArea, holdsCommitted: Bool)
    throws
  {
    if try index.stagedID(path: path) != committed {
      try index.verify()  // a damaged index is reported as such
      throw WorkbenchError.uncommittedEdit(path: path)
    }
    if holdsCommitted { return }
    let full = root + path
    let exists = FileManager.default.fileExists(atPath: full)
    switch (exists, committed) {
    case (false, nil): return
    case (false, .some): throw WorkbenchError.uncommittedEdit(path: path)
    case (true, nil): throw WorkbenchError.uncommittedEdit(path: path)
    case (true, .some(let id)):
      if try repo.hashWorkingFile(path, likely: [id]) != id { throw WorkbenchError.uncommittedEdit(path: path) }
    }
  }

  /// Writes the new contents into the working tree and stages them, so `git
  /// status` stays clean once `lock`, which holds the new index, is renamed.
  private func syncWorkingTree(
    paths: [String], contents: [String: [UInt8]?], ids: [String: ObjectID?], index: StagingArea, lock: LockFile,
    from oldTree: ObjectID?,
    to newTree: ObjectID
  ) throws {
    for path in paths {
      if let bytes = contents[path] ?? nil, let id = ids[path] ?? nil {
        try writeWorkingFile(path, bytes)
        try index.stage(path: path, id: id)
      } else {
        unlink(root + path)
        try index.unstage(path: path)
      }
    }
    try index.write(from: oldTree, to: newTree, holding: lock)
    writeNotices += index.notices
  }

  /// Writes a working file: over the old one in place, or, when there is
  /// none (or it has other links), as a new file renamed into place.
  ///
  /// The journal covers both: a command killed part-way leaves either file
  /// whole, or a cut-short overwrite, which the next command recognises as its
  /// own and finishes (`recoverInterruptedCommand`).
  /// - Parameter inPlace: false to always write a new file and rename it
  ///   into place, so that readers never see part of it.
  private func writeWorkingFile(_ path: String, _ bytes: [UInt8], inPlace: Bool = true) throws {
    let full = root + path
    if inPlace && FileBytes.overwrite(full, with: bytes) { return }
    let folder = (full as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try replaceFile(full, with: bytes, temporary: stateDirectory + "tmp-\(getpid())", naming: path)
  }

  /// Writes `bytes` to `temporary`, then renames it over `target` (see `FileBytes.replace`).
  private func replaceFile(_ target: String, with bytes: [UInt8], temporary: String, naming name: String) throws {
    if let reason = FileBytes.replace(target, with: bytes, through: temporary) {
      throw WorkbenchError.git(operation: "write \(name)", message: reason)
    }
  }

  // MARK: - Interrupted commands

  private var journalPath: String { stateDirectory + "journal" }

  /// Records which files a commit changes before the branch moves, and which branch it moves.
  private func writeJournal(
    paths: [String], old: [String: ObjectID?], new: [String: ObjectID?], branch: String, commit: ObjectID
  ) throws {
    let lines =
      ["\(Self.branchLinePrefix)\(commit.hex)\t\(branch)"]
      + paths.map { path in
        "\((old[path] ?? nil)?.hex ?? "-")\t\((new[path] ?? nil)?.hex ?? "-")\t\(path)"
      }
    let text = lines.joined(separator: "\n") + "\n"
    try replaceFile(journalPath, with: Array(text.utf8), temporary: journalPath + ".tmp", naming: journalPath)
  }

  /// The journal's first line: the commit the branch is being moved to, then the branch, whose lock vet may hold.
  private static let branchLinePrefix = "branch "

  private func removeJournal() throws {
    unlink(journalPath)
  }

  /// Whether a command was killed part-way: its journal, or its record of `index.lock`, is still there.
  var hasInterruptedCommand: Bool {
    access(journalPath, F_OK) == 0 || LockFile.hasRecord(in: stateDirectory)
  }

  /// Finishes an interrupted command before a read, under the workspace lock,
  /// so that git never shows its half-written files; nothing when there is none.
  ///
  /// A journal or lock record while another vet holds the workspace lock is
  /// that command's own, still running: the read goes on without waiting for it.
  func finishInterruptedCommand() throws {
    guard hasInterruptedCommand, let lock = try WorkspaceLock.ifFree(directory: stateDirectory) else { return }
    defer { withExtendedLifetime(lock) {} }
    try recoverInterruptedCommand()
  }

  /// Finishes the working-tree update of a command that was killed part-way.
  ///
  /// Runs under the workspace lock. A file is brought to HEAD only when it
  /// still holds what vet itself wrote or was replacing, so a hand edit made
  /// since is never overwritten. Only lock files the killed command is known
  /// to have created are removed: `index.lock`, the branch's lock and a
  /// fetched reference's lock when they are the files vet recorded (`LockFile.removeAbandoned`). Any other
  /// lock belongs to another process: the command waits for it, or fails
  /// saying how to clear it.
  func recoverInterruptedCommand() throws {
    let text = try? String(contentsOfFile: journalPath, encoding: .utf8)
    var lines = text?.split(separator: "\n") ?? []
    var branch = try repo.headBranch() ?? "HEAD"
    if let first = lines.first, first.hasPrefix(Self.branchLinePrefix) {
      lines.removeFirst()
      let fields = first.dropFirst(Self.branchLinePrefix.count).split(separator: "\t", maxSplits: 1).map(String.init)
      if fields.count == 2, fields[1].hasPrefix("refs/heads/"), !fields[1].contains("..") { branch = fields[1] }
    }
    LockFile.removeAbandoned(.index, at: repo.gitDirectory + "index.lock", recordFolder: stateDirectory)
    LockFile.removeAbandoned(.branch, at: repo.referencePath(branch) + ".lock", recordFolder: stateDirectory)
    LockFile.removeAbandoned(.fetched, under: [repo.commonDirectory + "refs/"], recordFolder: stateDirectory)
    guard text != nil else { return }
    let indexLock = try takeIndexLock()
    defer { indexLock.release() }
    let snapshot = try self.snapshot()
    let index = try stagingArea()
    for line in lines {
      let fields = line.split(separator: "\t", maxSplits: 2).map(String.init)
      guard fields.count == 3 else { continue }
      let (old, new, path) = (ObjectID(hex: fields[0]), ObjectID(hex: fields[1]), fields[2])
      let head = try snapshot.blobID(path)
      let exists = FileManager.default.fileExists(atPath: root + path)
      let current = exists ? try? repo.hashWorkingFile(path, likely: [old, new].compactMap { $0 }) : nil
      guard current == old || current == new || (exists && isCutShortOverwrite(path, old: old, new: new)) else {
        continue
      }
      if let head, let bytes = try snapshot.data(path) {
        // Replaced whole: a recovery cut short in turn must leave a file the next one recognises.
        if current != head { try writeWorkingFile(path, bytes, inPlace: false) }
        try index.stage(path: path, id: head)
      } else {
        unlink(root + path)
        try index.unstage(path: path)
      }
    }
    // Which tree the killed command started from is not known: the cache tree is invalidated where it changed.
    try index.write(from: nil, to: snapshot.tree?.id, holding: indexLock)
    try indexLock.commitPrepared()
    try removeJournal()
  }

  /// Whether the working file at `path` holds an overwrite of blob `old`
  /// (nil: no file) with blob `new` that was cut short.
  private func isCutShortOverwrite(_ path: String, old: ObjectID?, new: ObjectID?) -> Bool {
    guard let new, let newBytes = try? repo.blob(new),
      let oldBytes = old == nil ? [] : old.flatMap({ try? repo.blob($0) }),
      let (file, _) = FileBytes.read(root + path)
    else { return false }
    return FileBytes.isCutShortOverwrite(file, old: oldBytes, new: newBytes)
  }

  // MARK: - Object store

  /// Packs loose objects once there are many, and merges packs once there are
  /// several, so a busy workspace stays as small as `git gc` would keep it.
  ///
  /// Merging is geometric (`Repository.repackGeometrically`): the small packs
  /// are merged, and the whole repository is rewritten only once it has grown
  /// by half, so no mark pays minutes for a 100,000-claim repository.
  ///
  /// An ingest writes its objects as a pack of its own and no loose ones:
  /// after such a write, packs are merged once there are twice as many as
  /// the loose objects' packs are allowed, which repacks about as often as
  /// when an ingest's loose objects were packed every other one. (Only then:
  /// a mark must not start a repack because a fetch left many packs.)
  /// - Parameter wrotePack: whether the commit just written added a pack.
  func keepObjectStoreCompact(wrotePack: Bool) throws {
    if repo.estimatedLooseObjects() >= 1024 {
      try repo.packLooseObjects()
      if repo.packNames().count > 8 { try repo.repackGeometrically() }
    } else if wrotePack, repo.packNames().count > 16 {
      try repo.repackGeometrically()
    }
  }
}

/// A claim index moving along a commit on a thread of its own
/// (`Workspace.startIndexAdvance`), from before the commit lands.
final class IndexAdvance: @unchecked Sendable {
  private let landing = DispatchSemaphore(value: 0)
  private let done = DispatchSemaphore(value: 0)
  /// Written before `landing` is signalled, read after it is waited on.
  private var commit: ObjectID?
  /// Touched by the writing thread only.
  private var hasLanded = false
  private var finished = false

  /// Starts `work` on a new thread.
  ///
  /// It touches only what no other thread does until `finish` returns,
  /// which the compiler cannot check.
  init(_ work: @escaping (IndexAdvance) -> Void) {
    let box = Unshared { work(self) }
    Thread { [done] in
      box.run()
      done.signal()
    }.start()
  }

  /// Tells the index thread the branch now points to `commit`, or, when nil, that it was not moved.
  func land(_ commit: ObjectID?) {
    guard !hasLanded else { return }
    hasLanded = true
    self.commit = commit
    landing.signal()
  }

  /// On the index thread: waits for `land`, and returns its commit.
  func landed() -> ObjectID? {
    landing.wait()
    return commit
  }

  /// Waits for the index thread to end; a commit not landed by then did not land.
  func finish() {
    guard !finished else { return }
    land(nil)
    done.wait()
    finished = true
  }
}

/// Work handed to another thread that touches state no other thread does
/// while it runs, which the compiler cannot check (see `IndexAdvance`).
private struct Unshared: @unchecked Sendable {
  let run: () -> Void
}
