/// A set of positions as git stores it in a split index's `link` extension:
/// an EWAH-compressed bitmap (git's `ewah/ewah_io.c`).
///
/// The serialized form is a 32-bit bit count, a 32-bit count of 64-bit words,
/// the words, and the 32-bit position of the last marker word, all big-endian.
/// The words are groups: a marker word (bit 0: the value of a run of whole
/// words; bits 1–32: how many words the run has; bits 33–63: how many literal
/// words follow), then that many literal words, whose bit *k* is position
/// 64 × word + *k*.
enum EWAHBitmap {
  /// The positions set in the bitmap at `start` (ascending), and how many bytes it took.
  ///
  /// Nil when the bitmap is malformed or sets a position at or past `limit`
  /// (git refuses such an index: "position … exceeds base index size").
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, limit: Int)
    -> (positions: [Int], length: Int)?
  {
    guard start + 8 <= end else { return nil }
    let wordCount = Int(BigEndian.uint32(bytes, start + 4))
    let wordsStart = start + 8
    let wordsEnd = wordsStart + wordCount * 8
    guard wordsEnd + 4 <= end else { return nil }
    func word(_ i: Int) -> UInt64 {
      var value: UInt64 = 0
      for offset in 0..<8 { value = value << 8 | UInt64(bytes[wordsStart + i * 8 + offset]) }
      return value
    }
    var positions: [Int] = []
    var position = 0
    var i = 0
    while i < wordCount {
      let marker = word(i)
      let run = Int((marker >> 1) & 0xFFFF_FFFF)
      let literals = Int(marker >> 33)
      if marker & 1 == 1 {
        guard position + run * 64 <= limit else { return nil }
        positions.append(contentsOf: position..<(position + run * 64))
      }
      position += run * 64
      i += 1
      guard i + literals <= wordCount else { return nil }
      for _ in 0..<literals {
        var bits = word(i)
        while bits != 0 {
          positions.append(position + bits.trailingZeroBitCount)
          bits &= bits - 1
        }
        position += 64
        i += 1
      }
    }
    guard positions.last.map({ $0 < limit }) ?? true else { return nil }
    return (positions, wordsEnd + 4 - start)
  }

  /// The serialized bitmap of `positions` (ascending, without repeats).
  static func encode(_ positions: [Int]) -> [UInt8] {
    var words: [UInt64] = []
    var lastMarker = 0
    var nextWord = 0  // the first word not yet covered
    var i = 0
    while i < positions.count {
      let first = positions[i] / 64
      lastMarker = words.count
      words.append(0)
      var literals = 0
      var current = first
      // Literal words for consecutive word indexes; a gap starts a new group.
      while i < positions.count && positions[i] / 64 == current {
        var bits: UInt64 = 0
        while i < positions.count && positions[i] / 64 == current {
          bits |= 1 << UInt64(positions[i] % 64)
          i += 1
        }
        words.append(bits)
        literals += 1
        current += 1
      }
      words[lastMarker] = UInt64(first - nextWord) << 1 | UInt64(literals) << 33
      nextWord = current
    }
    if words.isEmpty { words = [0] }
    var out = BigEndian.bytes(UInt32(positions.last.map { $0 + 1 } ?? 0)) + BigEndian.bytes(UInt32(words.count))
    out.reserveCapacity(out.count + words.count * 8 + 4)
    for word in words {
      for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
    }
    return out + BigEndian.bytes(UInt32(lastMarker))
  }
}
