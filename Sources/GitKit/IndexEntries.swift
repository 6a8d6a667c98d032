#if canImport(Glibc)
  import Glibc
#endif

/// The entries of git's index with vet's changes laid over them, written back
/// whole or as a split index.
///
/// A split index (git's `core.splitIndex`, `git update-index --split-index`)
/// keeps the entries in a shared index, `.git/sharedindex.<id>`, which never
/// changes once written, and only what differs from it in `.git/index`:
/// entries replaced or added, and a `link` extension naming the shared index
/// with bitmaps of the entries replaced and deleted. At 100,000 claims a mark
/// then writes a few kilobytes instead of the whole 9 MB index.
struct IndexEntries {
  /// The file most entries are read from: the shared index when split, else `.git/index` itself.
  let base: IndexFile
  /// `.git/index`: the same file as `base` unless the index is split.
  let top: IndexFile
  /// The shared index `base` is, when the entries are kept over one; nil for a whole index.
  let sharedID: ObjectID?
  /// Entries of `base` replaced, by position, as whole entries (path included).
  private var replaced: [Int: [UInt8]] = [:]
  /// Positions of the entries of `base` that are gone.
  private var deleted: Set<Int> = []
  /// Entries that are not in `base`, in the index's order (path, then stage).
  private var added: [[UInt8]] = []
  /// Stage-0 entries the changes removed (-1) and added (+1), for the cache tree.
  private var deltas: [(path: [UInt8], delta: Int)] = []

  /// The tree ids of a folder ("" for the top) before and after the commit
  /// the changes come from; nil when unknown, which invalidates that folder
  /// in the cache tree.
  typealias TreeLookup = (String) -> (old: ObjectID?, new: ObjectID?)

  /// git's `splitIndex.maxPercentChange` default: once more entries than this
  /// share of the shared index's differ from it, a new shared index is written.
  static let maximumPercentChange = 20

  /// A whole index.
  init(index: IndexFile) {
    base = index
    top = index
    sharedID = nil
  }

  /// A whole index laid over `shared`, an existing shared index (`id`), so
  /// that it can be written split over it instead of over a new one.
  ///
  /// What differs between them (by path and stage, then byte for byte)
  /// becomes replaced, deleted and added entries, as if `top` had been split over it.
  init(whole top: IndexFile, over shared: IndexFile, id: ObjectID) {
    base = shared
    self.top = top
    sharedID = id
    // memcmp: a whole index of 100,000 entries is compared entry by entry.
    func order(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
      guard let x = a.baseAddress, let y = b.baseAddress else { return a.count - b.count }
      let common = memcmp(x, y, min(a.count, b.count))
      return common != 0 ? Int(common) : a.count - b.count
    }
    var j = 0
    for i in 0..<top.offsets.count {
      let (path, stage) = (top.path(i), top.stage(at: top.offsets[i]))
      var position = 1
      while j < shared.offsets.count {
        let pathOrder = order(shared.path(j), path)
        position = pathOrder != 0 ? pathOrder : shared.stage(at: shared.offsets[j]) - stage
        guard position < 0 else { break }
        deleted.insert(j)
        j += 1
      }
      let range = top.entryRange(i)
      if j < shared.offsets.count, position == 0 {
        let (ours, theirs) = (top.bytes[range], shared.bytes[shared.entryRange(j)])
        if order(UnsafeBufferPointer(rebasing: ours), UnsafeBufferPointer(rebasing: theirs)) != 0 {
          replaced[j] = Array(top.bytes[range])
        }
        j += 1
      } else {
        added.append(Array(top.bytes[range]))
      }
    }
    deleted.formUnion(j..<shared.offsets.count)
  }

  /// A split index: `top` is `.git/index`, `shared` the shared index its `link` names.
  /// - Throws: `GitError` when the two do not fit together.
  init(index top: IndexFile, shared base: IndexFile) throws(GitError) {
    func damaged(_ reason: String) -> GitError {
      GitError(message: "index file corrupt: \(reason)", function: "vet_index_read")
    }
    guard let link = top.link, base.link == nil else { throw damaged("shared index is itself split") }
    // A shared index is named by its checksum.
    guard base.storedChecksum.elementsEqual(link.shared.bytes) else {
      throw damaged("shared index sharedindex.\(link.shared.hex) does not match its name")
    }
    self.base = base
    self.top = top
    sharedID = link.shared
    var replacedPositions: [Int] = []
    if !link.bitmaps.isEmpty {
      let limit = base.offsets.count
      guard
        let deletions = EWAHBitmap.decode(
          top.bytes, from: link.bitmaps.lowerBound, to: link.bitmaps.upperBound, limit: limit),
        let replacements = EWAHBitmap.decode(
          top.bytes, from: link.bitmaps.lowerBound + deletions.length, to: link.bitmaps.upperBound, limit: limit),
        link.bitmaps.lowerBound + deletions.length + replacements.length == link.bitmaps.upperBound
      else { throw damaged("unreadable link extension") }
      deleted = Set(deletions.positions)
      replacedPositions = replacements.positions
    }
    guard replacedPositions.count <= top.offsets.count, deleted.isDisjoint(with: replacedPositions) else {
      throw damaged("link extension does not match its entries")
    }
    // The first entries replace those the bitmap names, and carry no path of their own.
    for (i, position) in replacedPositions.enumerated() {
      guard top.path(i).isEmpty else { throw damaged("replacement entry \(i) has a path") }
      replaced[position] = Self.named(Array(top.bytes[top.entryRange(i)]), path: base.path(position))
    }
    for i in replacedPositions.count..<top.offsets.count {
      guard !top.path(i).isEmpty else { throw damaged("entry \(i) has no path") }
      added.append(Array(top.bytes[top.entryRange(i)]))
    }
  }

  var isSplit: Bool { sharedID != nil }

  /// How many entries of the index differ from `base`.
  var changedEntries: Int { replaced.count + deleted.count + added.count }

  /// How many entries the index holds.
  var count: Int { base.offsets.count - deleted.count + added.count }

  /// Waits for both files' checksums.
  ///
  /// - Parameter copying: whether bytes of the shared index are about to be
  ///   copied into a new file: then it is hashed even when its layout was
  ///   remembered, so that damage is never carried into a file with a valid checksum.
  /// - Throws: `GitError` when either does not match.
  func verify(copying: Bool = false) throws(GitError) {
    try top.verify()
    guard isSplit else { return }
    if copying { try base.verifyBeforeCopying() } else { try base.verify() }
  }

  /// The checksum to end `splice` with, resumed from the hash of the file it keeps runs of.
  func checksum(of splice: Splice) -> [UInt8] {
    splice.original === top.file ? top.checksum(of: splice) : base.checksum(of: splice)
  }

  // MARK: - Reading

  /// The object id staged at `path` (stage 0), or nil when none is.
  func stagedID(path: [UInt8]) -> ObjectID? {
    if let i = addedPositions(of: path).first(where: { Self.stage(of: added[$0]) == 0 }) {
      return ObjectID(bytes: Array(added[i][40..<60]))
    }
    guard let i = basePositions(of: path).first(where: { base.stage(at: base.offsets[$0]) == 0 }),
      !deleted.contains(i)
    else { return nil }
    if let entry = replaced[i] { return ObjectID(bytes: Array(entry[40..<60])) }
    return ObjectID(bytes: Array(base.bytes[(base.offsets[i] + 40)..<(base.offsets[i] + 60)]))
  }

  /// The positions in `base` of the entries (any stage) at `path`.
  private func basePositions(of path: [UInt8]) -> Range<Int> {
    let first = base.lowerBound(path)
    var last = first
    while last < base.offsets.count, base.compare(entryAt: base.offsets[last], with: path) == 0 { last += 1 }
    return first..<last
  }

  /// The positions in `added` of the entries (any stage) at `path`.
  private func addedPositions(of path: [UInt8]) -> Range<Int> {
    func lowerBound(orEqual: Bool) -> Int {
      var low = 0
      var high = added.count
      while low < high {
        let mid = (low + high) / 2
        let entryPath = Self.path(of: added[mid])
        let before = entryPath.lexicographicallyPrecedes(path) || (orEqual && entryPath.elementsEqual(path))
        if before { low = mid + 1 } else { high = mid }
      }
      return low
    }
    return lowerBound(orEqual: false)..<lowerBound(orEqual: true)
  }

  // MARK: - Changing

  /// Applies `changes`: each replaces every entry (any stage) at its path.
  mutating func apply(_ changes: [IndexFile.Change]) {
    for change in changes.sorted(by: { $0.path.lexicographicallyPrecedes($1.path) }) {
      if stagedID(path: change.path) != nil { deltas.append((change.path, -1)) }
      let at = addedPositions(of: change.path)
      added.removeSubrange(at)
      var kept: Int?
      for i in basePositions(of: change.path) {
        replaced[i] = nil
        if kept == nil, base.stage(at: base.offsets[i]) == 0 { kept = i } else { deleted.insert(i) }
      }
      guard let entry = change.entry else {
        if let kept { deleted.insert(kept) }
        continue
      }
      deltas.append((change.path, 1))
      if let kept {
        deleted.remove(kept)
        replaced[kept] = entry
      } else {
        added.insert(entry, at: at.lowerBound)
      }
    }
  }

  // MARK: - Writing

  /// The whole index, as git writes it without a split index: every entry,
  /// the cache tree and the kept extensions, all but its checksum.
  ///
  /// Unchanged runs of entries are kept from `base`, not copied; when that is
  /// `.git/index` with as many entries as before, so is the header, and
  /// `top.checksum(of:)` resumes the old file's hash up to the first change.
  func whole(trees: TreeLookup) -> Splice {
    var splice = Splice(original: base.file)
    appendHeader(to: &splice, count: count)
    appendEntries(to: &splice)
    if let cacheTree = cacheTreeExtension(trees: trees) { splice.add(cacheTree) }
    for range in top.keptExtensions {
      if base.file === top.file { splice.keep(range) } else { splice.add(top.bytes[range]) }
    }
    return splice
  }

  /// A shared index holding every entry, without extensions, as git writes one.
  func shared() -> Splice {
    var splice = Splice(original: base.file)
    appendHeader(to: &splice, count: count)
    appendEntries(to: &splice)
    return splice
  }

  /// `.git/index` of a split index over the shared index `id`.
  ///
  /// - Parameter everythingShared: whether `id` is a shared index just
  ///   written from these entries, so that none differs from it.
  func split(over id: ObjectID, everythingShared: Bool, trees: TreeLookup)
    -> Splice
  {
    var splice = Splice(original: top.file)
    let positions = everythingShared ? [] : replaced.keys.sorted()
    let extra = everythingShared ? [] : added
    appendHeader(to: &splice, count: positions.count + extra.count)
    for position in positions {
      if let entry = replaced[position] { splice.add(Self.nameless(entry)) }
    }
    for entry in extra { splice.add(entry) }
    var link = id.bytes
    link += EWAHBitmap.encode(everythingShared ? [] : deleted.sorted())
    link += EWAHBitmap.encode(positions)
    splice.add(Array("link".utf8) + BigEndian.bytes(UInt32(link.count)) + link)
    if let cacheTree = cacheTreeExtension(trees: trees) { splice.add(cacheTree) }
    for range in top.keptExtensions { splice.keep(range) }
    return splice
  }

  private func appendHeader(to splice: inout Splice, count: Int) {
    if base.file === top.file, count == base.offsets.count {
      splice.keep(0..<IndexFile.headerSize)
    } else {
      splice.add(
        [0x44, 0x49, 0x52, 0x43] + BigEndian.bytes(max(base.version, top.version)) + BigEndian.bytes(UInt32(count)))
    }
  }

  /// Every entry in order: runs of `base` between the replaced, deleted and added ones.
  private func appendEntries(to splice: inout Splice) {
    var cursor = 0  // the first entry of `base` not yet written or skipped
    func keepBase(upTo position: Int) {
      guard position > cursor else { return }
      let end = position < base.offsets.count ? base.offsets[position] : base.entriesEnd
      splice.keep(base.offsets[cursor]..<end)
      cursor = position
    }
    var next = 0
    var insertion = 0
    // An added entry goes before the entry of `base` its path sorts before.
    func addEntries(before position: Int) {
      while next < added.count {
        insertion = base.lowerBound(Array(Self.path(of: added[next])), from: insertion)
        guard insertion <= position else { return }
        keepBase(upTo: insertion)
        splice.add(added[next])
        next += 1
      }
    }
    for position in Set(replaced.keys).union(deleted).sorted() {
      addEntries(before: position)
      keepBase(upTo: position)
      if let entry = replaced[position] { splice.add(entry) }
      cursor = position + 1
    }
    addEntries(before: base.offsets.count)
    keepBase(upTo: base.offsets.count)
  }

  /// The `TREE` extension brought along with the changes, when `.git/index` has one.
  private func cacheTreeExtension(trees: TreeLookup) -> [UInt8]? {
    guard var cacheTree = top.cacheTree else { return nil }
    cacheTree.update(deltas, trees: trees)
    var content: [UInt8] = []
    cacheTree.serialize(into: &content)
    return Array("TREE".utf8) + BigEndian.bytes(UInt32(content.count)) + content
  }

  // MARK: - Entry layout

  /// How long an entry's fixed part is: 62 bytes, 64 with extended flags.
  private static func fixedLength(of entry: [UInt8]) -> Int {
    BigEndian.uint16(entry, 60) & 0x4000 != 0 ? 64 : 62
  }

  private static func path(of entry: [UInt8]) -> ArraySlice<UInt8> {
    let start = fixedLength(of: entry)
    let length = Int(BigEndian.uint16(entry, 60) & 0x0FFF)
    guard length == 0x0FFF else { return entry[start..<(start + length)] }
    return entry[start...].prefix { $0 != 0 }
  }

  private static func stage(of entry: [UInt8]) -> Int {
    Int(BigEndian.uint16(entry, 60) >> 12) & 3
  }

  /// `entry` with `path` in place of its own (a replacement entry of a split index has none).
  private static func named<C: Collection>(_ entry: [UInt8], path: C) -> [UInt8] where C.Element == UInt8 {
    let fixed = fixedLength(of: entry)
    var out = Array(entry[0..<fixed])
    let flags = BigEndian.uint16(entry, 60) & 0xF000 | UInt16(min(path.count, 0x0FFF))
    out[60] = UInt8(flags >> 8)
    out[61] = UInt8(flags & 0xFF)
    out += path
    out += [UInt8](repeating: 0, count: ((fixed + path.count + 8) & ~7) - out.count)
    return out
  }

  /// `entry` without its path, as a split index stores the entries it replaces.
  private static func nameless(_ entry: [UInt8]) -> [UInt8] {
    named(entry, path: [])
  }
}
