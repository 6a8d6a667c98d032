/// What indexing learns about each entry of a pack, in pack order, column by
/// column: at 100,000 claims a pack holds some 400,000 entries, and flat
/// arrays keep that to a few tens of megabytes.
struct PackEntries: Sendable {
  /// Where each entry starts in the pack.
  private(set) var offsets: [UInt64] = []
  /// The length of each entry's header (type, size and delta base), before its zlib data.
  private(set) var headerLengths: [UInt8] = []
  /// The pack type: 1 commit, 2 tree, 3 blob, 4 tag, 6 offset delta, 7 reference delta.
  private(set) var types: [UInt8] = []
  /// The inflated size of each entry's data (the object, or the delta).
  private(set) var sizes: [Int] = []
  /// The CRC32 of each entry's bytes as stored, header included.
  var crcs: [UInt32] = []
  /// For an offset delta, the index of its base entry; -1 otherwise.
  private(set) var bases: [Int32] = []
  /// Each entry's object id, 20 bytes apiece; zero for a delta until it is resolved.
  private(set) var ids: [UInt8] = []
  /// The reference deltas, and the base id each names (20 bytes apiece), in pack order.
  private(set) var referenceDeltas: [Int32] = []
  private(set) var referenceBases: [UInt8] = []

  /// Where the last entry ends: the offset of the pack's closing checksum, once it is known.
  var end: UInt64 = 0

  var count: Int { offsets.count }

  /// Where an entry's zlib data lies in the pack (after its header, up to the next entry).
  func dataRange(_ entry: Int) -> (start: UInt64, count: Int) {
    let start = offsets[entry] + UInt64(headerLengths[entry])
    let next = entry + 1 < count ? offsets[entry + 1] : end
    return (start, Int(next - start))
  }

  /// The offset deltas based on each entry: those of entry i are
  /// `children[start[i]..<start[i + 1]]`, in pack order.
  func offsetChildren() -> (start: [Int32], children: [Int32]) {
    var start = [Int32](repeating: 0, count: count + 1)
    for base in bases where base >= 0 { start[Int(base) + 1] += 1 }
    for i in 0..<count { start[i + 1] += start[i] }
    var fill = start
    var children = [Int32](repeating: 0, count: Int(start[count]))
    for (entry, base) in bases.enumerated() where base >= 0 {
      children[Int(fill[Int(base)])] = Int32(entry)
      fill[Int(base)] += 1
    }
    return (start, children)
  }

  /// Reads an entry's zlib data back from the pack file and inflates it; nil when it is not valid.
  /// - Throws: `GitError` when the pack file cannot be read.
  func inflate(_ entry: Int, fd: Int32, inflater: Inflater, buffer: inout ReadBuffer) throws(GitError) -> [UInt8]? {
    let (start, length) = dataRange(entry)
    let input = try buffer.read(fd: fd, offset: start, count: length)
    return inflater.inflateWhole(input, size: sizes[entry])
  }

  mutating func reserve(_ capacity: Int) {
    // A count from the wire is only a hint: a hostile one must not allocate gigabytes up front.
    let capacity = min(capacity, 1 << 22)
    offsets.reserveCapacity(capacity)
    headerLengths.reserveCapacity(capacity)
    types.reserveCapacity(capacity)
    sizes.reserveCapacity(capacity)
    crcs.reserveCapacity(capacity)
    bases.reserveCapacity(capacity)
    ids.reserveCapacity(20 * capacity)
  }

  mutating func append(offset: UInt64, headerLength: Int, type: UInt8, size: Int, base: Int32) {
    offsets.append(offset)
    headerLengths.append(UInt8(headerLength))
    types.append(type)
    sizes.append(size)
    crcs.append(0)
    bases.append(base)
    ids.append(contentsOf: repeatElement(0, count: 20))
  }

  mutating func addReferenceDelta(_ entry: Int, base: [UInt8]) {
    referenceDeltas.append(Int32(entry))
    referenceBases.append(contentsOf: base)
  }

  mutating func setID(_ entry: Int, _ id: [UInt8]) {
    ids.replaceSubrange((20 * entry)..<(20 * entry + 20), with: id)
  }

  /// Replaces every id at once, once deltas are resolved.
  mutating func setIDs(_ all: [UInt8]) {
    precondition(all.count == ids.count)
    ids = all
  }

  /// The entry that starts at `offset`, by binary search (offsets only grow).
  func index(ofOffset offset: UInt64) -> Int? {
    var low = 0
    var high = offsets.count
    while low < high {
      let mid = (low + high) / 2
      if offsets[mid] < offset { low = mid + 1 } else { high = mid }
    }
    return low < offsets.count && offsets[low] == offset ? low : nil
  }

  /// The header git hashes in front of an object's content: "blob 12\0".
  static func objectHeader(type: UInt8, size: Int) -> [UInt8] {
    let name: String
    switch type {
    case 1: name = "commit"
    case 2: name = "tree"
    case 3: name = "blob"
    default: name = "tag"
    }
    return Array("\(name) \(size)".utf8) + [0]
  }
}
