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
    // About one token in five characters of news text.
    tokens.reserveCapacity(text.utf8.count / 4 + 4)
    // Scalars in an array, walked by integer position, with each one's UTF-8
    // offset for making strings and indices at the end: stepping and
    // validating `String.Index`es of the scalar view was most of the cost.
    let scalars = Array(text.unicodeScalars)
    let bytes = Array(text.utf8)
    var offsets: [Int] = []
    offsets.reserveCapacity(scalars.count + 1)
    var offset = 0
    for s in scalars {
      offsets.append(offset)
      offset += UTF8.width(s)
    }
    offsets.append(offset)
    let utf8 = text.utf8
    func index(_ k: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offsets[k]) }
    func string(_ r: Range<Int>) -> String {
      String(decoding: bytes[offsets[r.lowerBound]..<offsets[r.upperBound]], as: UTF8.self)
    }
    var idx = 0
    let end = scalars.count

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
        idx += 1
        continue
      }
      if isAlnum(s) {
        let start = idx
        var cur = idx + 1
        var hasInternalPeriod = false
        while cur < end {
          let c = scalars[cur]
          if isAlnum(c) {
            cur += 1
            continue
          }
          let next = cur + 1
          guard next < end else { break }
          let after = scalars[next]
          let prev = scalars[cur - 1]
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
            // (Only "X.Y" where X is a single letter starts an abbreviation.)
            if isDigit(prev) || hasInternalPeriod || start + 1 == cur {
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
          let body = string(start..<cur)
          if hasInternalPeriod || (cur - start == 1 && (body.first?.isUppercase ?? false))
            || Abbreviations.titles.contains(body.lowercased())
          {
            cur += 1
          }
        }
        let str = string(start..<cur)
        let first = scalars[start]
        let kind: Token.Kind = isDigit(first) ? .number : .word
        var letterCount = 0
        var upperCount = 0
        var firstLetterUpper: Bool? = nil
        for u in scalars[start..<cur] where isLetter(u) {
          letterCount += 1
          let upper = u.value < 0x80 ? (u.value >= 0x41 && u.value <= 0x5A) : u.properties.isUppercase
          if upper { upperCount += 1 }
          if firstLetterUpper == nil { firstLetterUpper = upper }
        }
        let isCap = isLetter(first) && (firstLetterUpper ?? false)
        let isAllCaps = letterCount >= 2 && upperCount == letterCount
        tokens.append(
          Token(
            text: str, lower: str.lowercased(), kind: kind, range: index(start)..<index(cur), isCapitalized: isCap,
            isAllCaps: isAllCaps))
        idx = cur
        continue
      }
      // Punctuation: "..." stays one token; everything else is one scalar.
      var cur = idx + 1
      if s == "." {
        while cur < end && scalars[cur] == "." { cur += 1 }
      }
      let str = string(idx..<cur)
      tokens.append(
        Token(
          text: str, lower: str, kind: .punctuation, range: index(idx)..<index(cur), isCapitalized: false,
          isAllCaps: false))
      idx = cur
    }
    return tokens
  }

  private static func threeDigitsFollow(_ scalars: [Unicode.Scalar], _ from: Int, _ end: Int) -> Bool {
    var count = 0
    var cur = from
    while cur < end, scalars[cur].value >= 0x30 && scalars[cur].value <= 0x39 {
      count += 1
      cur += 1
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
  /// Month abbreviations (`Jan. 5`).
  static let months: Set<String> = [
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
  ]
  /// Abbreviations usually followed by a number (`No. 5`, `p. 12`).
  static let beforeNumbers: Set<String> = [
    "no", "nos", "vol", "vols", "p", "pp", "fig", "figs", "art", "ch", "sec", "para", "approx",
    "est", "ca", "c", "ref", "tel", "ext", "op", "ed", "eds",
  ]
  /// Company and name suffixes and other abbreviations that may also end a
  /// sentence (`... Acme Inc. The company said`).
  static let mayEnd: Set<String> = [
    "inc", "ltd", "co", "corp", "llc", "plc", "bros", "etc", "esq", "al", "dept", "univ", "assn",
    "vs", "v", "cf", "jr", "sr",
  ]
}
