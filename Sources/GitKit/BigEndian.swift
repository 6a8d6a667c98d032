/// Big-endian integers as git's binary formats store them (the index, packs and their `.idx`).
enum BigEndian {
  /// The 32-bit integer at `at`.
  static func uint32<C: RandomAccessCollection>(_ b: C, _ at: Int) -> UInt32 where C.Element == UInt8, C.Index == Int {
    UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
  }

  /// The 16-bit integer at `at`.
  static func uint16<C: RandomAccessCollection>(_ b: C, _ at: Int) -> UInt16 where C.Element == UInt8, C.Index == Int {
    UInt16(b[at]) << 8 | UInt16(b[at + 1])
  }

  /// The four bytes of `value`, most significant first.
  static func bytes(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
  }

  /// Overwrites the four bytes at `at` with `value`.
  static func put(_ value: UInt32, into out: inout [UInt8], at: Int) {
    out.replaceSubrange(at..<(at + 4), with: bytes(value))
  }
}
