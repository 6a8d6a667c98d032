import CGit2

/// One zlib deflate stream, reset and reused from object to object; owns its
/// `z_stream` (ended in `deinit`).
///
/// `compress2` sets up and frees a stream (some 270 KB of tables) for every
/// call: for the hundreds of small objects of an ingest's pack that cost
/// more than deflating them. A reset stream starts as a new one does, so
/// the bytes are `compress2`'s.
final class Deflater {
  private let stream: UnsafeMutablePointer<z_stream>

  /// Wraps `deflateInit`.
  /// - Parameter level: the zlib compression level, 0 (stored) to 9.
  init(level: Int32) throws(GitError) {
    stream = try ZStream.started("deflateInit") { vet_deflate_init($0, level) }
  }

  deinit {
    deflateEnd(stream)
    ZStream.free(stream)
  }

  /// Deflates `input` as one whole zlib stream, appended to `output`.
  ///
  /// Wraps `deflateReset`, `deflateBound` and `deflate` with `Z_FINISH`.
  func deflateWhole(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws(GitError) {
    // zlib counts in 32 bits; larger objects are not deflated in one call (nor expected in a workspace).
    guard input.count < UInt32.max else {
      throw GitError(message: "an object of \(input.count) bytes is too large to deflate", function: "deflate")
    }
    deflateReset(stream)
    let bound = Int(deflateBound(stream, uLong(input.count)))
    let start = output.count
    var code = Z_OK
    output.append(contentsOf: repeatElement(0, count: bound))
    output.withUnsafeMutableBufferPointer { buffer in
      stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
      stream.pointee.avail_in = UInt32(input.count)
      stream.pointee.next_out = buffer.baseAddress.map { $0 + start }
      stream.pointee.avail_out = UInt32(bound)
      code = deflate(stream, Z_FINISH)
    }
    output.removeLast(Int(stream.pointee.avail_out))
    guard code == Z_STREAM_END else {
      output.removeLast(output.count - start)
      throw GitError(message: "zlib could not deflate an object (\(code))", function: "deflate")
    }
  }
}
