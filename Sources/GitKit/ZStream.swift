import CGit2

/// The allocation a zlib stream lives in, shared by `Inflater` and `Deflater`.
///
/// zlib keeps a pointer back to the stream in its private state and refuses a
/// stream that has moved, so a stream lives in an allocation of its own
/// rather than in a Swift property.
enum ZStream {
  /// A new stream, started by `start` (`inflateInit`, `deflateInit`).
  /// - Throws: `GitError` naming `function` when zlib cannot start.
  static func started(_ function: String, _ start: (UnsafeMutablePointer<z_stream>) -> Int32) throws(GitError)
    -> UnsafeMutablePointer<z_stream>
  {
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    let code = start(stream)
    guard code == Z_OK else {
      Self.free(stream)
      throw GitError(message: "zlib could not start (code \(code))", function: function)
    }
    return stream
  }

  /// Frees a stream once zlib has ended it (`inflateEnd`, `deflateEnd`).
  static func free(_ stream: UnsafeMutablePointer<z_stream>) {
    stream.deinitialize(count: 1)
    stream.deallocate()
  }
}
