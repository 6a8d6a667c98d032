import GitKit

#if canImport(Glibc)
  import Glibc
#endif

/// Standard output gathered into large writes.
///
/// A listing of 100,000 claims goes out a few hundred kilobytes at a time:
/// neither a write per line nor a copy of the whole listing in memory.
struct ChunkedOutput {
  private static let chunkSize = 1 << 18
  private var buffer: [UInt8] = []

  /// Starts after whatever `print` has buffered, so the order holds.
  init() {
    fflush(nil)
    buffer.reserveCapacity(Self.chunkSize)
  }

  /// Appends the bytes of `text`.
  mutating func append(_ text: String) {
    if text.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil { append(Array(text.utf8)) }
  }

  /// Appends `bytes`, writing out the chunk once it is full.
  mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= Self.chunkSize { flush() }
  }

  /// Appends `bytes`, writing out the chunk once it is full.
  mutating func append(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { append($0) }
  }

  /// Appends one byte.
  mutating func append(_ byte: UInt8) {
    buffer.append(byte)
    if buffer.count >= Self.chunkSize { flush() }
  }

  /// Writes out what is buffered.
  mutating func flush() {
    // A closed pipe (`vet … | head`) ends the output; nothing to report.
    _ = buffer.withUnsafeBytes { FileBytes.write($0, to: STDOUT_FILENO) }
    buffer.removeAll(keepingCapacity: true)
  }
}
