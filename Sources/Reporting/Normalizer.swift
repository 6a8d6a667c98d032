import Foundation

/// Puts article text into one canonical form before it is segmented.
///
/// Articles arrive from web pages, wire feeds and word processors, each with
/// its own quotes, dashes, spaces and line endings. Everything downstream
/// (segmentation, lexicons, alignment) matches plain ASCII punctuation, so the
/// variants are folded here once.
public enum Normalizer {
  /// Returns `text` in NFC with straight quotes, canonical dashes, plain
  /// spaces, `\n` line endings and at most one blank line between paragraphs.
  ///
  /// - Spaced dashes of any kind (`—`, `–`, ` - `, `--`) become ` — `; an
  ///   unspaced en dash or minus (`30–40`) becomes `-`.
  /// - Non-breaking and other wide spaces become a space; zero-width
  ///   characters, soft hyphens and control characters are removed.
  /// - `…` becomes `...`.
  /// - Runs of spaces collapse; lines are trimmed.
  public static func normalize(_ text: String) -> String {
    // ASCII text (most articles) is read as its bytes, each of which is a
    // scalar: decoding a long article into an array of scalars cost a
    // quarter of normalizing it.
    if isASCII(text) {
      if isNormalASCII(text) { return text }
      return normalize(scalars: Array(text.utf8))
    }
    return normalize(scalars: text.precomposedStringWithCanonicalMapping.unicodeScalars.map(\.value))
  }

  /// `normalize` over scalar values, in NFC.
  static func normalize<Value: FixedWidthInteger>(scalars: [Value]) -> String {
    // The result is built as UTF-8 bytes: appending to a
    // `String.UnicodeScalarView` one scalar at a time cost more than all the
    // decisions below.
    var out: [UInt8] = []
    out.reserveCapacity(scalars.count + scalars.count / 8)
    var pendingSpace = false
    var pendingNewlines = 0
    var atLineStart = true

    func emit(_ s: Unicode.Scalar) {
      emitValue(s.value)
    }
    func emitValue(_ value: UInt32) {
      if pendingNewlines > 0 {
        if !out.isEmpty {
          for _ in 0..<min(pendingNewlines, 2) { out.append(UInt8(ascii: "\n")) }
        }
        pendingNewlines = 0
        pendingSpace = false
        atLineStart = true
      }
      if pendingSpace && !atLineStart { out.append(UInt8(ascii: " ")) }
      pendingSpace = false
      atLineStart = false
      if value < 0x80 {
        out.append(UInt8(truncatingIfNeeded: value))
      } else if let s = Unicode.Scalar(value) {
        UTF8.encode(s) { out.append($0) }
      }
    }
    func emitDash() {
      // A spaced dash always keeps its spaces so the words around it stay apart.
      pendingSpace = true
      emit("\u{2014}")
      pendingSpace = true
    }

    var i = 0
    let n = scalars.count
    while i < n {
      let v = UInt32(truncatingIfNeeded: scalars[i])
      switch v {
      case 0x0D:
        if i + 1 < n && scalars[i + 1] == 0x0A { i += 1 }
        pendingNewlines += 1
        pendingSpace = false
      case 0x0A, 0x0B, 0x0C, 0x85, 0x2028, 0x2029:
        pendingNewlines += 1
        pendingSpace = false
      case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
        pendingSpace = true
      case 0x200B...0x200D, 0x2060, 0xFEFF, 0xAD:
        break
      case 0x00...0x1F, 0x7F, 0x80...0x9F:
        // Other control characters carry no text; escape sequences from a
        // terminal paste must not reach the sentence text.
        break
      case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2035, 0x2039, 0x203A, 0xFF07:
        emit("'")
      case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2036, 0xAB, 0xBB, 0xFF02:
        emit("\"")
      case 0x2026:
        emit(".")
        emit(".")
        emit(".")
      case 0x2014, 0x2015, 0x2E3A, 0x2E3B:
        emitDash()
      case 0x2010, 0x2011, 0x2012, 0x2013, 0x2212, 0xFE58, 0xFE63, 0xFF0D, 0x2D:
        // A hyphen-like mark is a dash when it stands apart (" - ", " – ")
        // or is doubled ("--"); otherwise it joins (ranges, compounds).
        var j = i + 1
        var doubled = false
        if v == 0x2D && j < n && scalars[j] == 0x2D {
          doubled = true
          while j < n && scalars[j] == 0x2D { j += 1 }
        }
        let spacedBefore = pendingSpace || atLineStart || out.isEmpty
        let spacedAfter = j >= n || isSpace(UInt32(truncatingIfNeeded: scalars[j]))
        if doubled || (spacedBefore && spacedAfter) {
          emitDash()
        } else {
          emit("-")
        }
        i = j
        continue
      default:
        emitValue(v)
      }
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// True if `normalize` would return ASCII `text` unchanged: printable
  /// characters and single spaces between them, and no hyphen that could
  /// be a dash.
  ///
  /// A recorded claim is a sentence that was normalized when it was
  /// ingested; an ingest normalizes thousands of them again.
  static func isNormalASCII(_ text: String) -> Bool {
    let space = UInt8(ascii: " "), hyphen = UInt8(ascii: "-")
    let check = { (bytes: UnsafeBufferPointer<UInt8>) -> Bool in
      let n = bytes.count
      guard n > 0, bytes[0] != space, bytes[n - 1] != space else { return n == 0 }
      for i in 0..<n {
        let b = bytes[i]
        if b == space {
          // A second space collapses.
          if bytes[i + 1] == space { return false }
        } else if b == hyphen {
          // Joining two characters, a hyphen stays a hyphen; spaced or doubled, it is a dash.
          if i == 0 || bytes[i - 1] == space || i + 1 == n || bytes[i + 1] == space || bytes[i + 1] == hyphen {
            return false
          }
        } else if b < 0x21 || b > 0x7E {
          return false
        }
      }
      return true
    }
    if let result = text.utf8.withContiguousStorageIfAvailable(check) { return result }
    return Array(text.utf8).withUnsafeBufferPointer(check)
  }

  static func isASCII(_ text: String) -> Bool {
    // OR-ing contiguous bytes vectorizes; testing each through the view did not.
    if let ascii = text.utf8.withContiguousStorageIfAvailable({ bytes in bytes.reduce(0, |) < 0x80 }) {
      return ascii
    }
    return text.utf8.allSatisfy { $0 < 0x80 }
  }

  static func isSpace(_ value: UInt32) -> Bool {
    switch value {
    case 0x09, 0x0A, 0x0D, 0x20, 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return true
    default: return false
    }
  }
}
