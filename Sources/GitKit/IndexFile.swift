import Crypto
import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One of git's index files (`.git/index`, or the shared index of a split
/// index), versions 2 and 3, read as bytes.
///
/// libgit2 1.5 parses every entry into its own structures and writes them all
/// back: at 100,000 entries that is 130 ms to read and 75 ms to write, most of
/// a mark. This keeps the file's bytes and finds entries by binary search over
/// their offsets; `IndexEntries` lays changes over them and writes the result.
/// Version 4's compressed paths, a sparse index, and required extensions it
/// does not know make `init` return nil, so the caller can leave that file to
/// libgit2. See git's `gitformat-index(5)`.
struct IndexFile {
  /// One change to stage: the new entry (nil to remove the path).
  struct Change {
    var path: [UInt8]
    var entry: [UInt8]?
  }

  /// A split index's `link` extension: the shared index it builds on, and
  /// where its two bitmaps (deleted and replaced entries of the shared index) lie.
  struct Link {
    var shared: ObjectID
    var bitmaps: Range<Int>
  }

  let file: MappedFile
  var bytes: UnsafeBufferPointer<UInt8> { file.bytes }
  let version: UInt32
  /// Offsets of the entries, in the file's order.
  let offsets: [Int]
  let entriesEnd: Int
  let cacheTree: CacheTreeNode?
  /// Extensions kept as they are (REUC, UNTR: they name paths, not positions).
  let keptExtensions: [Range<Int>]
  /// Set when this is the split part of a split index.
  let link: Link?
  /// Nil for a shared index whose layout was remembered: verified when it was first read.
  private let checksumJob: Checksum?

  static let headerSize = 12
  static let checksumSize = 20

  /// Parses the index; nil when its format is one to leave to libgit2.
  ///
  /// The trailing checksum is verified on another thread meanwhile: ask
  /// `verify()` before trusting what was read.
  /// - Parameter layout: where the entries of this shared index lie, as
  ///   remembered when its checksum was last verified: then the entries are
  ///   neither walked nor hashed.
  /// - Throws: `GitError` when the file is damaged (bad signature or length).
  init?(
    file: MappedFile, checkingOn queue: DispatchQueue = .global(qos: .userInitiated),
    remembered layout: SharedIndexLayout? = nil
  ) throws(GitError) {
    func damaged(_ reason: String) -> GitError {
      GitError(message: "index file corrupt: \(reason)", function: "vet_index_read")
    }
    let bytes = file.bytes
    guard bytes.count >= Self.headerSize + Self.checksumSize, bytes[0..<4].elementsEqual([0x44, 0x49, 0x52, 0x43])
    else {
      throw damaged("bad signature")
    }
    let version = BigEndian.uint32(bytes, 4)
    guard version == 2 || version == 3 else { return nil }
    let body = bytes.count - Self.checksumSize
    let count = Int(BigEndian.uint32(bytes, 8))
    var offsets: [Int] = []
    var offset = Self.headerSize
    if let layout {
      guard layout.size == bytes.count, layout.offsets.count == count, layout.entriesEnd <= body else {
        throw damaged("shared index does not match its remembered layout")
      }
      offsets = layout.offsets
      offset = layout.entriesEnd
    } else {
      offsets.reserveCapacity(min(count, body / 62))
    }
    for _ in 0..<(layout == nil ? count : 0) {
      guard offset + 62 <= body else { throw damaged("entries run past the end") }
      let flags = BigEndian.uint16(bytes, offset + 60)
      let extended = flags & 0x4000 != 0
      if extended && version < 3 { throw damaged("extended flags in a version 2 index") }
      if extended && bytes[offset + 62] & 0x40 != 0 { return nil }  // sparse directory entry
      let pathStart = offset + (extended ? 64 : 62)
      var pathEnd = pathStart + Int(flags & 0x0FFF)
      if flags & 0x0FFF == 0x0FFF {
        pathEnd = pathStart
        while pathEnd < body && bytes[pathEnd] != 0 { pathEnd += 1 }
      }
      let length = (pathEnd - offset + 8) & ~7
      guard offset + length <= body else { throw damaged("entries run past the end") }
      offsets.append(offset)
      offset += length
    }
    let entriesEnd = offset
    var cacheTree: CacheTreeNode?
    var kept: [Range<Int>] = []
    var link: Link?
    while offset < body {
      guard offset + 8 <= body else { throw damaged("truncated extension") }
      let signature = Array(bytes[offset..<offset + 4])
      let size = Int(BigEndian.uint32(bytes, offset + 4))
      guard offset + 8 + size <= body else { throw damaged("truncated extension") }
      switch String(decoding: signature, as: UTF8.self) {
      case "TREE":
        let content = Array(bytes[(offset + 8)..<(offset + 8 + size)])[...]
        var cursor = content.startIndex
        cacheTree = CacheTreeNode.parse(content, at: &cursor)
        if cacheTree == nil || cursor != content.endIndex { throw damaged("unreadable cache tree") }
      case "REUC", "UNTR":
        kept.append(offset..<(offset + 8 + size))
      case "link":
        guard size >= 20 else { throw damaged("truncated link extension") }
        let id = ObjectID(bytes: Array(bytes[(offset + 8)..<(offset + 28)]))
        // An all-zero id: split, but with no shared index yet; nothing to merge.
        if !id.isZero { link = Link(shared: id, bitmaps: (offset + 28)..<(offset + 8 + size)) }
      default:
        // Upper case: optional, and safe to drop. Lower case: required ("link", "sdir").
        if let first = signature.first, !(0x41...0x5A).contains(first) { return nil }
      }
      offset += 8 + size
    }
    self.file = file
    self.version = version
    self.link = link
    self.offsets = offsets
    self.entriesEnd = entriesEnd
    self.cacheTree = cacheTree
    self.keptExtensions = kept
    self.checksumJob = layout == nil ? Checksum(of: file, length: body, on: queue) : nil
  }

  /// Parses an index held in memory (tests).
  init?(bytes: [UInt8]) throws(GitError) {
    try self.init(file: MappedFile(copying: bytes))
  }

  /// Whether the file at `path` is still the one read (git writers replace the
  /// index, so a new one has another inode or times).
  func isStill(at path: String) -> Bool {
    var now = stat()
    let then = file.info
    return stat(path, &now) == 0 && now.st_dev == then.st_dev && now.st_ino == then.st_ino
      && now.st_size == then.st_size && now.st_mtim.tv_sec == then.st_mtim.tv_sec
      && now.st_mtim.tv_nsec == then.st_mtim.tv_nsec && now.st_ctim.tv_sec == then.st_ctim.tv_sec
      && now.st_ctim.tv_nsec == then.st_ctim.tv_nsec
  }

  /// Waits for the checksum computed since `init`.
  /// - Throws: `GitError` when it does not match the one the file ends with.
  func verify() throws(GitError) {
    guard let checksumJob else { return }
    try verify(digest: checksumJob.digest())
  }

  /// Verifies the checksum even of a shared index whose layout was
  /// remembered, hashing it now: before its bytes are copied into a new file.
  func verifyBeforeCopying() throws(GitError) {
    guard checksumJob == nil else { return try verify() }
    var hash = Insecure.SHA1()
    hash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[..<(bytes.count - 20)]))
    try verify(digest: Array(hash.finalize()))
  }

  private func verify(digest: [UInt8]) throws(GitError) {
    let stored = storedChecksum
    // All zeros: written with index.skipHash.
    guard stored.allSatisfy({ $0 == 0 }) || digest.elementsEqual(stored) else {
      throw GitError(message: "index file corrupt: checksum mismatch", function: "vet_index_read")
    }
  }

  /// Where this file's entries lie, to remember once it is verified.
  var layout: SharedIndexLayout {
    SharedIndexLayout(
      shared: ObjectID(bytes: Array(storedChecksum)), size: bytes.count, offsets: offsets, entriesEnd: entriesEnd)
  }

  /// Whether the checksum is verified by `verify()` (false when a layout was remembered).
  var isChecked: Bool { checksumJob != nil }

  /// The SHA-1 of the file's body, computed on another thread while the command goes on.
  ///
  /// The state of the hash is kept every 128 KB, so that the
  /// new index, which begins with the same bytes up to its first change, is
  /// hashed only from there, while this one is still being checked: at
  /// 100,000 entries, the two hashes one after the other were a third of a mark.
  final class Checksum: @unchecked Sendable {  // `states` and `result` only under `condition`
    static let interval = 1 << 17
    private let condition = NSCondition()
    /// The hash after 0, 1, 2, … times `interval` bytes.
    private var states: [Insecure.SHA1] = []
    private var result: [UInt8]?

    init(of file: MappedFile, length: Int, on queue: DispatchQueue) {
      queue.async { [self] in
        let raw = UnsafeRawBufferPointer(file.bytes)
        var hash = Insecure.SHA1()
        var offset = 0
        while true {
          condition.withLock {
            states.append(hash)
            condition.broadcast()
          }
          guard offset < length else { break }
          let end = min(offset + Self.interval, length)
          hash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: raw[offset..<end]))
          offset = end
        }
        let digest = Array(hash.finalize())
        condition.withLock {
          result = digest
          condition.broadcast()
        }
      }
    }

    /// The digest of the whole body, once computed.
    func digest() -> [UInt8] {
      condition.withLock {
        while result == nil { condition.wait() }
        return result ?? []
      }
    }

    /// The latest saved state at or before `offset`, and where it stands,
    /// once the hash has got that far.
    func state(before offset: Int) -> (state: Insecure.SHA1, offset: Int) {
      let wanted = offset / Self.interval
      return condition.withLock {
        while states.count <= wanted && result == nil { condition.wait() }
        let index = min(wanted, states.count - 1)
        return (states[index], index * Self.interval)
      }
    }
  }

  // MARK: - Reading entries

  /// Whether the index has a cache tree with every folder valid.
  var cacheTreeIsValid: Bool { cacheTree?.isValidThroughout ?? false }

  // MARK: - Writing

  /// The checksum to end `splice` with, resumed from the last saved state of
  /// this file's hash before the first change, when the splice is over this file.
  func checksum(of splice: Splice) -> [UInt8] {
    guard splice.original === file, let checksumJob else { return Self.sha1(of: splice) }
    let (state, offset) = checksumJob.state(before: splice.unchangedPrefix)
    return Self.sha1(splice, resuming: state, at: offset)
  }

  /// The SHA-1 of the splice's bytes, from the start.
  private static func sha1(of splice: Splice) -> [UInt8] {
    sha1(splice, resuming: Insecure.SHA1(), at: 0)
  }

  /// The checksum the file ends with.
  var storedChecksum: UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: bytes[(bytes.count - Self.checksumSize)...])
  }

  /// A whole version 2 index holding `entries` (already sorted by path),
  /// without extensions, and its checksum.
  static func fresh(entries: [[UInt8]]) -> (Splice, checksum: [UInt8]) {
    var splice = Splice(original: nil)
    splice.add([0x44, 0x49, 0x52, 0x43, 0, 0, 0, 2] + BigEndian.bytes(UInt32(entries.count)))
    for entry in entries { splice.add(entry) }
    return (splice, sha1(splice, resuming: Insecure.SHA1(), at: 0))
  }

  /// The SHA-1 of the splice's bytes, from `hash`, the state after its first `offset` bytes.
  static func sha1(_ splice: Splice, resuming hash: Insecure.SHA1, at offset: Int) -> [UInt8] {
    var hash = hash
    splice.withBuffers { buffers in
      var position = 0
      for buffer in buffers {
        if position + buffer.count > offset {
          hash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[max(0, offset - position)...]))
        }
        position += buffer.count
      }
    }
    return Array(hash.finalize())
  }

  /// A stage-0 entry for a regular file, from its `lstat` data.
  static func entry(path: [UInt8], id: ObjectID, stat: FileStat, executable: Bool) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(62 + path.count + 8)
    for value in [
      stat.ctimeSeconds, stat.ctimeNanoseconds, stat.mtimeSeconds, stat.mtimeNanoseconds, stat.device, stat.inode,
      executable ? 0o100755 : 0o100644, stat.uid, stat.gid, stat.size,
    ] {
      out += BigEndian.bytes(value)
    }
    out += id.bytes
    let flags = UInt16(min(path.count, 0x0FFF))
    out += [UInt8(flags >> 8), UInt8(flags & 0xFF)]
    out += path
    let length = (62 + path.count + 8) & ~7
    out += [UInt8](repeating: 0, count: length - 62 - path.count)
    return out
  }

  // MARK: - Entry layout

  /// The bytes of entry `i`, padding included.
  func entryRange(_ i: Int) -> Range<Int> {
    offsets[i]..<(i + 1 < offsets.count ? offsets[i + 1] : entriesEnd)
  }

  /// The path of entry `i`, empty in a split index's replacement entries.
  func path(_ i: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: bytes[pathRange(at: offsets[i])])
  }

  func stage(at offset: Int) -> Int {
    Int(BigEndian.uint16(bytes, offset + 60) >> 12) & 3
  }

  func pathRange(at offset: Int) -> Range<Int> {
    let flags = BigEndian.uint16(bytes, offset + 60)
    let start = offset + (flags & 0x4000 != 0 ? 64 : 62)
    var end = start + Int(flags & 0x0FFF)
    if flags & 0x0FFF == 0x0FFF {
      end = start
      while bytes[end] != 0 { end += 1 }
    }
    return start..<end
  }

  /// Orders the entry's path against `path` as git sorts the index.
  func compare(entryAt offset: Int, with path: [UInt8]) -> Int {
    let range = pathRange(at: offset)
    var i = range.lowerBound
    var j = 0
    while i < range.upperBound && j < path.count {
      if bytes[i] != path[j] { return bytes[i] < path[j] ? -1 : 1 }
      i += 1
      j += 1
    }
    if i == range.upperBound && j == path.count { return 0 }
    return i == range.upperBound ? -1 : 1
  }

  /// The first entry (from `low` on) whose path is not before `path`.
  func lowerBound(_ path: [UInt8], from low: Int = 0) -> Int {
    var low = low
    var high = offsets.count
    while low < high {
      let mid = (low + high) / 2
      if compare(entryAt: offsets[mid], with: path) < 0 { low = mid + 1 } else { high = mid }
    }
    return low
  }
}

/// The `lstat` fields an index entry records, cut to 32 bits as git stores them.
struct FileStat: Sendable {
  var ctimeSeconds: UInt32
  var ctimeNanoseconds: UInt32
  var mtimeSeconds: UInt32
  var mtimeNanoseconds: UInt32
  var device: UInt32
  var inode: UInt32
  var uid: UInt32
  var gid: UInt32
  var size: UInt32
}

extension FileStat {
  init(_ info: stat) {
    func cut<T: BinaryInteger>(_ value: T) -> UInt32 { UInt32(truncatingIfNeeded: value) }
    self.init(
      ctimeSeconds: cut(info.st_ctim.tv_sec), ctimeNanoseconds: cut(info.st_ctim.tv_nsec),
      mtimeSeconds: cut(info.st_mtim.tv_sec), mtimeNanoseconds: cut(info.st_mtim.tv_nsec), device: cut(info.st_dev),
      inode: cut(info.st_ino), uid: info.st_uid, gid: info.st_gid, size: cut(info.st_size))
  }
}

/// One folder of the index's cache tree (the `TREE` extension): how many
/// entries lie below it and, when valid, the tree object they make.
struct CacheTreeNode {
  var name: [UInt8]
  /// -1 when invalid: the folder changed since its tree was computed.
  var entryCount: Int
  var id: [UInt8]?
  var children: [CacheTreeNode]

  /// Reads a node and its subtrees (pre-order), or nil when malformed.
  static func parse(_ data: ArraySlice<UInt8>, at cursor: inout Int) -> CacheTreeNode? {
    func readUntil(_ terminator: UInt8) -> [UInt8]? {
      guard let end = data[cursor...].firstIndex(of: terminator) else { return nil }
      defer { cursor = end + 1 }
      return Array(data[cursor..<end])
    }
    guard let name = readUntil(0), let countText = readUntil(0x20), let subtreeText = readUntil(0x0A),
      let entryCount = Int(String(decoding: countText, as: UTF8.self)),
      let subtrees = Int(String(decoding: subtreeText, as: UTF8.self)), subtrees >= 0
    else { return nil }
    var id: [UInt8]?
    if entryCount >= 0 {
      guard cursor + 20 <= data.endIndex else { return nil }
      id = Array(data[cursor..<(cursor + 20)])
      cursor += 20
    }
    var children: [CacheTreeNode] = []
    for _ in 0..<subtrees {
      guard let child = parse(data, at: &cursor) else { return nil }
      children.append(child)
    }
    return CacheTreeNode(name: name, entryCount: entryCount, id: id, children: children)
  }

  var isValidThroughout: Bool { entryCount >= 0 && children.allSatisfy(\.isValidThroughout) }

  func serialize(into out: inout [UInt8]) {
    out += name
    out.append(0)
    out += Array(String(entryCount).utf8)
    out.append(0x20)
    out += Array(String(children.count).utf8)
    out.append(0x0A)
    if entryCount >= 0, let id { out += id }
    for child in children { child.serialize(into: &out) }
  }

  /// Brings the cache tree along with entries added (+1) and removed (-1).
  ///
  /// A folder stays valid only when its recorded tree is the one the commit
  /// started from: then its new tree is the commit's. Otherwise, or when a
  /// folder has no node yet, the folders above are invalidated, and git or
  /// libgit2 recomputes them the next time a tree is written from the index.
  mutating func update(_ deltas: [(path: [UInt8], delta: Int)], trees: (String) -> (old: ObjectID?, new: ObjectID?)) {
    var folders: [[UInt8]: Int] = [:]
    var touched: Set<[UInt8]> = []
    for (path, delta) in deltas {
      var folder: [UInt8] = []
      let parts = path.split(separator: 0x2F, omittingEmptySubsequences: false)
      touched.insert([])
      folders[[], default: 0] += delta
      for part in parts.dropLast() {
        folder = folder.isEmpty ? Array(part) : folder + [0x2F] + Array(part)
        touched.insert(folder)
        folders[folder, default: 0] += delta
      }
    }
    update(folder: [], folders: folders, touched: touched, trees: trees)
    // A folder without a node means its parent's list of subtrees is incomplete.
    for folder in touched where !hasNode(folder) { invalidate(along: folder) }
  }

  private mutating func update(
    folder: [UInt8], folders: [[UInt8]: Int], touched: Set<[UInt8]>, trees: (String) -> (old: ObjectID?, new: ObjectID?)
  ) {
    guard touched.contains(folder) else { return }
    if entryCount >= 0 {
      let (old, new) = trees(String(decoding: folder, as: UTF8.self))
      if let old, let new, id == old.bytes {
        entryCount += folders[folder] ?? 0
        id = new.bytes
      } else {
        entryCount = -1
        id = nil
      }
    }
    for i in children.indices {
      let path = folder.isEmpty ? children[i].name : folder + [0x2F] + children[i].name
      children[i].update(folder: path, folders: folders, touched: touched, trees: trees)
    }
  }

  private func hasNode(_ folder: [UInt8]) -> Bool {
    var node = self
    for part in folder.split(separator: 0x2F) {
      guard let child = node.children.first(where: { $0.name[...] == part }) else { return false }
      node = child
    }
    return true
  }

  private mutating func invalidate(along folder: [UInt8]) {
    entryCount = -1
    id = nil
    guard let part = folder.split(separator: 0x2F).first,
      let i = children.firstIndex(where: { $0.name[...] == part })
    else { return }
    children[i].invalidate(along: Array(folder.dropFirst(part.count + 1)))
  }
}
