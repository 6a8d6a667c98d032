import CGit2
import Crypto

/// Writing many objects at once as one pack rather than one loose file each.
extension Repository {
  /// Runs `body` with the objects it writes held in memory, then stores them as one pack.
  ///
  /// libgit2 writes one loose file per object: an ingest that rewrites 300
  /// claims creates some 600 files (the blobs and the trees above them), and
  /// a later command reads them all back to pack them. Written as one pack
  /// they cost two files, and the loose count `keepObjectStoreCompact`
  /// watches does not grow. Objects written inside `body` can be read inside
  /// it. The pack and its index are in place before this returns, so a branch
  /// moved afterwards to a commit written in `body` never names a missing
  /// object; a process killed before then leaves at most a temporary file and
  /// no reference to anything it wrote.
  ///
  /// The pack holds the blobs, trees and commits written through
  /// `writeBlob`, `writeTree` and `writeCommit` that the database did not
  /// have yet, and the new subtrees of those trees.
  /// - Returns: what `body` returns.
  /// Wraps `git_odb_open`, `git_mempack_new`, `git_odb_add_backend`,
  /// `git_repository_set_odb`, `git_odb_exists`, `git_odb_read` and `git_odb_write_pack`.
  public func writingObjectsAsOnePack<T>(_ body: () throws -> T) throws -> T {
    var original: OpaquePointer?
    try check("git_repository_odb") { git_repository_odb(&original, pointer) }
    defer { git_odb_free(original) }
    // A database of its own for the duration: libgit2 cannot take a backend
    // out of a database again, and later writes must go to disk as usual.
    var odb: OpaquePointer?
    try check("git_odb_open") { git_odb_open(&odb, objectsDirectory) }
    defer { git_odb_free(odb) }
    var memory: UnsafeMutablePointer<git_odb_backend>?
    try check("git_mempack_new") { git_mempack_new(&memory) }
    // Added, the backend belongs to the database and is freed with it.
    try check("git_odb_add_backend") { git_odb_add_backend(odb, memory, 1000) }
    try check("git_repository_set_odb") { git_repository_set_odb(pointer, odb) }
    packedWrites = []
    defer {
      packedWrites = nil
      git_repository_set_odb(pointer, original)
      git_odb_refresh(original)
    }
    let result = try body()
    func isOnDisk(_ id: ObjectID) -> Bool {
      var oid = id.raw
      return git_odb_exists(original, &oid) == 1
    }
    // The new objects: what was written, and below each new tree the subtrees
    // libgit2 wrote along with it (a tree already on disk has all of its own).
    var chosen: [ObjectID] = []
    var seen = Set<ObjectID>()
    var pending = packedWrites ?? []
    while let (id, isTree) = pending.popLast() {
      guard seen.insert(id).inserted, !isOnDisk(id) else { continue }
      chosen.append(id)
      if isTree {
        pending += try self.tree(id).entries.filter { $0.mode == .tree }.map { ($0.id, true) }
      }
    }
    guard !chosen.isEmpty else { return result }
    // Written as they are, without the delta search a pack builder runs:
    // that costs more than the loose files did, and merging packs later
    // (`repackAll`) finds the deltas anyway.
    var pack = try PackBytes(count: chosen.count)
    for id in chosen {
      var oid = id.raw
      var object: OpaquePointer?
      try check("git_odb_read") { git_odb_read(&object, odb, &oid) }
      defer { git_odb_object_free(object) }
      let size = git_odb_object_size(object)
      let data = git_odb_object_data(object).map { UnsafeRawBufferPointer(start: $0, count: size) }
      try pack.append(type: git_odb_object_type(object), data ?? UnsafeRawBufferPointer(start: nil, count: 0))
    }
    let bytes = pack.finished()
    var writer: UnsafeMutablePointer<git_odb_writepack>?
    try check("git_odb_write_pack") { git_odb_write_pack(&writer, odb, nil, nil) }
    guard let writer else { throw GitError(message: "no pack writer", function: "git_odb_write_pack") }
    defer { writer.pointee.free?(writer) }
    guard let append = writer.pointee.append, let commit = writer.pointee.commit else {
      throw GitError(message: "the object database cannot write packs", function: "git_odb_write_pack")
    }
    var progress = git_indexer_progress()
    _ = try bytes.withUnsafeBytes { buffer throws(GitError) in
      try check("git_odb_writepack.append") { append(writer, buffer.baseAddress, buffer.count, &progress) }
    }
    try check("git_odb_writepack.commit") { commit(writer, &progress) }
    return result
  }
}

/// A pack file (version 2) being put together: a header, whole objects deflated, and a SHA-1 trailer.
///
/// The format git documents in `gitformat-pack`: each object is a type and
/// size header (the size in 7-bit groups, the first four bits beside the
/// type) followed by its zlib stream.
struct PackBytes {
  private(set) var bytes: [UInt8] = []
  private let deflater: Deflater

  /// Starts a pack of `count` objects.
  /// - Throws: `GitError` when zlib cannot start.
  init(count: Int) throws(GitError) {
    bytes = Array("PACK".utf8) + BigEndian.bytes(2) + BigEndian.bytes(UInt32(count))
    // See `append` for the level.
    deflater = try Deflater(level: Z_BEST_SPEED)
  }

  /// Appends one whole (undeltified) object.
  ///
  /// Deflated at zlib's fastest level, the level git and libgit2 write loose
  /// objects at: this pack stands in for the loose files, and merging packs
  /// later compresses again. (For a tree of hundreds of object ids, the
  /// default level costs half as much again for 2% fewer bytes.)
  mutating func append(type: git_object_t, _ data: UnsafeRawBufferPointer) throws(GitError) {
    var size = data.count
    var first = UInt8(truncatingIfNeeded: (Int(type.rawValue) & 0x7) << 4) | UInt8(size & 0x0f)
    size >>= 4
    if size > 0 { first |= 0x80 }
    bytes.append(first)
    while size > 0 {
      var byte = UInt8(size & 0x7f)
      size >>= 7
      if size > 0 { byte |= 0x80 }
      bytes.append(byte)
    }
    try deflater.deflateWhole(data, appendingTo: &bytes)
  }

  /// The pack with its trailing checksum.
  func finished() -> [UInt8] {
    bytes + Array(Insecure.SHA1.hash(data: bytes))
  }
}
