/// Classifies how the meaning of aligned sentences drifted, change by change.
///
/// Works on the features the extractors found, not on words: a figure is
/// compared by value, bounds and modifier (so "40" and "forty" agree and
/// "at least 40" and "dozens" do not), hedges by canonical phrase, sources by
/// their content words. Rewording alone yields no change.
enum DriftClassifier {
  /// The relation of a pair given its changes.
  static func relation(_ a: [Sentence], _ b: [Sentence], changes: [Change]) -> Relation {
    if a.isEmpty { return .added }
    if b.isEmpty { return .removed }
    if a.map(\.text).joined(separator: " ") == b.map(\.text).joined(separator: " ") { return .identical }
    return changes.isEmpty ? .reworded : .changed
  }

  /// The typed changes from `a` to `b`.
  ///
  /// `tokensA`/`tokensB` are the sentences' tokens if the caller has them
  /// (an article's analysis).
  /// `releaseA`/`releaseB` name the issuer of a side that is a press
  /// release ("" if unnamed): a release speaks for its issuer without a tag.
  static func changes(
    from a: [Sentence], to b: [Sentence], tokensA: [[Token]]? = nil, tokensB: [[Token]]? = nil,
    releaseA: String? = nil, releaseB: String? = nil
  ) -> [Change] {
    guard !a.isEmpty, !b.isEmpty else { return [] }
    if a.map(\.text) == b.map(\.text) { return [] }
    let aText = a.map(\.text).joined(separator: " ")
    let bText = b.map(\.text).joined(separator: " ")
    var out: [Change] = []
    let attribution = attributionChanges(
      a.flatMap(\.sources), b.flatMap(\.sources), aText: aText, bText: bText, releaseA: releaseA, releaseB: releaseB)
    out += attribution
    // Figures and names that are part of a source ("two port officials")
    // belong to the source's change, not to their own.
    func outsideAttribution(_ s: Sentence) -> [Quantity] {
      s.quantities.filter { q in !s.sources.contains { $0.includes(q.text) } }
    }
    out += quantityChanges(a.flatMap(outsideAttribution), b.flatMap(outsideAttribution), aText: aText, bText: bText)
    out += hedgeChanges(a.flatMap(\.hedges), b.flatMap(\.hedges), aText: aText, bText: bText)
    let changedSources = attribution.flatMap { [$0.from, $0.to] }.filter { !$0.isEmpty }
    func entities(_ s: Sentence) -> [String] {
      s.entities.filter { e in !changedSources.contains { $0.includes(e) } }
    }
    out += entityChanges(a.flatMap(entities), b.flatMap(entities), aText: aText, bText: bText)
    out += timeChanges(a.flatMap(\.times), b.flatMap(\.times))
    // Headlines are telegraphic: every rewrite of one drops and adds words.
    let headline = a.contains { $0.kind == .headline } || b.contains { $0.kind == .headline }
    if !headline {
      let ta = tokensA ?? a.map { Tokenizer.tokenize($0.text) }
      let tb = tokensB ?? b.map { Tokenizer.tokenize($0.text) }
      out += clauseChanges(a.map(\.text), ta, b.map(\.text), tb, reported: out)
    }
    return out
  }

  /// A content word of one side, with its matching key (stem or synonym
  /// group) and the sentence it stands in.
  private struct ContentWord {
    var token: Token
    var key: String
    var sentence: Int
  }

  private static func contentWords(_ tokens: [[Token]]) -> [ContentWord] {
    var out: [ContentWord] = []
    for (k, ts) in tokens.enumerated() {
      for t in ts where (t.isWord || t.isNumber) && !Stopwords.all.contains(t.lower) {
        let bare = t.lower.hasSuffix("'s") ? String(t.lower.dropLast(2)) : t.lower
        out.append(ContentWord(token: t, key: Synonyms.key(bare), sentence: k))
      }
    }
    return out
  }

  private static let clauseBreaks: Set<String> = [
    "but", "and", "or", "while", "although", "though", "which", "who", "that", "was", "were", "is",
    "are", "had", "has", "have", "did", "not", "would", "will", "could",
  ]

  /// Punctuation or a conjunction, auxiliary or relative pronoun between
  /// two words ends a clause.
  private static func breaksClause(_ gap: Substring) -> Bool {
    if gap.contains(where: { ",;:.\"()".contains($0) }) { return true }
    return gap.split(separator: " ").contains { clauseBreaks.contains($0.lowercased()) }
  }

  /// A clause one side has and the other does not say in any words: "an
  /// allegation the company denied", "using sniffer dogs".
  ///
  /// Found as a run of three or more content words, none of which (up to
  /// stems and synonyms) occurs anywhere on the other side, with no
  /// punctuation inside — and only when the rest of that side is largely
  /// found on the other: in a free paraphrase every run looks new, and none
  /// stands out.
  static func clauseChanges(
    _ aTexts: [String], _ aTokens: [[Token]], _ bTexts: [String], _ bTokens: [[Token]], reported: [Change]
  ) -> [Change] {
    let aWords = contentWords(aTokens)
    let bWords = contentWords(bTokens)
    let aKeys = Set(aWords.map(\.key))
    let bKeys = Set(bWords.map(\.key))
    // Cheap test first: a clause needs three content words the other side lacks.
    guard
      Set(aWords.lazy.filter { !bKeys.contains($0.key) }.map(\.key)).count >= 3
        || Set(bWords.lazy.filter { !aKeys.contains($0.key) }.map(\.key)).count >= 3
    else { return [] }
    let alreadyWords = Set(
      reported.flatMap { c in
        Tokenizer.tokenize(c.from + " " + c.to).filter { !$0.isPunctuation && !Stopwords.all.contains($0.lower) }.map(
          \.lower)
      })
    var out: [Change] = []
    for (own, other, texts, removed) in [(aWords, bKeys, aTexts, true), (bWords, aKeys, bTexts, false)] {
      var k = 0
      while k < own.count {
        guard !other.contains(own[k].key) else {
          k += 1
          continue
        }
        var end = k + 1
        while end < own.count, !other.contains(own[end].key), own[end].sentence == own[k].sentence,
          !breaksClause(texts[own[k].sentence][own[end - 1].token.range.upperBound..<own[end].token.range.lowerBound])
        {
          end += 1
        }
        defer { k = end }
        let runKeys = Set(own[k..<end].map(\.key))
        guard runKeys.count >= 3 else { continue }
        let rest = own[..<k] + own[end...]
        let kept = rest.filter { other.contains($0.key) }.count
        guard rest.count >= 3, Double(kept) >= 0.8 * Double(rest.count) else { continue }
        // Part of a change already reported (a figure, a hedge, a source),
        // or a source of its own.
        let runWords = Set(own[k..<end].map { $0.token.lower })
        if !alreadyWords.isDisjoint(with: runWords) { continue }
        if own[k..<end].contains(where: { AttributionExtractor.verbs.contains($0.token.lower) }) { continue }
        let text = texts[own[k].sentence]
        let run = String(text[own[k].token.range.lowerBound..<own[end - 1].token.range.upperBound])
        out.append(removed ? Change(type: .detail, from: run, to: "") : Change(type: .detail, from: "", to: run))
      }
    }
    return out
  }

  // MARK: Attribution

  static func attributionChanges(
    _ a0: [String], _ b0: [String], aText: String = "", bText: String = "", releaseA: String? = nil,
    releaseB: String? = nil
  ) -> [Change] {
    // The speaker alone is compared: a relay ("quoted by local radio") says
    // where the words were heard, not who said them.
    let a = a0.map(speaker)
    let b = b0.map(speaker)
    // A pronoun source ("he said") points back to a source named nearby; on
    // its own it neither adds nor removes one. So does a bare back-reference
    // to an organisation ("the company said") beside the organisation's
    // name, or against a press release, which is that organisation's voice.
    func referent(_ x: String, _ side: [String], _ otherRelease: String?) -> Bool {
      if let issuer = otherRelease, !issuer.isEmpty, sameSource(x, issuer) { return true }
      return isBackReference(x) && (otherRelease != nil || side.contains { !isPronoun($0) && !isBackReference($0) })
    }
    var restA = a.filter { !isPronoun($0) && !referent($0, a, releaseB) }
    var restB = b.filter { !isPronoun($0) && !referent($0, b, releaseA) }
    var pronounsA = a.count - restA.count
    var pronounsB = b.count - restB.count
    var k = 0
    while k < restA.count {
      if let m = restB.firstIndex(where: { sameSource(restA[k], $0) }) {
        restA.remove(at: k)
        restB.remove(at: m)
      } else {
        k += 1
      }
    }
    // A named source the other side still names, in another role ("...,
    // according to the Geological Institute" → "The Geological Institute
    // gave the figures"), has not gone.
    let leftA = restA.count
    let leftB = restB.count
    restA.removeAll { x in namePhrases(x).contains { bText.includes($0) } || leftB == 0 && namedInOtherRole(x, bText) }
    restB.removeAll { y in namePhrases(y).contains { aText.includes($0) } || leftA == 0 && namedInOtherRole(y, aText) }
    // "The commission said" → "it said": the pronoun stands for a source
    // the other side names.
    while pronounsB > 0 && !restA.isEmpty {
      restA.removeFirst()
      pronounsB -= 1
    }
    while pronounsA > 0 && !restB.isEmpty {
      restB.removeFirst()
      pronounsA -= 1
    }
    // Two sources on both sides, each picked first on a different side
    // ("organisers put it at 25,000, police at 8,000" → "organisers said
    // 25,000; police put it at 8,000"): both are still there.
    if restA.count == 1, restB.count == 1,
      mentions(bText.replacingAll(restB[0], with: " "), source: restA[0]),
      mentions(aText.replacingAll(restA[0], with: " "), source: restB[0])
    {
      return []
    }
    var out: [Change] = []
    // A second speaker in a clause of its own ("…, and a second hospital
    // said it had taken in 27 more") brings a statement, not a new source
    // for the first: a detail, when the main speakers agree.
    if restA.isEmpty, restB.count == 1, b.count >= 2, restB[0] != b[0], !a.isEmpty {
      return [Change(type: .detail, from: "", to: restB[0])]
    }
    if restB.isEmpty, restA.count == 1, a.count >= 2, restA[0] != a[0], !b.isEmpty {
      return [Change(type: .detail, from: restA[0], to: "")]
    }
    while !restA.isEmpty || !restB.isEmpty {
      let x = restA.isEmpty ? "" : restA.removeFirst()
      let y = restB.isEmpty ? "" : restB.removeFirst()
      out.append(Change(type: .attribution, from: x, to: y))
    }
    return out
  }

  private static let pronouns: Set<String> = ["he", "she", "they", "it", "we", "i", "you"]

  /// Words after which a source phrase goes on about who relayed it.
  private static let relayMarkers = [" quoted by ", " cited by ", ", quoted by ", ", cited by "]

  /// The speaker of a source phrase, without its relay: "army sources
  /// quoted by local radio" → "army sources".
  static func speaker(_ x: String) -> String {
    for m in relayMarkers {
      if let r = x.firstRangeOf(m) { return String(x[..<r.lowerBound]) }
    }
    return x
  }

  /// "the company", "the charity": a generic noun for an organisation
  /// named elsewhere.
  static func isBackReference(_ x: String) -> Bool {
    analyse(x).isGenericDefinite
  }

  /// A source of several words that the other text names in another role
  /// ("according to the city council" → "The city council told residents
  /// to …").
  private static func namedInOtherRole(_ x: String, _ other: String) -> Bool {
    let words = x.split(separator: " ")
    guard words.count >= 2, definiteDeterminers.contains(words[0].lowercased()) else { return false }
    return other.lowercased().includes(x.lowercased())
  }

  /// Runs of two or more capitalised words in a source ("Ostrian
  /// Geological Institute", "Hilde Aasen"), not counting a capitalised
  /// first word that only starts the phrase.
  static func namePhrases(_ x: String) -> [String] {
    let ts = Tokenizer.tokenize(x)
    var out: [String] = []
    var k = 0
    while k < ts.count {
      guard ts[k].isWord, ts[k].isCapitalized, !Stopwords.all.contains(ts[k].lower) else {
        k += 1
        continue
      }
      var end = k + 1
      while end < ts.count, ts[end].isWord,
        ts[end].isCapitalized || (ts[end].lower == "of" && end + 1 < ts.count && ts[end + 1].isCapitalized)
      {
        end += 1
      }
      if end - k >= 2 { out.append(String(x[ts[k].range.lowerBound..<ts[end - 1].range.upperBound])) }
      k = end
    }
    return out
  }

  static func isPronoun(_ x: String) -> Bool {
    let lower = x.lowercased()
    if pronouns.contains(lower) { return true }
    // "One of them", "some of them": a part of a group named before.
    let words = lower.split(separator: " ")
    return words.count == 3 && words[1] == "of" && ["them", "those", "us"].contains(words[2])
  }

  /// Vehicles of a statement, not its source: "a coast guard statement" is
  /// the coast guard.
  private static let vehicles: Set<String> = [
    "statement", "statements", "report", "notice", "release", "post", "announcement", "bulletin",
    "briefing", "update", "website", "account", "communique",
  ]
  /// Nouns a later mention uses for an organisation named before ("Kallum
  /// Logistics said" → "according to the company").
  private static let genericOrganisations: Set<String> = [
    "company", "firm", "operator", "group", "carrier", "airline", "business", "organisation",
    "organization", "utility", "manufacturer", "retailer", "owner", "insurer", "developer",
    "employer", "party", "campaign", "union", "agency", "body", "institute", "charity", "bank",
  ]
  private static let definiteDeterminers: Set<String> = [
    "the", "this", "that", "its", "his", "her", "their", "our",
  ]

  private struct SourcePhrase: Sendable {
    var content: Set<String>
    var descriptive: Set<String>
    var head: String?
    var hasName: Bool
    var isDefinite: Bool
    var isGenericDefinite: Bool
    /// The name words, lowercased, without synonyms.
    var names: Set<String>
    var words: Set<String>
    var lastName: String?
    /// Content words before the head ("military and police" in "military
    /// and police sources").
    var premodifiers: Set<String> = []
  }

  /// Words that pick one of a group: "another", "a fourth".
  private static let ordinals: Set<String> = [
    "another", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
  ]

  /// Plain nouns for people, as keys.
  private static let peopleNouns: Set<String> = Set(
    ["people", "residents", "locals", "inhabitants", "villagers", "witnesses", "onlookers"].map { Synonyms.key($0) })

  /// `analyse` of each source phrase seen: a diff compares the same few
  /// sources ("police", "the ministry") pair after pair, and analysing them
  /// again each time was most of the cost of comparing attributions.
  private static let analysed = KeyMemo<SourcePhrase>()

  private static func analyse(_ x: String) -> SourcePhrase {
    if let known = analysed.value(x) { return known }
    let phrase = analyseAfresh(x)
    analysed.store(x, phrase)
    return phrase
  }

  private static func analyseAfresh(_ x: String) -> SourcePhrase {
    let allTokens = Tokenizer.tokenize(x)
    let ts = allTokens.filter { $0.isWord || $0.isNumber }
    var content = Set<String>()
    var descriptive = Set<String>()
    var head: String? = nil
    var inFirstChunk = true
    var names = false
    var rawNames = Set<String>()
    var lastName: String? = nil
    var beforeHead = Set<String>()
    // The head is the last noun before a comma or preposition.
    var wordsBeforeComma = ts.count
    if let comma = allTokens.firstIndex(where: { $0.text == "," }) {
      wordsBeforeComma = allTokens[..<comma].filter { $0.isWord || $0.isNumber }.count
    }
    for (k, t) in ts.enumerated() {
      if ["of", "for", "at", "in", "from", "with", "on"].contains(t.lower) || k >= wordsBeforeComma {
        inFirstChunk = false
      }
      if Stopwords.all.contains(t.lower) && !QuantityExtractor.isNumberWord(t.lower) { continue }
      // "A fourth worker" / "Another worker": which one of them is not who.
      if ordinals.contains(t.lower) { continue }
      if vehicles.contains(t.lower) && k == ts.count - 1 { continue }
      let bare = t.lower.hasSuffix("'s") ? String(t.lower.dropLast(2)) : t.lower
      let key = Synonyms.key(bare)
      content.insert(key)
      let isName = t.isCapitalized && (k > 0 || t.isAllCaps || (k + 1 < ts.count && ts[k + 1].isCapitalized))
      if isName {
        names = true
        rawNames.insert(bare)
        lastName = bare
      } else {
        descriptive.insert(key)
      }
      if inFirstChunk && !t.lower.hasSuffix("'s") {
        if let h = head { beforeHead.insert(h) }
        head = key
      }
    }
    let first = ts.first?.lower ?? ""
    let definite = definiteDeterminers.contains(first) || (ts.first?.lower.hasSuffix("'s") ?? false)
    let generic = definite && ts.count == 2 && genericOrganisations.contains(ts[1].lower)
    return SourcePhrase(
      content: content, descriptive: descriptive, head: head, hasName: names, isDefinite: definite,
      isGenericDefinite: generic, names: rawNames,
      words: Set(ts.map { $0.lower.hasSuffix("'s") ? String($0.lower.dropLast(2)) : $0.lower }),
      lastName: lastName, premodifiers: beforeHead)
  }

  /// Two attributions name the same source: the same content words (up to
  /// synonyms), or one is a fuller description of the other's definite
  /// reference ("the authority" / "the regional health authority"), or of
  /// the same named person, or a generic back-reference to a named
  /// organisation ("Kallum Logistics" / "the company").
  static func sameSource(_ x: String, _ y: String) -> Bool {
    if isPronoun(x) || isPronoun(y) { return true }
    let px = analyse(x)
    let py = analyse(y)
    if px.content == py.content { return true }
    if px.isGenericDefinite && (py.hasName || py.isGenericDefinite) { return true }
    if py.isGenericDefinite && (px.hasName || px.isGenericDefinite) { return true }
    let (small, large) = px.content.count <= py.content.count ? (px, py) : (py, px)
    if small.content.isSubset(of: large.content) {
      // "Maria Lopez" ⊂ "Maria Lopez, a spokeswoman"; but "Transport
      // Ministry" is not in "Transport Minister Lars Edvik".
      if small.hasName && small.names.isSubset(of: large.words) { return true }
      if small.isDefinite, let h = small.head, h == large.head { return true }
    }
    // One person under two titles ("Interior Minister Soren Falk" /
    // "Defence Minister Soren Falk"): the title change is an entity change.
    if px.hasName && py.hasName, let lx = px.lastName, lx == py.lastName, px.names.intersection(py.names).count >= 2 {
      return true
    }
    // Two plain descriptions of the same kind of source, each qualified
    // ("witnesses on the quayside" / "people watching from the quay").
    // Not so when the words before the head name different bodies
    // ("military and police sources" / "army sources").
    if !px.hasName && !py.hasName, let hx = px.head, hx == py.head, px.content.count > 1, py.content.count > 1,
      !px.content.contains(where: { QuantityExtractor.isNumberWord($0) || $0.first?.isNumber == true }),
      !py.content.contains(where: { QuantityExtractor.isNumberWord($0) || $0.first?.isNumber == true }),
      px.premodifiers.isEmpty || py.premodifiers.isEmpty || px.premodifiers == py.premodifiers
    {
      return true
    }
    // People of one place under two plain names ("Residents in Ostrin" /
    // "People in Ostrin").
    if let hx = px.head, let hy = py.head, peopleNouns.contains(hx), peopleNouns.contains(hy),
      px.content.subtracting([hx]) == py.content.subtracting([hy]), px.content.count > 1
    {
      return true
    }
    // The same description around different names: the names differ, and
    // that is an entity change, not a different kind of source.
    if px.hasName && py.hasName, !small.descriptive.isEmpty {
      let shared = px.descriptive.intersection(py.descriptive).count
      if Double(shared) >= 0.5 * Double(min(px.descriptive.count, py.descriptive.count)), shared > 0 {
        return true
      }
    }
    return false
  }

  /// The text mentions the source's head word.
  private static func mentions(_ text: String, source: String) -> Bool {
    guard let head = analyse(source).head else { return false }
    let keys = Set(
      Tokenizer.tokenize(text).filter(\.isWord).map { t -> String in
        let bare = t.lower.hasSuffix("'s") ? String(t.lower.dropLast(2)) : t.lower
        return Synonyms.key(bare)
      })
    return keys.contains(head)
  }

  // MARK: Quantities

  static func equivalent(_ x0: Quantity, _ y0: Quantity) -> Bool {
    let x = x0.comparable
    let y = y0.comparable
    if x.isVague != y.isVague { return false }
    // "Only a few" is "a handful": before a vague quantity "only" stresses,
    // it does not make the figure exact.
    func modifierClass(_ q: Quantity) -> ModifierClass {
      let c = ModifierClass(q.modifier)
      return q.isVague && c == .exactly ? .none : c
    }
    if modifierClass(x) != modifierClass(y) { return false }
    func close(_ p: Double?, _ q: Double?) -> Bool {
      switch (p, q) {
      case (nil, nil): return true
      case (let p?, let q?): return abs(p - q) <= 1e-9 * max(1, abs(p))
      default: return false
      }
    }
    return close(x.value, y.value) && close(x.low, y.low) && close(x.high, y.high)
  }

  /// Modifier classes that bound a figure: a change in them changes the
  /// figure ("at least 14" → "14").
  private static let boundingClasses: Set<ModifierClass> = [.atLeast, .moreThan, .atMost, .lessThan, .additional]

  static func quantityChanges(_ a: [Quantity], _ b: [Quantity], aText: String = "", bText: String = "") -> [Change] {
    var restA = a
    var restB = b
    // Same figure on both sides: no change, whatever the wording.
    var k = 0
    while k < restA.count {
      if let m = restB.firstIndex(where: { equivalent(restA[k], $0) }) {
        restA.remove(at: k)
        restB.remove(at: m)
      } else {
        k += 1
      }
    }
    var out: [Change] = []
    // Same number, different approximator: "about 58 percent" → "58
    // percent" is a hedge; "at least 14" → "14" moves the figure.
    k = 0
    while k < restA.count {
      let x = restA[k]
      if let m = restB.firstIndex(where: { sameNumber(x, $0) }) {
        let y = restB[m]
        let cx = ModifierClass(x.modifier)
        let cy = ModifierClass(y.modifier)
        if boundingClasses.contains(cx) || boundingClasses.contains(cy) {
          out.append(Change(type: .quantity, from: x.text, to: y.text))
        } else if !estimateKept(x, y, aText: aText, bText: bText) {
          out.append(Change(type: .hedge, from: x.modifier ?? "", to: y.modifier ?? ""))
        }
        restA.remove(at: k)
        restB.remove(at: m)
      } else {
        k += 1
      }
    }
    // Pair what is left by counted noun and closeness of value.
    var candidates: [(Int, Int, Double)] = []
    for (i, x) in restA.enumerated() {
      for (j, y) in restB.enumerated() {
        if let s = pairScore(x, y) { candidates.append((i, j, s)) }
      }
    }
    candidates.sort { $0.2 > $1.2 }
    var usedA = Set<Int>()
    var usedB = Set<Int>()
    var pairs: [Int: Int] = [:]
    for (i, j, _) in candidates where !usedA.contains(i) && !usedB.contains(j) {
      usedA.insert(i)
      usedB.insert(j)
      pairs[i] = j
    }
    for (i, x) in restA.enumerated() {
      if let j = pairs[i] {
        out.append(Change(type: .quantity, from: x.text, to: restB[j].text))
      } else if !isBareShare(x) {
        // A figure with no counterpart is a dropped detail, not a revision.
        out.append(Change(type: .detail, from: x.text, to: ""))
      }
    }
    for (j, y) in restB.enumerated() where !usedB.contains(j) && !isBareShare(y) {
      out.append(Change(type: .detail, from: "", to: y.text))
    }
    return out
  }

  /// A vague share counting nothing of its own ("most of whom"): alone on
  /// one side it qualifies a group, it states no figure.
  private static func isBareShare(_ q: Quantity) -> Bool {
    q.isVague && q.value == nil && q.unit == nil && (q.high ?? 2) <= 1
  }

  private static func sameNumber(_ x: Quantity, _ y: Quantity) -> Bool {
    let cx = x.comparable
    let cy = y.comparable
    guard !cx.isVague, !cy.isVague, let vx = cx.value, let vy = cy.value else { return false }
    return abs(vx - vy) <= 1e-9 * max(1, abs(vx))
  }

  /// "an estimated 1,200" → "figures estimate … 1,200": the estimate moved
  /// into the verb.
  private static func estimateKept(_ x: Quantity, _ y: Quantity, aText: String, bText: String) -> Bool {
    let mx = x.modifier?.lowercased() ?? ""
    let my = y.modifier?.lowercased() ?? ""
    if mx.includes("estimat") && my.isEmpty { return bText.lowercased().includes("estimat") }
    if my.includes("estimat") && mx.isEmpty { return aText.lowercased().includes("estimat") }
    return false
  }

  /// How plausibly `y` is `x` revised; nil if they count different things.
  private static func pairScore(_ x0: Quantity, _ y0: Quantity) -> Double? {
    let x = x0.comparable
    let y = y0.comparable
    var score = 0.0
    if let ux = x.unit, let uy = y.unit, ux != "percent", uy != "percent" {
      let kx = Synonyms.key(ux)
      let ky = Synonyms.key(uy)
      // "a 1.4 billion mark project" counts marks, as "1.5 billion marks" does.
      func counts(_ q: Quantity, _ unit: String) -> Bool {
        let stem = Stemmer.stem(unit.lowercased())
        return q.text.lowercased().split(separator: " ").dropLast().contains { Stemmer.stem(String($0)) == stem }
      }
      if kx != ky && Stemmer.stem(ux) != Stemmer.stem(uy) && !counts(x0, uy) && !counts(y0, ux) { return nil }
      score += 2
    }
    let (lx, hx) = bounds(x)
    let (ly, hy) = bounds(y)
    if let lx, let hx, let ly, let hy {
      if lx <= hy && ly <= hx {
        score += 2
      } else {
        let ratio = max(lx, ly) / max(1, min(hx, hy))
        score += max(0, 1 - log10(max(ratio, 1)))
      }
    }
    return score
  }

  private static func bounds(_ q: Quantity) -> (Double?, Double?) {
    let lo = q.low ?? q.value
    let hi = q.high ?? q.value ?? (q.low.map { $0 * 4 })
    return (lo, hi)
  }

  // MARK: Hedges and certainty

  static func hedgeChanges(_ a: [String], _ b: [String], aText: String = "", bText: String = "") -> [Change] {
    var out: [Change] = []
    var hedgesFound = 0
    for category in [HedgeLexicon.Category.hedge, .certainty] {
      let xa = a.filter { HedgeLexicon.category(of: $0) == category }
      let xb = b.filter { HedgeLexicon.category(of: $0) == category }
      var restA = xa
      var restB = xb
      var k = 0
      while k < restA.count {
        let c = HedgeLexicon.canonical(restA[k])
        if let m = restB.firstIndex(where: { HedgeLexicon.canonical($0) == c }) {
          restA.remove(at: k)
          restB.remove(at: m)
        } else {
          k += 1
        }
      }
      if category == .hedge {
        // A belief the other side pins on its holder in other words ("was
        // believed to be" → "officials thought") changed form, not force.
        restA.removeAll { HedgeLexicon.canonical($0) == "believed to" && statesBelief(bText) }
        restB.removeAll { HedgeLexicon.canonical($0) == "believed to" && statesBelief(aText) }
        // A hedge comes or goes on its own: "reportedly" dropped and "were
        // believed to" added are two moves, not a rewording of one. Hedges
        // next to each other ("suspect the bacteria may have") are one.
        out += mergeAdjacent(restA, in: aText).map { Change(type: .hedge, from: $0, to: "") }
        out += mergeAdjacent(restB, in: bText).map { Change(type: .hedge, from: "", to: $0) }
        hedgesFound = out.count
      } else {
        // Certainty shifts replace one modality with another: "is expected
        // to" → "will"; "could raise" → "raised".
        while !restA.isEmpty || !restB.isEmpty {
          if let x = restA.first, let y = restB.first {
            out.append(Change(type: .certainty, from: x, to: y))
            restA.removeFirst()
            restB.removeFirst()
          } else if let x = restA.first {
            let y = replacement(of: x, in: aText, by: bText, forward: true)
            out.append(y.isEmpty ? modalDropped(x, from: aText, in: bText) : Change(type: .certainty, from: x, to: y))
            restA.removeFirst()
          } else if let y = restB.first {
            let x = replacement(of: y, in: bText, by: aText, forward: false)
            let c = x.isEmpty ? modalDropped(y, from: bText, in: aText) : Change(type: .certainty, from: x, to: y)
            out.append(x.isEmpty ? Change(type: .certainty, from: c.to, to: c.from) : c)
            restB.removeFirst()
          }
        }
      }
    }
    // "is likely to spread" → "will spread" is one move of certainty; the
    // hedge it replaced is part of it, not a second change.
    let certain = out[hedgesFound...].flatMap { [$0.from.lowercased(), $0.to.lowercased()] }
    let hedges = out[..<hedgesFound].filter { h in
      let side = (h.from.isEmpty ? h.to : h.from).lowercased()
      return !certain.contains { !$0.isEmpty && $0.includes(side) }
    }
    return hedges + out[hedgesFound...]
  }

  /// A modal one side drops before a verb the other keeps: "could need"
  /// → "need".
  private static func modalDropped(_ modal: String, from text: String, in other: String) -> Change {
    let words = text.split(separator: " ").map { String($0).trimming(chars: ",.;:\"") }
    guard let k = words.firstIndex(where: { $0.lowercased() == modal.lowercased() }), k + 1 < words.count else {
      return Change(type: .certainty, from: modal, to: "")
    }
    let verb = words[k + 1]
    let kept = other.lowercased().split(separator: " ").contains { $0.trimming(chars: ",.;:\"") == verb.lowercased() }
    return kept
      ? Change(type: .certainty, from: modal + " " + verb, to: verb) : Change(type: .certainty, from: modal, to: "")
  }

  private static let beliefVerbs: Set<String> = ["thought", "think", "thinks", "believe", "believes", "believed"]

  /// The text says someone believes or thinks something.
  private static func statesBelief(_ text: String) -> Bool {
    Tokenizer.tokenize(text).contains { beliefVerbs.contains($0.lower) }
  }

  /// Joins phrases that stand within a few words of each other in `text`
  /// into the one span that covers them.
  static func mergeAdjacent(_ phrases: [String], in text: String) -> [String] {
    guard phrases.count > 1 else { return phrases }
    var ranges: [Range<String.Index>] = []
    var searchFrom = text.startIndex
    for p in phrases {
      let tail = String(text[searchFrom...])
      if let r = tail.firstRangeOf(p) {
        let offset = tail.utf8.distance(from: tail.startIndex, to: r.lowerBound)
        let start = text.utf8.index(searchFrom, offsetBy: offset)
        let end = text.utf8.index(start, offsetBy: p.utf8.count)
        ranges.append(start..<end)
        searchFrom = end
      } else {
        return phrases
      }
    }
    ranges.sort { $0.lowerBound < $1.lowerBound }
    var merged: [Range<String.Index>] = []
    for r in ranges {
      if let last = merged.last, last.upperBound <= r.lowerBound {
        let gap = text[last.upperBound..<r.lowerBound]
        let words = gap.split(separator: " ").count
        if words <= 3 && !gap.contains(where: { $0 == "," || $0 == "." || $0 == ";" }) {
          merged[merged.count - 1] = last.lowerBound..<r.upperBound
          continue
        }
      }
      merged.append(r)
    }
    return merged.map { String(text[$0]) }
  }

  /// What the other text says where this one had `phrase`: the added run
  /// that follows the removed run containing it ("are expected to open" →
  /// "opened"); "" if nothing replaces it.
  private static func replacement(of phrase: String, in text: String, by other: String, forward: Bool) -> String {
    let segments = forward ? WordDiff.diff(text, other) : WordDiff.diff(other, text)
    let own: WordDiff.Segment.Kind = forward ? .removed : .added
    let theirs: WordDiff.Segment.Kind = forward ? .added : .removed
    let needle = phrase.lowercased()
    for (k, seg) in segments.enumerated() where seg.kind == own {
      guard seg.text.lowercased().includes(needle) || needle.includes(seg.text.lowercased().trimming(chars: " ")) else {
        continue
      }
      // The marker's own run also holds words the other side kept in other
      // form ("Environmental inspectors are expected to test" → "Inspectors
      // tested"): those are not the replacement.
      let ownWords = Set(seg.text.lowercased().split(separator: " ").map(String.init))
      for n in [k + 1, k - 1] where n >= 0 && n < segments.count && segments[n].kind == theirs {
        var words = segments[n].text.trimming(chars: " ,.").split(separator: " ").map(String.init)
        while let f = words.first, ownWords.contains(f.lowercased()) { words.removeFirst() }
        while let l = words.last, ownWords.contains(l.lowercased()) { words.removeLast() }
        if !words.isEmpty && words.count <= 4 { return words.joined(separator: " ") }
      }
    }
    return ""
  }

  // MARK: Entities and details

  private static func entityWords(_ x: String) -> Set<String> {
    Set(x.lowercased().split(separator: " ").map { Synonyms.key(String($0)) })
  }

  static func entityChanges(_ a: [String], _ b: [String], aText: String, bText: String) -> [Change] {
    let aLower = aText.lowercased()
    let bLower = bText.lowercased()
    // A name the other side still mentions (even uncapitalised) has not
    // changed; a name only one side has is usually rewording ("the
    // Veskarian port" → "the port"), so only a name replaced by another is
    // reported: paired by a shared word first ("Civic Union" → "Civic
    // Alliance"), then one for one when each side has exactly one left.
    let wa = a.map(entityWords)
    let wb = b.map(entityWords)
    func same(_ x: Set<String>, _ y: Set<String>) -> Bool { x.isSubset(of: y) || y.isSubset(of: x) }
    var restA = a.indices.filter { i in !wb.contains { same(wa[i], $0) } && !bLower.includes(a[i].lowercased()) }.map {
      a[$0]
    }
    var restB = b.indices.filter { j in !wa.contains { same(wb[j], $0) } && !aLower.includes(b[j].lowercased()) }.map {
      b[$0]
    }
    var out: [Change] = []
    func words(_ s: String) -> Set<String> { Set(s.lowercased().split(separator: " ").map(String.init)) }
    var k = 0
    while k < restA.count {
      let wa = words(restA[k])
      if let m = restB.firstIndex(where: { !words($0).isDisjoint(with: wa) }) {
        out.append(Change(type: .entity, from: restA[k], to: restB[m]))
        restA.remove(at: k)
        restB.remove(at: m)
      } else {
        k += 1
      }
    }
    if restA.count == 1 && restB.count == 1 {
      out.append(Change(type: .entity, from: restA[0], to: restB[0]))
    }
    return out
  }

  static func timeChanges(_ a: [String], _ b: [String]) -> [Change] {
    // The day, date or hour a time names; "early on Sunday" and "Sunday
    // morning" name the same day.
    func heads(_ t: String) -> Set<String> {
      let words = t.lowercased().split(separator: " ").map(String.init)
      let main = words.filter {
        TimeWords.weekdays.contains($0) || TimeWords.months.contains($0) || $0.first?.isNumber == true
      }
      return Set(main.isEmpty ? words.filter { !["on", "late", "early", "in", "at", "by"].contains($0) } : main)
    }
    let ha = a.map(heads)
    let hb = b.map(heads)
    let restA = a.indices.filter { i in !hb.contains { !$0.isDisjoint(with: ha[i]) } }.map { a[$0] }
    let restB = b.indices.filter { j in !ha.contains { !$0.isDisjoint(with: hb[j]) } }.map { b[$0] }
    // A time only one side gives is rewording more often than news ("on
    // Friday" folded into the previous sentence); a time replaced by
    // another is a changed detail.
    var out: [Change] = []
    for k in 0..<min(restA.count, restB.count) {
      out.append(Change(type: .detail, from: restA[k], to: restB[k]))
    }
    return out
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
