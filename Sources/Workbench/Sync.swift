import Foundation
import GitKit

/// Where a transfer reports progress; both closures run on the calling thread.
public struct TransferOptions {
  /// Objects and bytes so far.
  public var progress: ((TransferProgress) -> Void)?
  /// Lines the server prints ("remote: …").
  public var serverMessage: ((String) -> Void)?

  public init(progress: ((TransferProgress) -> Void)? = nil, serverMessage: ((String) -> Void)? = nil) {
    self.progress = progress
    self.serverMessage = serverMessage
  }
}

/// A configured remote, safe to show: any password in its URL is removed.
public struct RemoteSummary: Codable, Sendable, Hashable {
  public var name: String
  public var url: String
  public var pushURL: String?
}

/// What `vet clone` did.
public struct CloneResult: Codable, Sendable {
  public var url: String
  /// The new workspace's folder.
  public var path: String
  public var branch: String
  public var head: String
  public var claims: Int
  public var sources: Int
  public var receivedObjects: Int
  public var receivedBytes: Int
}

/// What `vet pull` did.
public struct PullResult: Codable, Sendable {
  public enum Outcome: String, Codable, Sendable {
    /// Nothing new on the remote.
    case upToDate = "up-to-date"
    /// Only the remote had new work; the branch moved to its tip.
    case fastForward = "fast-forward"
    /// Both sides had new work; a merge commit joins them.
    case merged
    /// The remote has no commits yet.
    case emptyRemote = "empty-remote"
  }

  public var remote: String
  public var branch: String
  public var outcome: Outcome
  /// HEAD before and after.
  public var from: String?
  public var to: String?
  public var receivedObjects: Int
  public var receivedBytes: Int
  /// Files the pull changed in the working tree.
  public var changedFiles: Int
  /// Claims both sides changed, merged field by field.
  public var mergedClaims: [String]
  /// Fields both sides changed differently: recorded, flagged, never decided silently.
  public var conflicts: [MergeConflict]
  /// Claims both sides recorded for one assertion: linked, or suggested for review.
  public var twins = TwinLinks()
}

/// What `vet push` did.
public struct PushResult: Codable, Sendable {
  public enum Outcome: String, Codable, Sendable {
    case pushed
    case upToDate = "up-to-date"
  }

  public var remote: String
  public var branch: String
  public var outcome: Outcome
  /// The remote branch before (nil when it is new) and after.
  public var from: String?
  public var to: String
}

/// What `vet sync` did: a pull, then a push.
public struct SyncResult: Codable, Sendable {
  public var pull: PullResult
  public var push: PushResult
}

extension Workspace {
  // MARK: - Remotes

  /// The configured remotes, with passwords removed from their URLs.
  public func remotes() throws -> [RemoteSummary] {
    try repo.remotes().map {
      RemoteSummary(name: $0.name, url: RemoteURL($0.url).redacted, pushURL: $0.pushURL.map { RemoteURL($0).redacted })
    }
  }

  /// Adds a remote.
  /// - Throws: `SyncError.invalidRemoteName`, `.remoteExists`, `.invalidURL` (a
  ///   password in the URL is refused: it would be stored in `.git/config`).
  public func addRemote(name: String, url: String) throws -> RemoteSummary {
    guard Repository.isValidRemoteName(name), !name.hasPrefix("-") else {
      throw SyncError.invalidRemoteName(name: Terminal.escape(name))
    }
    try Self.validateURL(url)
    if try repo.remotes().contains(where: { $0.name == name }) { throw SyncError.remoteExists(name: name) }
    do {
      try repo.addRemote(name: name, url: url)
    } catch {
      throw SyncError.invalidURL(url: Terminal.escape(url), reason: "is not a URL git understands (\(error.message))")
    }
    try installMergeDriver()
    return RemoteSummary(name: name, url: url, pushURL: nil)
  }

  /// Removes a remote and its remote-tracking branches.
  public func removeRemote(name: String) throws {
    let known = try repo.remotes().map(\.name)
    guard known.contains(name) else { throw SyncError.unknownRemote(name: Terminal.escape(name), known: known) }
    try repo.removeRemote(name: name)
  }

  static func validateURL(_ url: String) throws {
    let shown = Terminal.escape(url)
    if url.trimmingCharacters(in: .whitespaces).isEmpty { throw SyncError.invalidURL(url: shown, reason: "is empty") }
    if url.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
      throw SyncError.invalidURL(url: shown, reason: "contains control characters")
    }
    if url.hasPrefix("-") { throw SyncError.invalidURL(url: shown, reason: "must not start with '-'") }
    let parsed = RemoteURL(url)
    if parsed.password != nil {
      throw SyncError.invalidURL(
        url: parsed.redacted,
        reason:
          "contains a password, which would be stored in .git/config; remove it and set VET_PASSWORD or use a git credential helper"
      )
    }
  }

  // MARK: - Clone

  /// Clones a workspace from `url` into `path` and checks it out.
  ///
  /// On any failure — unreachable, refused, not a vet workspace — the folder is
  /// removed again, so a failed clone leaves nothing behind.
  /// - Parameters:
  ///   - url: a path, `file://`, `git://`, `ssh://`, `user@host:path`, `http(s)://`.
  ///   - path: the folder to create; nil derives it from the URL, as git does.
  ///   - directory: the folder `path` is relative to.
  public static func clone(
    url: String, to path: String?, in directory: String = FileManager.default.currentDirectoryPath,
    environment: [String: String] = ProcessEnvironment.read(), options: TransferOptions = TransferOptions(),
    clock: @escaping () -> Date = Date.init
  ) throws -> (Workspace, CloneResult) {
    try validateURL(url)
    let name = path ?? defaultCloneFolder(for: url)
    let target = name.hasPrefix("/") ? name : (directory as NSString).appendingPathComponent(name)
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    if fm.fileExists(atPath: target, isDirectory: &isDirectory) {
      let contents = (try? fm.contentsOfDirectory(atPath: target)) ?? []
      if !isDirectory.boolValue || !contents.isEmpty { throw SyncError.destinationExists(path: target) }
    }
    let existed = fm.fileExists(atPath: target)
    func cleanUp() {
      if existed {
        for item in (try? fm.contentsOfDirectory(atPath: target)) ?? [] {
          try? fm.removeItem(atPath: (target as NSString).appendingPathComponent(item))
        }
      } else {
        try? fm.removeItem(atPath: target)
      }
    }
    let auth = TransferAuthentication(url: url, environment: environment, directory: nil)
    var received = TransferProgress(phase: .receiving, current: 0, total: 0, bytes: 0)
    let forward = options.progress
    let progress: (TransferProgress) -> Void = { step in
      if step.phase == .receiving { received = step }
      forward?(step)
    }
    let clone: FreshClone
    do {
      clone = try Repository.receive(
        url: url, into: target, callbacks: auth.callbacks(progress: progress, serverMessage: options.serverMessage))
      auth.finish(succeeded: true)
    } catch {
      cleanUp()
      throw Self.describe(error, url: auth.url, auth: auth)
    }
    let repo = clone.repository
    let workspace: Workspace
    do {
      guard let head = try repo.head() else { throw SyncError.emptyRemote(url: auth.url.redacted) }
      // vet's indexer checked every tree it received; the history is walked
      // (to name the path) only when it found one, or when libgit2 copied
      // the objects itself (a local clone).
      if clone.refusedTrees?.isEmpty != true {
        let tips = try [head] + repo.referenceNames(matching: "refs/*").compactMap { try repo.reference(named: $0) }
        if let unsafe = try repo.unsafeEntry(reachableFrom: tips, excluding: []) {
          throw SyncError.unsafeHistory(url: auth.url.redacted, entry: unsafe.description)
        }
        if let tree = clone.refusedTrees?.first {
          throw SyncError.unsafeHistory(url: auth.url.redacted, entry: tree.description)
        }
      }
      try clone.checkOut()
      workspace = try Workspace.open(at: target, environment: environment, clock: clock)
      try workspace.installMergeDriver()
    } catch let error as SyncError {
      cleanUp()
      throw error
    } catch WorkbenchError.notAWorkspace {
      cleanUp()
      throw SyncError.notAWorkspace(what: auth.url.redacted)
    } catch {
      cleanUp()
      throw error
    }
    let snapshot = try workspace.snapshot()
    let result = CloneResult(
      url: auth.url.redacted, path: workspace.root, branch: try workspace.branchName(),
      head: snapshot.commit?.hex ?? "",
      claims: try snapshot.claimIDs().count, sources: try snapshot.sourceSlugs().count,
      receivedObjects: received.current, receivedBytes: received.bytes)
    return (workspace, result)
  }

  /// The folder git would clone `url` into: its last path part without `.git`.
  static func defaultCloneFolder(for url: String) -> String {
    var text = url
    while text.hasSuffix("/") { text.removeLast() }
    var last = String(text.split(whereSeparator: { $0 == "/" || $0 == ":" }).last ?? "workspace")
    if last.hasSuffix(".git") { last = String(last.dropLast(4)) }
    return last.isEmpty || last == "." || last == ".." ? "workspace" : last
  }

  // MARK: - Fetch, pull, push, sync

  /// Fetches from a remote and merges its branch into this one.
  ///
  /// A fast-forward when only the remote moved; otherwise a merge commit with
  /// both parents, merging claims field by field (`ClaimMerge`). The working
  /// tree and index end matching HEAD. A hand-edited file in the way is never
  /// overwritten: the pull refuses and names it.
  /// - Parameter remote: a remote name; nil uses the branch's upstream, else the only remote.
  public func pull(remote: String? = nil, options: TransferOptions = TransferOptions()) throws -> PullResult {
    let name = try resolveRemote(remote)
    let branch = try branchName()
    // Workspaces cloned with plain git get the merge driver on their first vet pull.
    try? installMergeDriver()
    let stats = try fetch(remote: name, options: options)
    let label = "\(name)/\(branch)"
    let before = try repo.head()
    var result = PullResult(
      remote: name, branch: branch, outcome: .upToDate, from: before?.hex, to: before?.hex,
      receivedObjects: stats.receivedObjects, receivedBytes: stats.receivedBytes, changedFiles: 0, mergedClaims: [],
      conflicts: [])
    guard let theirs = try repo.reference(named: "refs/remotes/\(name)/\(branch)") else {
      if try repo.referenceNames(matching: "refs/remotes/\(name)/*").isEmpty {
        result.outcome = .emptyRemote
        return result
      }
      throw SyncError.notAWorkspace(what: "\(label) (the remote has no branch '\(branch)')")
    }
    try checkIsWorkspace(theirs, label: label)
    // Also what an earlier plain `git fetch` brought, which no check has seen.
    if let unsafe = try repo.unsafeEntry(reachableFrom: [theirs], excluding: before.map { [$0] } ?? []) {
      throw SyncError.unsafeHistory(url: label, entry: unsafe.description)
    }
    var merging: (base: ObjectID, ours: ObjectID)?
    try commit { snapshot in
      merging = nil
      guard let ours = snapshot.commit else { return nil }
      if try ours == theirs || self.repo.isAncestor(theirs, of: ours) {
        result.outcome = .upToDate
        return nil
      }
      let ourTree = try self.repo.commit(ours).tree
      if try self.repo.isAncestor(ours, of: theirs) {
        var files: [String: [UInt8]?] = [:]
        for change in try self.repo.changedPaths(from: ourTree, to: self.repo.commit(theirs).tree) {
          files[change.path] = try change.new.map { id throws in try self.repo.blob(id) }
        }
        result.outcome = .fastForward
        result.changedFiles = files.count
        return Operation(files: files, subject: "Fast-forward to \(label)", fastForward: theirs)
      }
      guard let base = try self.repo.mergeBase(ours, theirs) else { throw SyncError.unrelatedHistories(remote: label) }
      let merge = WorkspaceMerge(repo: self.repo, author: try self.author(), date: self.clock(), theirsLabel: label)
      let merged = try merge.run(base: base, ours: ours, theirs: theirs)
      merging = (base, ours)
      result.outcome = .merged
      result.changedFiles = merged.files.count
      result.mergedClaims = merged.mergedClaims.sorted()
      result.conflicts = merged.conflicts
      let flagged = Set(merged.conflicts.filter { $0.kind == "claim" }.map(\.id)).sorted()
      var subject = "Merge \(label)"
      if !merged.mergedClaims.isEmpty { subject += ": \(merged.mergedClaims.count) claims merged" }
      if !flagged.isEmpty { subject += ", \(flagged.count) flagged for review" }
      let body =
        merged.conflicts.isEmpty
        ? nil
        : merged.conflicts.map { "\($0.kind) \($0.id): conflicting \($0.field); kept '\($0.kept)'" }.joined(
          separator: "\n")
      return Operation(
        files: merged.files, subject: subject, body: body,
        trailers: [("Vet-Action", "merge"), ("Merge", "\(label) \(theirs.hex)")] + flagged.map { ("Claim", $0) }
          + merged.mergeEntries.map { ("Entry", $0) },
        parents: [theirs])
    }
    if let merging {
      // Two ingests of one article, made apart, meet here: one claim each, not two.
      result.twins = try linkTwins(base: merging.base, ours: merging.ours, theirs: theirs)
    }
    result.to = try repo.head()?.hex
    return result
  }

  /// Sends this branch to a remote; only a fast-forward is ever pushed.
  ///
  /// - Throws: `SyncError.nonFastForward` when the remote has work this
  ///   workspace lacks; `.rejected` with the server's words when a hook refuses.
  public func push(remote: String? = nil, options: TransferOptions = TransferOptions()) throws -> PushResult {
    let name = try resolveRemote(remote)
    let branch = try branchName()
    guard let head = try repo.head() else { throw WorkbenchError.notAWorkspace(path: root) }
    let tracking = "refs/remotes/\(name)/\(branch)"
    let before = try repo.reference(named: tracking)
    let remoteHandle = try repo.remote(named: name)
    let auth = TransferAuthentication(url: remoteHandle.url, environment: environment, directory: root)
    let ref = "refs/heads/\(branch)"
    do {
      try remoteHandle.push(
        refspecs: ["\(ref):\(ref)"],
        callbacks: auth.callbacks(progress: options.progress, serverMessage: options.serverMessage))
      auth.finish(succeeded: true)
    } catch let rejection as PushRejection {
      auth.finish(succeeded: true)
      if rejection.reason.contains("non-fast-forward") || rejection.reason.contains("fetch first") {
        throw SyncError.nonFastForward(remote: name, branch: branch)
      }
      throw SyncError.rejected(
        remote: name, branch: branch, reason: Terminal.escape(rejection.reason),
        serverSaid: rejection.serverMessages.map { Terminal.escape($0) })
    } catch GitError.nonFastForward {
      throw SyncError.nonFastForward(remote: name, branch: branch)
    } catch {
      throw Self.describe(error, url: auth.url, auth: auth)
    }
    // The remote-tracking branch follows, as after `git push`, for `vet status`.
    let old = try repo.reference(named: tracking)
    if old != head {
      let lock = try WorkspaceLock(directory: stateDirectory)
      defer { withExtendedLifetime(lock) {} }
      try moveTrackingReference(tracking, from: old, to: head, committer: transferCommitter(), message: "vet: push")
    }
    try setUpstreamIfMissing(remote: name, branch: branch)
    return PushResult(
      remote: name, branch: branch, outcome: before == head ? .upToDate : .pushed, from: before?.hex, to: head.hex)
  }

  /// Pulls, then pushes: afterwards this workspace and the remote hold the same work.
  public func sync(remote: String? = nil, options: TransferOptions = TransferOptions()) throws -> SyncResult {
    let name = try resolveRemote(remote)
    let pulled = try pull(remote: name, options: options)
    let pushed = try push(remote: name, options: options)
    return SyncResult(pull: pulled, push: pushed)
  }

  /// Downloads from a remote into its remote-tracking branches; the workspace itself does not change.
  ///
  /// What arrives is checked before any reference moves (`Repository.unsafeEntry`):
  /// a history with an entry git refuses to check out is refused and the
  /// packs it brought removed. The references are then moved by vet, each
  /// through a lock it records (`LockFile`), so a fetch killed part-way leaves
  /// no lock that the next command cannot prove its own. Holds the workspace
  /// lock, so that no vet command meets what is refused.
  @discardableResult
  public func fetch(remote name: String, options: TransferOptions = TransferOptions()) throws -> FetchStatistics {
    let remote = try repo.remote(named: name)
    let auth = TransferAuthentication(url: remote.url, environment: environment, directory: root)
    let lock = try WorkspaceLock(directory: stateDirectory)
    defer { withExtendedLifetime(lock) {} }
    let packsBefore = Set(repo.packNames())
    let stats: FetchStatistics
    let updates: [Remote.TrackingUpdate]
    do {
      (stats, updates) = try remote.download(
        callbacks: auth.callbacks(progress: options.progress, serverMessage: options.serverMessage))
      auth.finish(succeeded: true)
    } catch {
      throw Self.describe(error, url: auth.url, auth: auth)
    }
    var moves: [(update: Remote.TrackingUpdate, old: ObjectID?)] = []
    for update in updates {
      let old = try repo.reference(named: update.reference)
      if old == update.target || (update.isFollowedTag && old != nil) { continue }
      moves.append((update, old))
    }
    guard !moves.isEmpty else { return stats }
    let known = try Array(referenceTargets(matching: "refs/heads/*").values) + moves.compactMap(\.old)
    if let unsafe = try repo.unsafeEntry(reachableFrom: moves.map(\.update.target), excluding: known) {
      try repo.discardPacks(repo.packNames().filter { !packsBefore.contains($0) })
      throw SyncError.unsafeHistory(url: auth.url.redacted, entry: unsafe.description)
    }
    let committer = transferCommitter()
    for (update, old) in moves {
      // Without "+", git moves a reference only forward.
      if !update.force, let old, try !repo.isAncestor(old, of: update.target) { continue }
      try moveTrackingReference(
        update.reference, from: old, to: update.target, committer: committer, message: "vet: fetch \(name)")
    }
    return stats
  }

  /// Points a reference a transfer moves (a remote-tracking branch, a tag) at
  /// `target` through its lock, as git does; left alone when another process
  /// moved it since it was read.
  private func moveTrackingReference(
    _ reference: String, from old: ObjectID?, to target: ObjectID, committer: Signature, message: String
  ) throws {
    do {
      let lock = try repo.lockReference(
        reference, kind: .fetched, recordFolder: stateDirectory, timeout: Self.lockTimeout)
      _ = try repo.updateReference(
        reference, to: target, expecting: old, holding: lock, committer: committer, message: message)
    } catch .locked {
      throw WorkbenchError.lockHeld(path: repo.referencePath(reference) + ".lock", waited: Self.lockTimeout)
    } catch {
      throw WorkbenchError.git(operation: "update \(reference)", message: error.message)
    }
  }

  /// Who the reflog of a reference a transfer moved names: the committer, or
  /// vet when none is configured (a transfer needs no identity).
  private func transferCommitter() -> Signature {
    let now = clock()
    if let identity = try? Identity.resolve(config: repo.config(), environment: environment, now: now) {
      return identity.committer
    }
    return Signature(
      name: "vet", email: "vet@localhost", date: now, offsetMinutes: Identity.localOffsetMinutes(at: now))
  }

  /// The commits the references matching `glob` point to, by name; symbolic ones (`origin/HEAD`) left out.
  private func referenceTargets(matching glob: String) throws -> [String: ObjectID] {
    var targets: [String: ObjectID] = [:]
    for name in try repo.referenceNames(matching: glob) where try repo.symbolicTarget(of: name) == nil {
      targets[name] = try repo.reference(named: name)
    }
    return targets
  }

  // MARK: - Helpers

  /// The short name of the branch HEAD is on.
  func branchName() throws -> String {
    guard let branch = try repo.headBranch(), branch.hasPrefix("refs/heads/") else { throw SyncError.detachedHead }
    return String(branch.dropFirst("refs/heads/".count))
  }

  /// The remote a command means: the one named, else the branch's upstream,
  /// else `origin`, else the only one.
  func resolveRemote(_ name: String?) throws -> String {
    let known = try repo.remotes().map(\.name)
    if let name {
      guard known.contains(name) else { throw SyncError.unknownRemote(name: Terminal.escape(name), known: known) }
      return name
    }
    guard !known.isEmpty else { throw SyncError.noRemote }
    if let branch = try? branchName(), let upstream = try repo.config().string("branch.\(branch).remote"),
      known.contains(upstream)
    {
      return upstream
    }
    if known.contains("origin") { return "origin" }
    if known.count == 1, let only = known.first { return only }
    throw SyncError.ambiguousRemote(known: known)
  }

  /// Records `remote` as the branch's upstream, so plain `git pull` and `git push` agree with vet.
  private func setUpstreamIfMissing(remote: String, branch: String) throws {
    let config = try repo.localConfig()
    if try config.string("branch.\(branch).remote") == nil {
      try config.set("branch.\(branch).remote", remote)
      try config.set("branch.\(branch).merge", "refs/heads/\(branch)")
    }
  }

  /// Refuses to merge a commit that does not hold a vet workspace this vet can read.
  private func checkIsWorkspace(_ commit: ObjectID, label: String) throws {
    let snapshot = try Snapshot(repo: repo, commit: commit)
    guard try snapshot.blobID(WorkspaceConfig.path) != nil else { throw SyncError.notAWorkspace(what: label) }
    do {
      _ = try snapshot.config()
    } catch WorkbenchError.unsupportedFormat(_, let found, let supported) {
      throw WorkbenchError.unsupportedFormat(
        file: "\(label):\(WorkspaceConfig.path)", found: found, supported: supported)
    }
  }

  /// Turns a libgit2 transfer failure into a message a person can act on.
  static func describe(_ error: any Error, url: RemoteURL, auth: TransferAuthentication) -> any Error {
    guard let error = error as? GitError else { return error }
    let shown = url.redacted
    let detail = Terminal.escape(error.message)
    if error.code == GitError.authentication.code {
      auth.finish(succeeded: false)
      return SyncError.authentication(url: shown, detail: detail)
    }
    if error.code == GitError.certificate.code { return SyncError.hostKey(detail: detail) }
    let message = error.message.lowercased()
    if message.contains("authentication") || message.contains("401") || message.contains("unauthorized") {
      auth.finish(succeeded: false)
      return SyncError.authentication(url: shown, detail: detail)
    }
    let unreachable = [
      "failed to connect", "connection refused", "could not resolve", "failed to resolve", "no route to host",
      "network is unreachable", "failed to start ssh session", "timed out",
    ]
    if unreachable.contains(where: message.contains) { return SyncError.unreachable(url: shown, detail: detail) }
    let broken = [
      "early eof", "unexpected eof", "connection reset", "broken pipe", "closed", "incomplete", "short read",
      "truncated", "remote hung up", "failed to receive", "failed to send", "error reading", "error sending",
      "unexpected end", "sideband", "packet",
    ]
    if broken.contains(where: message.contains) { return SyncError.interrupted(url: shown, detail: detail) }
    if message.contains("does not appear to be a git repository") || message.contains("not found")
      || message.contains("repository not exported") || message.contains("404")
    {
      return SyncError.notAWorkspace(what: shown + " (\(detail))")
    }
    return SyncError.transfer(url: shown, detail: detail)
  }
}
