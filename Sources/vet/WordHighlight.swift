import Workbench

/// One side of a word diff, spaced as that side's own text is.
///
/// `WordDiff` gives shared runs B's spacing, which can glue a word of A to
/// the next one ("operator,Orsa"); highlighting needs each side exactly as written.
enum WordHighlight {
  /// The equal segments and the segments of kind `own`, re-spaced from `text`.
  ///
  /// Falls back to the segments as they are if they do not spell `text`.
  static func side(_ segments: [WordDiff.Segment], of text: String, own: WordDiff.Segment.Kind) -> [WordDiff.Segment] {
    let mine = segments.filter { $0.kind == .equal || $0.kind == own }
    // Most sentences are plain ASCII, where characters are bytes (bar CR-LF,
    // hence no CR): matching bytes gives the same result at a fraction of the
    // cost of walking Characters, which was a tenth of a large diff.
    if text.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) {
      return asciiSide(mine, of: text) ?? mine
    }
    return characterSide(mine, of: text) ?? mine
  }

  /// The same characters WordDiff treats as spacing.
  private static func isSpace(_ c: Character) -> Bool { c == " " || c == "\n" || c == "\t" }
  private static func isSpace(_ b: UInt8) -> Bool {
    b == UInt8(ascii: " ") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\t")
  }

  /// `side` for an ASCII `text`; nil if the segments do not spell it.
  ///
  /// Each re-spaced segment is the stretch of `text` from the end of the
  /// previous one to its own last non-space character.
  private static func asciiSide(_ mine: [WordDiff.Segment], of text: String) -> [WordDiff.Segment]? {
    let bytes = Array(text.utf8)
    var out: [WordDiff.Segment] = []
    out.reserveCapacity(mine.count)
    var index = 0
    for segment in mine {
      let start = index
      for byte in segment.text.utf8 where !isSpace(byte) {
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        // A non-ASCII byte in the segment never equals an ASCII one: the segments do not spell `text`.
        guard index < bytes.count, bytes[index] == byte else { return nil }
        index += 1
      }
      out.append(WordDiff.Segment(kind: segment.kind, text: String(decoding: bytes[start..<index], as: UTF8.self)))
    }
    return out
  }

  /// `side` by Characters, for text beyond ASCII; nil if the segments do not spell it.
  private static func characterSide(_ mine: [WordDiff.Segment], of text: String) -> [WordDiff.Segment]? {
    var out: [WordDiff.Segment] = []
    var index = text.startIndex
    for segment in mine {
      var piece = ""
      for character in segment.text where !isSpace(character) {
        while index < text.endIndex, isSpace(text[index]) {
          piece.append(text[index])
          index = text.index(after: index)
        }
        guard index < text.endIndex, text[index] == character else { return nil }
        piece.append(character)
        index = text.index(after: index)
      }
      out.append(WordDiff.Segment(kind: segment.kind, text: piece))
    }
    return out
  }
}
