/// A word, number or punctuation mark inside one sentence, with its place in
/// the sentence text so that extracted phrases can be quoted verbatim.
struct Token: Sendable {
  enum Kind: Sendable { case word, number, punctuation }

  var text: String
  var lower: String
  var kind: Kind
  var range: Range<String.Index>
  /// The first letter is uppercase ("Port", "U.S.", "UN").
  var isCapitalized: Bool
  /// Two or more letters, all uppercase ("UN", "PORT").
  var isAllCaps: Bool

  var isWord: Bool { kind == .word }
  var isNumber: Bool { kind == .number }
  var isPunctuation: Bool { kind == .punctuation }
}

/// Splits normalized sentence text into tokens.
///
/// Keeps abbreviations ("U.S.", "a.m."), decimals ("3.5"), thousands
/// separators ("1,200"), contractions and hyphenated compounds
/// ("forty-three") whole, but separates digit ranges ("30-40") so that range
/// detection sees both ends.
enum Tokenizer {
  static func tokenize(_ text: String) -> [Token] {
    var tokens: [Token] = []
    let scalars = text.unicodeScalars
    var idx = scalars.startIndex
    let end = scalars.endIndex

    func isAlnum(_ s: Unicode.Scalar) -> Bool {
      let v = s.value
      if v < 0x80 { return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) }
      return s.properties.isAlphabetic || s.properties.generalCategory == .nonspacingMark
    }
    func isLetter(_ s: Unicode.Scalar) -> Bool {
      let v = s.value
      if v < 0x80 { return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) }
      return s.properties.isAlphabetic
    }
    func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    while idx < end {
      let s = scalars[idx]
      if s == " " || s == "\n" || s == "\t" {
        idx = scalars.index(after: idx)
        continue
      }
      if isAlnum(s) {
        let start = idx
        var cur = scalars.index(after: idx)
        var hasInternalPeriod = false
        while cur < end {
          let c = scalars[cur]
          if isAlnum(c) {
            cur = scalars.index(after: cur)
            continue
          }
          let next = scalars.index(after: cur)
          guard next < end else { break }
          let after = scalars[next]
          let prev = scalars[scalars.index(before: cur)]
          if c == "'" && isAlnum(after) && isLetter(prev) {
            cur = next
            continue
          }
          if c == "-" && isAlnum(after) && !(isDigit(prev) && isDigit(after)) {
            cur = next
            continue
          }
          if c == "." && isAlnum(after) && (isDigit(prev) == isDigit(after)) {
            // "3.5", "U.S", "a.m" — but not "end.Next" with a capital after a
            // long lowercase word, which is a missing space, not an abbreviation.
            if isDigit(prev) || hasInternalPeriod || singleLetterBefore(scalars, start, cur) {
              hasInternalPeriod = hasInternalPeriod || !isDigit(prev)
              cur = next
              continue
            }
          }
          if c == "," && isDigit(prev) && isDigit(after) && threeDigitsFollow(scalars, next, end) {
            cur = next
            continue
          }
          break
        }
        // "U.S." and "a.m." keep their final period; so do single initials.
        if cur < end && scalars[cur] == "." {
          let body = String(scalars[start..<cur])
          if hasInternalPeriod || (body.unicodeScalars.count == 1 && (body.first?.isUppercase ?? false))
            || Abbreviations.titles.contains(body.lowercased())
          {
            cur = scalars.index(after: cur)
          }
        }
        let range = start..<cur
        let str = String(scalars[range])
        let first = scalars[start]
        let kind: Token.Kind = isDigit(first) ? .number : .word
        var letterCount = 0
        var upperCount = 0
        var firstLetterUpper: Bool? = nil
        for u in scalars[range] where isLetter(u) {
          letterCount += 1
          let upper = u.value < 0x80 ? (u.value >= 0x41 && u.value <= 0x5A) : u.properties.isUppercase
          if upper { upperCount += 1 }
          if firstLetterUpper == nil { firstLetterUpper = upper }
        }
        let isCap = isLetter(first) && (firstLetterUpper ?? false)
        let isAllCaps = letterCount >= 2 && upperCount == letterCount
        tokens.append(
          Token(
            text: str, lower: str.lowercased(), kind: kind, range: range, isCapitalized: isCap,
            isAllCaps: isAllCaps))
        idx = cur
        continue
      }
      // Punctuation: "..." stays one token; everything else is one scalar.
      var cur = scalars.index(after: idx)
      if s == "." {
        while cur < end && scalars[cur] == "." { cur = scalars.index(after: cur) }
      }
      let str = String(scalars[idx..<cur])
      tokens.append(
        Token(
          text: str, lower: str, kind: .punctuation, range: idx..<cur, isCapitalized: false,
          isAllCaps: false))
      idx = cur
    }
    return tokens
  }

  private static func singleLetterBefore(
    _ scalars: String.UnicodeScalarView, _ start: String.Index, _ dot: String.Index
  ) -> Bool {
    // Only "X.Y" where X is a single letter starts an abbreviation.
    scalars.index(after: start) == dot
  }

  private static func threeDigitsFollow(
    _ scalars: String.UnicodeScalarView, _ from: String.Index, _ end: String.Index
  ) -> Bool {
    var count = 0
    var cur = from
    while cur < end, scalars[cur].value >= 0x30 && scalars[cur].value <= 0x39 {
      count += 1
      cur = scalars.index(after: cur)
    }
    return count == 3
  }
}

/// Abbreviations that matter to segmentation and tokenization.
enum Abbreviations {
  /// Titles and name parts that are followed by a name, never end a sentence.
  static let titles: Set<String> = [
    "mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "cdr",
    "adm", "maj", "gov", "sen", "rep", "rev", "hon", "pres", "supt", "insp", "det", "cpl", "pvt",
    "st", "mt", "ft", "fr", "sr", "jr", "gens", "brig", "amb", "atty", "mme", "mlle",
  ]
  /// Month abbreviations ("Jan. 5").
  static let months: Set<String> = [
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
  ]
  /// Abbreviations usually followed by a number ("No. 5", "p. 12").
  static let beforeNumbers: Set<String> = [
    "no", "nos", "vol", "vols", "p", "pp", "fig", "figs", "art", "ch", "sec", "para", "approx",
    "est", "ca", "c", "ref", "tel", "ext", "op", "ed", "eds",
  ]
  /// Company and name suffixes and other abbreviations that may also end a
  /// sentence ("... Acme Inc. The company said").
  static let mayEnd: Set<String> = [
    "inc", "ltd", "co", "corp", "llc", "plc", "bros", "etc", "esq", "al", "dept", "univ", "assn",
    "vs", "v", "cf", "jr", "sr",
  ]
}
