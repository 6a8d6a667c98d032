/// Finds the figures a sentence states: numerals, number words, ranges,
/// approximate figures ("in the forties"), vague quantifiers ("dozens", "a
/// handful") and the modifiers that qualify them ("at least", "roughly").
enum QuantityExtractor {
  static let units: [String: Double] = [
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
  ]
  static let tens: [String: Double] = [
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
  ]
  static let scales: [String: Double] = [
    "hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9, "trillion": 1e12,
  ]
  static let decades: [String: Double] = [
    "teens": 10, "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
    "seventies": 70, "eighties": 80, "nineties": 90,
  ]

  /// Vague quantifiers with the bounds a reader would infer; longest first.
  ///
  /// `needsNoun` marks quantifiers that are only a quantity before a noun
  /// or "of" ("several people", not "several said").
  static let vague: [(words: [String], low: Double?, high: Double?, needsNoun: Bool)] = [
    (["hundreds", "of", "thousands"], 200_000, 999_999, false),
    (["tens", "of", "thousands"], 20_000, 99_999, false),
    (["tens", "of", "millions"], 20_000_000, 99_999_999, false),
    (["several", "dozen"], 36, 108, false),
    (["a", "few", "dozen"], 24, 72, false),
    (["several", "hundred"], 300, 900, false),
    (["a", "few", "hundred"], 200, 500, false),
    (["several", "thousand"], 3000, 9000, false),
    (["a", "few", "thousand"], 2000, 5000, false),
    (["nearly", "all"], 0.9, 1, false),
    (["almost", "all"], 0.9, 1, false),
    (["virtually", "all"], 0.9, 1, false),
    (["a", "handful", "of"], 2, 6, false),
    (["a", "handful"], 2, 6, false),
    (["a", "couple", "of"], 2, 3, false),
    (["a", "number", "of"], 2, nil, false),
    (["a", "few"], 2, 6, true),
    (["dozens"], 24, 99, false),
    (["scores", "of"], 40, 199, false),
    (["hundreds"], 200, 999, false),
    (["thousands"], 2000, 9999, false),
    (["millions"], 2_000_000, 999_999_999, false),
    (["several"], 3, 9, true),
    (["numerous"], 5, nil, true),
    (["countless"], 50, nil, true),
    (["many"], 5, nil, true),
    // A share, not a count: "most of them", "Most were heading south".
    (["most"], 0.5, 1, true),
  ]

  /// Modifiers that qualify a figure, longest first.
  static let modifiers: [[String]] = [
    ["no", "fewer", "than"], ["no", "less", "than"], ["no", "more", "than"], ["in", "excess", "of"],
    ["a", "maximum", "of"], ["a", "minimum", "of"], ["as", "many", "as"], ["as", "few", "as"],
    ["as", "much", "as"], ["as", "high", "as"], ["as", "low", "as"], ["as", "long", "as"],
    ["closer", "to"], ["at", "least"], ["at", "most"], ["more", "than"], ["fewer", "than"],
    ["less", "than"], ["up", "to"], ["close", "to"], ["just", "over"], ["just", "under"],
    ["well", "over"], ["upwards", "of"], ["an", "estimated"], ["a", "further"], ["an", "additional"],
    ["nearly"], ["almost"], ["about"], ["around"], ["roughly"], ["approximately"], ["approx."],
    ["some"], ["estimated"], ["over"], ["under"], ["below"], ["above"], ["exactly"], ["precisely"],
    ["only"], ["just"], ["barely"], ["another"], ["between"], ["from"],
  ]

  /// `modifiers` by first word, in their order: a token is only tried
  /// against the phrases it can start, not all of them.
  private static let modifiersByFirstWord: [String: [[String]]] = {
    var map: [String: [[String]]] = [:]
    for m in modifiers { if let f = m.first { map[f, default: []].append(m) } }
    return map
  }()

  /// `vague` by first word, in their order, as `modifiersByFirstWord`.
  private static let vagueByFirstWord: [String: [(words: [String], low: Double?, high: Double?, needsNoun: Bool)]] = {
    var map: [String: [(words: [String], low: Double?, high: Double?, needsNoun: Bool)]] = [:]
    for v in vague { if let f = v.words.first { map[f, default: []].append(v) } }
    return map
  }()

  /// Words that cannot be the counted noun after a number.
  private static let notUnits: Set<String> = Stopwords.all.union([
    "said", "say", "says", "told", "were", "was", "are", "is", "had", "have", "has", "died",
    "drowned", "feared", "believed", "reported", "reportedly", "remain", "remained", "remains",
    "more", "or", "per", "times", "killed", "missing", "injured", "dead", "others",
    "confirmed", "rescued", "survived",
    // Headline verbs after a toll: "Four drown", "Dozens die", "Thousands flee".
    "drown", "drowns", "die", "dies", "flee", "flees",
  ])
  /// Plural nouns without a final "s".
  static let collectiveNouns: Set<String> = [
    "people", "children", "men", "women", "staff", "police", "personnel", "crew", "livestock",
    "cattle", "sheep", "fish", "aircraft", "troops", "villagers", "more", "others",
  ]
  /// Counted nouns that are also past participles, kept as units.
  private static let participleUnits: Set<String> = [
    "dead", "injured", "wounded", "missing", "killed", "displaced", "detained", "arrested",
    "rescued", "confirmed", "others",
  ]

  /// Words that can open a quantity phrase; any other word cannot, which
  /// lets most tokens be skipped at once.
  static let openers: Set<String> = {
    var s = Set<String>()
    for m in modifiers { if let f = m.first { s.insert(f) } }
    for v in vague { if let f = v.words.first { s.insert(f) } }
    s.formUnion(units.keys)
    s.formUnion(tens.keys)
    s.formUnion(fractions.keys)
    s.formUnion(["a", "an", "half", "in", "the", "both", "low", "early", "mid", "high", "late", "upper", "lower"])
    s.formUnion(decades.keys)
    for k in units.keys { for t in tens.keys { s.insert(t + "-" + k) } }
    for k in units.keys { for f in fractions.keys { s.insert(k + "-" + f) } }
    return s
  }()

  /// All quantities in `tokens`; `skip` marks tokens already used by times.
  static func extract(_ tokens: [Token], text: String, skip: [Bool]) -> [Quantity] {
    var result: [Quantity] = []
    var used = skip
    var i = 0
    let n = tokens.count
    while i < n {
      if used[i]
        || (!tokens[i].isNumber && !openers.contains(tokens[i].lower)
          && !(tokens[i].isPunctuation && i + 1 < n && tokens[i + 1].isNumber))
      {
        i += 1
        continue
      }
      if tokens[i].isPunctuation {
        i += 1
        continue
      }
      if let q = match(tokens, text: text, at: i, used: used) {
        result.append(q.quantity)
        for k in q.range { used[k] = true }
        i = q.range.upperBound
        continue
      }
      i += 1
    }
    return result
  }

  private struct Match {
    var quantity: Quantity
    var range: Range<Int>
  }

  private static func match(_ tokens: [Token], text: String, at i: Int, used: [Bool]) -> Match? {
    let n = tokens.count
    var start = i
    var modifier: String? = nil
    var modifierWords: [String] = []
    // A modifier phrase, then the figure.
    for m in modifiersByFirstWord[tokens[i].lower] ?? [] where matches(tokens, at: i, m) {
      let after = i + m.count
      if after < n, !used[after], startsFigure(tokens, at: after) {
        modifierWords = m
        modifier = String(text[tokens[i].range.lowerBound..<tokens[after - 1].range.upperBound])
        break
      }
    }
    let cursor = i + modifierWords.count
    // Money and currency signs stay in the quoted text.
    var currency: String? = nil
    if cursor > 0, tokens[cursor - 1].isPunctuation, ["$", "€", "£", "¥"].contains(tokens[cursor - 1].text),
      modifierWords.isEmpty
    {
      currency = tokens[cursor - 1].text
      start = cursor - 1
    }
    guard cursor < n else { return nil }

    var value: Double? = nil
    var low: Double? = nil
    var high: Double? = nil
    var isVague = false
    var end = cursor

    if let d = decade(tokens, at: cursor) {
      // "in the forties", "in the low 40s".
      low = d.low
      high = d.high
      isVague = true
      end = d.end
      start = min(start, d.start)
    } else if let v = vagueMatch(tokens, at: cursor) {
      low = v.low
      high = v.high
      isVague = true
      end = v.end
    } else if let num = number(tokens, at: cursor) {
      value = num.value
      end = num.end
      // Ranges: "30 to 40", "30-40", "between 30 and 40", "from 30 to 40".
      if end + 1 < n {
        let sep = tokens[end].lower
        let isRangeSep =
          sep == "-" || sep == "to" || (sep == "and" && modifierWords == ["between"]) || sep == "or"
        if isRangeSep, let second = number(tokens, at: end + 1), second.value > num.value {
          low = num.value
          high = second.value
          value = nil
          end = second.end
        }
      }
      if modifierWords == ["between"] || modifierWords == ["from"], low == nil {
        // "between" without a range is not a modifier of this figure.
        modifier = nil
        start = i + modifierWords.count
        modifierWords = []
      }
      if value == 1, tokens[cursor].lower == "one", !isCountedOne(tokens, cursor) { return nil }
      if isIdentifier(tokens, at: cursor) { return nil }
    } else {
      return nil
    }

    // Postfix modifiers: "40 or more", "40-plus", "40 or so".
    if end + 1 < n, tokens[end].lower == "or", ["more", "so", "fewer", "less"].contains(tokens[end + 1].lower) {
      let post = tokens[end].text + " " + tokens[end + 1].text
      modifier = modifier.map { $0 + " … " + post } ?? post
      end += 2
    } else if tokens[end - 1].lower.hasSuffix("-plus") {
      modifier = modifier ?? "plus"
    }

    // The counted noun: "40 people", "dozens of passengers", "two port officials".
    var unit: String? = nil
    var unitEnd = end
    var u = end
    if u < n, tokens[u].text == "%" {
      unit = "percent"
      unitEnd = u + 1
    } else if u + 1 < n, tokens[u].lower == "per", tokens[u + 1].lower == "cent" {
      unit = "percent"
      unitEnd = u + 2
    } else {
      var afterOf = false
      if u < n, tokens[u].lower == "of" {
        u += 1
        afterOf = true
        if u < n, ["the", "them", "those", "these", "its", "their"].contains(tokens[u].lower) { u += 1 }
      }
      // A vague figure counts a noun only through "of" or a plural noun:
      // "dozens of people", "several boats", but "Dozens drown".
      let vagueVerb =
        isVague && !afterOf && u < n
        && !(tokens[u].lower.hasSuffix("s") || collectiveNouns.contains(tokens[u].lower)
          || participleUnits.contains(tokens[u].lower))
      if vagueVerb {
        unit = nil
      } else if u < n, tokens[u].lower == "percent" || tokens[u].lower == "pct" {
        unit = "percent"
        unitEnd = u + 1
      } else if u < n, isUnitWord(tokens[u]) {
        unit = tokens[u].lower
        unitEnd = u + 1
        let first = tokens[u].lower
        // "200,000 people use the trams": a plural without "s" ends the phrase too.
        let looksPlural =
          first.hasSuffix("s") && !first.hasSuffix("ss") && !first.hasSuffix("us")
          || ["people", "children", "men", "women", "troops"].contains(first)
        if u + 1 < n, isUnitWord(tokens[u + 1]), !participleUnits.contains(tokens[u + 1].lower),
          !looksPlural || participleUnits.contains(first)
        {
          // "two port officials", "the two missing workers": the head noun is last.
          if !participleUnits.contains(first) || tokens[u + 1].lower.hasSuffix("s") {
            unit = tokens[u + 1].lower
            unitEnd = u + 2
          }
        }
      }
    }
    if unit == nil, let c = currency {
      unit = ["$": "dollars", "€": "euros", "£": "pounds", "¥": "yen"][c]
    }
    // A vague word with nothing counted after it is an ordinary adjective or
    // pronoun ("many believe"), not a figure.
    // "many of them seriously" still counts: a share of a group named before.
    if isVague, value == nil, unit == nil, let v = vagueEntry(tokens, at: cursor), v.needsNoun,
      !(end < n && pronounVerbs.contains(tokens[end].lower)),
      !(cursor + v.words.count < n && tokens[cursor + v.words.count].lower == "of")
    {
      return nil
    }
    let quoteEnd = unit != nil ? unitEnd : end
    let quoted = String(text[tokens[start].range.lowerBound..<tokens[quoteEnd - 1].range.upperBound])
    if let v = value, low == nil, high == nil {
      // The bounds a modifier implies help compare "at least 40" with "dozens".
      switch ModifierClass(modifier) {
      case .atLeast, .moreThan: low = v
      case .atMost, .lessThan: high = v
      default: break
      }
    }
    let q = Quantity(
      text: quoted, value: value, low: low, high: high, modifier: modifier, isVague: isVague,
      unit: unit)
    return Match(quantity: q, range: start..<quoteEnd)
  }

  private static func matches(_ tokens: [Token], at i: Int, _ words: [String]) -> Bool {
    guard i + words.count <= tokens.count else { return false }
    for (k, w) in words.enumerated() where tokens[i + k].lower != w { return false }
    return true
  }

  private static func startsFigure(_ tokens: [Token], at i: Int) -> Bool {
    if tokens[i].isNumber { return true }
    if ["$", "€", "£", "¥"].contains(tokens[i].text), i + 1 < tokens.count, tokens[i + 1].isNumber {
      return true
    }
    if number(tokens, at: i) != nil { return true }
    if vagueMatch(tokens, at: i) != nil { return true }
    if decade(tokens, at: i) != nil { return true }
    return false
  }

  /// A number at `i`: digits ("1,200", "3.5", "3m"), number words
  /// ("forty-three", "two hundred and fifty"), "a dozen", "a hundred".
  static func number(_ tokens: [Token], at i: Int) -> (value: Double, end: Int)? {
    let n = tokens.count
    guard i < n else { return nil }
    var idx = i
    if tokens[idx].isPunctuation, ["$", "€", "£", "¥"].contains(tokens[idx].text) { idx += 1 }
    guard idx < n else { return nil }
    let t = tokens[idx]
    if t.isNumber {
      let (numeric, rest) = numericPrefix(t.lower)
      guard var v = Double(numeric) else { return nil }
      if ["st", "nd", "rd", "th"].contains(rest) { return nil }
      if rest == "s" { return nil }  // a decade: "the 40s"
      if rest == "m" || rest == "mn" {
        v *= 1e6
      } else if rest == "bn" || rest == "b" {
        v *= 1e9
      } else if rest == "k" {
        v *= 1e3
      }
      var end = idx + 1
      if end < n, let s = scales[tokens[end].lower] {
        v *= s
        end += 1
      }
      if end < n, tokens[end].lower == "dozen" {
        v *= 12
        end += 1
      }
      return (v, end)
    }
    guard t.isWord else { return nil }
    if let f = fraction(tokens, at: idx) { return f }
    // "a dozen", "a hundred", "half a dozen".
    if t.lower == "a" || t.lower == "an" {
      if idx + 1 < n {
        let w = tokens[idx + 1].lower
        if w == "dozen" { return (12, idx + 2) }
        if let s = scales[w] { return (s, idx + 2) }
      }
      return nil
    }
    if t.lower == "half", idx + 2 < n, tokens[idx + 1].lower == "a", tokens[idx + 2].lower == "dozen" {
      return (6, idx + 3)
    }
    if t.lower == "dozen" { return nil }
    if t.lower == "both", idx + 1 < n,
      tokens[idx + 1].lower == "of" || (tokens[idx + 1].isWord && !Stopwords.all.contains(tokens[idx + 1].lower))
    {
      return (2, idx + 1)
    }
    var total: Double = 0
    var current: Double = 0
    var end = idx
    var sawAny = false
    while end < n {
      let w = tokens[end].lower
      // Splitting Characters is slow; most words have no hyphen to split at.
      let parts = w.utf8.contains(UInt8(ascii: "-")) ? w.split(separator: "-").map(String.init) : [w]
      var partValue: Double = 0
      var allNumberParts = !parts.isEmpty
      for p in parts {
        if let u = units[p] {
          partValue += u
        } else if let t = tens[p] {
          partValue += t
        } else {
          allNumberParts = false
        }
      }
      if allNumberParts && parts.count <= 2 {
        current += partValue
        sawAny = true
        end += 1
        continue
      }
      if sawAny, let s = scales[w] {
        if s == 100 {
          current = max(current, 1) * 100
        } else {
          total += max(current, 1) * s
          current = 0
        }
        end += 1
        continue
      }
      if sawAny, w == "dozen" {
        current = max(current, 1) * 12
        end += 1
        continue
      }
      if sawAny, w == "and", end + 1 < n, units[tokens[end + 1].lower] != nil || tens[tokens[end + 1].lower] != nil,
        end > 0, tokens[end - 1].lower == "hundred"
      {
        end += 1
        continue
      }
      break
    }
    guard sawAny else { return nil }
    return (total + current, end)
  }

  /// "1,200th" → ("1200", "th"): the digits, periods and commas a number
  /// token starts with, commas dropped, and what follows them.
  private static func numericPrefix(_ lower: String) -> (numeric: String, rest: String) {
    // ASCII, nearly always, by bytes: walking Characters here showed in the
    // profile of every article. (An ASCII character is a number only if it is a digit.)
    if lower.utf8.allSatisfy({ $0 < 0x80 }) {
      let bytes = Array(lower.utf8)
      let end =
        bytes.firstIndex {
          !($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) && $0 != UInt8(ascii: ".") && $0 != UInt8(ascii: ",")
        } ?? bytes.count
      let digits = bytes[..<end].filter { $0 != UInt8(ascii: ",") }
      return (String(decoding: digits, as: UTF8.self), String(decoding: bytes[end...], as: UTF8.self))
    }
    let numeric = lower.prefix { $0.isNumber || $0 == "." || $0 == "," }
    return (numeric.replacingOccurrences(",", ""), String(lower.dropFirst(numeric.count)))
  }

  static let fractions: [String: Double] = [
    "half": 0.5, "third": 1.0 / 3, "thirds": 1.0 / 3, "quarter": 0.25, "quarters": 0.25,
    "fifth": 0.2, "fifths": 0.2, "sixth": 1.0 / 6, "tenth": 0.1, "tenths": 0.1,
  ]

  /// "half", "a third", "two-thirds", "three quarters", "one in five".
  private static func fraction(_ tokens: [Token], at i: Int) -> (value: Double, end: Int)? {
    let n = tokens.count
    let w = tokens[i].lower
    // "one in five", "1 in 5".
    if i + 2 < n, tokens[i + 1].lower == "in" {
      let first = units[w] ?? (tokens[i].isNumber ? Double(tokens[i].text) : nil)
      let second =
        units[tokens[i + 2].lower] ?? tens[tokens[i + 2].lower]
        ?? (tokens[i + 2].isNumber ? Double(tokens[i + 2].text) : nil)
      if let a = first, let b = second, b > a, b > 1 { return (a / b, i + 3) }
    }
    // "one child in five": the counted noun between.
    if w == "one" || w == "1", i + 3 < n, tokens[i + 1].isWord, !Stopwords.all.contains(tokens[i + 1].lower),
      tokens[i + 2].lower == "in",
      let b = units[tokens[i + 3].lower] ?? tens[tokens[i + 3].lower]
        ?? (tokens[i + 3].isNumber ? Double(tokens[i + 3].text) : nil), b > 1
    {
      return (1 / b, i + 4)
    }
    if w == "half" {
      // "half of", "around half", "half the": a fraction; "half-hour" is not.
      return (0.5, i + 1)
    }
    if w == "a" || w == "an" || w == "one", i + 1 < n, let f = fractions[tokens[i + 1].lower] {
      return (f, i + 2)
    }
    let parts = w.utf8.contains(UInt8(ascii: "-")) ? w.split(separator: "-").map(String.init) : [w]
    if parts.count == 2, let a = units[parts[0]], let f = fractions[parts[1]] { return (a * f, i + 1) }
    if let a = units[w], a > 1, i + 1 < n, let f = fractions[tokens[i + 1].lower], tokens[i + 1].lower.hasSuffix("s") {
      return (a * f, i + 2)
    }
    return nil
  }

  /// "one" is a count only when something counted follows it, not in "one
  /// of the reasons was" used as a pronoun after "no", "the", "this".
  private static func isCountedOne(_ tokens: [Token], _ i: Int) -> Bool {
    if i > 0,
      ["no", "the", "this", "that", "any", "every", "each", "which", "someone", "another"].contains(tokens[i - 1].lower)
    {
      return false
    }
    guard i + 1 < tokens.count else { return false }
    let next = tokens[i + 1]
    if next.lower == "of" { return true }
    if next.isWord && !Stopwords.all.contains(next.lower) && !next.isCapitalized { return true }
    return false
  }

  /// "Flight 370", "Pier 4", "Route 9": a number naming a thing, not counting.
  private static func isIdentifier(_ tokens: [Token], at i: Int) -> Bool {
    guard tokens[i].isNumber, i > 0 else { return false }
    let prev = tokens[i - 1]
    guard prev.isWord, prev.isCapitalized, !prev.isAllCaps || prev.text.count <= 4 else { return false }
    if i - 1 == 0 { return false }
    if TimeWords.months.contains(prev.lower) { return false }
    if i + 1 < tokens.count, tokens[i + 1].isWord, !tokens[i + 1].isCapitalized,
      !Stopwords.all.contains(tokens[i + 1].lower)
    {
      return false
    }
    return true
  }

  /// Verbs after which a bare quantifier is a pronoun that counts: "several
  /// were found", "several feared drowned", "many fled".
  private static let pronounVerbs: Set<String> = [
    "were", "are", "was", "have", "had", "remain", "remained", "died", "survived", "feared", "believed",
    "thought", "killed", "injured", "hurt", "drowned", "fled", "lost",
  ]

  private static func vagueEntry(_ tokens: [Token], at i: Int) -> (
    words: [String], low: Double?, high: Double?, needsNoun: Bool
  )? {
    guard i < tokens.count else { return nil }
    for v in vagueByFirstWord[tokens[i].lower] ?? [] where matches(tokens, at: i, v.words) { return v }
    return nil
  }

  private static func vagueMatch(_ tokens: [Token], at i: Int) -> (low: Double?, high: Double?, end: Int)? {
    guard let v = vagueEntry(tokens, at: i) else { return nil }
    let end = i + v.words.count
    if v.needsNoun {
      guard end < tokens.count else { return nil }
      let next = tokens[end]
      // "several people", "several of them", and pronoun uses before a
      // verb: "several were found".
      let pronounUse = pronounVerbs.contains(next.lower)
      // The counted noun after a bare quantifier is plural ("several
      // boats"); "many believe" is a verb.
      let plural =
        next.isWord && !next.isCapitalized && !notUnits.contains(next.lower)
        && (next.lower.hasSuffix("s") && !next.lower.hasSuffix("ss") || collectiveNouns.contains(next.lower))
      let ok = next.lower == "of" || pronounUse || plural || participleUnits.contains(next.lower)
      if !ok { return nil }
      if v.words == ["many"], i > 0, ["how", "so", "too", "as", "not"].contains(tokens[i - 1].lower) { return nil }
      // "the most serious", "at most": a superlative or a bound.
      if v.words == ["most"], i > 0, ["the", "at", "what", "whose"].contains(tokens[i - 1].lower) { return nil }
    }
    return (v.low, v.high, end)
  }

  /// "(in the) (low|mid|high) forties", "the 40s", "mid-forties".
  private static func decade(_ tokens: [Token], at i: Int) -> (low: Double, high: Double, start: Int, end: Int)? {
    let n = tokens.count
    var idx = i
    var start = i
    if idx + 1 < n, tokens[idx].lower == "in", ["the", "their", "his", "her", "its"].contains(tokens[idx + 1].lower) {
      idx += 2
    } else if idx < n, tokens[idx].lower == "the" {
      idx += 1
    }
    guard idx < n else { return nil }
    var part = ""
    if ["low", "early", "mid", "high", "late", "upper", "lower"].contains(tokens[idx].lower) {
      part = tokens[idx].lower
      idx += 1
    }
    guard idx < n else { return nil }
    var word = tokens[idx].lower
    if word.hasPrefix("mid-") {
      part = "mid"
      word = String(word.dropFirst(4))
    }
    var base: Double? = decades[word]
    if base == nil, tokens[idx].isNumber, word.hasSuffix("s"), let v = Double(word.dropLast()),
      v.truncatingRemainder(dividingBy: 10) == 0, v >= 10, v < 100
    {
      base = v
    }
    guard let b = base else { return nil }
    // A bare "the forties" without "in" may be an era; require "in" or a part.
    if idx == i && part.isEmpty { return nil }
    start = i
    let (lo, hi): (Double, Double)
    switch part {
    case "low", "early", "lower": (lo, hi) = (b, b + 3)
    case "mid": (lo, hi) = (b + 3, b + 6)
    case "high", "late", "upper": (lo, hi) = (b + 6, b + 9)
    default: (lo, hi) = (b, b + 9)
    }
    return (lo, hi, start, idx + 1)
  }

  private static func isUnitWord(_ t: Token) -> Bool {
    guard t.isWord else { return false }
    if participleUnits.contains(t.lower) { return true }
    if notUnits.contains(t.lower) || t.isCapitalized { return false }
    if HedgeLexicon.isHedgeWord(t.lower) { return false }
    if t.lower.hasSuffix("ed") || t.lower.hasSuffix("ing") || t.lower.hasSuffix("ly") { return false }
    // ASCII by bytes: walking Characters here was a large part of matching a figure.
    if t.lower.utf8.allSatisfy({ $0 < 0x80 }) {
      return t.lower.utf8.allSatisfy {
        ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z"))
          || $0 == UInt8(ascii: "-")
      }
    }
    return t.lower.allSatisfy { $0.isLetter || $0 == "-" }
  }
}

extension StringProtocol {
  func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
    var out = ""
    for c in self {
      if c == target { out += replacement } else { out.append(c) }
    }
    return out
  }
}

/// What a quantity modifier does to the figure it qualifies; two modifiers
/// of one class say the same thing ("at least" and "no fewer than").
enum ModifierClass: String, Sendable {
  case none, atLeast, moreThan, atMost, lessThan, approximately, exactly, additional

  init(_ modifier: String?) {
    guard let m = modifier?.lowercased() else {
      self = .none
      return
    }
    func has(_ s: String) -> Bool { m.includes(s) }
    if has("at least") || has("no fewer") || has("no less") || has("or more") || has("minimum") || m == "plus" {
      self = .atLeast
    } else if has("more than") || has("over") || has("upwards") || has("in excess") || has("above") {
      self = .moreThan
    } else if has("at most") || has("no more than") || has("up to") || has("as many as") || has("as much as")
      || has("as high as") || has("as long as") || has("maximum")
    {
      self = .atMost
    } else if has("fewer than") || has("less than") || has("under") || has("below") || has("or fewer") || has("or less")
    {
      self = .lessThan
    } else if has("nearly") || has("almost") || has("about") || has("around") || has("roughly") || has("approx")
      || has("some") || has("estimated") || has("close to") || has("or so") || has("barely")
    {
      self = .approximately
    } else if has("exactly") || has("precisely") || has("only") || has("just") {
      self = .exactly
    } else if has("another") || has("further") || has("additional") {
      self = .additional
    } else {
      self = .none
    }
  }
}

extension QuantityExtractor {
  /// A word that only spells a number ("forty", "forty-three", "dozen").
  static func isNumberWord(_ lower: String) -> Bool {
    if fractions[lower] != nil { return true }
    if units[lower] != nil || tens[lower] != nil || scales[lower] != nil || lower == "dozen" || lower == "dozens" {
      return true
    }
    guard lower.utf8.contains(UInt8(ascii: "-")) else { return false }
    let parts = lower.split(separator: "-")
    return parts.count == 2 && parts.allSatisfy { units[String($0)] != nil || tens[String($0)] != nil }
  }
}

extension Quantity {
  /// The quantity with percentages as fractions, so that "50 percent" and
  /// "half" compare equal.
  var comparable: Quantity {
    guard unit == "percent" else { return self }
    var q = self
    q.value = value.map { $0 / 100 }
    q.low = low.map { $0 / 100 }
    q.high = high.map { $0 / 100 }
    return q
  }
}
