import CGit2

/// Builds a pack file from chosen objects; owns its `git_packbuilder`.
///
/// One of three pack writers and readers in GitKit, each for its own job:
/// - `PackBuilder` (here): libgit2's builder, with delta search, for
///   packing loose objects and merging packs (`Repository.packLooseObjects`,
///   `repackAll`).
/// - `PackBytes` (`OnePackWrites.swift`): a pack of whole objects, no
///   deltas, for the hundreds of objects one ingest writes at once.
/// - `PackIndexer` with `PackEntries`, `PackDeltaResolver` and
///   `PackIndexWriter`: reads a pack a clone receives and writes its `.idx`,
///   as `git index-pack` does; `PackBlobReader` then checks files out of it.
public final class PackBuilder {
  let pointer: OpaquePointer

  /// Wraps `git_packbuilder_new`.
  public init(repository: Repository) throws(GitError) {
    var pb: OpaquePointer?
    try check("git_packbuilder_new") { git_packbuilder_new(&pb, repository.pointer) }
    guard let pb else { throw GitError(message: "no pack builder", function: "git_packbuilder_new") }
    pointer = pb
    git_packbuilder_set_threads(pointer, 0)
  }

  deinit { git_packbuilder_free(pointer) }

  /// Adds one object; adding an object twice is harmless.
  /// - Parameter name: the path it was found at, which helps delta search.
  /// Wraps `git_packbuilder_insert`.
  public func insert(_ id: ObjectID, name: String? = nil) throws(GitError) {
    var oid = id.raw
    try check("git_packbuilder_insert") { git_packbuilder_insert(pointer, &oid, name) }
  }

  /// Adds every commit a walk yields, with their trees and blobs.
  ///
  /// Wraps `git_packbuilder_insert_walk`.
  public func insert(walk: RevisionWalk) throws(GitError) {
    try check("git_packbuilder_insert_walk") { git_packbuilder_insert_walk(pointer, walk.pointer) }
  }

  /// The number of objects added.
  ///
  /// Wraps `git_packbuilder_object_count`.
  public var count: Int { Int(git_packbuilder_object_count(pointer)) }

  /// Writes the pack and its index into `directory` (normally `objects/pack`).
  /// - Returns: the pack's name, "pack-<hash>".
  /// Wraps `git_packbuilder_write` and `git_packbuilder_name`.
  @discardableResult
  public func write(to directory: String) throws(GitError) -> String {
    try check("git_packbuilder_write") { git_packbuilder_write(pointer, directory, 0, nil, nil) }
    return "pack-" + (git_packbuilder_name(pointer).map { String(cString: $0) } ?? "")
  }
}
