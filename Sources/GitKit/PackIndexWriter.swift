import Crypto

#if canImport(Glibc)
  import Glibc
#endif

/// The version 2 pack index (`.idx`) format, written exactly as
/// `git index-pack` writes it (pack-format.txt, "Version 2 pack-*.idx files"):
/// the signature and version, a 256-entry fan-out table, the sorted object
/// ids, their CRC32s, their 31-bit offsets (an offset of 2 GiB or more points
/// into a table of 64-bit offsets that follows), the pack's checksum and the
/// index's own.
enum PackIndexWriter {
  /// The `.idx` bytes for a pack whose entries all have their ids.
  static func index(of entries: PackEntries, packChecksum: [UInt8]) -> [UInt8] {
    let count = entries.count
    let ids = entries.ids
    let order = ids.withUnsafeBufferPointer { ids -> [Int] in
      guard let base = ids.baseAddress else { return [] }
      return (0..<count).sorted { a, b in memcmp(base + 20 * a, base + 20 * b, 20) < 0 }
    }
    var out: [UInt8] = []
    out.reserveCapacity(8 + 1024 + 28 * count + 40)
    func append32(_ value: UInt32) { out += BigEndian.bytes(value) }
    out += [0xFF, 0x74, 0x4F, 0x63, 0, 0, 0, 2]
    var fanout = [UInt32](repeating: 0, count: 256)
    for entry in 0..<count { fanout[Int(ids[20 * entry])] += 1 }
    var running: UInt32 = 0
    for first in 0..<256 {
      running += fanout[first]
      append32(running)
    }
    for entry in order { out += ids[(20 * entry)..<(20 * entry + 20)] }
    for entry in order { append32(entries.crcs[entry]) }
    var large: [UInt64] = []
    for entry in order {
      let offset = entries.offsets[entry]
      if offset > 0x7FFF_FFFF {
        append32(0x8000_0000 | UInt32(large.count))
        large.append(offset)
      } else {
        append32(UInt32(offset))
      }
    }
    for offset in large {
      append32(UInt32(offset >> 32))
      append32(UInt32(offset & 0xFFFF_FFFF))
    }
    out += packChecksum
    out += Insecure.SHA1.hash(data: out)
    return out
  }
}
