/// Decides whether two sentences are one claim: the same assertion about the
/// same event, in any words.
///
/// Similar content is needed (`Restatement`) but not enough: sentences of the
/// same shape about different events share most of their words. So the
/// identifying details are compared slot by slot, and one that differs
/// makes another claim: another place, person or organisation; another day,
/// date, month or year; a figure that is not the same quantity restated;
/// the opposite action; another outcome; another object or actor in an
/// otherwise identical sentence. Who reported it (the attribution) is not an
/// identifying detail: "police said" and "according to Reuters" may report
/// the same claim.
public enum ClaimIdentity {
  /// An identifying detail that differs between two sentences.
  public struct Difference: Sendable, Equatable, CustomStringConvertible {
    /// `place/person/organisation` (a name), `date`, `figure`, `action`, `outcome` or `object`.
    public var slot: String
    public var from: String
    public var to: String
    /// A figure that moved but stayed near (43 for 40, 251 for 212): it may be a
    /// revision of the same event, for an analyst to decide.
    public var mayBeRevision = false

    public var description: String { "\(slot): \(from) → \(to)" }
  }

  /// Whether `b` states the same claim as `a`.
  public static func isSameClaim(_ a: Sentence, _ b: Sentence) -> Bool {
    if a.text == b.text { return true }
    return Restatement.isRestatement(a, b) && difference(a, b) == nil
  }

  /// The first identifying detail that differs between `a` and `b`, or nil.
  public static func difference(_ a: Sentence, _ b: Sentence) -> Difference? {
    if a.text == b.text { return nil }
    let (wa, wb) = (words(a.text), words(b.text))
    // The slots in the order they are checked; the first that differs is the answer.
    let slots: [() -> Difference?] = [
      { nameDifference(a, b) }, { directionDifference(wa, wb) }, { timeDifference(a, b) },
      { ordinalDifference(wa, wb) }, { figureDifference(a, b) }, { outcomeDifference(wa, wb) },
      { polarityDifference(a, b, wa, wb) }, { negationDifference(wa, wb) }, { roleSwap(wa, wb) },
      { substitution(withoutSources(a), withoutSources(b)) },
    ]
    for slot in slots { if let found = slot() { return found } }
    return nil
  }

  // MARK: - Names

  /// A name each side has and the other does not mention: another place, person or organisation.
  ///
  /// A name only one side has is a detail added or dropped, not another event.
  static func nameDifference(_ a: Sentence, _ b: Sentence) -> Difference? {
    let (wordsA, wordsB) = (letterWords(a.text), letterWords(b.text))
    let onlyA = names(a).filter { !mentions(wordsB, b.text, $0) }
    let onlyB = names(b).filter { !mentions(wordsA, a.text, $0) }
    if let from = onlyA.first, let to = onlyB.first { return Difference(slot: "name", from: from, to: to) }
    // A name added beside one both give ("in Vennick" / "in Vennick and
    // Nessary") widens the event: another count, another claim.
    for (extra, shorter, longer) in [(onlyB, a, b), (onlyA, b, a)] {
      let shorterWords = letterWords(shorter.text)
      for name in names(longer) where name.contains(" and ") {
        let parts = name.components(separatedBy: " and ")
        let told = parts.filter { mentions(shorterWords, shorter.text, $0) }
        if !told.isEmpty, told.count < parts.count {
          return Difference(slot: "name", from: told.joined(separator: " and "), to: name)
        }
      }
      for name in extra {
        for shared in names(longer) where !extra.contains(shared) && shorter.text.contains(shared) {
          if longer.text.contains(shared + " and " + name) || longer.text.contains(shared + ", " + name) {
            return Difference(slot: "name", from: shared, to: shared + " and " + name)
          }
        }
      }
    }
    return nil
  }

  /// The names that identify what a sentence is about, who said it included
  /// ("police in Kharkiv" is not "police in Dnipro"): its entities that are
  /// not a weekday, month or quarter.
  public static func names(_ s: Sentence) -> [String] {
    (s.entities + s.sources.flatMap(capitalizedRuns)).filter { !nameWords($0).isEmpty }
  }

  /// The runs of capitalized words in a phrase ("The Red Lantern Society said"
  /// gives "Red Lantern Society"), its first word left out when it is a common one.
  static func capitalizedRuns(_ phrase: String) -> [String] {
    var runs: [String] = []
    var run: [String] = []
    for (i, token) in Tokenizer.tokenize(phrase).enumerated() {
      let common =
        i == 0 && (Stopwords.all.contains(token.lower) || Synonyms.attributionKeys.contains(Synonyms.key(token.lower)))
      if token.isWord && token.isCapitalized && !common {
        run.append(token.text)
      } else if !(token.lower == "of" || token.lower == "for") || run.isEmpty {
        if !run.isEmpty { runs.append(run.joined(separator: " ")) }
        run = []
      } else {
        run.append(token.text)
      }
    }
    if !run.isEmpty { runs.append(run.joined(separator: " ")) }
    return runs
  }

  /// The distinctive words of a name: lowercased, possessives, hyphens and
  /// "and" split off, calendar words, function words and figures left out.
  static func nameWords(_ name: String) -> [String] {
    name.lowercased().replacingOccurrences(of: "’", with: "'").split { " -/".contains($0) }.compactMap { part in
      var word = String(part)
      if word.hasSuffix("'s") { word.removeLast(2) }
      word = word.trimmingCharacters(in: .punctuationCharacters)
      guard word.count > 1, !Stopwords.all.contains(word), !calendarWords.contains(word),
        !genericNameWords.contains(word), word.allSatisfy(\.isLetter)
      else { return nil }
      return word
    }
  }

  /// Words of names that say what kind of thing is named, not which.
  private static let genericNameWords: Set<String> = [
    "mr", "mrs", "ms", "dr", "incumbent", "former", "president", "minister", "mayor", "governor", "general",
    "university", "uni", "city", "port", "north", "south", "east", "west", "northern", "southern", "eastern",
    "western", "live", "update", "breaking", "deputy", "speaker", "chief", "corporal", "sergeant", "captain",
    "lieutenant", "colonel", "commander", "senator", "councillor", "prosecutor", "inspector", "chairman",
    "chairwoman", "secretary", "prime", "vice",
  ]

  /// The words of a text, lowercased, split at anything but a letter.
  static func letterWords(_ text: String) -> Set<String> {
    // ASCII letters are told apart without Unicode's tables; other characters ask them.
    Set(
      text.lowercased().split { c in
        guard let ascii = c.asciiValue else { return !c.isLetter }
        return !(ascii >= 0x61 && ascii <= 0x7A)
      }.map(String.init))
  }

  /// Whether a text mentions a name: one of its distinctive words, or its initials ("UN", "CEC").
  static func mentions(_ otherWords: Set<String>, _ original: String, _ name: String) -> Bool {
    let words = nameWords(name)
    // A word of the name, or a form of it ("Veskaria", "Veskarian"; "student", "students").
    func found(_ word: String) -> Bool {
      otherWords.contains(word)
        || word.count >= 4 && otherWords.contains { $0.count >= 4 && ($0.hasPrefix(word) || word.hasPrefix($0)) }
    }
    if words.isEmpty || words.contains(where: found) { return true }
    // An abbreviation on one side, spelled out on the other.
    let letters = name.filter(\.isLetter)
    if letters.count >= 2, letters.count <= 6, letters == letters.uppercased() {
      let capitalized = Tokenizer.tokenize(original).filter { $0.isCapitalized && !$0.isAllCaps }
      let initials = String(capitalized.compactMap(\.text.first))
      if initials.contains(letters) { return true }
    }
    let spelled = Tokenizer.tokenize(name).filter(\.isCapitalized)
    if spelled.count >= 2 {
      let initials = String(spelled.compactMap(\.text.first))
      if Tokenizer.tokenize(original).contains(where: { $0.isAllCaps && $0.text.filter(\.isLetter) == initials }) {
        return true
      }
    }
    return false
  }

  // MARK: - Directions

  /// The points of the compass a sentence's words name ("western" is west; "north-east" north and east).
  static func directions(_ words: [String]) -> Set<String> {
    var found: Set<String> = []
    for word in words {
      for part in word.split(separator: "-") {
        for point in ["north", "south", "east", "west"] where part == point || part == point + "ern" {
          found.insert(point)
        }
        for (prefix, points) in [
          "northeast": ["north", "east"], "northwest": ["north", "west"],
          "southeast": ["south", "east"], "southwest": ["south", "west"],
        ]
        where part == prefix || part == prefix + "ern" {
          found.formUnion(points)
        }
      }
    }
    return found
  }

  /// Each side names a part of the compass, and not one in common: "the western coast" is not "the east coast".
  static func directionDifference(_ a: [String], _ b: [String]) -> Difference? {
    let (da, db) = (directions(a), directions(b))
    guard !da.isEmpty, !db.isEmpty, da.isDisjoint(with: db) else { return nil }
    return Difference(slot: "place", from: da.sorted().joined(separator: "-"), to: db.sorted().joined(separator: "-"))
  }

  // MARK: - Times

  /// A weekday, month or year each side names, different on the two sides.
  static func timeDifference(_ a: Sentence, _ b: Sentence) -> Difference? {
    let (ta, tb) = (calendar(a.text), calendar(b.text))
    for kind in ["day", "weekday", "month", "year"] {
      let (x, y) = (ta[kind] ?? [], tb[kind] ?? [])
      // Another day or month altogether; or, for years and weekdays, one on
      // each side the other does not name ("its first loss since 2009" / "since 2019").
      let differs =
        ["year", "weekday"].contains(kind) ? !x.isSubset(of: y) && !y.isSubset(of: x) : x.isDisjoint(with: y)
      if !x.isEmpty, !y.isEmpty, differs {
        return Difference(
          slot: "date", from: x.sorted().joined(separator: ", "), to: y.sorted().joined(separator: ", "))
      }
    }
    return nil
  }

  private static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
  private static let months = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
  ]
  static let calendarWords = Set(weekdays + months)

  /// The weekdays, months and years a text names, by kind.
  static func calendar(_ text: String) -> [String: Set<String>] {
    var found: [String: Set<String>] = [:]
    let tokens = Tokenizer.tokenize(text)
    for (position, token) in tokens.enumerated() {
      let word = token.lower
      if let month = monthName(token), let day = dayNumber(tokens, around: position) {
        found["day", default: []].insert("\(day) \(month)")
      }
      if weekdays.contains(word) {
        found["weekday", default: []].insert(word)
      } else if let month = monthName(token) {
        found["month", default: []].insert(month)
      } else if token.isNumber, word.count == 4, let year = Int(word), (1900...2100).contains(year) {
        found["year", default: []].insert(word)
      }
    }
    return found
  }

  private static func monthName(_ token: Token) -> String? {
    guard token.isCapitalized else { return nil }
    return months.first { $0 == token.lower || ($0.prefix(3) == token.lower && token.lower.count == 3) }
  }

  /// The day of the month written next to a month: "9 November", "November 9th".
  private static func dayNumber(_ tokens: [Token], around position: Int) -> Int? {
    for neighbour in [position - 1, position + 1] where tokens.indices.contains(neighbour) {
      let digits = tokens[neighbour].lower.prefix { $0.isNumber }
      if let day = Int(digits), (1...31).contains(day) { return day }
    }
    return nil
  }

  // MARK: - Rounds

  /// An ordinal each side names and the other does not: another round, reading, stage or day.
  static func ordinalDifference(_ a: [String], _ b: [String]) -> Difference? {
    let (oa, ob) = (ordinals(a), ordinals(b))
    guard !oa.isEmpty, !ob.isEmpty, oa.isDisjoint(with: ob) else { return nil }
    return Difference(
      slot: "round", from: oa.sorted().map(String.init).joined(separator: ", "),
      to: ob.sorted().map(String.init).joined(separator: ", "))
  }

  private static let ordinalWords = [
    "first": 1, "opening": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "final": 99, "last": 99,
  ]
  private static let countedEvents: Set<String> = [
    "round", "reading", "stage", "leg", "game", "match", "day", "week", "quarter", "term", "phase", "ballot",
  ]
  private static let cardinalWords = [
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
  ]

  /// The ordinals of counted events: "third round", "round 12", "2nd reading", "day three".
  static func ordinals(_ words: [String]) -> Set<Int> {
    var found: Set<Int> = []
    for (i, word) in words.enumerated() {
      let next = i + 1 < words.count ? words[i + 1] : ""
      let previous = i > 0 ? words[i - 1] : ""
      if let n = ordinalWords[word]
        ?? Int(word.dropLast(2)).flatMap({ ["st", "nd", "rd", "th"].contains(word.suffix(2)) ? $0 : nil }),
        countedEvents.contains(next) || countedEvents.contains(String(next.dropLast()))
      {
        found.insert(n)
      }
      if countedEvents.contains(previous), let n = Int(word) ?? cardinalWords[word] { found.insert(n) }
      // A run-off is the second round of a vote.
      if word == "run-off" || word == "runoff" || word == "run" && next == "off" { found.insert(2) }
    }
    return found
  }

  // MARK: - Figures

  /// A figure on each side that restates none of the other side's: "12"
  /// and "5", "8,000" and "18,000"; not "at least 40" and "dozens", nor a
  /// figure only one side gives.
  static func figureDifference(_ a: Sentence, _ b: Sentence) -> Difference? {
    let (qa, qb) = (countable(a), countable(b))
    guard !qa.isEmpty, !qb.isEmpty else { return nil }
    let (numbersA, numbersB) = (numerals(a.text), numerals(b.text))
    let (wordsA, wordsB) = (letterWords(a.text), letterWords(b.text))
    // A figure of another kind of thing ("60 hours", "seven" years old) is not
    // compared; a bare figure is, with one whose counted noun its sentence names
    // ("Thirteen Cindervale Energy executives" / "three executives").
    func restated(
      _ x: Quantity, in others: [Quantity], numerals: Set<String>, ownWords: Set<String>, otherWords: Set<String>
    ) -> Bool {
      let comparable = others.filter { y in
        comparableUnits(x.unit, y.unit) || x.unit == nil && y.unit.map { ownWords.contains($0.lowercased()) } == true
          || y.unit == nil && x.unit.map { otherWords.contains($0.lowercased()) } == true
      }
      return comparable.isEmpty || comparable.contains { compatible(x, $0) } || numerals.contains(digits(x))
    }
    // What is counted differs altogether ("274 workers", "221 vessels"): another object.
    let (unitsA, unitsB) = (
      qa.compactMap { $0.unit?.lowercased() }.filter(isCountedThing),
      qb.compactMap { $0.unit?.lowercased() }.filter(isCountedThing)
    )
    if let x = unitsA.first, let y = unitsB.first,
      !unitsA.contains(where: { u in unitsB.contains { sameCountedThing(u, $0) } }),
      !unitsA.contains(where: { letterWords(b.text).contains($0.lowercased()) }),
      !unitsB.contains(where: { letterWords(a.text).contains($0.lowercased()) })
    {
      return Difference(slot: "object", from: x, to: y)
    }
    let onlyA = qa.filter { !restated($0, in: qb, numerals: numbersB, ownWords: wordsA, otherWords: wordsB) }
    let onlyB = qb.filter { !restated($0, in: qa, numerals: numbersA, ownWords: wordsB, otherWords: wordsA) }
    guard let from = onlyA.first, let to = onlyB.first else { return nil }
    var difference = Difference(slot: "figure", from: from.text, to: to.text)
    if let x = from.value ?? from.low, let y = to.value ?? to.low, x > 0, y > 0 {
      difference.mayBeRevision = max(x, y) / min(x, y) <= 1.5 && onlyA.count == 1 && onlyB.count == 1
    }
    return difference
  }

  /// The figures that count something: not the speakers' own number ("two
  /// officials said"), a year, or the number of a round ("round one", "day three").
  private static func countable(_ s: Sentence) -> [Quantity] {
    let speakers = s.sources.map { $0.lowercased() }
    // The word before each word: "round" before "one" makes "one" the number of a round.
    var before: [String: Set<String>] = [:]
    let tokens = words(s.text)
    for (i, word) in tokens.enumerated() where i > 0 { before[word, default: []].insert(tokens[i - 1]) }
    return joiningHalves(s).filter { q in
      let text = q.text.lowercased()
      if speakers.contains(where: { $0.hasPrefix(text) }) { return false }
      let first = text.split(separator: " ").first.map(String.init) ?? text
      if !(before[first] ?? []).isDisjoint(with: countedEvents) { return false }
      if text.hasPrefix("a third") || text.hasPrefix("a second") || text.hasPrefix("a fourth") { return false }
      return (q.value != nil || q.low != nil || q.high != nil)
        && !(q.value.map { (1900...2100).contains($0) && q.text.count == 4 } ?? false)
    }
  }

  /// The sentence's quantities with "two" and "a half days" read as one, two and a half days.
  private static func joiningHalves(_ s: Sentence) -> [Quantity] {
    var result: [Quantity] = []
    for q in s.quantities {
      if q.text.lowercased().hasPrefix("a half"), let last = result.last, let whole = last.value, last.unit == nil,
        s.text.contains(last.text + " and " + q.text)
      {
        result[result.count - 1] = Quantity(
          text: last.text + " and " + q.text, value: whole + 0.5, modifier: last.modifier, unit: q.unit)
      } else {
        result.append(q)
      }
    }
    return result
  }

  /// Counted nouns that can hold the same figure: the same or synonyms, both people of some kind, or both unnamed.
  private static func comparableUnits(_ x: String?, _ y: String?) -> Bool {
    guard let x, let y else { return x == nil && y == nil }
    let (a, b) = (x.lowercased(), y.lowercased())
    if let (_, kindA) = measure(a), let (_, kindB) = measure(b) { return kindA == kindB }
    if people.contains(a) && people.contains(b) || dwellings.contains(a) && dwellings.contains(b) { return true }
    return Synonyms.key(a) == Synonyms.key(b) || Stemmer.stem(a) == Stemmer.stem(b)
  }

  /// Counted nouns for people: "12 people" and "12 residents" may count the same.
  private static let people: Set<String> = [
    "people", "persons", "residents", "passengers", "workers", "protesters", "patients", "soldiers", "civilians",
    "children", "adults", "villagers", "migrants", "refugees", "students", "miners", "fishermen", "crew", "survivors",
    "victims", "men", "women", "demonstrators", "inmates", "prisoners", "staff", "employees", "voters", "tourists",
    "shoppers", "journalists", "reporters", "troops", "individuals", "fans", "pilgrims", "doctors", "nurses",
    "teachers", "fighters", "militants", "rebels", "servicemen", "insurgents", "guerrillas", "executives",
    "officials", "officers",
  ]

  private static let dwellings: Set<String> = [
    "homes", "houses", "buildings", "dwellings", "flats", "apartments", "properties", "households",
  ]

  /// What happened to people, counted: the same people as a count of people.
  private static let personCounts: Set<String> = [
    "deaths", "fatalities", "casualties", "injuries", "dead", "injured", "wounded", "bodies", "arrests", "evacuees",
    "cases", "infections", "admissions", "votes",
  ]

  /// People who fight: never the civilians a sentence counts.
  private static let combatants: Set<String> = [
    "soldiers", "troops", "fighters", "militants", "rebels", "servicemen", "insurgents", "guerrillas",
  ]

  /// People named by no role: they may be any of the people a sentence counts.
  private static let anyone: Set<String> = ["people", "persons", "civilians", "individuals", "victims"]

  /// Words for one kind of counted thing.
  private static let sameThings: [Set<String>] = [
    ["journalists", "reporters"], ["soldiers", "troops"], ["protesters", "demonstrators"],
    ["vessels", "boats", "ships"],
    ["workers", "employees", "staff"], ["inmates", "prisoners"], ["migrants", "refugees"],
    ["rivals", "competitors", "opponents"],
  ]

  /// A counted noun that says what an event happened to, not a measure ("km", "hours", "percent").
  private static func isCountedThing(_ unit: String) -> Bool {
    // "people", "crew", "staff": plurals without an s.
    people.contains(unit)
      || unit.count > 3 && unit.hasSuffix("s") && unit.allSatisfy(\.isLetter) && !measures.contains(unit)
  }

  private static let measures: Set<String> = [
    "kilometres", "kilometers", "metres", "meters", "centimetres", "centimeters", "millimetres", "millimeters", "miles",
    "kilograms", "tonnes", "tons", "litres", "liters",
    "hours", "days", "weeks", "months", "years", "minutes", "seconds", "euros", "dollars", "pounds", "cents",
    "points", "votes", "percent", "degrees", "feet", "inches", "acres", "hectares", "barrels",
  ]

  /// Whether two counted nouns may count the same things: the same word or
  /// kind, people of any role against one without, or two words for homes.
  private static func sameCountedThing(_ x: String, _ y: String) -> Bool {
    if sameThings.contains(where: { $0.contains(x) && $0.contains(y) }) { return true }
    // Soldiers are not civilians, though either may be "people".
    if combatants.contains(x) && y == "civilians" || combatants.contains(y) && x == "civilians" { return false }
    if people.contains(x) && people.contains(y) { return x == y || anyone.contains(x) || anyone.contains(y) }
    // "40 deaths" may count the same as "40 people" (died).
    if people.contains(x) && personCounts.contains(y) || people.contains(y) && personCounts.contains(x) { return true }
    if people.contains(x) != people.contains(y) { return false }
    return comparableUnits(x, y)
  }

  // MARK: - Outcomes

  /// What happened to those a sentence is about, by class: deaths are not injuries, an evacuation is not an arrest.
  private static let outcomes: [(String, Set<String>)] = [
    ("killed", ["kill", "killed", "died", "dead", "death", "deaths", "drowned", "perished", "fatalities", "bodies"]),
    ("injured", ["injured", "injuries", "hurt", "wounded"]),
    ("missing", ["missing", "unaccounted"]),
    ("rescued", ["rescued", "rescue", "saved"]),
    ("evacuated", ["evacuated", "evacuation", "fled", "displaced", "relocated"]),
    ("detained", ["detained", "arrested", "arrests", "jailed", "custody"]),
    ("gathered", ["gathered", "rallied", "marched", "protested", "demonstrated", "assembled"]),
  ]

  /// Each side says what happened, and not one of the same class ("were detained" / "gathered").
  static func outcomeDifference(_ a: [String], _ b: [String]) -> Difference? {
    func classes(_ words: [String]) -> [String] {
      let set = Set(words)
      return outcomes.filter { !$0.1.isDisjoint(with: set) }.map(\.0)
    }
    let (ca, cb) = (classes(a), classes(b))
    guard let from = ca.first, let to = cb.first, Set(ca).isDisjoint(with: cb) else { return nil }
    return Difference(slot: "outcome", from: from, to: to)
  }

  /// The numbers written in digits in a text ("24-17" gives 24 and 17).
  private static func numerals(_ text: String) -> Set<String> {
    Set(text.split { !$0.isNumber && $0 != "," && $0 != "." }.map { $0.filter(\.isNumber) }.filter { !$0.isEmpty })
  }

  /// A quantity's value in digits, as `numerals` finds it.
  private static func digits(_ q: Quantity) -> String {
    guard let value = q.value, value == value.rounded(), value < 1e12 else { return "-" }
    return String(Int(value))
  }

  /// Units of time and length in one measure each: a "24-hour" strike is a
  /// "one-day" strike and not a "two-day" one; 8 cm is 80 mm.
  private static let measureUnits: [String: (Double, String)] = [
    "minute": (1.0 / 60, "time"), "hour": (1, "time"), "day": (24, "time"), "week": (168, "time"),
    "month": (730, "time"), "year": (8766, "time"), "millimetre": (1, "length"), "millimeter": (1, "length"),
    "mm": (1, "length"), "centimetre": (10, "length"), "centimeter": (10, "length"), "cm": (10, "length"),
    "metre": (1000, "length"), "meter": (1000, "length"), "m": (1000, "length"), "kilometre": (1e6, "length"),
    "kilometer": (1e6, "length"), "km": (1e6, "length"),
  ]

  /// A unit of time or length: its size in the measure's smallest unit, and the measure.
  private static func measure(_ unit: String?) -> (Double, String)? {
    guard var word = unit?.lowercased() else { return nil }
    if let known = measureUnits[word] { return known }
    if word.hasSuffix("s") { word.removeLast() }
    return measureUnits[word]
  }

  /// The same quantity restated: the ranges the two wordings allow overlap
  /// ("at least 40" reaches 43; "about 40" covers 38 to 46).
  static func compatible(_ x: Quantity, _ y: Quantity) -> Bool {
    var (xl, xh) = bounds(x)
    var (yl, yh) = bounds(y)
    if let (sizeX, kindX) = measure(x.unit), let (sizeY, kindY) = measure(y.unit), kindX == kindY {
      (xl, xh, yl, yh) = (xl * sizeX, xh * sizeX, yl * sizeY, yh * sizeY)
    }
    return xl <= yh * 1.0001 && yl <= xh * 1.0001
  }

  private static func bounds(_ q: Quantity) -> (Double, Double) {
    let low = q.low ?? q.value ?? 0
    let high = q.high ?? (q.low != nil && q.value == nil ? Double.infinity : q.value ?? low)
    // "at least 40" reaches above 40; "more than 40" too.
    if let modifier = q.modifier?.lowercased(),
      ["at least", "more than", "over", "or more", "upwards of", "in excess of"].contains(modifier)
    {
      return (low, Double.infinity)
    }
    if let modifier = q.modifier?.lowercased(),
      ["about", "around", "roughly", "some", "approximately", "nearly", "almost", "close to", "an estimated"].contains(
        modifier)
    {
      return (low * 0.85, high * 1.15)
    }
    return (low, high)
  }

  // MARK: - Actions

  /// Pairs of opposite actions: the same sentence with one for the other is another claim.
  private static let opposites: [(Set<String>, Set<String>)] = [
    (
      ["raise", "rais", "increas", "hike", "rise", "rose", "risen", "up"],
      ["cut", "lower", "reduc", "decreas", "fell", "fall", "fallen", "down"]
    ),
    (["open", "reopen"], ["close", "clos", "shut"]),
    (["won", "win", "beat", "victori"], ["lost", "lose", "los", "defeat", "conced"]),
    (["approv", "pass", "accept", "back", "endors", "agre"], ["reject", "block", "veto", "refus", "oppos"]),
    (["convict", "guilti"], ["acquit", "clear"]),
    (["uphold", "upheld"], ["revers", "overturn", "quash", "overrul", "annul"]),
    (["lift", "end", "scrap"], ["impos", "introduc", "extend"]),
    (["arrest", "detain"], ["releas", "freed", "free"]),
    (["join", "enter"], ["leav", "left", "quit", "withdraw", "withdrew"]),
    (["confirm"], ["deni", "deny"]),
    (["resum", "restart"], ["suspend", "halt", "paus", "stop"]),
  ]

  /// One side has an action whose opposite the other has, and neither has
  /// both; unless the names around it swapped places too ("A beat B", "B
  /// lost to A": the converse, one claim).
  static func polarityDifference(_ sa0: Sentence, _ sb0: Sentence, _ a: [String], _ b: [String]) -> Difference? {
    // Held, then freed: the side that says both reports the release, a later claim.
    let (sa, sb) = (Set(a), Set(b))
    let held: Set<String> = ["arrested", "detained", "arrest", "detain", "arrests", "detains", "detention"]
    let freed: Set<String> = ["freed", "released", "release", "releases", "free", "frees"]
    let (aFreed, bFreed) = (!sa.isDisjoint(with: freed), !sb.isDisjoint(with: freed))
    if !sa.isDisjoint(with: held), !sb.isDisjoint(with: held), aFreed != bFreed {
      return Difference(slot: "action", from: aFreed ? "freed" : "detained", to: bFreed ? "freed" : "detained")
    }
    guard let found = opposite(a, b) else { return nil }
    if namesSwapped(sa0, sb0) { return nil }
    return found
  }

  /// The order in which the names both sides share first appear is reversed.
  private static func namesSwapped(_ a: Sentence, _ b: Sentence) -> Bool {
    let (la, lb) = (a.text.lowercased(), b.text.lowercased())
    let candidates = names(a) + capitalizedRuns(a.text)
    let shared = Array(Set(candidates.compactMap { nameWords($0).first }.filter { lb.contains($0) && la.contains($0) }))
    guard shared.count >= 2 else { return false }
    let orderA = shared.sorted {
      (la.range(of: $0)?.lowerBound ?? la.endIndex) < (la.range(of: $1)?.lowerBound ?? la.endIndex)
    }
    let orderB = shared.sorted {
      (lb.range(of: $0)?.lowerBound ?? lb.endIndex) < (lb.range(of: $1)?.lowerBound ?? lb.endIndex)
    }
    return orderA != orderB
  }

  private static func opposite(_ a: [String], _ b: [String]) -> Difference? {
    let (sa, sb) = (Set(a.map(Stemmer.stem)), Set(b.map(Stemmer.stem)))
    // "banned" and "lifted a ban": the undoing of the same action.
    let undo: Set<String> = ["lift", "end", "scrap", "revok", "overturn", "rescind"]
    // Declared over: "declared the outbreak over on Thursday" ends what
    // "declared the outbreak an emergency" began ("over" ends the clause, not "over 40").
    func declaredOver(_ words: [String]) -> Bool {
      guard let declared = words.firstIndex(where: { $0.hasPrefix("declare") }) else { return false }
      return words.indices.contains { i in
        i > declared && words[i] == "over"
          && (i + 1 == words.count || ["on", "in", "at", "after", "by", "and", "late", "early"].contains(words[i + 1]))
      }
    }
    if a.contains(where: { $0.hasPrefix("declare") }), b.contains(where: { $0.hasPrefix("declare") }),
      declaredOver(a) != declaredOver(b)
    {
      return Difference(
        slot: "action", from: declaredOver(a) ? "over" : "declared", to: declaredOver(b) ? "over" : "declared")
    }
    for action in ["ban", "curfew", "embargo", "sanction", "blockad", "suspens"]
    where sa.contains(action) && sb.contains(action) {
      let (undoneA, undoneB) = (!sa.isDisjoint(with: undo), !sb.isDisjoint(with: undo))
      if undoneA != undoneB {
        return Difference(slot: "action", from: undoneA ? "lifted" : action, to: undoneB ? "lifted" : action)
      }
    }
    for (up, down) in opposites {
      let (aUp, aDown) = (!sa.isDisjoint(with: up), !sa.isDisjoint(with: down))
      let (bUp, bDown) = (!sb.isDisjoint(with: up), !sb.isDisjoint(with: down))
      if aUp && !aDown && bDown && !bUp {
        return Difference(slot: "action", from: sa.intersection(up).sorted()[0], to: sb.intersection(down).sorted()[0])
      }
      if aDown && !aUp && bUp && !bDown {
        return Difference(slot: "action", from: sa.intersection(down).sorted()[0], to: sb.intersection(up).sorted()[0])
      }
    }
    return nil
  }

  // MARK: - Negation

  /// Words that deny what follows them: "not", "won't", "never"; and verbs
  /// that refuse the next action ("declines to confirm").
  /// ("no" is left out: "No ferry disaster has been deadlier" denies no action.)
  private static let negators: Set<String> = ["not", "n't", "never", "won't", "cannot", "can't", "didn't"]
  private static let refusals: Set<String> = [
    "declines", "declined", "refuses", "refused", "fails", "failed", "denies", "denied",
  ]
  private static let auxiliaries: Set<String> = [
    "be", "been", "being", "have", "has", "had", "yet", "to", "to", "ever", "immediately", "formally", "publicly",
    "officially", "directly",
  ]

  /// The stems of the words a sentence denies or refuses: "will not appeal" gives "appeal".
  static func negatedStems(_ words: [String]) -> Set<String> {
    var found: Set<String> = []
    for (i, word) in words.enumerated() {
      let negates = negators.contains(word) || word.hasSuffix("n't") || word.hasSuffix("n’t")
      let refuses = refusals.contains(word) && i + 1 < words.count && words[i + 1] == "to"
      guard negates || refuses else { continue }
      var j = i + 1
      while j < words.count, auxiliaries.contains(words[j]) { j += 1 }
      if j < words.count, isContent(words[j]) { found.insert(Stemmer.stem(words[j])) }
    }
    return found
  }

  /// An action one side asserts and the other denies: "will appeal" / "won't appeal", "confirmed" / "declines to confirm".
  static func negationDifference(_ a: [String], _ b: [String]) -> Difference? {
    let (na, nb) = (negatedStems(a), negatedStems(b))
    guard na != nb else { return nil }
    let (sa, sb) = (Set(a.map(Stemmer.stem)), Set(b.map(Stemmer.stem)))
    if let stem = nb.subtracting(na).sorted().first(where: sa.contains) {
      return Difference(slot: "action", from: stem, to: "not " + stem)
    }
    if let stem = na.subtracting(nb).sorted().first(where: sb.contains) {
      return Difference(slot: "action", from: "not " + stem, to: stem)
    }
    return nil
  }

  // MARK: - Substitutions

  /// The same words, two of them swapped ("Valtra agreed to buy Brightmoor",
  /// "Brightmoor agreed to buy Valtra"): who did what to whom is reversed.
  static func roleSwap(_ a: [String], _ b: [String]) -> Difference? {
    guard a != b, a.sorted() == b.sorted() else { return nil }
    let first = a.indices.first { a[$0] != b[$0] } ?? 0
    return Difference(slot: "actor", from: a[first], to: b[first])
  }

  /// In an otherwise identical sentence, a few words of content swapped for
  /// others of different meaning ("a school" for "a bridge", "injured" for
  /// "killed", "nurses" for "junior doctors"): another object, outcome or actor.
  static func substitution(_ a: String, _ b: String) -> Difference? {
    let segments = WordDiff.diff(a, b)
    let equal = segments.filter { $0.kind == .equal }.flatMap { words($0.text) }.count
    // Only one place changed, in a sentence otherwise the same: a rewrite
    // changes it in several ("A dozen" → "Twelve", "taken to" → "treated at").
    guard Double(equal) >= 0.6 * Double(max(words(a).count, words(b).count)) else { return nil }
    var regions = 0
    var inRegion = false
    for segment in segments {
      let changed = segment.kind != .equal && words(segment.text).contains(where: isContent)
      if segment.kind == .equal && !words(segment.text).filter(isContent).isEmpty { inRegion = false }
      if changed && !inRegion {
        regions += 1
        inRegion = true
      }
    }
    guard regions == 1 else { return nil }
    for (i, segment) in segments.enumerated() where segment.kind == .removed {
      guard i + 1 < segments.count, segments[i + 1].kind == .added else { continue }
      // A figure restated in another unit is compared as a figure, not here.
      let (removed, added) = (
        words(segment.text).filter(isContent).filter { measure($0) == nil && $0 != "half" },
        words(segments[i + 1].text).filter(isContent).filter { measure($0) == nil && $0 != "half" }
      )
      guard !removed.isEmpty, !added.isEmpty, removed.count <= 3, added.count <= 3 else { continue }
      // A phrase of verbs and adverbs reworded ("moved closer", "drew nearer")
      // is how it happened, not what; a single verb swapped ("halved",
      // "doubled") is another action.
      if removed.count > 1, added.count > 1, removed.allSatisfy(isVerbLike) && added.allSatisfy(isVerbLike) { continue }
      if Set(removed.map(Synonyms.key)).isDisjoint(with: added.map(Synonyms.key)) {
        return Difference(slot: "object", from: removed.joined(separator: " "), to: added.joined(separator: " "))
      }
    }
    return nil
  }

  /// A sentence's text without the phrases naming who said it: another
  /// speaker of the same claim is not another claim.
  static func withoutSources(_ s: Sentence) -> String {
    var text = s.text
    for source in s.sources where source.count < text.count / 2 {
      if let range = text.range(of: source) { text.removeSubrange(range) }
    }
    return text
  }

  private static let irregularPast: Set<String> = [
    "drew", "went", "came", "took", "gave", "made", "rose", "fell", "began", "got", "held", "kept", "left", "met",
    "ran", "saw", "said", "told", "spoke", "struck", "hit", "put", "set", "brought", "caught", "fought", "sent",
  ]

  private static func isVerbLike(_ word: String) -> Bool {
    irregularPast.contains(word) || ["ed", "ing", "ly", "er"].contains { word.hasSuffix($0) } && word.count > 4
  }

  private static func same(_ x: String, _ y: String) -> Bool { x == y || Synonyms.key(x) == Synonyms.key(y) }

  /// A word that says what: not a function word, a figure or a number word (figures are compared on their own).
  private static func isContent(_ word: String) -> Bool {
    !Stopwords.all.contains(word) && word.count > 2 && word.first?.isLetter == true && cardinalWords[word] == nil
      && !["dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "twelve", "twenty", "eleven"].contains(
        word)
  }

  /// The words of a text, lowercased, punctuation left out.
  static func words(_ text: String) -> [String] {
    Tokenizer.tokenize(text).filter { !$0.isPunctuation }.map(\.lower)
  }
}
