/// Making data safe to show on a terminal.
public enum Terminal {
  /// Escapes control characters (ESC, BEL, C1 controls, DEL, ...) so that text
  /// from an article can never drive the terminal: ESC becomes `\e`, others `\u{..}`.
  ///
  /// Newlines and tabs are escaped too unless `keepNewlines` is set.
  public static func escape(_ text: String, keepNewlines: Bool = false) -> String {
    guard needsEscaping(text, keepNewlines: keepNewlines) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
      guard isUnsafe(scalar, keepNewlines: keepNewlines) else {
        out.unicodeScalars.append(scalar)
        continue
      }
      switch scalar {
      case "\u{1B}": out += "\\e"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default: out += "\\u{" + String(scalar.value, radix: 16) + "}"
      }
    }
    return out
  }

  /// Whether any scalar of `text` is unsafe, found in its UTF-8 bytes, since a
  /// list of 100,000 claims escapes every cell: C0 controls and DEL are single
  /// bytes, C1 controls are C2 80–9F, and the bidirectional overrides are
  /// E2 80 AA–AE and E2 81 A6–A9.
  static func needsEscaping(_ text: String, keepNewlines: Bool) -> Bool {
    func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
      // Most text is printable ASCII (20–7E) throughout, which one pass without
      // branches finds, and the compiler vectorises: below 20 wraps round to the top.
      var highest: UInt8 = 0
      for byte in bytes { highest = max(highest, byte &- 0x20) }
      if highest < 0x7F - 0x20 { return false }
      var i = 0
      let n = bytes.count
      while i < n {
        let byte = bytes[i]
        if byte < 0x20 || byte == 0x7F {
          if !(keepNewlines && (byte == 0x0A || byte == 0x09)) { return true }
        } else if byte == 0xC2, i + 1 < n, (0x80...0x9F).contains(bytes[i + 1]) {
          return true
        } else if byte == 0xE2, i + 2 < n, bytes[i + 1] == 0x80 || bytes[i + 1] == 0x81 {
          let last = bytes[i + 2]
          if bytes[i + 1] == 0x80 ? (0xAA...0xAE).contains(last) : (0xA6...0xA9).contains(last) { return true }
        }
        i += 1
      }
      return false
    }
    if let found = text.utf8.withContiguousStorageIfAvailable(scan) { return found }
    return Array(text.utf8).withUnsafeBufferPointer(scan)
  }

  static func isUnsafe(_ scalar: Unicode.Scalar, keepNewlines: Bool) -> Bool {
    if keepNewlines && (scalar == "\n" || scalar == "\t") { return false }
    switch scalar.value {
    case 0..<0x20, 0x7F, 0x80..<0xA0: return true
    // Bidirectional overrides can disguise text on screen.
    case 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
  }
}
