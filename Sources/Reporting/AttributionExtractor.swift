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
    "admitted", "admits", "informed", "briefed", "testified", "estimate",
    "described", "describes", "recounted", "recalled", "put", "puts", "forecast", "forecasts",
    "predicts", "predict", "expect", "expects",
  ]
  /// Forms that are also common nouns ("initial reports said").
  private static let nounLike: Set<String> = [
    "reports", "claims", "notes", "posts", "states", "estimates", "says", "estimated", "forecast", "forecasts",
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

  /// Nouns that can be a source after "citing" ("citing police", not
  /// "citing the cost of imports").
  private static let sourceNouns: Set<String> = [
    "official", "officials", "authorities", "authority", "police", "spokesman", "spokeswoman",
    "spokesperson", "ministry", "minister", "government", "agency", "source", "sources", "witnesses",
    "witness", "residents", "report", "reports", "media", "newspaper", "station", "television",
    "radio", "broadcaster", "statement", "data", "figures", "analysts", "experts", "observers",
    "organisers", "organizers", "union", "company", "operator", "department", "service", "office",
    "council", "commission", "army", "military", "guard", "doctors", "investigators", "survey",
    "poll", "study", "documents", "people", "person", "diplomats", "aides", "officer", "officers",
  ]

  /// The sentence's attribution, or nil if it asserts without a source.
  ///
  /// When a sentence names several sources, the outermost one wins: a tag at
  /// the end ("..., a local newspaper reported.") over a source quoted
  /// inside it ("One pilot reported seeing ..."), then "according to", then
  /// the first in reading order.
  static func extract(_ tokens: [Token], text: String, timeMask: [Bool]) -> Found? {
    extractAll(tokens, text: text, timeMask: timeMask).first
  }

  /// Every source the sentence names, the main one first.
  static func extractAll(_ tokens: [Token], text: String, timeMask: [Bool]) -> [Found] {
    let all = mergingRelays(candidates(tokens, timeMask: timeMask), tokens)
    guard !all.isEmpty else { return [] }
    let n = tokens.count
    func isFinalTag(_ c: Candidate) -> Bool {
      // Only punctuation, time phrases and "in a statement" follow the tag.
      var k = max(c.verb + 1, c.range.upperBound)
      var skipped = 0
      while k < n {
        if tokens[k].isPunctuation || timeMask[k]
          || ["in", "a", "an", "the", "statement", "on", "late", "early", "to", "reporters", "told"].contains(
            tokens[k].lower)
        {
          k += 1
          skipped += 1
          continue
        }
        return false
      }
      return c.verb > 2 && sayVerbs.contains(tokens[c.verb].lower)
    }
    let best = all.firstIndex(where: isFinalTag) ?? all.firstIndex(where: { $0.according }) ?? 0
    var ordered = [all[best]]
    for (k, c) in all.enumerated() where k != best && !ordered.contains(where: { $0.range.overlaps(c.range) }) {
      ordered.append(c)
    }
    return ordered.map { found(tokens, text, $0.range) }
  }

  /// Verbs that close a sentence as its attribution tag.
  private static let sayVerbs: Set<String> = [
    "said", "says", "told", "reported", "reports", "stated", "added", "noted", "wrote", "posted",
    "tweeted", "confirmed", "announced", "warned", "estimated", "explained", "declared",
  ]

  private struct Candidate {
    var range: Range<Int>
    var verb: Int
    var according: Bool
    /// Where a relay ("quoted by local radio") starts inside `range`.
    var relay: Int? = nil
  }

  /// The head noun of a speaker phrase: its last word before a comma or a
  /// preposition ("State inspectors, who visited" → "inspectors").
  private static func headIndex(_ tokens: [Token], _ r: Range<Int>) -> Int {
    var k = r.lowerBound
    var head = k
    while k < r.upperBound {
      let w = tokens[k].lower
      if tokens[k].text == "," || ["of", "in", "at", "from", "for", "on", "with", "who", "which"].contains(w) { break }
      if tokens[k].isWord { head = k }
      k += 1
    }
    return head
  }

  private static func candidates(_ tokens: [Token], timeMask: [Bool]) -> [Candidate] {
    let n = tokens.count
    var out: [Candidate] = []
    var i = 0
    while i < n {
      let t = tokens[i]
      guard t.isWord else {
        i += 1
        continue
      }
      if t.lower == "according", i + 1 < n, tokens[i + 1].lower == "to" {
        if let r = collectRight(tokens, from: i + 2, timeMask: timeMask) {
          out.append(Candidate(range: r, verb: i, according: true))
        }
      } else if t.lower == "citing" || (t.lower == "quoting" && i > 0 && tokens[i - 1].text == ",") {
        if let r = collectRight(tokens, from: i + 1, timeMask: timeMask),
          r.contains(where: { sourceNouns.contains(tokens[$0].lower) || tokens[$0].isCapitalized })
        {
          out.append(Candidate(range: r, verb: i, according: true))
        }
      } else if t.lower == "by", i > 0, passiveReporting.contains(tokens[i - 1].lower) {
        // "were told by the district council".
        if let r = collectRight(tokens, from: i + 1, timeMask: timeMask) {
          out.append(Candidate(range: r, verb: i, according: false))
        }
      } else if verbs.contains(t.lower), isVerbUse(tokens, at: i) {
        if let r = subject(tokens, verb: i, timeMask: timeMask) {
          out.append(Candidate(range: r, verb: i, according: false))
        }
      } else if findingVerbs.contains(t.lower), i > 0, !be.contains(tokens[i - 1].lower),
        let r = collectLeft(tokens, verb: i, timeMask: timeMask),
        investigators.contains(tokens[headIndex(tokens, r)].lower)
      {
        out.append(Candidate(range: r, verb: i, according: false))
      } else if t.lower == "saying" || t.lower == "adding", i > 0, tokens[i - 1].text == "," {
        // "The party disputed the count, saying ballots were missing": the
        // sentence's subject is the source.
        if let r = sentenceSubject(tokens, timeMask: timeMask) {
          out.append(Candidate(range: r, verb: i, according: false))
        }
      }
      i += 1
    }
    return out
  }

  /// Verbs that pass a source's words on: "army sources quoted by local
  /// radio" names the speaker and the outlet that relayed them.
  private static let relayVerbs: Set<String> = ["quoted", "cited"]

  /// A relay ("quoted by local radio") stays with the speaker it follows:
  /// the outlet is where the words were heard, not who said them.
  private static func mergingRelays(_ all: [Candidate], _ tokens: [Token]) -> [Candidate] {
    var out: [Candidate] = []
    for c in all {
      if tokens[c.verb].lower == "by", c.verb >= 2, relayVerbs.contains(tokens[c.verb - 1].lower),
        let k = out.firstIndex(where: { $0.range.upperBound == c.verb - 1 })
      {
        out[k].range = out[k].range.lowerBound..<c.range.upperBound
        out[k].relay = c.verb - 1
        continue
      }
      out.append(c)
    }
    return out
  }

  /// Verbs of a finding; their subject is a source only when it is a body
  /// that investigates ("inspectors had found", not "rescuers found").
  private static let findingVerbs: Set<String> = ["found", "concluded", "determined", "established"]
  private static let investigators: Set<String> = [
    "inspectors", "inspector", "investigators", "investigator", "auditors", "auditor", "inquiry",
    "investigation", "audit", "review", "regulators", "regulator", "prosecutors", "prosecutor",
    "officials", "experts", "researchers", "scientists",
  ]

  private static let passiveReporting: Set<String> = [
    "told", "informed", "quoted", "reported", "confirmed", "announced", "warned", "advised",
    "ordered", "instructed", "cited", "stated", "claimed",
  ]

  /// The source of the reporting verb at `verb`.
  private static func subject(_ tokens: [Token], verb i: Int, timeMask: [Bool]) -> Range<Int>? {
    var j = i - 1
    while j >= 0, betweenSubjectAndVerb.contains(tokens[j].lower) { j -= 1 }
    if j >= 0 {
      let p = tokens[j].lower
      // "called the outcome clear-cut and said": the subject is the sentence's.
      if p == "and" || p == "but" || p == "then" {
        return sentenceSubject(tokens, timeMask: timeMask)
      }
      // "the union, which said": the antecedent before the comma.
      if p == "which" || p == "who" {
        if j > 0, tokens[j - 1].text == "," {
          return collectNounPhrase(tokens, endingAt: j - 2, timeMask: timeMask)
        }
        return nil
      }
    }
    if let r = collectLeft(tokens, verb: i, timeMask: timeMask) { return r }
    // An inverted tag: `"...," said the coast guard` or `, said Lopez`.
    if i > 0, tokens[i - 1].text == "\"" || tokens[i - 1].text == "," || tokens[i - 1].text == "'",
      i + 1 < tokens.count, tokens[i + 1].isCapitalized || ["a", "an", "the"].contains(tokens[i + 1].lower)
    {
      return collectRight(tokens, from: i + 1, timeMask: timeMask)
    }
    return nil
  }

  /// The noun phrase the sentence opens with, with its apposition.
  private static func sentenceSubject(_ tokens: [Token], timeMask: [Bool]) -> Range<Int>? {
    var k = 0
    // Skip a leading time phrase or quotation mark.
    while k < tokens.count,
      timeMask[k] || tokens[k].isPunctuation
        || ["on", "in", "late", "early"].contains(tokens[k].lower) && k + 1 < tokens.count && timeMask[k + 1]
    {
      k += 1
    }
    guard let r = collectRight(tokens, from: k, timeMask: timeMask, apposeNames: true) else { return nil }
    if tokens[r.lowerBound].isCapitalized
      || ["the", "a", "an", "his", "her", "its", "their"].contains(tokens[r.lowerBound].lower)
    {
      return r
    }
    return r
  }

  private static func found(_ tokens: [Token], _ text: String, _ r: Range<Int>) -> Found {
    let s = String(text[tokens[r.lowerBound].range.lowerBound..<tokens[r.upperBound - 1].range.upperBound])
    return Found(text: s, range: r)
  }

  /// Determiners before a participle or noun that looks like a reporting verb.
  private static let determiners: Set<String> = ["the", "a", "an", "these", "those", "its", "their", "his", "her"]

  private static func isVerbUse(_ tokens: [Token], at i: Int) -> Bool {
    let w = tokens[i].lower
    if w == "put" || w == "puts" {
      // "police put the crowd at 8,000" reports an estimate; other uses of
      // "put" do not report anything.
      let window = tokens[(i + 1)..<min(tokens.count, i + 6)]
      guard let at = window.firstIndex(where: { $0.lower == "at" }), at + 1 < tokens.count,
        tokens[at + 1].isNumber || QuantityExtractor.number(tokens, at: at + 1) != nil
          || ["around", "about", "roughly", "some", "nearly", "more", "at", "over", "closer", "close", "just"].contains(
            tokens[at + 1].lower)
      else { return false }
    }
    if w == "told" || w == "tells" || w == "tell" {
      // "authorities told residents to stay indoors" orders; it reports nothing.
      var k = i + 1
      while k < min(tokens.count, i + 8), tokens[k].isWord || tokens[k].isNumber, tokens[k].lower != "that" {
        if tokens[k].lower == "to", tokens[k - 1].lower != "up", k + 1 < tokens.count, tokens[k + 1].isWord,
          !determiners.contains(tokens[k + 1].lower), !tokens[k + 1].isCapitalized
        {
          return false
        }
        k += 1
      }
    }
    if i > 0 {
      let p = tokens[i - 1].lower
      // "is said to", "was reported missing", "declined to say", "would not say".
      // "the managers didn't say" says nothing.
      if be.contains(p) || p == "to" || p == "not" || p.hasSuffix("n't") || p == "never" { return false }
      if i > 1, be.contains(tokens[i - 2].lower), betweenSubjectAndVerb.contains(p) { return false }
      // "the reported toll", "an estimated 300": participles, not sources.
      if (w == "reported" || w == "estimated"), determiners.contains(p) { return false }
      // "initial reports said": a noun.
      if nounLike.contains(w),
        determiners.contains(p)
          || ["initial", "early", "first", "unconfirmed", "media", "news", "local", "latest", "earlier"].contains(p)
      {
        return false
      }
    }
    if i + 1 < tokens.count {
      let nx = tokens[i + 1].lower
      if nounLike.contains(w),
        verbs.contains(nx) || be.contains(nx) || ["suggest", "suggested", "indicate", "indicated"].contains(nx)
      {
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
      // "Marta Keel, a nurse who commutes from Lindholm, said": keep "a nurse".
      guard let comma = previousComma(tokens, before: j, limit: 40) else { return nil }
      let clauseStart = comma + 1
      guard clauseStart < j else { return nil }
      let opener = tokens[clauseStart].lower
      if relativeOpeners.contains(opener) {
        return collectNounPhrase(tokens, endingAt: comma - 1, timeMask: timeMask).map {
          withApposition(tokens, $0, timeMask: timeMask)
        }
      }
      // "Three engineers working at the site, including one based in Tallis
      // Ford, said": a clause about the speaker, not a second name for them.
      if parentheticalOpeners.contains(opener) || tokens[clauseStart].isNumber
        || QuantityExtractor.isNumberWord(opener)
      {
        guard let head = collectNounPhrase(tokens, endingAt: comma - 1, timeMask: timeMask) else { return nil }
        return withApposition(tokens, head, timeMask: timeMask)
      }
      guard j - comma <= 16 else { return nil }
      // The apposition, cut at a relative pronoun inside it.
      var appositionEnd = j
      for k in clauseStart..<j where ["who", "which", "that", "whose"].contains(tokens[k].lower) {
        appositionEnd = k
        break
      }
      guard appositionEnd > clauseStart,
        let apposition = collectNounPhrase(tokens, endingAt: appositionEnd - 1, timeMask: timeMask),
        apposition.lowerBound == clauseStart
      else { return nil }
      if let head = collectNounPhrase(tokens, endingAt: comma - 1, timeMask: timeMask),
        head.upperBound == comma
      {
        return withApposition(tokens, head.lowerBound..<apposition.upperBound, timeMask: timeMask)
      }
      return nil
    }
    // "A fourth worker who lives in the area said": the speaker is the
    // phrase the relative clause hangs from.
    var k = j
    while k > 0 && j - k < 25 && (tokens[k].isWord || tokens[k].isNumber || tokens[k].text == "'") {
      if tokens[k].lower == "who" || tokens[k].lower == "whose" {
        guard let np = collectNounPhrase(tokens, endingAt: k - 1, timeMask: timeMask), np.upperBound == k else {
          break
        }
        return withApposition(tokens, np, timeMask: timeMask)
      }
      k -= 1
    }
    guard let np = collectNounPhrase(tokens, endingAt: j, timeMask: timeMask) else { return nil }
    end = np.upperBound
    return np.lowerBound..<end
  }

  /// Words that open a relative clause or an aside after a speaker's comma.
  private static let relativeOpeners: Set<String> = [
    "who", "which", "whose", "speaking", "citing", "writing", "according", "in", "on",
  ]
  /// Words that open a clause describing the speaker: "including one based
  /// in Tallis Ford", "among them two nurses", "most of them engineers".
  private static let parentheticalOpeners: Set<String> = [
    "including", "among", "some", "most", "many", "both", "all", "each", "none", "several", "like",
    "such", "with", "themselves", "himself", "herself", "mostly",
  ]

  /// `r` with the apposition before it when the two open the sentence:
  /// "The militia's commander, Basil Gorev, a former army colonel who …,
  /// said" is one speaker under two descriptions.
  private static func withApposition(_ tokens: [Token], _ r: Range<Int>, timeMask: [Bool]) -> Range<Int> {
    var r = r
    for _ in 0..<2 {
      guard r.lowerBound >= 2, tokens[r.lowerBound - 1].text == ",",
        let before = collectNounPhrase(tokens, endingAt: r.lowerBound - 2, timeMask: timeMask),
        before.upperBound == r.lowerBound - 1,
        before.lowerBound == 0 || (before.lowerBound == 1 && tokens[0].isPunctuation)
      else { break }
      r = before.lowerBound..<r.upperBound
    }
    return r
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
      // "sources close to the negotiations": "to" inside the phrase.
      if t.lower == "to", j > 0, ["close", "closer", "near", "loyal", "linked"].contains(tokens[j - 1].lower) {
        count += 1
        j -= 1
        continue
      }
      if stop.contains(t.lower) || verbs.contains(t.lower) && count > 0 { break }
      if timeMask[j] { break }
      if !t.isCapitalized && !participleAdjectives.contains(t.lower)
        && (t.lower.hasSuffix("ed") || t.lower.hasSuffix("ing")) && t.lower.count > 4
      {
        // A reduced relative clause stays in the phrase: "people watching
        // from the quay", "officials speaking in Vellin".
        // "diplomats briefed on the talks", "engineers based in the region".
        let reduced =
          j > 0 && j + 1 <= last && tokens[j - 1].isWord
          && !stop.contains(tokens[j - 1].lower) && !tokens[j - 1].lower.hasSuffix("ly")
          && ["from", "on", "at", "in", "near", "with", "for", "outside", "inside", "by"].contains(tokens[j + 1].lower)
        if !reduced { break }
      }
      count += 1
      if count > 9 { return nil }
      j -= 1
    }
    var start = j + 1
    // Drop leading conjunctions and prepositions: "and officials", "in Elara officials".
    while start <= last,
      ["and", "or", "but", "in", "on", "at", "by", "with", "from", "of", "for", "so"].contains(tokens[start].lower)
    {
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
  private static func collectRight(_ tokens: [Token], from: Int, timeMask: [Bool], apposeNames: Bool = true) -> Range<
    Int
  >? {
    var i = from
    let n = tokens.count
    while i < n, timeMask[i] || ["on", "in", "late", "early"].contains(tokens[i].lower) && i + 1 < n && timeMask[i + 1]
    {
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
        // "sources close to the negotiations".
        if t.lower == "to", k > start, ["close", "closer", "near", "loyal", "linked"].contains(tokens[k - 1].lower) {
          count += 1
          k += 1
          continue
        }
        // A reduced relative clause stays: "two diplomats briefed on the
        // talks"; a relay ("quoted by") does not.
        let reduced =
          count > 0 && !t.isCapitalized && (t.lower.hasSuffix("ed") || t.lower.hasSuffix("ing")) && k + 1 < n
          && ["on", "in", "at", "from", "with", "for", "near", "about"].contains(tokens[k + 1].lower)
        if stop.contains(t.lower) || timeMask[k] || verbs.contains(t.lower) && !reduced { break }
        if !t.isCapitalized && !participleAdjectives.contains(t.lower)
          && (t.lower.hasSuffix("ed") || t.lower.hasSuffix("ing")) && t.lower.count > 4 && !reduced
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
    if i + 1 < n, tokens[i].text == ",",
      ["a", "an", "the"].contains(tokens[i + 1].lower) || (apposeNames && tokens[i + 1].isCapitalized)
    {
      var k = i + 1
      scan(&k)
      // The apposition must close the phrase: ", Ostmark Rail." or ", Ostmark
      // Rail, said"; and it names the source only beside a name ("Ardachem,
      // the plant's owner"), not after a plain noun ("organisers, the
      // biggest field in the race's history").
      let named =
        (start..<k).contains { tokens[$0].isCapitalized && $0 != start }
        || tokens[start].isCapitalized && !Stopwords.all.contains(tokens[start].lower)
      if k > i + 1, k >= n || tokens[k].isPunctuation, named { end = k }
    }
    return start..<end
  }
}
