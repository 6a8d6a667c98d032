/// git's binary delta format (pack-format.txt, "Deltified representation"):
/// the base's size and the result's size as little-endian base-128 numbers,
/// then instructions that either copy a range of the base or insert the bytes
/// that follow them.
enum Delta {
  /// Reads a delta's two size headers.
  /// - Returns: the sizes and where the instructions start; nil when cut short.
  static func sizes(_ delta: UnsafeBufferPointer<UInt8>) -> (base: Int, result: Int, start: Int)? {
    var at = 0
    func varint() -> Int? {
      var value = 0
      var shift = 0
      while at < delta.count, shift < 63 {
        let byte = delta[at]
        at += 1
        value |= Int(byte & 0x7F) << shift
        shift += 7
        if byte & 0x80 == 0 { return value }
      }
      return nil
    }
    guard let base = varint(), let result = varint() else { return nil }
    return (base, result, at)
  }

  /// Applies `delta` to `base`.
  /// - Returns: the result; nil when the delta is malformed or was made against
  ///   a base of another size (a corrupt pack, or a wrong base).
  static func apply(_ delta: [UInt8], to base: [UInt8]) -> [UInt8]? {
    delta.withUnsafeBufferPointer { delta in
      base.withUnsafeBufferPointer { base in apply(delta, to: base) }
    }
  }

  static func apply(_ delta: UnsafeBufferPointer<UInt8>, to base: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    // A declared size is only believed up to 4 GiB: a hostile pack must not make vet allocate more.
    guard let (baseSize, resultSize, start) = sizes(delta), baseSize == base.count, resultSize < 1 << 32,
      let deltaBase = delta.baseAddress
    else { return nil }
    var ok = true
    let result = [UInt8](unsafeUninitializedCapacity: resultSize) { out, count in
      count = 0
      var at = start
      var written = 0
      while at < delta.count {
        let op = deltaBase[at]
        at += 1
        if op & 0x80 != 0 {
          // Copy: which offset and size bytes follow is given by the low seven bits.
          var offset = 0
          var size = 0
          for bit in 0..<4 where op & (1 << bit) != 0 {
            guard at < delta.count else { ok = false; return }
            offset |= Int(deltaBase[at]) << (8 * bit)
            at += 1
          }
          for bit in 0..<3 where op & (0x10 << bit) != 0 {
            guard at < delta.count else { ok = false; return }
            size |= Int(deltaBase[at]) << (8 * bit)
            at += 1
          }
          if size == 0 { size = 0x10000 }
          guard offset + size <= base.count, written + size <= resultSize, let from = base.baseAddress,
            let to = out.baseAddress
          else { ok = false; return }
          (to + written).update(from: from + offset, count: size)
          written += size
        } else if op != 0 {
          // Insert the next `op` bytes of the delta itself.
          let size = Int(op)
          guard at + size <= delta.count, written + size <= resultSize, let to = out.baseAddress else {
            ok = false
            return
          }
          (to + written).update(from: deltaBase + at, count: size)
          at += size
          written += size
        } else {
          // Opcode 0 is reserved.
          ok = false
          return
        }
      }
      guard written == resultSize else { ok = false; return }
      count = written
    }
    return ok ? result : nil
  }
}
