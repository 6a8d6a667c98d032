/// Phrases that say how firmly a sentence asserts what it says.
///
/// Two families: *hedges* weaken a claim ("were feared", "reportedly",
/// "could not independently confirm"); *certainty* markers place it in the
/// future or mark it as settled ("is expected to", "will", "confirmed").
/// Approximators of figures ("at least", "roughly") are not here: they
/// belong to the quantity they qualify.
enum HedgeLexicon {
  enum Category: String, Sendable {
    case hedge, certainty
  }

  struct Entry: Sendable {
    var words: [String]
    var category: Category
    /// The phrase may be preceded by a form of "be" that is quoted with it
    /// ("were feared", "is expected to").
    var takesBe: Bool
    /// The phrase is a hedge only after a form of "be" ("were reported
    /// missing", not "police reported").
    var needsBe = false
  }

  private static func h(_ phrase: String, be: Bool = false, needsBe: Bool = false) -> Entry {
    Entry(
      words: phrase.split(separator: " ").map(String.init), category: .hedge, takesBe: be || needsBe, needsBe: needsBe)
  }
  private static func c(_ phrase: String, be: Bool = false) -> Entry {
    Entry(words: phrase.split(separator: " ").map(String.init), category: .certainty, takesBe: be)
  }

  /// Longest phrases first so that "could not independently confirm" wins
  /// over "could" and "confirm".
  static let entries: [Entry] = {
    let list: [Entry] = [
      h("could not be independently confirmed"), h("could not be independently verified"),
      h("could not independently confirm"), h("could not independently verify"),
      h("could not immediately be confirmed"), h("could not immediately confirm"),
      h("could not immediately verify"), h("could not immediately be verified"),
      h("could not be confirmed"), h("could not be verified"), h("could not confirm"),
      h("could not verify"), h("unable to independently confirm"), h("unable to independently verify"),
      h("unable to confirm"), h("unable to verify"), h("has not been independently confirmed"),
      h("has not been independently verified"), h("have not been independently confirmed"),
      h("has not been confirmed"), h("have not been confirmed"), h("has not been verified"),
      h("have not been verified"), h("not independently verified"), h("not independently confirmed"),
      h("was not immediately clear"), h("is not immediately clear"), h("it was not clear"),
      h("it is not clear"), h("it was unclear"), h("it is unclear"), h("it remains unclear"),
      h("remained unclear"), h("remains unclear"), h("not immediately clear"), h("unclear"),
      h("was not immediately known"), h("is not immediately known"), h("not immediately known"),
      h("is not known"), h("was not known"), h("remains unknown"), h("is unknown"),
      h("is not yet known"), h("was not yet known"), h("not yet known"), h("not yet clear"),
      // A belief pinned on a speaker: "they thought", "what he thought was".
      h("they thought"), h("he thought"), h("she thought"), h("we thought"), h("they believed"),
      h("he believed"), h("she believed"), h("they believe"), h("we believe"), h("we understand"),
      h("there are reports of"), h("there were reports of"), h("there are reports"), h("there were reports"),
      h("reported", needsBe: true), h("it appears"), h("it appeared"), h("appears that"),
      h("appeared that"),
      h("according to preliminary"), h("initial reports"), h("early reports"), h("first reports"),
      h("unconfirmed reports"), h("preliminary reports"), h("preliminary figures"),
      h("there are fears"), h("there were fears"),
      h("feared", be: true), h("believed to", be: true), h("believed", be: true),
      h("thought to", be: true), h("presumed", be: true), h("suspected", be: true),
      h("said to", be: true), h("reported to", be: true), h("understood to", be: true),
      h("alleged", be: true), h("rumoured", be: true), h("rumored", be: true),
      h("appears to"), h("appeared to"), h("appear to"), h("seems to"), h("seemed to"),
      h("seem to"), h("seems"), h("seemed"),
      h("reportedly"), h("allegedly"), h("apparently"), h("purportedly"), h("supposedly"),
      h("possibly"), h("probably"), h("presumably"), h("likely"), h("unlikely"), h("perhaps"),
      h("maybe"), h("seemingly"), h("tentatively"), h("provisionally"), h("unconfirmed"),
      h("unverified"), h("preliminary"), h("fear that"), h("fears that"), h("suspect"),
      h("suspects"), h("may have"), h("might have"), h("could have"),
      c("is expected to"), c("are expected to"), c("was expected to"), c("were expected to"),
      c("expected to", be: true), c("set to", be: true), c("due to", be: true),
      c("scheduled to", be: true), c("poised to", be: true),
      c("planned to"), c("plans to"), c("intends to"), c("aims to"), c("will"), c("would"),
      // Modal possibility: "could raise" → "raised" is a change of certainty.
      c("may"), c("might"), c("could"), c("has been confirmed"), c("have been confirmed"),
      c("was confirmed"), c("were confirmed"), c("confirmed"), c("officially"), c("definitely"),
      c("certainly"), c("undoubtedly"), c("in fact"), c("without doubt"),
    ]
    return list.sorted { $0.words.count > $1.words.count }
  }()

  /// `entries` by first word, longest first as there: each hedge word is
  /// only tried against the phrases it starts.
  private static let entriesByFirstWord: [String: [Entry]] = {
    var map: [String: [Entry]] = [:]
    for e in entries { if let f = e.words.first { map[f, default: []].append(e) } }
    return map
  }()
  private static let beForms: Set<String> = [
    "is", "are", "was", "were", "be", "been", "being", "am", "'s", "remain", "remains", "remained",
  ]
  private static let hedgeWords: Set<String> = Set(
    entries.filter { $0.category == .hedge && $0.words.count == 1 }.map { $0.words[0] })

  static func isHedgeWord(_ lower: String) -> Bool { hedgeWords.contains(lower) }

  private static let categoryByPhrase: [String: Category] = {
    var map: [String: Category] = [:]
    for e in entries {
      let key = e.words.joined(separator: " ")
      if map[key] == nil { map[key] = e.category }
    }
    return map
  }()

  /// The category of a phrase found by `extract` (with or without its "be").
  static func category(of phrase: String) -> Category {
    var words = phrase.lowercased().split(separator: " ").map(String.init)
    if let c = categoryByPhrase[words.joined(separator: " ")] { return c }
    while words.count > 1, beForms.contains(words[0]) || ["has", "have", "had"].contains(words[0]) {
      words.removeFirst()
      if let c = categoryByPhrase[words.joined(separator: " ")] { return c }
    }
    for e in entries where words.count >= e.words.count && Array(words.suffix(e.words.count)) == e.words {
      return e.category
    }
    return .hedge
  }

  /// Variants of one hedge, mapped to its canonical phrase.
  private static let variants: [(String, String)] = [
    ("appeared", "appears"), ("appear", "appears"), ("seemed", "seems"), ("seem", "seems"),
    ("rumored", "rumoured"), ("fears", "fear"), ("feared", "fear"), ("are expected", "is expected"),
    ("was expected", "is expected"), ("were expected", "is expected"), ("plans to", "plan to"),
    ("planned to", "plan to"), ("intends to", "intend to"), ("have been", "has been"),
    ("were confirmed", "confirmed"), ("was confirmed", "confirmed"), ("has been confirmed", "confirmed"),
    ("might", "may"), ("could", "may"), ("could have", "may have"), ("might have", "may have"),
    ("would", "will"), ("said to", "reportedly"), ("reported to", "reportedly"),
    ("purportedly", "reportedly"), ("supposedly", "reportedly"), ("rumoured", "reportedly"),
    ("understood to", "reportedly"), ("believed", "believed to"), ("thought to", "believed to"),
    ("appear to", "appears to"), ("appeared to", "appears to"), ("seem to", "appears to"),
    ("seems to", "appears to"), ("seemed to", "appears to"), ("seems", "appears to"),
    ("seemed", "appears to"), ("fear", "feared"),
    // The same belief, passive or pinned on its holder: "was believed to
    // be" and "they thought" hedge alike.
    ("they thought", "believed to"), ("he thought", "believed to"), ("she thought", "believed to"),
    ("we thought", "believed to"), ("they believed", "believed to"), ("he believed", "believed to"),
    ("she believed", "believed to"), ("they believe", "believed to"), ("we believe", "believed to"),
    ("we understand", "reportedly"), ("there are reports of", "reportedly"), ("there were reports of", "reportedly"),
    ("there are reports", "reportedly"), ("there were reports", "reportedly"),
  ]

  /// `variants` resolved: applying them in order, as one lookup.
  private static let canonicalMap: [String: String] = {
    var map: [String: String] = [:]
    for (a, _) in variants {
      var x = a
      for (from, to) in variants where x == from { x = to }
      map[a] = x
    }
    return map
  }()

  /// The canonical form of a phrase, for comparing two sentences' hedges:
  /// "were feared" and "is feared" are the same hedge.
  static func canonical(_ phrase: String) -> String {
    var words = phrase.lowercased().split(separator: " ").map(String.init)
    while words.count > 1, beForms.contains(words[0]) || ["has", "have", "had"].contains(words[0]) {
      words.removeFirst()
    }
    var joined = words.joined(separator: " ")
    joined = canonicalMap[joined] ?? joined
    if joined.hasPrefix("could not") || joined.hasPrefix("unable to") || joined.hasPrefix("not independently")
      || joined.hasPrefix("has not been") || joined.hasPrefix("have not been")
    {
      return "unconfirmed"
    }
    if joined.includes("unclear") || joined.includes("not clear") || joined.includes("not known")
      || joined.includes("not yet known") || joined.includes("not yet clear")
      || joined.includes("unknown") || joined.includes("not immediately clear")
      || joined.includes("not immediately known")
    {
      return "unclear"
    }
    return joined
  }

  /// The hedge and certainty phrases in `tokens`, quoted from `text`.
  static func extract(_ tokens: [Token], text: String) -> [String] {
    var found: [String] = []
    var i = 0
    let n = tokens.count
    while i < n {
      let t = tokens[i]
      guard t.isWord, let candidates = entriesByFirstWord[t.lower] else {
        i += 1
        continue
      }
      // The longest phrase that fits and is a real use here: "might have
      // to" is not the hedge "might have", but it is still "might".
      var matched: Entry? = nil
      for e in candidates where i + e.words.count <= n {
        var ok = true
        for (k, w) in e.words.enumerated() where tokens[i + k].lower != w {
          ok = false
          break
        }
        if ok && acceptable(e, tokens, at: i) && (!e.needsBe || (i > 0 && beForms.contains(tokens[i - 1].lower))) {
          matched = e
          break
        }
      }
      guard let e = matched else {
        i += 1
        continue
      }
      var start = i
      if e.takesBe, i > 0, beForms.contains(tokens[i - 1].lower) {
        start = i - 1
        if start > 0, ["has", "have", "had"].contains(tokens[start - 1].lower), tokens[start].lower == "been" {
          start -= 1
        }
      }
      let end = i + e.words.count
      found.append(String(text[tokens[start].range.lowerBound..<tokens[end - 1].range.upperBound]))
      i = end
    }
    return found
  }

  /// Verbs whose "that" clause states an ability the fact shows.
  private static let demonstratingVerbs: Set<String> = [
    "showing", "showed", "shows", "show", "proving", "proved", "proves", "demonstrating", "demonstrated",
    "demonstrates",
  ]

  /// The word at `i` stands in a clause opened by "showing (that)" or the
  /// like, within a few words.
  private static func demonstrates(_ tokens: [Token], before i: Int) -> Bool {
    var k = i - 1
    while k >= 0 && i - k <= 6 {
      if demonstratingVerbs.contains(tokens[k].lower) { return true }
      if tokens[k].isPunctuation { return false }
      k -= 1
    }
    return false
  }

  /// Rules out uses of hedge words that are not hedges.
  private static func acceptable(_ e: Entry, _ tokens: [Token], at i: Int) -> Bool {
    let w = e.words
    let next = i + w.count < tokens.count ? tokens[i + w.count] : nil
    let prev = i > 0 ? tokens[i - 1] : nil
    switch w.joined(separator: " ") {
    case "may":
      // "May 5" is a date.
      if tokens[i].isCapitalized, let nx = next, nx.isNumber { return false }
      if tokens[i].isCapitalized, i > 0 { return false }
      if let nx = next, nx.lower == "not" || nx.lower == "n't" { return false }
      if i + 2 < tokens.count, tokens[i + 1].lower == "be",
        ["seen", "heard", "found", "reached"].contains(tokens[i + 2].lower)
      {
        return false
      }
    case "will":
      // "the will of", "political will".
      if let p = prev, ["the", "a", "political", "good", "his", "her", "their", "free"].contains(p.lower) {
        return false
      }
    case "confirmed":
      // "not confirmed" is a hedge already; "the confirmed dead" is a count.
      if let p = prev, ["not", "un"].contains(p.lower) { return false }
    case "due to":
      // "due to bad weather" gives a cause, not a schedule.
      guard let p = prev, beForms.contains(p.lower) else { return false }
      if let nx = next, !nx.isWord || Stopwords.all.contains(nx.lower) && nx.lower != "be" { return false }
    case "set to":
      guard let p = prev, beForms.contains(p.lower) else { return false }
    case "fear", "fears":
      // "fear" as a noun in "for fear of" still hedges; "no fear" does not.
      if let p = prev, p.lower == "no" { return false }
    case "suspect", "suspects":
      // "did not suspect arson" rules something out rather than hedging.
      if let p = prev, ["not", "n't", "never"].contains(p.lower) { return false }
    case "may have", "might have", "could have":
      // "might have to be held again" is obligation, not a guess.
      if let nx = next, nx.lower == "to" { return false }
    case "suspected":
      // "the suspected cause" hedges; "police suspected" does too. Keep.
      break
    case "alleged":
      break
    case "likely", "unlikely":
      // "less likely that talks resume" compares; it does not hedge.
      if let p = prev, ["less", "more", "most", "least"].contains(p.lower) { return false }
    case "could", "might", "would":
      // "showing that the rebels could reach the port": what a fact shows
      // someone able to do, not a guess.
      if w == ["could"], demonstrates(tokens, before: i) { return false }
      // "could not be avoided" negates ability; "could be seen" reports a
      // sight. Neither qualifies the claim.
      if let nx = next, nx.lower == "not" || nx.lower == "n't" { return false }
      if i + w.count + 1 < tokens.count, tokens[i + w.count].lower == "be",
        ["seen", "heard", "found", "reached"].contains(tokens[i + w.count + 1].lower)
      {
        return false
      }
    default:
      break
    }
    return true
  }
}
