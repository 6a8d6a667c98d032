/// Finds who a sentence says its information comes from.
///
/// Three shapes cover nearly all newswire attribution:
/// - a subject before a reporting verb: "two port officials said",
///   "the coast guard told reporters", "a regional radio station reported";
/// - an inverted quotation tag: `"...," said Maria Lopez, a spokeswoman`;
/// - a prepositional source: "according to the ministry", "citing police".
/// The first attribution in reading order is the sentence's.
enum AttributionExtractor {
  static let verbs: Set<String> = [
    "said", "says", "say", "told", "tells", "tell", "stated", "states", "added", "adds", "reported",
    "reports", "announced", "announces", "confirmed", "confirms", "claimed", "claims", "insisted",
    "insists", "noted", "notes", "warned", "warns", "wrote", "writes", "posted", "posts", "tweeted",
    "acknowledged", "acknowledges", "explained", "explains", "declared", "disclosed", "revealed",
    "asserted", "maintained", "maintains", "argued", "argues", "estimated", "estimates", "predicted",
    "denied", "denies", "admitted", "admits", "quoted", "informed", "briefed", "testified",
  ]
  /// Forms that are also common nouns ("initial reports said").
  private static let nounLike: Set<String> = [
    "reports", "claims", "notes", "posts", "states", "estimates", "says", "estimated",
  ]
  private static let be: Set<String> = [
    "is", "are", "was", "were", "be", "been", "being", "am",
  ]
  private static let pronouns: Set<String> = [
    "he", "she", "they", "it", "we", "i", "you", "one",
  ]
  /// Words that end a noun phrase when read backwards from the verb.
  private static let stop: Set<String> = [
    "that", "which", "who", "whom", "whose", "when", "where", "while", "because", "if", "but", "as",
    "than", "so", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will",
    "would", "could", "should", "may", "might", "must", "can", "do", "does", "did", "not", "also",
    "to", "after", "before", "since", "until", "although", "though", "whether", "yet", "nor",
    "said", "told", "says", "say", "reported", "according", "however", "meanwhile", "then", "there",
  ]
  /// Adverbs and auxiliaries allowed between a subject and its verb.
  private static let betweenSubjectAndVerb: Set<String> = [
    "also", "later", "earlier", "previously", "separately", "again", "initially", "first", "then",
    "had", "has", "have", "further", "repeatedly", "subsequently", "now", "once", "reportedly",
    "originally", "publicly", "privately", "quickly", "officially", "late", "early",
  ]
  /// Adjectives ending in -ed/-ing that often sit inside a source's description.
  private static let participleAdjectives: Set<String> = [
    "unnamed", "named", "armed", "retired", "based", "concerned", "trained", "unidentified",
    "detained", "injured", "elected", "appointed", "affected", "related", "involved", "leading",
    "ranking", "visiting", "ruling", "governing", "managing", "acting", "opposing", "fishing",
    "shipping", "investigating", "senior-ranking", "high-ranking", "coming", "seasoned",
    "experienced", "informed",
  ]

  struct Found: Sendable {
    var text: String
    var range: Range<Int>
  }

  /// The sentence's attribution, or nil if it asserts without a source.
  static func extract(_ tokens: [Token], text: String, timeMask: [Bool]) -> Found? {
    let n = tokens.count
    var i = 0
    while i < n {
      let t = tokens[i]
      guard t.isWord else {
        i += 1
        continue
      }
      if t.lower == "according", i + 1 < n, tokens[i + 1].lower == "to" {
        if let r = collectRight(tokens, from: i + 2, timeMask: timeMask) {
          return found(tokens, text, r)
        }
      } else if t.lower == "citing" || (t.lower == "quoting" && i > 0 && tokens[i - 1].text == ",") {
        if let r = collectRight(tokens, from: i + 1, timeMask: timeMask) {
          return found(tokens, text, r)
        }
      } else if verbs.contains(t.lower), isVerbUse(tokens, at: i) {
        if let r = collectLeft(tokens, verb: i, timeMask: timeMask) {
          return found(tokens, text, r)
        }
        // An inverted tag: `"...," said the coast guard` or `, said Lopez`.
        if i > 0, tokens[i - 1].text == "\"" || tokens[i - 1].text == "," || tokens[i - 1].text == "'",
          let r = collectRight(tokens, from: i + 1, timeMask: timeMask)
        {
          return found(tokens, text, r)
        }
      }
      i += 1
    }
    return nil
  }

  private static func found(_ tokens: [Token], _ text: String, _ r: Range<Int>) -> Found {
    let s = String(text[tokens[r.lowerBound].range.lowerBound..<tokens[r.upperBound - 1].range.upperBound])
    return Found(text: s, range: r)
  }

  private static func isVerbUse(_ tokens: [Token], at i: Int) -> Bool {
    let w = tokens[i].lower
    if i > 0 {
      let p = tokens[i - 1].lower
      // "is said to", "was reported missing", "declined to say", "would not say".
      if be.contains(p) || p == "to" || p == "not" || p == "n't" || p == "never" { return false }
      if i > 1, be.contains(tokens[i - 2].lower), betweenSubjectAndVerb.contains(p) { return false }
      if ["the", "a", "an", "these", "those", "initial", "early", "first", "unconfirmed", "media", "news", "local", "its", "their", "his", "her"].contains(p),
        nounLike.contains(w) || w == "reported" || w == "estimated"
      {
        return false
      }
    }
    if i + 1 < tokens.count {
      let nx = tokens[i + 1].lower
      if nounLike.contains(w), verbs.contains(nx) || be.contains(nx) || ["suggest", "suggested", "indicate", "indicated"].contains(nx) {
        return false
      }
      // "estimated 300" is a figure's modifier, not a source.
      if w == "estimated", tokens[i + 1].isNumber { return false }
    }
    if w == "confirmed" || w == "estimated" {
      // "confirmed dead" after a subject is fine, but "the confirmed toll" is not a source.
      if i == 0 { return false }
    }
    return true
  }

  /// The noun phrase ending just before the verb at `verb`.
  private static func collectLeft(_ tokens: [Token], verb: Int, timeMask: [Bool]) -> Range<Int>? {
    var j = verb - 1
    // Skip adverbs, auxiliaries and time phrases: "officials on Friday said".
    while j >= 0 {
      let t = tokens[j]
      if betweenSubjectAndVerb.contains(t.lower) || timeMask[j] {
        j -= 1
        continue
      }
      if ["on", "late", "early", "in"].contains(t.lower), j + 1 < tokens.count, timeMask[j + 1] {
        j -= 1
        continue
      }
      break
    }
    guard j >= 0 else { return nil }
    var end = j + 1
    if tokens[j].text == "," {
      // "The ministry, which oversees ports, said": skip the relative clause.
      // "Maria Lopez, a coast guard spokeswoman, said": keep the apposition.
      guard let comma = previousComma(tokens, before: j, limit: 14) else { return nil }
      let clauseStart = comma + 1
      guard clauseStart < j else { return nil }
      let opener = tokens[clauseStart].lower
      if ["who", "which", "whose", "speaking", "citing", "writing", "according", "in", "on"].contains(opener) {
        guard let head = collectNounPhrase(tokens, endingAt: comma - 1, timeMask: timeMask) else { return nil }
        return head
      }
      guard let apposition = collectNounPhrase(tokens, endingAt: j - 1, timeMask: timeMask),
        apposition.lowerBound == clauseStart
      else { return nil }
      if let head = collectNounPhrase(tokens, endingAt: comma - 1, timeMask: timeMask),
        head.upperBound == comma
      {
        return head.lowerBound..<apposition.upperBound
      }
      return nil
    }
    guard let np = collectNounPhrase(tokens, endingAt: j, timeMask: timeMask) else { return nil }
    end = np.upperBound
    return np.lowerBound..<end
  }

  private static func previousComma(_ tokens: [Token], before j: Int, limit: Int) -> Int? {
    var k = j - 1
    while k >= 0 && j - k <= limit {
      if tokens[k].text == "," { return k }
      if tokens[k].isPunctuation && tokens[k].text != "'" && tokens[k].text != "-" { return nil }
      k -= 1
    }
    return nil
  }

  /// Reads a noun phrase backwards from `endingAt` (inclusive).
  private static func collectNounPhrase(_ tokens: [Token], endingAt last: Int, timeMask: [Bool]) -> Range<Int>? {
    guard last >= 0 else { return nil }
    var j = last
    var count = 0
    while j >= 0 {
      let t = tokens[j]
      if t.isPunctuation {
        if t.text == "'" || t.text == "-" || t.text == "." && j > 0 && tokens[j - 1].isAllCaps {
          j -= 1
          continue
        }
        break
      }
      if stop.contains(t.lower) || verbs.contains(t.lower) && count > 0 { break }
      if timeMask[j] { break }
      if !t.isCapitalized && !participleAdjectives.contains(t.lower)
        && (t.lower.hasSuffix("ed") || t.lower.hasSuffix("ing")) && t.lower.count > 4
      {
        break
      }
      count += 1
      if count > 9 { return nil }
      j -= 1
    }
    var start = j + 1
    // Drop leading conjunctions and prepositions: "and officials", "in Elara officials".
    while start <= last, ["and", "or", "but", "in", "on", "at", "by", "with", "from", "of", "for", "so"].contains(tokens[start].lower) {
      start += 1
    }
    guard start <= last else { return nil }
    // A lone determiner or number is not a source.
    let words = (start...last).map { tokens[$0].lower }
    if words.allSatisfy({ Stopwords.all.contains($0) && !pronouns.contains($0) }) { return nil }
    return start..<(last + 1)
  }

  /// A noun phrase read forwards from `from`, with a trailing apposition
  /// (", a spokeswoman for the coast guard").
  private static func collectRight(_ tokens: [Token], from: Int, timeMask: [Bool]) -> Range<Int>? {
    var i = from
    let n = tokens.count
    while i < n, timeMask[i] || ["on", "in", "late", "early"].contains(tokens[i].lower) && i + 1 < n && timeMask[i + 1] {
      i += 1
    }
    let start = i
    func scan(_ k: inout Int) {
      var count = 0
      while k < n {
        let t = tokens[k]
        if t.isPunctuation {
          if t.text == "'" || t.text == "-" {
            k += 1
            continue
          }
          break
        }
        if stop.contains(t.lower) || verbs.contains(t.lower) || timeMask[k] { break }
        if !t.isCapitalized && !participleAdjectives.contains(t.lower)
          && (t.lower.hasSuffix("ed") || t.lower.hasSuffix("ing")) && t.lower.count > 4
        {
          break
        }
        count += 1
        if count > 10 { break }
        k += 1
      }
    }
    scan(&i)
    guard i > start else { return nil }
    var end = i
    // Apposition after a comma: ", a spokeswoman for the coast guard".
    if i + 1 < n, tokens[i].text == ",", ["a", "an", "the"].contains(tokens[i + 1].lower) {
      var k = i + 1
      scan(&k)
      if k > i + 2 { end = k }
    }
    return start..<end
  }
}
