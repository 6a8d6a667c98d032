/// One sentence-sized piece of an article, before it is classified.
struct Segment: Sendable, Equatable {
  var text: String
  var paragraph: Int
  /// The segment is the whole of its paragraph and its paragraph is a single
  /// line: headlines, bylines, share bars and link lists look like this.
  var isWholeLine: Bool
  /// The segment was cut off the front of a paragraph as a dateline.
  var isDateline: Bool = false
}

/// Splits normalized text into paragraphs and sentences.
///
/// A rule-based splitter: a terminal mark (`.`, `!`, `?`, `...`) followed by
/// optional closing quotes or brackets and a space ends a sentence unless the
/// evidence says otherwise — the next word is lowercase (`"Where?" she
/// asked`), the word before is a title or initial (`Mr.`, `J. R. Tolkien`),
/// a month or number abbreviation precedes a number (`Jan. 5`, `No. 4`), or
/// an acronym is followed by something other than a sentence opener
/// (`the U.S. Navy`).
enum SentenceSplitter {
  /// Splits `text` (already normalized) into segments in reading order.
  static func split(_ text: String) -> [Segment] {
    var segments: [Segment] = []
    let paragraphs = Paragraphs.split(text)
    for (p, paragraph) in paragraphs.enumerated() {
      let sentences = splitParagraph(paragraph)
      let whole = sentences.count == 1
      for s in sentences {
        segments.append(Segment(text: s, paragraph: p, isWholeLine: whole))
      }
    }
    return Dateline.splitOff(segments)
  }

  /// The text of the first segment of `text` (already normalized), as
  /// `split(text).first?.text`; nil when it has none.
  ///
  /// A recorded claim is one line of ASCII, most often one sentence: then
  /// there is one paragraph and no dateline to cut (a dateline's dash is
  /// not ASCII), and the sentences after the first need not be found.
  static func firstSentence(_ text: String) -> String? {
    let plain = text.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
    guard plain, !text.includes(" -- ") else { return split(text).first?.text }
    return splitParagraph(text, limit: 1).first
  }

  /// Splits one paragraph (no newlines) into sentences, the first `limit` of them.
  ///
  /// Works on UTF-8 bytes: every mark that can end a sentence is ASCII, and
  /// byte slices make the sentence strings cheaply.
  static func splitParagraph(_ paragraph: String, limit: Int = .max) -> [String] {
    let s = Array(paragraph.utf8)
    let n = s.count
    var result: [String] = []
    var start = 0
    var i = 0
    let period = UInt8(ascii: "."), bang = UInt8(ascii: "!"), question = UInt8(ascii: "?")
    let space = UInt8(ascii: " ")
    while i < n {
      let c = s[i]
      guard c == period || c == bang || c == question else {
        i += 1
        continue
      }
      var j = i
      while j < n && (s[j] == period || s[j] == bang || s[j] == question) { j += 1 }
      var k = j
      while k < n && isCloser(s[k]) { k += 1 }
      if k == n {
        break
      }
      guard s[k] == space else {
        i = k
        continue
      }
      var next = k
      while next < n && s[next] == space { next += 1 }
      if next < n && isBoundary(s, markStart: i, markEnd: j, closed: k > j, nextStart: next) {
        appendTrimmed(s, start, k, to: &result)
        start = next
        if result.count >= limit { return result }
      }
      i = k
    }
    if start < n { appendTrimmed(s, start, n, to: &result) }
    return result
  }

  private static func appendTrimmed(_ s: [UInt8], _ from: Int, _ to: Int, to result: inout [String]) {
    var lo = from
    var hi = to
    while lo < hi && s[lo] == UInt8(ascii: " ") { lo += 1 }
    while hi > lo && s[hi - 1] == UInt8(ascii: " ") { hi -= 1 }
    guard lo < hi else { return }
    result.append(String(decoding: s[lo..<hi], as: UTF8.self))
  }

  static func isCloser(_ c: UInt8) -> Bool {
    c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: ")") || c == UInt8(ascii: "]")
      || c == UInt8(ascii: "}")
  }

  static func isOpener(_ c: UInt8) -> Bool {
    c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: "(") || c == UInt8(ascii: "[")
      || c == UInt8(ascii: "{")
  }

  /// The scalar that starts at byte `i` (its first byte is not a continuation byte).
  private static func scalar(_ s: [UInt8], at i: Int) -> Unicode.Scalar {
    let b = s[i]
    if b < 0x80 { return Unicode.Scalar(b) }
    var end = i + 1
    while end < s.count && s[end] & 0xC0 == 0x80 { end += 1 }
    return String(decoding: s[i..<end], as: UTF8.self).unicodeScalars.first ?? " "
  }

  /// Decides whether the terminal mark at `markStart..<markEnd` ends a sentence.
  private static func isBoundary(
    _ s: [UInt8], markStart: Int, markEnd: Int, closed: Bool, nextStart: Int
  ) -> Bool {
    // The next word, skipping opening quotes and brackets.
    var nw = nextStart
    while nw < s.count && isOpener(s[nw]) { nw += 1 }
    var nwEnd = nw
    while nwEnd < s.count && s[nwEnd] != UInt8(ascii: " ") { nwEnd += 1 }
    guard nw < s.count else { return true }
    let first = scalar(s, at: nw)
    if first.properties.isLowercase { return false }
    // The next word, bare and lowercased, and whether it opens sentences:
    // computed only for the abbreviations that need them, as most periods
    // follow an ordinary word and end the sentence whatever comes next.
    func nextBare() -> String {
      String(decoding: s[nw..<nwEnd], as: UTF8.self).trimmingTrailingPunctuation().lowercased()
    }
    func nextIsOpener() -> Bool { SentenceOpeners.words.contains(nextBare()) }

    let hasBang = s[markStart..<markEnd].contains { $0 == UInt8(ascii: "!") || $0 == UInt8(ascii: "?") }
    if hasBang { return true }
    if markEnd - markStart >= 2 {
      // An ellipsis ends a sentence only when a capitalised word follows.
      return first.properties.isUppercase || nw > nextStart
    }
    if closed { return true }

    // A single period: look at the word before it.
    var wStart = markStart
    while wStart > 0 && s[wStart - 1] != UInt8(ascii: " ") && !isOpener(s[wStart - 1]) { wStart -= 1 }
    if wStart == markStart { return true }
    let word = String(decoding: s[wStart..<markStart], as: UTF8.self)
    let lower = word.lowercased()
    let nextIsNumber = first.value >= 0x30 && first.value <= 0x39

    if Abbreviations.titles.contains(lower) && !Abbreviations.mayEnd.contains(lower) {
      return false
    }
    if Abbreviations.months.contains(lower) {
      return !nextIsNumber && nextIsOpener()
    }
    if Abbreviations.beforeNumbers.contains(lower) && nextIsNumber {
      return false
    }
    if word.unicodeScalars.count == 1, let ch = word.first, ch.isUppercase {
      // An initial ("J. R. Tolkien"), unless a sentence clearly starts after it.
      return nextIsOpener()
    }
    if word.utf8.contains(UInt8(ascii: ".")) && word.contains(where: { $0.isLetter })
      && !word.contains(where: { $0.isNumber })
    {
      // "a.m." / "p.m.": a capitalised word that is not a time word starts a sentence.
      if lower == "a.m" || lower == "p.m" {
        return !TimeWords.afterClock.contains(nextBare()) && !nextIsNumber
      }
      // Acronyms ("U.S.", "U.N."): only a clear sentence opener follows a boundary.
      return nextIsOpener()
    }
    if Abbreviations.mayEnd.contains(lower) {
      return nextIsOpener()
    }
    return true
  }
}

/// Words that, capitalised, almost always start a new sentence rather than
/// continue a name (`... in the U.S. The ministry said`).
enum SentenceOpeners {
  static let words: Set<String> = [
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their",
    "our", "my", "this", "that", "these", "those", "there", "but", "and", "or", "so", "yet", "in",
    "on", "at", "by", "for", "from", "with", "after", "before", "when", "while", "as", "if",
    "although", "though", "however", "meanwhile", "still", "also", "some", "many", "most", "no",
    "not", "one", "according", "officials", "authorities", "police", "during", "since", "until",
    "earlier", "later", "both", "all", "each", "another", "other", "such", "what", "who", "why",
    "how", "where", "asked", "among", "despite", "about", "over", "under", "more", "several",
  ]
}

extension String {
  func trimmingTrailingPunctuation() -> String {
    var s = Substring(self)
    while let last = s.last, last.isPunctuation || last == "\"" || last == "'" { s = s.dropLast() }
    return String(s)
  }
}

/// Reconstructs paragraphs from lines.
///
/// Blank lines always separate paragraphs. A single newline is a paragraph
/// break too, unless the text is hard-wrapped (most lines of similar length
/// near a fixed width), in which case a line is joined to the next when the
/// next line's first word would not have fitted on it.
enum Paragraphs {
  static func split(_ text: String) -> [String] {
    let lines = splitLines(text)
    let width = wrapWidth(lines)
    var paragraphs: [String] = []
    var current = ""
    for (i, line) in lines.enumerated() {
      if line.isEmpty {
        if !current.isEmpty { paragraphs.append(current) }
        current = ""
        continue
      }
      current = current.isEmpty ? line : current + " " + line
      let joinNext: Bool
      if let width, i + 1 < lines.count, !lines[i + 1].isEmpty {
        let nextFirst = characterCount(lines[i + 1].prefix { $0 != " " })
        joinNext = characterCount(line) + 1 + nextFirst > width
      } else {
        joinNext = false
      }
      if !joinNext {
        paragraphs.append(current)
        current = ""
      }
    }
    if !current.isEmpty { paragraphs.append(current) }
    return paragraphs
  }

  /// The lines of `text`, split at "\n".
  ///
  /// Splits UTF-8 bytes, which is what splitting Characters does when there
  /// is no CR (CR-LF is one Character, a lone LF always its own) and costs a
  /// fraction of it on a long article; normalized text never has a CR.
  static func splitLines(_ text: String) -> [String] {
    guard !text.utf8.contains(UInt8(ascii: "\r")) else {
      return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
    let bytes = Array(text.utf8)
    var lines: [String] = []
    var start = 0
    for (k, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      lines.append(String(decoding: bytes[start..<k], as: UTF8.self))
      start = k + 1
    }
    lines.append(String(decoding: bytes[start...], as: UTF8.self))
    return lines
  }

  /// The number of Characters in `text`: its byte count when it is ASCII
  /// without CR, where every Character is one byte, without walking
  /// grapheme clusters.
  static func characterCount<S: StringProtocol>(_ text: S) -> Int {
    if text.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) { return text.utf8.count }
    return text.count
  }

  /// The column the text is wrapped at, or nil if it is not hard-wrapped.
  static func wrapWidth(_ lines: [String]) -> Int? {
    // Only lines followed by a non-empty line can show wrapping.
    var lengths: [Int] = []
    for i in 0..<max(0, lines.count - 1) where !lines[i].isEmpty && !lines[i + 1].isEmpty {
      lengths.append(characterCount(lines[i]))
    }
    // Two wrapped lines suffice when a line visibly continues mid-sentence
    // (the next one starts in lowercase); otherwise ask for three.
    var continuesLowercase = false
    for i in 0..<max(0, lines.count - 1) where !lines[i].isEmpty && !lines[i + 1].isEmpty {
      if let f = lines[i + 1].first, f.isLowercase { continuesLowercase = true }
    }
    guard lengths.count >= 3 || (lengths.count == 2 && continuesLowercase) else { return nil }
    guard let maxLen = lengths.max(), maxLen <= 120, maxLen >= 40 else { return nil }
    let near = lengths.filter { $0 >= maxLen - 20 }.count
    guard Double(near) >= 0.6 * Double(lengths.count) else { return nil }
    return maxLen
  }
}
