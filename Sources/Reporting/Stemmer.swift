/// A small suffix-stripping stemmer in the spirit of Porter's.
///
/// It only has to map the inflections and common derivations of one word to
/// one key ("capsized", "capsizes", "capsizing" → "capsiz"); the keys are
/// never shown. Irregular forms that matter to news text ("said", "told",
/// "died") are mapped by `Synonyms` before stemming.
enum Stemmer {
  static func stem(_ word: String) -> String {
    // Callers pass lowercased words; lowercasing again is the slow part.
    var w = Array(word.utf8)
    if w.contains(where: { $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x80 }) { w = Array(word.lowercased().utf8) }
    // Possessives.
    if w.count > 2 && w[w.count - 2] == UInt8(ascii: "'") && w[w.count - 1] == UInt8(ascii: "s") {
      w.removeLast(2)
    } else if w.last == UInt8(ascii: "'") {
      w.removeLast()
    }
    guard w.count > 3, w.allSatisfy({ $0 < 0x80 }) else {
      return String(decoding: w, as: UTF8.self)
    }
    // Plurals and third person.
    if ends(w, "sses") {
      w.removeLast(2)
    } else if ends(w, "ies") && w.count > 4 {
      w.removeLast(3)
      w.append(UInt8(ascii: "i"))
    } else if ends(w, "s") && !ends(w, "ss") && !ends(w, "us") && !ends(w, "is") && w.count > 3 {
      w.removeLast()
    }
    // Past tense, participles and gerunds.
    var strippedVerbal = false
    for suffix: StaticString in ["ingly", "edly", "ing", "ed"] where ends(w, suffix) {
      let base = Array(w.dropLast(suffix.utf8CodeUnitCount))
      if base.count >= 3 && hasVowel(base) {
        w = base
        strippedVerbal = true
      }
      break
    }
    if strippedVerbal {
      // "stopped" → "stop", "capsizing" → "capsiz".
      if w.count >= 3, w[w.count - 1] == w[w.count - 2], !"lsz".utf8.contains(w[w.count - 1]),
        !isVowel(w[w.count - 1])
      {
        w.removeLast()
      }
    }
    // Common derivational suffixes, longest first.
    let derivations: [(StaticString, String)] = [
      ("ational", "ate"), ("ization", "ize"), ("fulness", "ful"), ("ousness", "ous"),
      ("iveness", "ive"), ("tional", "tion"), ("ation", "ate"), ("ously", "ous"), ("ement", ""),
      ("ments", ""), ("ment", ""), ("ness", ""), ("ities", ""), ("ity", ""), ("ally", "al"),
      ("ly", ""), ("er", ""), ("or", ""),
    ]
    for (suffix, replacement) in derivations where ends(w, suffix) {
      let base = Array(w.dropLast(suffix.utf8CodeUnitCount))
      if base.count >= 4 && hasVowel(base) {
        w = base + Array(replacement.utf8)
      }
      break
    }
    // Final "e" and "y": "capsize" / "capsiz", "ferry" / "ferri".
    if w.count > 4 && w.last == UInt8(ascii: "e") {
      w.removeLast()
    } else if w.count > 3 && w.last == UInt8(ascii: "y") && !isVowel(w[w.count - 2]) {
      w[w.count - 1] = UInt8(ascii: "i")
    }
    return String(decoding: w, as: UTF8.self)
  }

  private static func ends(_ w: [UInt8], _ suffix: StaticString) -> Bool {
    let n = suffix.utf8CodeUnitCount
    guard w.count >= n else { return false }
    return suffix.withUTF8Buffer { s in
      var k = 0
      let offset = w.count - n
      while k < n {
        if w[offset + k] != s[k] { return false }
        k += 1
      }
      return true
    }
  }

  private static func isVowel(_ c: UInt8) -> Bool {
    "aeiouy".utf8.contains(c)
  }

  private static func hasVowel(_ w: [UInt8]) -> Bool {
    w.contains { "aeiou".utf8.contains($0) }
  }
}
