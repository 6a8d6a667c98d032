import CGit2
import Dispatch
import Foundation
import Synchronization

/// An open git repository.
///
/// Owns a `git_repository` handle and frees it in `deinit`. Not thread-safe:
/// use one `Repository` per thread, as libgit2 asks.
public final class Repository {
  let pointer: OpaquePointer

  /// Takes ownership of a `git_repository` handle.
  init(owning pointer: OpaquePointer) {
    self.pointer = pointer
  }

  deinit { git_repository_free(pointer) }

  /// Opens the repository at `path`, or the one enclosing it when `search` is true.
  ///
  /// - Parameters:
  ///   - path: a working directory, a folder inside one, or a git directory.
  ///   - search: look in parent folders too, as git does.
  /// - Throws: `GitError.notFound` when there is no repository there.
  /// Wraps `git_repository_open_ext`.
  public static func open(at path: String, search: Bool = false) throws(GitError) -> Repository {
    try Git.bootstrap()
    var repo: OpaquePointer?
    let flags = search ? 0 : GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue
    try check("git_repository_open_ext") { git_repository_open_ext(&repo, path, flags, nil) }
    guard let repo else { throw GitError(message: "no repository", function: "git_repository_open_ext") }
    return Repository(owning: repo)
  }

  /// Creates a repository with a working directory at `path`.
  ///
  /// - Parameters:
  ///   - path: the working directory to create (parents are made as needed).
  ///   - initialBranch: the branch HEAD points to.
  ///   - bare: create a bare repository with no working directory.
  /// Wraps `git_repository_init_ext`.
  public static func create(at path: String, initialBranch: String = "main", bare: Bool = false)
    throws(GitError) -> Repository
  {
    try Git.bootstrap()
    var options = git_repository_init_options()
    try check("git_repository_init_options_init") {
      git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION))
    }
    options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue | GIT_REPOSITORY_INIT_NO_REINIT.rawValue
    if bare { options.flags |= GIT_REPOSITORY_INIT_BARE.rawValue }
    var repo: OpaquePointer?
    let branch = strdup(initialBranch)
    defer { free(branch) }
    options.initial_head = UnsafePointer(branch)
    try check("git_repository_init_ext") { git_repository_init_ext(&repo, path, &options) }
    guard let repo else { throw GitError(message: "no repository", function: "git_repository_init_ext") }
    return Repository(owning: repo)
  }

  /// The working directory, with a trailing slash; nil for a bare repository.
  ///
  /// Wraps `git_repository_workdir`.
  public var workingDirectory: String? {
    git_repository_workdir(pointer).map { String(cString: $0) }
  }

  /// The git directory (`.git/`), with a trailing slash.
  ///
  /// Wraps `git_repository_path`.
  public var gitDirectory: String { String(cString: git_repository_path(pointer)) }

  /// Whether the repository has no working directory.
  ///
  /// Wraps `git_repository_is_bare`.
  public var isBare: Bool { git_repository_is_bare(pointer) == 1 }

  // MARK: - References

  /// The full name of the branch HEAD points to, for example "refs/heads/main".
  ///
  /// - Returns: nil when HEAD is detached.
  public func headBranch() throws(GitError) -> String? {
    try symbolicTarget(of: "HEAD")
  }

  /// The name a symbolic reference points to; nil when `name` points straight at an object.
  ///
  /// Wraps `git_reference_lookup` and `git_reference_symbolic_target`.
  public func symbolicTarget(of name: String) throws(GitError) -> String? {
    var ref: OpaquePointer?
    try check("git_reference_lookup") { git_reference_lookup(&ref, pointer, name) }
    defer { git_reference_free(ref) }
    guard let target = git_reference_symbolic_target(ref) else { return nil }
    return String(cString: target)
  }

  /// The commit HEAD points to, or nil on a branch with no commits yet.
  ///
  /// Wraps `git_reference_name_to_id`.
  public func head() throws(GitError) -> ObjectID? {
    var oid = git_oid()
    let code = git_reference_name_to_id(&oid, pointer, "HEAD")
    if code == GIT_ENOTFOUND.rawValue || code == GIT_EUNBORNBRANCH.rawValue { return nil }
    if code < 0 { throw GitError(code: code, function: "git_reference_name_to_id") }
    return ObjectID(oid)
  }

  /// The id a reference resolves to, or nil when it does not exist.
  ///
  /// Wraps `git_reference_name_to_id`.
  public func reference(named name: String) throws(GitError) -> ObjectID? {
    var oid = git_oid()
    let code = git_reference_name_to_id(&oid, pointer, name)
    if code == GIT_ENOTFOUND.rawValue || code == GIT_EUNBORNBRANCH.rawValue { return nil }
    if code < 0 { throw GitError(code: code, function: "git_reference_name_to_id") }
    return ObjectID(oid)
  }

  /// Points a reference at `target` only if it still points at `expected`.
  ///
  /// The compare-and-swap that keeps concurrent writers from losing updates.
  /// - Parameters:
  ///   - name: the full reference name.
  ///   - target: the new value.
  ///   - expected: the value it must have now; nil means it must not exist yet.
  ///   - message: the reflog message.
  /// - Throws: `GitError.modified` or `GitError.exists` when another writer got
  ///   there first; `GitError.locked` when the reference's lock is held.
  /// Wraps `git_reference_create_matching` and `git_reference_create`.
  public func updateReference(
    _ name: String, to target: ObjectID, expecting expected: ObjectID?, message: String
  ) throws(GitError) {
    var ref: OpaquePointer?
    var new = target.raw
    if var old = expected?.raw {
      try check("git_reference_create_matching") {
        git_reference_create_matching(&ref, pointer, name, &new, 1, &old, message)
      }
    } else {
      try check("git_reference_create") { git_reference_create(&ref, pointer, name, &new, 0, message) }
    }
    git_reference_free(ref)
  }

  /// The names of references matching `glob`, for example "refs/remotes/origin/*".
  ///
  /// Wraps `git_reference_iterator_glob_new`.
  public func referenceNames(matching glob: String) throws(GitError) -> [String] {
    var iterator: OpaquePointer?
    try check("git_reference_iterator_glob_new") {
      git_reference_iterator_glob_new(&iterator, pointer, glob)
    }
    defer { git_reference_iterator_free(iterator) }
    var names: [String] = []
    var name: UnsafePointer<CChar>?
    while git_reference_next_name(&name, iterator) == 0, let name {
      names.append(String(cString: name))
    }
    return names
  }

  /// Resolves a revision expression ("HEAD~3", "main@{yesterday}", an id) to a commit.
  ///
  /// Wraps `git_revparse_single` and `git_object_peel`.
  public func resolveCommit(_ revision: String) throws(GitError) -> ObjectID {
    var object: OpaquePointer?
    try check("git_revparse_single") { git_revparse_single(&object, pointer, revision) }
    defer { git_object_free(object) }
    var peeled: OpaquePointer?
    try check("git_object_peel") { git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) }
    defer { git_object_free(peeled) }
    return ObjectID(git_object_id(peeled).pointee)
  }

  // MARK: - Objects

  /// Reads a commit.
  ///
  /// Wraps `git_commit_lookup`.
  public func commit(_ id: ObjectID) throws(GitError) -> Commit {
    var oid = id.raw
    var commit: OpaquePointer?
    try check("git_commit_lookup") { git_commit_lookup(&commit, pointer, &oid) }
    defer { git_commit_free(commit) }
    guard let commit else { throw GitError(message: "no commit", function: "git_commit_lookup") }
    return Commit(commit)
  }

  /// The newest commit on `start`'s line of first parents that was made (committer time) at or
  /// before `date`, or nil with the oldest commit's time when every commit of the line is later.
  ///
  /// Reads only each commit's time and first parent, not a `Commit` value with its message:
  /// a date far back walks tens of thousands of commits.
  /// Wraps `git_commit_lookup`, `git_commit_time` and `git_commit_parent_id`.
  public func firstParent(from start: ObjectID, madeAtOrBefore date: Date) throws(GitError) -> (
    commit: ObjectID?, oldest: Date?
  ) {
    let limit = Int64(date.timeIntervalSince1970.rounded(.down))
    var oid = start.raw
    var oldest: Int64?
    while true {
      var commit: OpaquePointer?
      try check("git_commit_lookup") { git_commit_lookup(&commit, pointer, &oid) }
      guard let commit else { throw GitError(message: "no commit", function: "git_commit_lookup") }
      defer { git_commit_free(commit) }
      let time = Int64(git_commit_time(commit))
      if time <= limit { return (ObjectID(oid), nil) }
      oldest = time
      guard git_commit_parentcount(commit) > 0, let parent = git_commit_parent_id(commit, 0) else {
        return (nil, oldest.map { Date(timeIntervalSince1970: TimeInterval($0)) })
      }
      oid = parent.pointee
    }
  }

  /// Reads a tree.
  ///
  /// Wraps `git_tree_lookup`.
  public func tree(_ id: ObjectID) throws(GitError) -> Tree {
    var oid = id.raw
    var tree: OpaquePointer?
    try check("git_tree_lookup") { git_tree_lookup(&tree, pointer, &oid) }
    guard let tree else { throw GitError(message: "no tree", function: "git_tree_lookup") }
    return Tree(owning: tree)
  }

  /// Reads a blob's content.
  ///
  /// Wraps `git_blob_lookup` and `git_blob_rawcontent`.
  public func blob(_ id: ObjectID) throws(GitError) -> [UInt8] {
    var oid = id.raw
    var blob: OpaquePointer?
    try check("git_blob_lookup") { git_blob_lookup(&blob, pointer, &oid) }
    defer { git_blob_free(blob) }
    let size = Int(git_blob_rawsize(blob))
    guard size > 0, let raw = git_blob_rawcontent(blob) else { return [] }
    return Array(UnsafeRawBufferPointer(start: raw, count: size))
  }

  /// The bytes of blob `id`, taken from the working file at `path` when that file holds exactly them.
  ///
  /// A file kept in step with HEAD usually does, and reading and hashing it
  /// costs less than finding the blob in a large pack and resolving its delta
  /// chain. The file's bytes are used only when they hash to `id`, so the
  /// result is the blob's whatever the file holds (edited, filtered, missing).
  /// - Parameters:
  ///   - id: the blob wanted.
  ///   - path: where the blob is checked out, relative to the working directory.
  /// Wraps `git_odb_hash`, then `git_blob_lookup` when the file does not match.
  public func blob(_ id: ObjectID, checkedOutAt path: String) throws(GitError) -> [UInt8] {
    try blobs([(id, path)])[0]
  }

  /// `blob(_:checkedOutAt:)` for many blobs at once: the working files are
  /// read and hashed on all cores, and only the blobs whose file does not
  /// match are read from the object database (on this thread, as libgit2 asks).
  public func blobs(_ wanted: [(id: ObjectID, path: String)]) throws(GitError) -> [[UInt8]] {
    let files = workingFiles(holding: wanted)
    var result: [[UInt8]] = []
    result.reserveCapacity(wanted.count)
    for (k, request) in wanted.enumerated() {
      if let bytes = files[k] { result.append(bytes) } else { result.append(try blob(request.id)) }
    }
    return result
  }

  /// Whether each of `wanted`'s working files holds its blob byte for byte.
  ///
  /// The files are read and hashed on all cores. False for a missing file,
  /// and for one that holds the blob only after filters (`hashWorkingFile`
  /// applies them).
  public func workingFilesHold(_ wanted: [(id: ObjectID, path: String)]) -> [Bool] {
    let files = workingFiles(holding: wanted)
    return wanted.indices.map { files[$0] != nil }
  }

  /// The bytes of each of `wanted`'s working files that holds its blob as it is, by position in `wanted`.
  private func workingFiles(holding wanted: [(id: ObjectID, path: String)]) -> [Int: [UInt8]] {
    guard let workdir = workingDirectory else { return [:] }
    let fromFiles = Mutex<[Int: [UInt8]]>([:])
    let chunks = wanted.count < 32 ? 1 : 8
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      var found: [Int: [UInt8]] = [:]
      for k in (wanted.count * chunk / chunks)..<(wanted.count * (chunk + 1) / chunks) {
        if let (bytes, _) = FileBytes.read(workdir + wanted[k].path),
          (try? ObjectID.blob(hashing: bytes)) == wanted[k].id
        {
          found[k] = bytes
        }
      }
      fromFiles.withLock { $0.merge(found) { a, _ in a } }
    }
    return fromFiles.withLock { $0 }
  }

  /// Whether the object database holds `id`.
  ///
  /// Wraps `git_odb_exists` through `git_repository_odb`.
  public func contains(_ id: ObjectID) throws(GitError) -> Bool {
    var odb: OpaquePointer?
    try check("git_repository_odb") { git_repository_odb(&odb, pointer) }
    defer { git_odb_free(odb) }
    var oid = id.raw
    return git_odb_exists(odb, &oid) == 1
  }

  /// Writes a blob.
  ///
  /// Wraps `git_blob_create_from_buffer`.
  public func writeBlob(_ bytes: [UInt8]) throws(GitError) -> ObjectID {
    var oid = git_oid()
    let code = bytes.withUnsafeBytes { buffer in
      git_blob_create_from_buffer(&oid, pointer, buffer.baseAddress, buffer.count)
    }
    if code < 0 { throw GitError(code: code, function: "git_blob_create_from_buffer") }
    return ObjectID(oid)
  }

  /// Writes a tree made from `base` with `updates` applied, touching only the changed subtrees.
  ///
  /// - Parameters:
  ///   - base: the tree to start from; nil starts from nothing.
  ///   - updates: paths to set or remove; intermediate trees are created as needed.
  /// Wraps `git_tree_create_updated`.
  public func writeTree(base: ObjectID?, applying updates: [TreeUpdate]) throws(GitError) -> ObjectID {
    var baseTree: OpaquePointer?
    if let base {
      var oid = base.raw
      try check("git_tree_lookup") { git_tree_lookup(&baseTree, pointer, &oid) }
    }
    defer { git_tree_free(baseTree) }
    let paths = updates.map { strdup($0.path) }
    defer { paths.forEach { free($0) } }
    var raw = updates.enumerated().map { i, update in
      var entry = git_tree_update()
      entry.action = update.isRemoval ? GIT_TREE_UPDATE_REMOVE : GIT_TREE_UPDATE_UPSERT
      entry.id = update.id?.raw ?? git_oid()
      entry.filemode = update.mode.raw
      entry.path = UnsafePointer(paths[i])
      return entry
    }
    var out = git_oid()
    try check("git_tree_create_updated") {
      git_tree_create_updated(&out, pointer, baseTree, raw.count, &raw)
    }
    return ObjectID(out)
  }

  /// Writes a commit object without moving any reference.
  ///
  /// - Parameters:
  ///   - tree: the commit's tree.
  ///   - parents: parent commits, first parent first.
  ///   - author: who made the change.
  ///   - committer: who recorded it.
  ///   - message: the full message, subject first.
  /// Wraps `git_commit_create`.
  public func writeCommit(
    tree: ObjectID, parents: [ObjectID], author: Signature, committer: Signature, message: String
  ) throws -> ObjectID {
    var treeOID = tree.raw
    var treeObject: OpaquePointer?
    try check("git_tree_lookup") { git_tree_lookup(&treeObject, pointer, &treeOID) }
    defer { git_tree_free(treeObject) }
    var parentObjects: [OpaquePointer?] = []
    defer { parentObjects.forEach { git_commit_free($0) } }
    for parent in parents {
      var oid = parent.raw
      var commit: OpaquePointer?
      try check("git_commit_lookup") { git_commit_lookup(&commit, pointer, &oid) }
      parentObjects.append(commit)
    }
    var out = git_oid()
    _ = try author.withRaw { authorSig in
      try committer.withRaw { committerSig in
        try check("git_commit_create") {
          git_commit_create(
            &out, pointer, nil, authorSig, committerSig, nil, message, treeObject,
            parentObjects.count, &parentObjects)
        }
      }
    }
    return ObjectID(out)
  }

  // MARK: - Working directory

  /// Hashes a working-directory file as git would store it, after filters.
  ///
  /// The bytes are hashed as they are first: that is what git stores for any
  /// file no filter converts, and it costs microseconds. Only when the result
  /// is not one of `likely` are the repository's filters (end-of-line
  /// conversion) applied, through libgit2, whose attribute lookup reads the
  /// whole index (over 100 ms at 100,000 entries).
  /// - Parameters:
  ///   - path: a path relative to the working directory.
  ///   - likely: ids the caller expects; a raw hash that is one of them is returned as is.
  /// Wraps `git_repository_hashfile`.
  public func hashWorkingFile(_ path: String, likely: [ObjectID] = []) throws(GitError) -> ObjectID {
    guard let workdir = workingDirectory else {
      throw GitError(message: "bare repository has no working files", function: "git_repository_hashfile")
    }
    if !likely.isEmpty, let data = FileManager.default.contents(atPath: workdir + path) {
      let raw = try ObjectID.blob(hashing: [UInt8](data))
      if likely.contains(raw) { return raw }
    }
    var oid = git_oid()
    try check("git_repository_hashfile") {
      git_repository_hashfile(&oid, pointer, workdir + path, GIT_OBJECT_BLOB, path)
    }
    return ObjectID(oid)
  }

  /// The index (staging area), as it is on disk now.
  ///
  /// The repository keeps one index; it is re-read only when the file changed
  /// since, which matters at 100,000 entries (a read costs over 100 ms).
  /// Wraps `git_repository_index` and `git_index_read`.
  public func index() throws(GitError) -> Index {
    var index: OpaquePointer?
    try check("git_repository_index") { git_repository_index(&index, pointer) }
    guard let index else { throw GitError(message: "no index", function: "git_repository_index") }
    let owned = Index(owning: index)
    try owned.refresh()
    return owned
  }

  /// A walk over commit history.
  public func walk() throws(GitError) -> RevisionWalk {
    try RevisionWalk(repository: self)
  }

  /// The repository's configuration (all levels, as git reads them).
  ///
  /// Wraps `git_repository_config_snapshot`.
  public func config() throws(GitError) -> Config {
    var config: OpaquePointer?
    try check("git_repository_config_snapshot") { git_repository_config_snapshot(&config, pointer) }
    guard let config else { throw GitError(message: "no config", function: "git_repository_config_snapshot") }
    return Config(owning: config)
  }

  /// The repository's own configuration file (`.git/config`), writable.
  ///
  /// Wraps `git_repository_config` and `git_config_open_level`.
  public func localConfig() throws(GitError) -> Config {
    var config: OpaquePointer?
    try check("git_repository_config") { git_repository_config(&config, pointer) }
    defer { git_config_free(config) }
    var local: OpaquePointer?
    try check("git_config_open_level") { git_config_open_level(&local, config, GIT_CONFIG_LEVEL_LOCAL) }
    guard let local else { throw GitError(message: "no config", function: "git_config_open_level") }
    return Config(owning: local)
  }

  /// Whether `ancestor` is reachable from `descendant`.
  ///
  /// Wraps `git_graph_descendant_of`.
  public func isAncestor(_ ancestor: ObjectID, of descendant: ObjectID) throws(GitError) -> Bool {
    if ancestor == descendant { return true }
    var a = descendant.raw
    var b = ancestor.raw
    return try check("git_graph_descendant_of") { git_graph_descendant_of(pointer, &a, &b) } == 1
  }

  /// Commits on each side that the other lacks.
  ///
  /// Wraps `git_graph_ahead_behind`.
  public func aheadBehind(local: ObjectID, upstream: ObjectID) throws(GitError) -> (ahead: Int, behind: Int) {
    var ahead = 0
    var behind = 0
    var l = local.raw
    var u = upstream.raw
    try check("git_graph_ahead_behind") { git_graph_ahead_behind(&ahead, &behind, pointer, &l, &u) }
    return (ahead, behind)
  }

  /// The best common ancestor of two commits, or nil when they share none.
  ///
  /// Wraps `git_merge_base`.
  public func mergeBase(_ a: ObjectID, _ b: ObjectID) throws(GitError) -> ObjectID? {
    var out = git_oid()
    var one = a.raw
    var two = b.raw
    let code = git_merge_base(&out, pointer, &one, &two)
    if code == GIT_ENOTFOUND.rawValue { return nil }
    if code < 0 { throw GitError(code: code, function: "git_merge_base") }
    return ObjectID(out)
  }
}
