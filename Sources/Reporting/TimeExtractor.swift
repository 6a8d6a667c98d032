/// Words that make up time expressions.
enum TimeWords {
  static let weekdays: Set<String> = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  ]
  static let months: Set<String> = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
  ]
  static let partsOfDay: Set<String> = ["morning", "afternoon", "evening", "night", "overnight"]
  static let relative: Set<String> = [
    "yesterday", "today", "tonight", "overnight", "tomorrow", "noon", "midnight", "dawn", "dusk",
  ]
  /// "last week", "this morning", "earlier this week".
  static let relativeHeads: Set<String> = ["last", "this", "next", "earlier", "later"]
  static let relativeUnits: Set<String> = [
    "night", "morning", "afternoon", "evening", "week", "month", "year", "weekend", "summer",
    "winter", "spring", "autumn", "fall",
  ]
  /// Words that may follow "a.m." without starting a new sentence.
  static let afterClock: Set<String> = Set([
    "gmt", "utc", "local", "et", "est", "edt", "pt", "pst", "pdt", "cet", "cest", "bst", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "on", "in", "at", "eastern",
    "pacific", "central", "mountain",
  ]).union(months)
  static let clockSuffixes: Set<String> = [
    "a.m.", "p.m.", "am", "pm", "a.m", "p.m", "gmt", "utc", "local",
  ]

  /// The lists a word opening a time phrase can be in.
  struct Membership: OptionSet, Sendable {
    let rawValue: UInt8
    static let weekday = Membership(rawValue: 1)
    static let relative = Membership(rawValue: 2)
    static let relativeHead = Membership(rawValue: 4)
  }

  /// Which of `weekdays`, `relative` and `relativeHeads` each of their words
  /// is in: one lookup per token instead of one per list.
  static let membership: [String: Membership] = {
    var map: [String: Membership] = [:]
    for w in weekdays { map[w, default: []].insert(.weekday) }
    for w in relative { map[w, default: []].insert(.relative) }
    for w in relativeHeads { map[w, default: []].insert(.relativeHead) }
    return map
  }()

  static func isMonth(_ t: Token, next: Token?, prev: Token?) -> Bool {
    guard t.isCapitalized else { return false }
    let bare = t.lower.hasSuffix(".") ? String(t.lower.dropLast()) : t.lower
    if bare == "may" {
      // "may" is a modal verb far more often than a month: require a
      // capital and a number or a preposition next to it.
      guard t.isCapitalized else { return false }
      if let n = next, n.isNumber { return true }
      if let p = prev, ["in", "on", "since", "until", "early", "late", "mid", "of", "by"].contains(p.lower) {
        return true
      }
      return false
    }
    if months.contains(bare) { return t.isCapitalized }
    if Abbreviations.months.contains(bare) && t.isCapitalized {
      // "Jan." is a month only before a day number.
      return next?.isNumber ?? false
    }
    return false
  }
}

/// Finds time expressions ("Friday night", "March 3", "3 p.m.", "last
/// week") so that they are reported as times, not quantities or entities.
enum TimeExtractor {
  /// The time phrases in `tokens`, and a mask of the tokens they cover.
  static func extract(_ tokens: [Token], text: String) -> (times: [String], mask: [Bool]) {
    var mask = [Bool](repeating: false, count: tokens.count)
    var times: [String] = []
    var i = 0
    let n = tokens.count
    func mark(_ a: Int, _ b: Int) {
      for k in a..<b { mask[k] = true }
      times.append(String(text[tokens[a].range.lowerBound..<tokens[b - 1].range.upperBound]))
    }
    while i < n {
      let t = tokens[i]
      let next = i + 1 < n ? tokens[i + 1] : nil
      let prev = i > 0 ? tokens[i - 1] : nil
      let member = t.isWord ? TimeWords.membership[t.lower] ?? [] : []
      if t.isWord && member.contains(.weekday) {
        var end = i + 1
        if end < n && TimeWords.partsOfDay.contains(tokens[end].lower) { end += 1 }
        var start = i
        if let p = prev, ["late", "early", "last", "next", "this"].contains(p.lower) {
          start -= 1
        } else if let p = prev, p.lower == "on", i >= 2, ["late", "early"].contains(tokens[i - 2].lower) {
          // "late on Friday"; a bare "on" is left out.
          start -= 2
        }
        mark(start, end)
        i = end
        continue
      }
      if t.isWord && TimeWords.isMonth(t, next: next, prev: prev) {
        var end = i + 1
        var start = i
        if end < n && tokens[end].isNumber && isDay(tokens[end]) { end += 1 }
        if end + 1 < n && tokens[end].text == "," && isYear(tokens[end + 1]) {
          end += 2
        } else if end < n && isYear(tokens[end]) {
          end += 1
        }
        if let p = prev, p.isNumber, isDay(p), start == i { start -= 1 }
        if start > 0, ["early", "late", "mid", "mid-"].contains(tokens[start - 1].lower) { start -= 1 }
        mark(start, end)
        i = end
        continue
      }
      if t.isNumber {
        // Clock times: "3 p.m.", "10:30", "15:00 GMT".
        var end = i + 1
        var isClock = false
        if end + 1 < n && tokens[end].text == ":" && tokens[end + 1].isNumber {
          end += 2
          isClock = true
        }
        if end < n && TimeWords.clockSuffixes.contains(tokens[end].lower) {
          end += 1
          isClock = true
        }
        let lower = t.lower
        if lower.hasSuffix("am") || lower.hasSuffix("pm") || lower.hasSuffix("a.m.") || lower.hasSuffix("p.m.") {
          isClock = true
        }
        if isClock {
          if end < n && ["gmt", "utc", "local"].contains(tokens[end].lower) { end += 1 }
          if end < n && tokens[end].lower == "time" && tokens[end - 1].lower == "local" { end += 1 }
          mark(i, end)
          i = end
          continue
        }
        if isYear(t) && looksLikeYear(tokens, i) {
          mark(i, i + 1)
          i += 1
          continue
        }
      }
      if t.isWord && member.contains(.relative) {
        mark(i, i + 1)
        i += 1
        continue
      }
      if t.isWord, member.contains(.relativeHead), let nx = next,
        TimeWords.relativeUnits.contains(nx.lower)
      {
        mark(i, i + 2)
        i += 2
        continue
      }
      if t.isWord, t.lower == "earlier" || t.lower == "later", i + 2 < n, tokens[i + 1].lower == "this",
        TimeWords.relativeUnits.contains(tokens[i + 2].lower)
      {
        mark(i, i + 3)
        i += 3
        continue
      }
      i += 1
    }
    return (times, mask)
  }

  static func isDay(_ t: Token) -> Bool {
    let digits = t.lower.prefix { $0.isNumber }
    guard let v = Int(digits), v >= 1, v <= 31 else { return false }
    let rest = t.lower.dropFirst(digits.count)
    return rest.isEmpty || ["st", "nd", "rd", "th"].contains(String(rest))
  }

  static func isYear(_ t: Token) -> Bool {
    guard t.isNumber, t.text.count == 4, let v = Int(t.text) else { return false }
    return v >= 1900 && v <= 2100
  }

  /// A four-digit number is a year unless a counted noun follows ("2000 people").
  private static func looksLikeYear(_ tokens: [Token], _ i: Int) -> Bool {
    if i > 0,
      ["in", "since", "until", "by", "of", "from", "to", "before", "after", "during", "early", "late", "mid"]
        .contains(tokens[i - 1].lower)
    {
      return true
    }
    if i > 0, QuantityExtractor.modifiers.contains(where: { $0.last == tokens[i - 1].lower }) { return false }
    if i + 1 < tokens.count {
      // "2000 people" counts; "a 2009 collision" dates.
      let n = tokens[i + 1]
      if n.isWord && !n.isCapitalized && n.lower.hasSuffix("s") && !n.lower.hasSuffix("ss") { return false }
    }
    return true
  }
}
