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
  }

  private static func h(_ phrase: String, be: Bool = false) -> Entry {
    Entry(words: phrase.split(separator: " ").map(String.init), category: .hedge, takesBe: be)
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
      h("according to preliminary"), h("initial reports"), h("early reports"), h("first reports"),
      h("unconfirmed reports"), h("preliminary reports"), h("preliminary figures"),
      h("there are fears"), h("there were fears"),
      h("feared", be: true), h("believed to", be: true), h("believed", be: true),
      h("thought to", be: true), h("presumed", be: true), h("suspected", be: true),
      h("said to", be: true), h("reported to", be: true), h("understood to", be: true),
      h("alleged", be: true), h("rumoured", be: true), h("rumored", be: true),
      h("appears to"), h("appeared to"), h("appear to"), h("seems to"), h("seemed to"),
      h("seem to"), h("appears"), h("appeared"), h("seems"), h("seemed"),
      h("may have"), h("might have"), h("could have"), h("may"), h("might"), h("could"),
      h("reportedly"), h("allegedly"), h("apparently"), h("purportedly"), h("supposedly"),
      h("possibly"), h("probably"), h("presumably"), h("likely"), h("unlikely"), h("perhaps"),
      h("maybe"), h("seemingly"), h("tentatively"), h("provisionally"), h("unconfirmed"),
      h("unverified"), h("preliminary"), h("fear"), h("fears"),
      c("is expected to"), c("are expected to"), c("was expected to"), c("were expected to"),
      c("expected to", be: true), c("set to", be: true), c("due to", be: true),
      c("scheduled to", be: true), c("poised to", be: true),
      c("planned to"), c("plans to"), c("plan to"), c("intends to"), c("intend to"),
      c("aims to"), c("will"), c("has been confirmed"), c("have been confirmed"),
      c("was confirmed"), c("were confirmed"), c("confirmed"), c("officially"), c("definitely"),
      c("certainly"), c("undoubtedly"), c("in fact"), c("without doubt"),
    ]
    return list.sorted { $0.words.count > $1.words.count }
  }()

  private static let firstWords: Set<String> = Set(entries.compactMap { $0.words.first })
  private static let beForms: Set<String> = [
    "is", "are", "was", "were", "be", "been", "being", "am", "'s", "remain", "remains", "remained",
  ]
  private static let hedgeWords: Set<String> = Set(
    entries.filter { $0.category == .hedge && $0.words.count == 1 }.map { $0.words[0] })

  static func isHedgeWord(_ lower: String) -> Bool { hedgeWords.contains(lower) }

  /// The category of a phrase found by `extract` (with or without its "be").
  static func category(of phrase: String) -> Category {
    let words = phrase.lowercased().split(separator: " ").map(String.init)
    for e in entries {
      if words.count >= e.words.count, Array(words.suffix(e.words.count)) == e.words { return e.category }
      if words == e.words { return e.category }
    }
    return .hedge
  }

  /// The canonical form of a phrase, for comparing two sentences' hedges:
  /// "were feared" and "is feared" are the same hedge.
  static func canonical(_ phrase: String) -> String {
    var words = phrase.lowercased().split(separator: " ").map(String.init)
    while words.count > 1, beForms.contains(words[0]) || ["has", "have", "had"].contains(words[0]) {
      words.removeFirst()
    }
    var joined = words.joined(separator: " ")
    for (a, b) in [
      ("appeared", "appears"), ("appear", "appears"), ("seemed", "seems"), ("seem", "seems"),
      ("rumored", "rumoured"), ("fears", "fear"), ("feared", "fear"), ("are expected", "is expected"),
      ("was expected", "is expected"), ("were expected", "is expected"), ("plans to", "plan to"),
      ("planned to", "plan to"), ("intends to", "intend to"), ("have been", "has been"),
      ("were confirmed", "confirmed"), ("was confirmed", "confirmed"), ("has been confirmed", "confirmed"),
      ("might", "may"), ("could have", "may have"), ("might have", "may have"),
    ] where joined == a {
      joined = b
    }
    if joined.hasPrefix("could not") || joined.hasPrefix("unable to") || joined.hasPrefix("not independently")
      || joined.hasPrefix("has not been") || joined.hasPrefix("have not been")
    {
      return "unconfirmed"
    }
    if joined.contains("unclear") || joined.contains("not clear") || joined.contains("not immediately clear") {
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
      guard t.isWord, firstWords.contains(t.lower) else {
        i += 1
        continue
      }
      var matched: Entry? = nil
      for e in entries where e.words[0] == t.lower && i + e.words.count <= n {
        var ok = true
        for (k, w) in e.words.enumerated() where tokens[i + k].lower != w {
          ok = false
          break
        }
        if ok {
          matched = e
          break
        }
      }
      guard let e = matched, acceptable(e, tokens, at: i) else {
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
    case "will":
      // "the will of", "political will".
      if let p = prev, ["the", "a", "political", "good", "his", "her", "their", "free"].contains(p.lower) { return false }
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
    case "suspected":
      // "the suspected cause" hedges; "police suspected" does too. Keep.
      break
    case "alleged":
      break
    case "could", "might", "may have", "could have", "might have":
      break
    default:
      break
    }
    return true
  }
}
