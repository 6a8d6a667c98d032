import Foundation

/// Checks text handed to vet (an article, a file of notes) before anything is stored.
public enum TextInput {
  /// The largest article vet accepts: about 800,000 words, far beyond any report,
  /// and small enough that ingest stays fast and memory low.
  public static let maximumBytes = 5 * 1024 * 1024

  /// Validates and decodes article bytes.
  /// - Parameter name: the file name (or "standard input") for messages.
  /// - Throws: `WorkbenchError.invalidInput` for empty, oversized, binary or non-UTF-8 input.
  public static func decode(_ bytes: [UInt8], name: String) throws -> String {
    if bytes.count > maximumBytes {
      throw WorkbenchError.invalidInput(
        source: name,
        reason: "is \(bytes.count / 1_048_576) MB; the limit for one article is \(maximumBytes / 1_048_576) MB")
    }
    if let nul = bytes.firstIndex(of: 0) {
      throw WorkbenchError.invalidInput(
        source: name,
        reason: "looks like a binary file (NUL byte at line \(line(of: nul, in: bytes))); give vet plain text")
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      let offset = firstInvalidUTF8(bytes) ?? 0
      throw WorkbenchError.invalidInput(
        source: name,
        reason:
          "is not UTF-8 text (invalid byte at line \(line(of: offset, in: bytes))); convert it, e.g. with `iconv -t UTF-8`"
      )
    }
    if text.allSatisfy({ $0.isWhitespace }) {
      throw WorkbenchError.invalidInput(source: name, reason: "is empty; there is nothing to ingest")
    }
    return text
  }

  static func line(of offset: Int, in bytes: [UInt8]) -> Int {
    bytes[..<offset].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
  }

  /// Where the first byte that breaks UTF-8 is, to point the analyst at it.
  static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
    var i = 0
    while i < bytes.count {
      let length: Int
      switch bytes[i] {
      case 0..<0x80: length = 1
      case 0xC2...0xDF: length = 2
      case 0xE0...0xEF: length = 3
      case 0xF0...0xF4: length = 4
      default: return i
      }
      guard i + length <= bytes.count else { return i }
      for j in 1..<length where bytes[i + j] & 0xC0 != 0x80 { return i }
      guard String(validating: bytes[i..<i + length], as: UTF8.self) != nil else { return i }
      i += length
    }
    return nil
  }
}
