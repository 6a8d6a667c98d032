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

  /// Whether any scalar of `text` is unsafe; printable ASCII is ruled out byte by byte,
  /// since a list of 100,000 claims escapes every cell.
  static func needsEscaping(_ text: String, keepNewlines: Bool) -> Bool {
    var ascii = true
    for byte in text.utf8 {
      if byte >= 0x80 {
        ascii = false
        break
      }
      if byte < 0x20 || byte == 0x7F {
        if !(keepNewlines && (byte == 0x0A || byte == 0x09)) { return true }
      }
    }
    if ascii { return false }
    return text.unicodeScalars.contains { isUnsafe($0, keepNewlines: keepNewlines) }
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
