import Crypto

/// Where the entries of a shared index lie, remembered once its checksum has
/// been verified, so that later commands neither walk nor hash it.
///
/// A shared index never changes: it is named by its checksum, and git and
/// vet only ever write new ones. At 100,000 entries walking its 9 MB cost a
/// mark 3.6 ms, and hashing it a quarter of the mark's CPU time. The file is
/// vet's own cache in `.git/vet`, never the truth: one that is missing,
/// stale (for another shared index), truncated or garbled is ignored, the
/// shared index is walked and verified again, and the file rewritten.
///
/// Layout: `VETSIL01`, the shared index's id (20 bytes), its size (64 bits),
/// its entry count (32 bits), where its entries end (64 bits), each entry's
/// offset (32 bits), then the SHA-1 of all that. Integers are big-endian.
struct SharedIndexLayout: Equatable {
  var shared: ObjectID
  var size: Int
  var offsets: [Int]
  var entriesEnd: Int

  static let fileName = "shared-index-layout"
  private static let magic = Array("VETSIL01".utf8)
  private static let headerSize = 8 + 20 + 8 + 4 + 8

  /// What reading the file found.
  enum Found: Equatable {
    case layout(SharedIndexLayout)
    /// No file, or one for another shared index: the usual way to start over.
    case absent
    /// A file that is not a whole, well-formed layout.
    case damaged
  }

  /// The layout remembered at `path` for the shared index `id` of `size` bytes.
  static func read(from path: String, for id: ObjectID, size: Int) -> Found {
    guard let (bytes, _) = FileBytes.read(path) else { return .absent }
    guard bytes.count >= headerSize + 20, bytes[0..<8].elementsEqual(magic) else { return .damaged }
    let body = bytes.count - 20
    guard Array(Insecure.SHA1.hash(data: bytes[0..<body])).elementsEqual(bytes[body...]) else { return .damaged }
    guard bytes[8..<28].elementsEqual(id.bytes), Int(uint64(bytes, 28)) == size else { return .absent }
    let count = Int(BigEndian.uint32(bytes, 36))
    guard body == headerSize + 4 * count else { return .damaged }
    var offsets: [Int] = []
    offsets.reserveCapacity(count)
    for i in 0..<count { offsets.append(Int(BigEndian.uint32(bytes, headerSize + 4 * i))) }
    return .layout(SharedIndexLayout(shared: id, size: size, offsets: offsets, entriesEnd: Int(uint64(bytes, 40))))
  }

  /// Writes the layout at `path`, through a temporary file beside it.
  /// - Returns: the reason when it could not (a cache: the caller goes on).
  @discardableResult
  func write(to path: String) -> String? {
    guard size < Int(UInt32.max) else { return "shared index too large to remember" }
    var bytes = Self.magic + shared.bytes + Self.bytes(UInt64(size)) + BigEndian.bytes(UInt32(offsets.count))
    bytes += Self.bytes(UInt64(entriesEnd))
    bytes.reserveCapacity(bytes.count + 4 * offsets.count + 20)
    for offset in offsets { bytes += BigEndian.bytes(UInt32(offset)) }
    bytes += Array(Insecure.SHA1.hash(data: bytes))
    return FileBytes.replace(path, with: bytes, through: path + ".tmp")
  }

  private static func uint64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
    bytes[at..<(at + 8)].reduce(0) { $0 << 8 | UInt64($1) }
  }

  private static func bytes(_ value: UInt64) -> [UInt8] {
    (0..<8).map { UInt8(truncatingIfNeeded: value >> UInt64(56 - 8 * $0)) }
  }
}
