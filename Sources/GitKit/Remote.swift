import CGit2
import Foundation

/// A configured remote, as a value.
public struct RemoteInfo: Sendable, Hashable {
  public var name: String
  /// The fetch URL exactly as configured (it may hold a user name; show it through `redactedURL`).
  public var url: String
  /// The push URL, when it differs from `url`.
  public var pushURL: String?
}

/// What a fetch brought.
public struct FetchStatistics: Sendable, Hashable {
  /// Objects the server sent.
  public var receivedObjects: Int
  /// Bytes the server sent.
  public var receivedBytes: Int
  /// Objects already present locally and used to complete a thin pack.
  public var localObjects: Int
}

/// A remote repository, owning its `git_remote` (freed in `deinit`).
public final class Remote {
  let pointer: OpaquePointer
  private let repository: Repository?

  /// Takes ownership of a `git_remote`; keeps its repository open while it lives.
  init(owning pointer: OpaquePointer, repository: Repository?) {
    self.pointer = pointer
    self.repository = repository
  }

  deinit { git_remote_free(pointer) }

  /// The remote's name; nil for an anonymous remote.
  ///
  /// Wraps `git_remote_name`.
  public var name: String? { git_remote_name(pointer).map { String(cString: $0) } }

  /// The fetch URL.
  ///
  /// Wraps `git_remote_url`.
  public var url: String { git_remote_url(pointer).map { String(cString: $0) } ?? "" }

  /// Downloads what the remote has that this repository lacks and updates the
  /// remote-tracking references (`refs/remotes/<name>/*`).
  ///
  /// On failure nothing but unreferenced objects is left behind: references
  /// move only after the whole pack has arrived and been indexed.
  /// - Parameters:
  ///   - refspecs: what to fetch; empty uses the remote's configured refspecs.
  ///   - callbacks: credentials, host-key check, progress.
  ///   - reflogMessage: recorded in the reflog of each updated reference.
  /// - Returns: what was received.
  /// - Throws: `GitError` (`.authentication`, `.certificate`, a network error, …)
  ///   carrying the callback's or the server's explanation.
  /// Wraps `git_remote_fetch` with `git_fetch_options_init`.
  @discardableResult
  public func fetch(refspecs: [String] = [], callbacks: TransferCallbacks, reflogMessage: String? = nil)
    throws(GitError)
    -> FetchStatistics
  {
    try loadCertificatesIfNeeded()
    var options = git_fetch_options()
    try check("git_fetch_options_init") { git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)) }
    let context = TransferContext(callbacks)
    context.install(into: &options.callbacks)
    let code = withExtendedLifetime(context) {
      StringArray.with(refspecs) { array in
        git_remote_fetch(pointer, refspecs.isEmpty ? nil : array, &options, reflogMessage)
      }
    }
    if code < 0 { throw context.error(code: code, function: "git_remote_fetch") }
    guard let stats = git_remote_stats(pointer)?.pointee else {
      return FetchStatistics(receivedObjects: 0, receivedBytes: 0, localObjects: 0)
    }
    return FetchStatistics(
      receivedObjects: Int(stats.received_objects), receivedBytes: stats.received_bytes,
      localObjects: Int(stats.local_objects))
  }

  /// A reference the remote advertised, and what a fetch should make of it here.
  public struct TrackingUpdate: Sendable, Hashable {
    /// The local reference it maps to (`refs/remotes/origin/main`, `refs/tags/v1`).
    public var reference: String
    /// The commit (or tag object) the remote has there.
    public var target: ObjectID
    /// Whether the refspec allows moving it to a commit that does not descend from the old one (`+`).
    public var force: Bool
    /// A tag followed because its object arrived: created where missing, never moved.
    public var isFollowedTag: Bool
  }

  /// Downloads what the remote has that this repository lacks, without
  /// changing any reference here, and says which references the fetch maps it to.
  ///
  /// `git_remote_fetch` writes the remote-tracking references itself, each
  /// through its own lock file: a process killed at that moment leaves a lock
  /// no later command can prove stale. Here the caller moves them, through
  /// locks it can recognise as its own (`LockFile`). No `FETCH_HEAD` is written.
  /// - Parameter callbacks: credentials, host-key check, progress.
  /// - Returns: what was received, and for each advertised reference that one
  ///   of the remote's fetch refspecs maps (or a tag whose object is now
  ///   here, as git follows tags), the local reference and its new target.
  /// - Throws: `GitError`, as `fetch` does.
  /// Wraps `git_remote_download`, `git_remote_ls` and `git_refspec_transform`.
  public func download(callbacks: TransferCallbacks) throws(GitError) -> (FetchStatistics, [TrackingUpdate]) {
    try loadCertificatesIfNeeded()
    var options = git_fetch_options()
    try check("git_fetch_options_init") { git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)) }
    let context = TransferContext(callbacks)
    context.install(into: &options.callbacks)
    let code = withExtendedLifetime(context) { git_remote_download(pointer, nil, &options) }
    git_remote_disconnect(pointer)
    if code < 0 { throw context.error(code: code, function: "git_remote_download") }
    let stats = git_remote_stats(pointer)?.pointee
    let statistics = FetchStatistics(
      receivedObjects: Int(stats?.received_objects ?? 0), receivedBytes: stats?.received_bytes ?? 0,
      localObjects: Int(stats?.local_objects ?? 0))
    return (statistics, try trackingUpdates())
  }

  /// The advertised references mapped through the fetch refspecs, and the followed tags.
  private func trackingUpdates() throws(GitError) -> [TrackingUpdate] {
    var heads: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
    var count = 0
    try check("git_remote_ls") { git_remote_ls(&heads, &count, pointer) }
    var odb: OpaquePointer?
    if let repository { try check("git_repository_odb") { git_repository_odb(&odb, repository.pointer) } }
    defer { git_odb_free(odb) }
    let specs = (0..<git_remote_refspec_count(pointer)).compactMap { git_remote_get_refspec(pointer, $0) }
      .filter { git_refspec_direction($0) == GIT_DIRECTION_FETCH }
    var updates: [TrackingUpdate] = []
    var mapped = Set<String>()
    for index in 0..<count {
      guard let head = heads?[index]?.pointee, let cName = head.name else { continue }
      let name = String(cString: cName)
      // "refs/tags/v1^{}" is the peeled id of an annotated tag, not a reference.
      if name.hasSuffix("^{}") { continue }
      let target = ObjectID(head.oid)
      for spec in specs where git_refspec_src_matches(spec, cName) == 1 {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try check("git_refspec_transform") { git_refspec_transform(&buffer, spec, cName) }
        guard let bytes = buffer.ptr else { continue }
        let local = String(cString: bytes)
        guard mapped.insert(local).inserted else { continue }
        updates.append(
          TrackingUpdate(reference: local, target: target, force: git_refspec_force(spec) == 1, isFollowedTag: false))
      }
      if name.hasPrefix("refs/tags/"), !mapped.contains(name), let odb {
        var oid = target.raw
        if git_odb_exists(odb, &oid) == 1 {
          mapped.insert(name)
          updates.append(TrackingUpdate(reference: name, target: target, force: false, isFollowedTag: true))
        }
      }
    }
    return updates
  }

  /// Sends references and the objects they need to the remote; no reference changes here.
  ///
  /// A server may accept the connection and still refuse a reference (a hook,
  /// a protected branch); libgit2 reports that only through a callback, so it
  /// is turned into a `PushRejection` here.
  /// - Parameters:
  ///   - refspecs: "refs/heads/main:refs/heads/main"; no "+", so only fast-forwards are sent.
  ///   - callbacks: credentials, host-key check, progress.
  /// - Throws: `PushRejection` when the server refused a reference; `GitError`
  ///   (`.nonFastForward` when the remote has commits this repository lacks, …) otherwise.
  /// Wraps `git_remote_upload` with `git_push_options_init`.
  public func push(refspecs: [String], callbacks: TransferCallbacks) throws {
    try loadCertificatesIfNeeded()
    var options = git_push_options()
    try check("git_push_options_init") { git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)) }
    let context = TransferContext(callbacks)
    context.install(into: &options.callbacks)
    // Uploads only: `git_remote_push` would then move the remote-tracking
    // branches itself, through locks a killed process leaves behind; the caller moves them.
    let code = withExtendedLifetime(context) {
      StringArray.with(refspecs) { array in git_remote_upload(pointer, array, &options) }
    }
    git_remote_disconnect(pointer)
    if let rejection = context.pushRejection { throw rejection }
    if code < 0 { throw context.error(code: code, function: "git_remote_upload") }
  }

  /// Loads the CA certificates before a transfer that may use TLS (http:// may redirect to https://).
  private func loadCertificatesIfNeeded() throws(GitError) {
    let urls = [git_remote_url(pointer), git_remote_pushurl(pointer)].compactMap { $0.map { String(cString: $0) } }
    guard urls.contains(where: Git.mayUseTLS) else { return }
    try Git.loadCertificates(config: try repository?.config())
  }
}

extension Repository {
  /// The configured remotes, in configuration order.
  ///
  /// Wraps `git_remote_list`, `git_remote_lookup`, `git_remote_url` and `git_remote_pushurl`.
  public func remotes() throws(GitError) -> [RemoteInfo] {
    var names = git_strarray()
    try check("git_remote_list") { git_remote_list(&names, pointer) }
    defer { git_strarray_dispose(&names) }
    var result: [RemoteInfo] = []
    for i in 0..<names.count {
      guard let name = names.strings[i].map({ String(cString: $0) }) else { continue }
      var remote: OpaquePointer?
      try check("git_remote_lookup") { git_remote_lookup(&remote, pointer, name) }
      defer { git_remote_free(remote) }
      result.append(
        RemoteInfo(
          name: name, url: git_remote_url(remote).map { String(cString: $0) } ?? "",
          pushURL: git_remote_pushurl(remote).map { String(cString: $0) }))
    }
    return result
  }

  /// Opens the remote called `name`.
  /// - Throws: `GitError.notFound` when there is none.
  /// Wraps `git_remote_lookup`.
  public func remote(named name: String) throws(GitError) -> Remote {
    var remote: OpaquePointer?
    try check("git_remote_lookup") { git_remote_lookup(&remote, pointer, name) }
    guard let remote else { throw GitError(message: "no remote", function: "git_remote_lookup") }
    return Remote(owning: remote, repository: self)
  }

  /// A remote for a URL that is not configured (nothing is written to the config).
  ///
  /// Wraps `git_remote_create_anonymous`.
  public func anonymousRemote(url: String) throws(GitError) -> Remote {
    var remote: OpaquePointer?
    try check("git_remote_create_anonymous") { git_remote_create_anonymous(&remote, pointer, url) }
    guard let remote else { throw GitError(message: "no remote", function: "git_remote_create_anonymous") }
    return Remote(owning: remote, repository: self)
  }

  /// Adds a remote with git's default fetch refspec (`+refs/heads/*:refs/remotes/<name>/*`).
  /// - Throws: `GitError.exists` when the name is taken; `GitError` for an invalid name or URL.
  /// Wraps `git_remote_create`.
  public func addRemote(name: String, url: String) throws(GitError) {
    var remote: OpaquePointer?
    try check("git_remote_create") { git_remote_create(&remote, pointer, name, url) }
    git_remote_free(remote)
  }

  /// Removes a remote, its configuration and its remote-tracking references.
  ///
  /// Wraps `git_remote_delete`.
  public func removeRemote(name: String) throws(GitError) {
    try check("git_remote_delete") { git_remote_delete(pointer, name) }
  }

  /// Whether `name` is a valid remote name.
  ///
  /// Wraps `git_remote_name_is_valid`.
  public static func isValidRemoteName(_ name: String) -> Bool {
    var valid: Int32 = 0
    return git_remote_name_is_valid(&valid, name) == 0 && valid == 1
  }

  /// Clones `url` into `path` and checks out its default branch.
  ///
  /// `receive` then `FreshClone.checkOut`, with nothing checked in between.
  /// - Parameters:
  ///   - url: any URL libgit2 understands (path, file://, git://, ssh://, user@host:path, http(s)://).
  ///   - path: the folder to create.
  ///   - callbacks: credentials, host-key check, progress.
  public static func clone(url: String, to path: String, callbacks: TransferCallbacks) throws(GitError) -> Repository {
    let clone = try receive(url: url, into: path, callbacks: callbacks)
    try clone.checkOut()
    return clone.repository
  }

  /// Clones `url` into `path` without writing its working tree yet, so that
  /// what was received can be checked before any file of it is written.
  ///
  /// libgit2 removes what it created when the transfer fails, so a failed
  /// clone leaves no half-made folder behind. The received pack is indexed by
  /// `PackIndexer` (through `ClonePackBackend`) rather than libgit2's indexer.
  /// - Parameters:
  ///   - url: any URL libgit2 understands (path, file://, git://, ssh://, user@host:path, http(s)://).
  ///   - path: the folder to create.
  ///   - callbacks: credentials, host-key check, progress.
  /// Wraps `git_clone` with `git_clone_options_init` and a `repository_cb`.
  public static func receive(url: String, into path: String, callbacks: TransferCallbacks) throws(GitError)
    -> FreshClone
  {
    try Git.bootstrap()
    if Git.mayUseTLS(url) { try Git.loadCertificates(config: try? Config.openDefault()) }
    var options = git_clone_options()
    try check("git_clone_options_init") { git_clone_options_init(&options, UInt32(GIT_CLONE_OPTIONS_VERSION)) }
    // Checked out by `FreshClone.checkOut`, once what was received has been checked.
    options.checkout_opts.checkout_strategy = GIT_CHECKOUT_NONE.rawValue
    // The received pack is indexed by vet's two-threaded indexer (`ClonePackBackend`).
    options.repository_cb = ClonePackBackend.createRepository
    let session = ClonePackBackend.Session()
    options.repository_cb_payload = Unmanaged.passUnretained(session).toOpaque()
    let context = TransferContext(callbacks)
    context.install(into: &options.fetch_opts.callbacks)
    var repo: OpaquePointer?
    let code = withExtendedLifetime((context, session)) { git_clone(&repo, url, path, &options) }
    if code < 0 { throw context.error(code: code, function: "git_clone") }
    guard let repo else { throw GitError(message: "no repository", function: "git_clone") }
    // Reopened without the clone's backend, so that later fetches through this
    // handle go to libgit2's indexer, which completes thin packs.
    let gitDirectory = String(cString: git_repository_path(repo))
    git_repository_free(repo)
    let repository = try Repository.open(at: gitDirectory)
    try repository.createBranchIfUnborn()
    return FreshClone(repository: repository, pack: session.indexedPack, refusedTrees: session.refusedTrees)
  }

  /// Writes HEAD's files into a working directory that has none yet, and the index.
  ///
  /// Where no filter can apply and the tree holds only files and folders,
  /// `FreshCheckout` writes them in pack order, on two threads; otherwise
  /// libgit2's checkout does. Filters are skipped when they could not change a byte — no CRLF or
  /// `ident` conversion configured or asked for by the root `.gitattributes` —
  /// because libgit2 looks attributes up, path by path, for every file: on a
  /// 10,000-file workspace that is most of the checkout's cost.
  /// - Parameter pack: the pack the clone just indexed, which `FreshCheckout`
  ///   reads blobs from directly.
  /// Wraps `git_checkout_head` with `git_checkout_options_init`.
  func checkOutFreshWorkingTree(pack: IndexedPack? = nil) throws(GitError) {
    guard let head = try head() else { return }
    let filters = try filtersCanChangeContent()
    if !filters, let workdir = workingDirectory,
      try FreshCheckout(repository: self, workdir: workdir, pack: pack).run(tree: try commit(head).tree)
    {
      return
    }
    var options = git_checkout_options()
    try check("git_checkout_options_init") { git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)) }
    // The folder is new: nothing in it can be lost.
    options.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue
    options.disable_filters = filters ? 0 : 1
    try check("git_checkout_head") { git_checkout_head(pointer, &options) }
  }

  /// Whether checking out could convert content: CRLF line endings or `ident` expansion.
  func filtersCanChangeContent() throws(GitError) -> Bool {
    let config = try config()
    if let autocrlf = try? config.string("core.autocrlf"), ["true", "input"].contains(autocrlf.lowercased()) {
      return true
    }
    if let eol = try? config.string("core.eol"), eol.lowercased() == "crlf" { return true }
    guard let head = try head(), let entry = try tree(commit(head).tree).entry(atPath: ".gitattributes") else {
      return false
    }
    let text = String(decoding: try blob(entry.id), as: UTF8.self).lowercased()
    return text.contains("crlf") || text.contains("ident") || text.contains("text=auto") || text.contains("filter")
  }

  /// After a clone whose remote HEAD names a branch that does not exist (a bare
  /// repository made with another default branch), points HEAD at a branch
  /// that does: "main", else "master", else the first, with it as upstream.
  ///
  /// Wraps `git_reference_create` and `git_repository_set_head`.
  func createBranchIfUnborn() throws(GitError) {
    guard try head() == nil else { return }
    let branches = try referenceNames(matching: "refs/remotes/origin/*").filter { !$0.hasSuffix("/HEAD") }
    let prefix = "refs/remotes/origin/"
    guard
      let chosen = branches.first(where: { $0 == prefix + "main" }) ?? branches.first(where: { $0 == prefix + "master" }
      )
        ?? branches.sorted().first,
      let tip = try reference(named: chosen)
    else { return }
    let name = String(chosen.dropFirst(prefix.count))
    try updateReference("refs/heads/" + name, to: tip, expecting: nil, message: "clone: from origin/" + name)
    try check("git_repository_set_head") { git_repository_set_head(pointer, "refs/heads/" + name) }
    let config = try localConfig()
    try config.set("branch.\(name).remote", "origin")
    try config.set("branch.\(name).merge", "refs/heads/" + name)
  }
}

/// Passing Swift strings to libgit2 as a `git_strarray`.
enum StringArray {
  static func with<R>(_ strings: [String], _ body: (UnsafeMutablePointer<git_strarray>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    var pointers: [UnsafeMutablePointer<CChar>?] = copies
    return pointers.withUnsafeMutableBufferPointer { buffer in
      var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
      return body(&array)
    }
  }
}

/// A repository just received by `Repository.receive`, its working tree not yet written.
public struct FreshClone {
  public let repository: Repository
  /// The pack the clone indexed, which the checkout reads blobs from directly.
  let pack: IndexedPack?
  /// The received trees holding an entry `TreeEntryRules` refuses, found
  /// while the pack was indexed; nil when it was not indexed by vet (a local
  /// clone), so nothing is known until the history is walked.
  public let refusedTrees: [RefusedTree]?

  /// Writes HEAD's files and git's index (`Repository.checkOutFreshWorkingTree`).
  public func checkOut() throws(GitError) {
    try repository.checkOutFreshWorkingTree(pack: pack)
  }
}
