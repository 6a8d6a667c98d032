import CGit2
import Crypto
import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Blobs, trees and commits gathered in memory, to be stored together as one new pack
/// (`Repository.store`) rather than one loose file each.
///
/// libgit2 writes one loose file per object: an ingest that rewrites 300
/// claims would create some 600 files (the blobs and the trees above them),
/// and a later command would read them all back to pack them. Gathered here
/// they cost two files, and the loose count `keepObjectStoreCompact` watches
/// does not grow. Ids are SHA-1 over git's object header and content, the
/// ids git gives the same objects.
public struct PackedObjects: Sendable {
  struct Object: Sendable {
    /// The pack type: 1 commit, 2 tree, 3 blob.
    let type: UInt8
    let id: ObjectID
    let bytes: [UInt8]
  }
  private(set) var objects: [Object] = []
  private var ids: Set<ObjectID> = []

  public init() {}

  /// How many objects are gathered.
  public var count: Int { objects.count }

  /// Adds a blob (once, however often it is added) and returns its id.
  public mutating func addBlob(_ bytes: [UInt8]) -> ObjectID {
    add(type: 3, name: "blob", bytes)
  }

  mutating func addTree(_ bytes: [UInt8]) -> ObjectID {
    add(type: 2, name: "tree", bytes)
  }

  /// Adds a commit and returns its id: the object `Repository.writeCommit`
  /// would write for the same arguments, byte for byte, without the store
  /// having its tree or parents yet.
  ///
  /// Names and emails are taken as libgit2 makes them a signature (trimmed,
  /// checked), and the lines are laid out as libgit2's `git_commit_create` lays them out.
  /// Wraps `git_signature_new`.
  public mutating func addCommit(
    tree: ObjectID, parents: [ObjectID], author: Signature, committer: Signature, message: String
  ) throws -> ObjectID {
    func line(_ header: String, _ signature: Signature) throws -> String {
      try signature.withRaw { sig in
        let when = sig.pointee.when
        let sign = when.offset < 0 || when.sign == CChar(UInt8(ascii: "-")) ? "-" : "+"
        let offset = abs(Int(when.offset))
        let zone = sign + String(format: "%02d%02d", offset / 60, offset % 60)
        let time = UInt32(truncatingIfNeeded: when.time)
        return
          "\(header) \(String(cString: sig.pointee.name)) <\(String(cString: sig.pointee.email))> \(time) \(zone)\n"
      }
    }
    var text = "tree \(tree.hex)\n"
    for parent in parents { text += "parent \(parent.hex)\n" }
    text += try line("author", author) + line("committer", committer) + "\n" + message
    return add(type: 1, name: "commit", Array(text.utf8))
  }

  private mutating func add(type: UInt8, name: String, _ bytes: [UInt8]) -> ObjectID {
    var hash = Insecure.SHA1()
    hash.update(data: Array("\(name) \(bytes.count)\0".utf8))
    hash.update(data: bytes)
    let id = ObjectID(bytes: Array(hash.finalize()))
    if ids.insert(id).inserted { objects.append(Object(type: type, id: id, bytes: bytes)) }
    return id
  }
}

extension Repository {
  /// Makes the tree `base` becomes with `updates` applied, gathering the new
  /// trees in `objects`: the same tree `writeTree(base:applying:)` writes,
  /// with nothing written yet.
  ///
  /// Only the folders on an updated path are read and made again; a folder
  /// left empty is dropped, as git and libgit2 drop it.
  /// - Throws: `GitError` when a tree cannot be read, a path runs through a
  ///   file, or a removed path is not in the tree.
  /// Wraps `git_odb_read` (for the folders read).
  public func writeTree(base: ObjectID?, applying updates: [TreeUpdate], into objects: inout PackedObjects)
    throws(GitError) -> ObjectID
  {
    var odb: OpaquePointer?
    try check("git_repository_odb") { git_repository_odb(&odb, pointer) }
    defer { git_odb_free(odb) }
    let edits = updates.map { (rest: Array($0.path.utf8)[...], update: $0) }
    let tree = try TreeEditor(odb: odb).edit(base, edits, path: "", objects: &objects)
    return tree ?? objects.addTree([])
  }

  /// Stores `objects` as one pack, but those the repository already has.
  ///
  /// The objects go in whole, at zlib's fastest level, without the delta
  /// search a pack builder runs: that costs more than the loose files did,
  /// and merging packs later (`repackGeometrically`) finds the deltas. Trees
  /// go in uncompressed: their object ids do not compress, and a tree of
  /// hundreds of entries deflated costs more than all the blobs of an
  /// ingest for a quarter of its size. They are deflated on two threads, and
  /// the `.idx` is written from what is known of each object as it is added,
  /// as `git index-pack` would write it.
  ///
  /// The pack and its index are in place before this returns, so a commit
  /// written afterwards may name these objects; a process killed before then
  /// leaves at most a temporary file in `objects/pack`.
  /// - Throws: `GitError` when zlib fails or the files cannot be written.
  /// Wraps `git_odb_exists_ext` and `git_odb_refresh`.
  public func store(_ objects: PackedObjects) throws(GitError) {
    var odb: OpaquePointer?
    try check("git_repository_odb") { git_repository_odb(&odb, pointer) }
    defer { git_odb_free(odb) }
    // Without a refresh of the pack list for each object not found: none of these is expected.
    let new = objects.objects.filter { object in
      var oid = object.id.raw
      return git_odb_exists_ext(odb, &oid, GIT_ODB_LOOKUP_NO_REFRESH.rawValue) != 1
    }
    guard !new.isEmpty else { return }
    try PackFiles.write(new, directory: objectsDirectory + "pack/")
    try check("git_odb_refresh") { git_odb_refresh(odb) }
  }
}

/// Applies path updates to trees read as they are stored, and writes the folders they change.
private struct TreeEditor {
  let odb: OpaquePointer?

  /// One entry of a tree: its mode as git writes it ("100644", "40000"),
  /// name and id's 20 bytes.
  ///
  /// Slices, so that reading a tree of hundreds of entries copies it once
  /// rather than allocating three arrays for each.
  typealias Entry = RawTreeEntry

  /// The tree `base` (nil: an empty one) becomes with `edits` applied, their
  /// paths taken from where this folder starts; nil when it ends up empty.
  func edit(
    _ base: ObjectID?, _ edits: [(rest: ArraySlice<UInt8>, update: TreeUpdate)], path: String,
    objects: inout PackedObjects
  ) throws(GitError) -> ObjectID? {
    var entries = try base.map { id throws(GitError) in try read(id, path: path) } ?? []
    // Updates of entries here, and of folders below, by folder name in the order first named.
    var below: [ArraySlice<UInt8>: [(rest: ArraySlice<UInt8>, update: TreeUpdate)]] = [:]
    var folders: [ArraySlice<UInt8>] = []
    for edit in edits {
      let slash = edit.rest.firstIndex(of: UInt8(ascii: "/"))
      let name = edit.rest[..<(slash ?? edit.rest.endIndex)]
      guard Self.isValidName(name) else {
        throw GitError(
          message: "cannot write \(edit.update.path): a path component is empty, '.', '..' or '.git'",
          function: "git_tree_create_updated")
      }
      if let slash {
        if below[name] == nil { folders.append(name) }
        below[name, default: []].append((edit.rest[(slash + 1)...], edit.update))
        continue
      }
      if let id = edit.update.id {
        Self.set(&entries, Entry(mode: Self.mode(edit.update.mode), name: name, id: id))
      } else {
        guard let at = Self.position(of: name, in: entries) else {
          throw GitError(
            message: "cannot remove \(edit.update.path): it is not in the tree", function: "git_tree_create_updated")
        }
        entries.remove(at: at)
      }
    }
    for name in folders {
      let inner = path + String(decoding: name, as: UTF8.self) + "/"
      let existing = Self.position(of: name, in: entries).map { entries[$0] }
      if let existing, !existing.isTree {
        throw GitError(
          message: "cannot update \(inner): \(inner.dropLast()) is a file", function: "git_tree_create_updated")
      }
      let tree = try edit(
        existing.map { ObjectID(bytes: Array($0.id)) }, below[name] ?? [], path: inner, objects: &objects)
      if let tree {
        Self.set(&entries, Entry(mode: Entry.treeMode, name: name, id: tree))
      } else if let at = Self.position(of: name, in: entries) {
        entries.remove(at: at)
      }
    }
    guard !entries.isEmpty else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(entries.reduce(0) { $0 + $1.mode.count + $1.name.count + 22 })
    for entry in entries {
      bytes += entry.mode
      bytes.append(UInt8(ascii: " "))
      bytes += entry.name
      bytes.append(0)
      bytes += entry.id
    }
    return objects.addTree(bytes)
  }

  /// The entries of tree `id`, in the order stored (git's).
  private func read(_ id: ObjectID, path: String) throws(GitError) -> [Entry] {
    let read = try RawTreeEntry.read(id, from: odb)
    guard read.isTree else {
      throw GitError(message: "\(path.isEmpty ? "the root" : path) (\(id.hex)) is not a tree", function: "git_odb_read")
    }
    guard let entries = read.entries else {
      throw GitError(message: "tree \(id.hex) is damaged", function: "git_odb_read")
    }
    return entries
  }

  /// Whether a tree may hold an entry called `name`: what libgit2 refuses
  /// (empty, ".", "..", ".git" in any case, a NUL) it refuses too.
  private static func isValidName(_ name: ArraySlice<UInt8>) -> Bool {
    guard !name.isEmpty, !name.contains(0) else { return false }
    let lowered = name.map { $0 | (UInt8(ascii: "A")...UInt8(ascii: "Z") ~= $0 ? 0x20 : 0) }
    return ![Array(".".utf8), Array("..".utf8), Array(".git".utf8)].contains(lowered)
  }

  private static func mode(_ mode: FileMode) -> ArraySlice<UInt8> {
    switch mode {
    case .blob: fileMode
    case .executable: Array("100755".utf8)[...]
    case .tree: Entry.treeMode
    case .link: Array("120000".utf8)[...]
    case .commit: Array("160000".utf8)[...]
    }
  }

  private static let fileMode = Array("100644".utf8)[...]
  private static let noID = [UInt8](repeating: 0, count: 20)[...]

  /// Puts `entry` in place of the entry of its name, or where git's order has it.
  private static func set(_ entries: inout [Entry], _ entry: Entry) {
    if let at = position(of: entry.name, in: entries) { entries.remove(at: at) }
    var low = 0
    var high = entries.count
    while low < high {
      let mid = (low + high) / 2
      if precedes(entries[mid], entry) { low = mid + 1 } else { high = mid }
    }
    entries.insert(entry, at: low)
  }

  /// Where the entry called `name` is, file or folder.
  private static func position(of name: ArraySlice<UInt8>, in entries: [Entry]) -> Int? {
    for mode in [fileMode, Entry.treeMode] {
      let probe = Entry(mode: mode, name: name, id: noID)
      var low = 0
      var high = entries.count
      while low < high {
        let mid = (low + high) / 2
        if precedes(entries[mid], probe) { low = mid + 1 } else { high = mid }
      }
      if low < entries.count, entries[low].name == name { return low }
    }
    return nil
  }

  /// git's tree order: names byte by byte, a folder's as if it ended in "/".
  static func precedes(_ a: Entry, _ b: Entry) -> Bool {
    let (x, y) = (a.name, b.name)
    let common = min(x.count, y.count)
    var i = x.startIndex
    var j = y.startIndex
    for _ in 0..<common {
      if x[i] != y[j] { return x[i] < y[j] }
      i += 1
      j += 1
    }
    let c = i < x.endIndex ? x[i] : (a.isTree ? UInt8(ascii: "/") : 0)
    let d = j < y.endIndex ? y[j] : (b.isTree ? UInt8(ascii: "/") : 0)
    return c < d
  }
}

/// Pack files written into `objects/pack`: the pack, its `.idx`, and moving both into place.
enum PackFiles {
  /// Writes `objects` as a new pack with its index and moves both into place.
  static func write(_ objects: [PackedObjects.Object], directory: String) throws(GitError) {
    // Two halves of about the same work, made at once: deflating a blob
    // costs several times what storing a tree of the same size does.
    let work = { (object: PackedObjects.Object) in object.type == 2 ? object.bytes.count / 8 : object.bytes.count }
    let total = objects.reduce(0) { $0 + work($1) }
    var split = 0
    var running = 0
    while split < objects.count, running * 2 < total {
      running += work(objects[split])
      split += 1
    }
    let halves = [objects[..<split], objects[split...]]
    let parts = Mutex<[Int: Result<Part, GitError>]>([:])
    DispatchQueue.concurrentPerform(iterations: 2) { half in
      let result = Result<Part, GitError> { () throws(GitError) -> Part in try Part(halves[half]) }
      parts.withLock { $0[half] = result }
    }
    let made = parts.withLock { $0 }
    guard let one = made[0], let two = made[1] else {
      throw GitError(message: "a part of the pack was not made", function: "deflate")
    }
    let (first, second) = (try one.get(), try two.get())
    let header = Array("PACK".utf8) + BigEndian.bytes(2) + BigEndian.bytes(UInt32(objects.count))
    var hash = Insecure.SHA1()
    hash.update(data: header)
    hash.update(data: first.bytes)
    hash.update(data: second.bytes)
    let checksum = Array(hash.finalize())
    var entries = PackEntries()
    entries.reserve(objects.count)
    var ids: [UInt8] = []
    ids.reserveCapacity(20 * objects.count)
    for (part, start) in [(first, header.count), (second, header.count + first.bytes.count)] {
      for k in part.offsets.indices {
        entries.append(offset: UInt64(start + part.offsets[k]), headerLength: 0, type: 0, size: 0, base: -1)
        entries.crcs[entries.count - 1] = part.crcs[k]
      }
    }
    for object in objects { ids += object.id.bytes }
    entries.setIDs(ids)
    let index = PackIndexWriter.index(of: entries, packChecksum: checksum)
    guard let (fd, temporaryPack) = temporaryFile(directory + "tmp_pack_") else {
      throw failure("create a pack file in \(directory)", "mkstemp")
    }
    var installed = false
    defer {
      close(fd)
      if !installed { unlink(temporaryPack) }
    }
    for chunk in [header, first.bytes, second.bytes, checksum] {
      if let reason = chunk.withUnsafeBytes({ FileBytes.write($0, to: fd) }) {
        throw GitError(message: "cannot write \(temporaryPack): \(reason)", function: "write")
      }
    }
    try install(
      pack: fd, at: temporaryPack, index: index, directory: directory, name: "pack-" + ObjectID(bytes: checksum).hex)
    installed = true
  }

  /// Some objects' pack entries: each a type and size header, then the zlib stream.
  struct Part: Sendable {
    var bytes: [UInt8] = []
    /// Where each entry starts in `bytes`, and the CRC32 of its bytes.
    var offsets: [Int] = []
    var crcs: [UInt32] = []

    init(_ objects: ArraySlice<PackedObjects.Object>) throws(GitError) {
      let fast = try Deflater(level: Z_BEST_SPEED)
      let stored = try Deflater(level: Z_NO_COMPRESSION)
      bytes.reserveCapacity(objects.reduce(0) { $0 + $1.bytes.count / 2 + 32 })
      for object in objects {
        let start = bytes.count
        offsets.append(start)
        var size = object.bytes.count
        var first = (object.type & 0x7) << 4 | UInt8(size & 0x0f)
        size >>= 4
        if size > 0 { first |= 0x80 }
        bytes.append(first)
        while size > 0 {
          var byte = UInt8(size & 0x7f)
          size >>= 7
          if size > 0 { byte |= 0x80 }
          bytes.append(byte)
        }
        let deflater = object.type == 2 ? stored : fast
        try object.bytes.withUnsafeBytes { data in
          Result { () throws(GitError) in try deflater.deflateWhole(data, appendingTo: &bytes) }
        }.get()
        crcs.append(
          bytes.withUnsafeBufferPointer { all in
            UInt32(crc32(0, all.baseAddress.map { $0 + start }, uInt(all.count - start)))
          })
      }
    }
  }

  /// Makes pack and index read-only, as git and libgit2 leave them, and
  /// renames them into place as `name`, pack first: a reader only looks for
  /// a pack whose index it has found.
  /// - Parameters:
  ///   - pack: the open temporary pack file, written in full.
  ///   - temporaryPack: its path.
  static func install(pack: Int32, at temporaryPack: String, index: [UInt8], directory: String, name: String)
    throws(GitError)
  {
    guard let (indexFD, temporaryIndex) = temporaryFile(directory + "tmp_idx_") else {
      throw failure("create a pack index in \(directory)", "mkstemp")
    }
    var written = false
    defer { if !written { unlink(temporaryIndex) } }
    let reason = index.withUnsafeBytes { FileBytes.write($0, to: indexFD) }
    let modes = fchmod(indexFD, 0o444) == 0 && fchmod(pack, 0o444) == 0
    close(indexFD)
    if let reason { throw GitError(message: "cannot write \(temporaryIndex): \(reason)", function: "write") }
    guard modes else { throw failure("make the pack read-only", "fchmod") }
    guard rename(temporaryPack, directory + name + ".pack") == 0 else {
      throw failure("move the pack into place", "rename")
    }
    guard rename(temporaryIndex, directory + name + ".idx") == 0 else {
      unlink(directory + name + ".pack")
      throw failure("move the pack index into place", "rename")
    }
    written = true
  }

  /// A new file named `prefix` and six random characters, open for reading and writing, as `git index-pack` names its own.
  static func temporaryFile(_ prefix: String) -> (Int32, String)? {
    var template = Array((prefix + "XXXXXX").utf8)
    template.append(0)
    let fd = template.withUnsafeMutableBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { $0.baseAddress.map { mkstemp($0) } ?? -1 }
    }
    guard fd >= 0 else { return nil }
    return (fd, String(decoding: template.dropLast(), as: UTF8.self))
  }

  private static func failure(_ what: String, _ call: String) -> GitError {
    GitError(message: "cannot \(what): \(String(cString: strerror(errno)))", function: call)
  }
}
