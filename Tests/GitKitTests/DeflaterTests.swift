import CGit2
import TestSupport
import Testing

@testable import GitKit

@Suite("Deflater: one zlib stream reused from object to object")
struct DeflaterTests {
  /// What `compress2` writes for `input` at `level`.
  func compressed(_ input: [UInt8], level: Int32) throws -> [UInt8] {
    var length = compressBound(uLong(input.count))
    var out = [UInt8](repeating: 0, count: Int(length))
    let code = out.withUnsafeMutableBufferPointer { buffer in
      input.withUnsafeBufferPointer { compress2(buffer.baseAddress, &length, $0.baseAddress, uLong($0.count), level) }
    }
    try #require(code == Z_OK)
    return Array(out[..<Int(length)])
  }

  @Test("a stream reset for each object writes exactly the bytes compress2 writes for it, appended in turn")
  func sameBytesAsCompress2() throws {
    var random = SeededRandom(seed: 7)
    // A shard folder's tree: names and binary object ids, as an ingest's pack holds hundreds of.
    let tree = (0..<400).flatMap { _ in
      Array("100644 \(random.hex(12)).md\0".utf8) + (0..<20).map { _ in UInt8(random.below(256)) }
    }
    let claim = Array(String(repeating: "statement: 40 people were feared drowned, officials said.\n", count: 20).utf8)
    let inputs: [[UInt8]] = [claim, [], tree, Array("x".utf8), claim, tree]
    for level in [Z_BEST_SPEED, Z_DEFAULT_COMPRESSION] {
      let deflater = try Deflater(level: level)
      var out: [UInt8] = [0xAB]
      var expected: [UInt8] = [0xAB]
      for input in inputs {
        try input.withUnsafeBytes { try deflater.deflateWhole($0, appendingTo: &out) }
        expected += try compressed(input, level: level)
        #expect(out == expected, "level \(level), \(input.count) bytes")
      }
    }
  }
}
