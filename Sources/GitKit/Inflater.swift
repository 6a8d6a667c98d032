import CGit2

/// One zlib inflate stream, reset and reused from object to object; owns its
/// `z_stream` (ended in `deinit`).
final class Inflater {
  private let stream: UnsafeMutablePointer<z_stream>

  /// Wraps `inflateInit`.
  init() throws(GitError) {
    stream = try ZStream.started("inflateInit") { vet_inflate_init($0) }
  }

  deinit {
    inflateEnd(stream)
    ZStream.free(stream)
  }

  /// Starts a new zlib stream.
  ///
  /// Wraps `inflateReset`.
  func reset() {
    inflateReset(stream)
  }

  /// How one step of a streamed inflate went.
  struct Step {
    /// Input bytes zlib took.
    var consumed: Int
    /// Output bytes zlib wrote.
    var produced: Int
    /// Whether the zlib stream ended in this step (what follows `consumed` is not part of it).
    var ended: Bool
  }

  /// Inflates as much of `input` into `output` as fits; call again with the
  /// rest of the input or a fresh output buffer until `ended`.
  /// - Returns: nil when the data is not a valid zlib stream.
  /// Wraps `inflate` with `Z_NO_FLUSH`.
  func step(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Step? {
    guard let outBase = output.baseAddress, output.count > 0 else {
      return Step(consumed: 0, produced: 0, ended: false)
    }
    // zlib only reads through next_in; its declaration just lacks the const.
    stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
    stream.pointee.avail_in = UInt32(input.count)
    stream.pointee.next_out = outBase.assumingMemoryBound(to: UInt8.self)
    stream.pointee.avail_out = UInt32(output.count)
    let code = inflate(stream, Z_NO_FLUSH)
    let step = Step(
      consumed: input.count - Int(stream.pointee.avail_in), produced: output.count - Int(stream.pointee.avail_out),
      ended: code == Z_STREAM_END)
    // Z_BUF_ERROR only means no progress was possible with what was given: more input is needed.
    guard code == Z_OK || code == Z_STREAM_END || code == Z_BUF_ERROR else { return nil }
    return step
  }

  /// Inflates one whole zlib stream whose inflated size is known.
  /// - Parameters:
  ///   - input: exactly the compressed bytes (trailing bytes are tolerated).
  ///   - size: the inflated size the pack entry declares.
  /// - Returns: the inflated bytes; nil when the stream is invalid, truncated,
  ///   or inflates to another size.
  /// Wraps `inflateReset` and `inflate` with `Z_FINISH`.
  func inflateWhole(_ input: UnsafeRawBufferPointer, size: Int) -> [UInt8]? {
    // zlib counts in 32 bits; larger objects are not inflated in one call (nor expected in a workspace).
    guard input.count < UInt32.max, size < UInt32.max - 1 else { return nil }
    reset()
    var ok = false
    // One byte to spare, so that a stream longer than declared is caught rather than cut short.
    let bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
      stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
      stream.pointee.avail_in = UInt32(input.count)
      stream.pointee.next_out = buffer.baseAddress
      stream.pointee.avail_out = UInt32(size + 1)
      let code = inflate(stream, Z_FINISH)
      count = size + 1 - Int(stream.pointee.avail_out)
      ok = code == Z_STREAM_END && count == size
    }
    return ok ? bytes : nil
  }
}
