import Workbench

/// One side of a word diff, spaced as that side's own text is.
///
/// `WordDiff` gives shared runs B's spacing, which can glue a word of A to
/// the next one ("operator,Orsa"); highlighting needs each side exactly as written.
enum WordHighlight {
  /// The equal segments and the segments of kind `own`, re-spaced from `text`.
  /// Falls back to the segments as they are if they do not spell `text`.
  static func side(_ segments: [WordDiff.Segment], of text: String, own: WordDiff.Segment.Kind) -> [WordDiff.Segment] {
    let mine = segments.filter { $0.kind == .equal || $0.kind == own }
    // The same characters WordDiff treats as spacing.
    func isSpace(_ c: Character) -> Bool { c == " " || c == "\n" || c == "\t" }
    var out: [WordDiff.Segment] = []
    var index = text.startIndex
    for segment in mine {
      var piece = ""
      for character in segment.text where !isSpace(character) {
        while index < text.endIndex, isSpace(text[index]) {
          piece.append(text[index])
          index = text.index(after: index)
        }
        guard index < text.endIndex, text[index] == character else { return mine }
        piece.append(character)
        index = text.index(after: index)
      }
      out.append(WordDiff.Segment(kind: segment.kind, text: piece))
    }
    return out
  }
}
