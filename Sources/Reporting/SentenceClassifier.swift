/// Decides what each sentence is: claim, context, or page furniture.
///
/// Furniture (headline, dateline, credit, boilerplate) is recognised from its
/// form and from closed lists of the phrases that web pages and wire services
/// use for it; furniture never becomes a claim. Of the rest, a sentence with
/// something checkable in it — a quantity, an attribution, a named entity or
/// a time — is a claim; anything else is context.
enum SentenceClassifier {
  /// The kinds of all segments, in order; `features` are the extracted claim
  /// features for each segment.
  static func classify(_ segments: [Segment], features: [SentenceFeaturesRaw]) -> [SentenceKind] {
    var kinds = [SentenceKind](repeating: .context, count: segments.count)
    var seenBody = false
    for (i, seg) in segments.enumerated() {
      let lower = seg.text.lowercased()
      if seg.isDateline {
        kinds[i] = .dateline
      } else if isCredit(seg, lower: lower, tokens: features[i].tokens) {
        kinds[i] = .credit
      } else if isBoilerplate(seg, lower: lower, tokens: features[i].tokens) {
        kinds[i] = .boilerplate
      } else if !seenBody && i <= 2 && isHeadlineShaped(seg) && segments.count > 1 {
        kinds[i] = .headline
      } else {
        kinds[i] = isCheckable(seg, features[i]) ? .claim : .context
        seenBody = true
      }
      if kinds[i] == .dateline { seenBody = true }
    }
    // A consent banner's buttons sit on their own line below it; a
    // press release's "About …" heading opens its closing furniture.
    for i in segments.indices where kinds[i] != .boilerplate && segments[i].isWholeLine {
      let words = features[i].tokens.filter { !$0.isPunctuation }.map(\.lower)
      if i > 0, kinds[i - 1] == .boilerplate, !words.isEmpty, words.count <= 3,
        words.allSatisfy({ buttonWords.contains($0) })
      {
        kinds[i] = .boilerplate
      } else if isAboutHeading(segments[i], words: words), i >= segments.count / 2 {
        kinds[i] = .boilerplate
      }
    }
    // Link lists under "Related articles:" or "Read more:" are bare titles
    // with no final period; they belong to the boilerplate block above them.
    var i = 1
    while i < segments.count {
      if kinds[i - 1] == .boilerplate, segments[i].isWholeLine, kinds[i] != .credit,
        looksLikeLinkTitle(segments[i].text), blockIntroducesList(segments, kinds, before: i)
      {
        kinds[i] = .boilerplate
      }
      i += 1
    }
    return kinds
  }

  // MARK: Credit

  private static let creditPhrases = [
    "reporting by", "additional reporting", "writing by", "editing by", "contributed reporting",
    "contributed additional reporting", "contributed to this report", "contributed to this story",
    "contributed to this article", "contributed to this reporting", "compiled by", "research by",
    "fact-checking by", "graphics by",
  ]
  private static let creditOpeners = [
    "edited by", "written by", "reported by", "photo by", "photos by", "photograph by",
    "photographs by", "image credit", "photo credit", "produced by", "translated by", "video by",
    "illustration by", "(photo", "photo:", "image:",
  ]

  private static let creditByWord = PhraseIndex(creditPhrases)

  static func isCredit(_ seg: Segment, lower: String, tokens: [Token]? = nil) -> Bool {
    let tokens = tokens ?? Tokenizer.tokenize(seg.text)
    let bare = lower.first == "(" ? String(lower.dropFirst()) : lower
    if containsPhrase(lower, tokens, creditByWord) { return true }
    if creditOpeners.contains(where: { bare.hasPrefix($0) }) { return true }
    // A byline: "By Jane Doe and Omar Haddad" on a line of its own.
    if bare.hasPrefix("by "), seg.isWholeLine {
      let words = seg.text.split(separator: " ")
      let capitalised = words.dropFirst().filter { $0.first?.isUppercase ?? false }.count
      if words.count <= 12 && capitalised >= 1 && !seg.text.hasSuffix(".") { return true }
    }
    return false
  }

  // MARK: Boilerplate

  /// Phrases that only page furniture uses, matched anywhere in the sentence.
  private static let boilerplatePhrases = [
    "all rights reserved", "click here", "share this article", "share this story",
    "share this page", "share on facebook", "share on twitter", "share via", "sign up for",
    "sign up to", "subscribe to our", "subscribe now", "subscribe for", "subscribe today",
    "newsletter", "we use cookies", "use cookies", "use of cookies", "cookie policy",
    "cookie settings", "cookie preferences", "accept cookies", "accept all cookies",
    "your consent", "privacy policy", "terms of use", "terms of service",
    "terms and conditions", "leave a comment", "post a comment", "add a comment", "add your comment",
    "comments are closed", "comments have been closed", "join the conversation",
    "join the discussion", "be the first to comment", "comment below",
    "comments below", "comments section", "in the comments", "community guidelines",
    "report this comment", "related articles", "related stories", "related coverage",
    "related content", "read more", "read next", "more stories", "most read", "most popular",
    "recommended for you", "you may also like", "you might also like", "follow us on",
    "follow us:", "download our app", "download the app", "sponsored content", "paid content",
    "your inbox", "your email address", "enter your email", "by clicking",
    "this site uses", "this website uses", "manage preferences", "manage consent",
    "do not sell my", "tell us what you think", "have your say", "skip to content",
    "skip to main", "back to top", "sign in to", "log in to", "create an account",
    "create a free account", "already a subscriber", "become a member", "support our journalism",
    "support independent journalism", "please enable javascript", "your browser",
    "copy link", "link copied", "unsubscribe", "for more news", "get the latest",
    "don't miss", "trending now", "watch the video", "listen to this article",
    "comments are moderated", "comments are reviewed", "comments are open", "will update this story",
    "update this story as", "this story will be updated", "this story has been updated",
    "this is a developing story", "developing story", "sign up now", "free trial",
    // Press-release furniture.
    "for immediate release", "media contact", "press contact", "media enquiries", "media inquiries",
    "press enquiries", "press inquiries", "notes to editors", "note to editors", "for further information",
    // Live-blog furniture.
    "our live coverage", "our live blog", "thanks for following", "thank you for following",
    // Reader prompts.
    "got a photo", "got a video", "got a story", "send it to us", "send us your", "we pay for stories",
    // Appeals for support.
    "made possible by listeners", "made possible by readers", "made possible by viewers", "funded by readers",
    "funded by our readers", "become a paid subscriber", "become a subscriber", "support us today",
    "to order reprints", "for personal, non-commercial use", "for personal non-commercial use",
  ]
  /// Openers of navigation and promotion lines.
  private static let boilerplateOpeners = [
    "related:", "read more:", "see also:", "also read:", "more:", "tags:", "topics:",
    "watch:", "listen:", "read also:", "copyright", "©", "advertisement", "sponsored",
    "what do you think", "share:", "share this", "updated:", "published:",
  ]
  /// Whole lines that close a press release or wire copy ("###", "Ends").
  private static let endMarks: Set<String> = ["###", "# # #", "ends", "-ends-", "- ends -", "-30-", "- 30 -", "end"]
  /// Words of a consent banner's buttons ("Accept", "Reject all").
  private static let buttonWords: Set<String> = [
    "accept", "reject", "decline", "agree", "all", "ok", "okay", "got", "it", "manage", "settings",
    "preferences", "options", "cookies", "i", "close", "continue", "allow",
  ]
  /// Words of a share bar: a line made only of these is boilerplate.
  private static let shareWords: Set<String> = [
    "share", "facebook", "twitter", "x", "email", "e-mail", "whatsapp", "linkedin", "reddit",
    "print", "copy", "link", "telegram", "pinterest", "messenger", "tweet", "comments", "comment",
    "save", "bluesky", "threads", "mail", "flipboard", "sms", "more", "on", "via", "article", "this",
    "|", "/", "·", "•",
  ]

  /// Boilerplate phrases by their first word, so that a sentence is only
  /// searched for the phrases whose first word it has.
  private static let boilerplateByWord = PhraseIndex(boilerplatePhrases)

  private static func containsPhrase(_ lower: String, _ tokens: [Token], _ index: PhraseIndex) -> Bool {
    for t in tokens where !t.isPunctuation {
      guard let phrases = index.phrases(startingWith: t.lower) else { continue }
      if phrases.contains(where: { lower.includes($0) }) { return true }
    }
    return false
  }

  static func isBoilerplate(_ seg: Segment, lower: String, tokens: [Token]? = nil) -> Bool {
    let tokens = tokens ?? Tokenizer.tokenize(seg.text)
    if containsPhrase(lower, tokens, boilerplateByWord) { return true }
    if boilerplateOpeners.contains(where: { lower.hasPrefix($0) }) { return true }
    if seg.isWholeLine, endMarks.contains(lower.trimming(chars: " .")) { return true }
    if lower.includes("cookie") && (lower.includes("you") || lower.includes("accept") || lower.includes("consent")) {
      return true
    }
    if lower.includes("subscribe") && (lower.includes("you") || lower.includes("our")) { return true }
    if lower.includes("comment")
      && (lower.includes("your") || lower.includes("you ") || lower.includes("log in") || lower.includes("sign in"))
    {
      return true
    }
    // A share bar: "Facebook Twitter Email".
    // Counters ("Comments (12)", "Share 240") belong to the bar.
    guard seg.isWholeLine else { return false }
    let words = tokens.filter { !$0.isPunctuation && !$0.isNumber }.map(\.lower)
    if !words.isEmpty && words.count <= 12 && words.allSatisfy({ shareWords.contains($0) })
      && words.contains(where: { !["more", "on", "this", "article", "via"].contains($0) })
    {
      return true
    }
    return false
  }

  /// Lines that only a press release carries.
  static func isReleaseFurniture(_ text: String) -> Bool {
    let lower = text.lowercased().trimming(chars: " .")
    return ["for immediate release", "media contact", "press contact", "notes to editors", "note to editors"].contains {
      lower.hasPrefix($0)
    } || ["###", "# # #", "ends", "-ends-", "- ends -"].contains(lower)
  }

  /// "About Halvard Water": a heading of capitalised words after "About",
  /// with no verb and no final stop.
  private static func isAboutHeading(_ seg: Segment, words: [String]) -> Bool {
    guard words.first == "about", words.count >= 2, words.count <= 8, let last = seg.text.last,
      last.isLetter || last == ")"
    else { return false }
    let rest = seg.text.split(separator: " ").dropFirst()
    return rest.allSatisfy { w in
      w.first?.isUppercase == true || ["the", "of", "and", "for", "&"].contains(w.lowercased())
    }
  }

  private static func looksLikeLinkTitle(_ text: String) -> Bool {
    guard let last = text.last else { return false }
    let words = text.split(separator: " ").count
    return words <= 16 && last != "." && last != ":"
  }

  private static func blockIntroducesList(_ segments: [Segment], _ kinds: [SentenceKind], before i: Int)
    -> Bool
  {
    // Walk back through the boilerplate block to its first line.
    var j = i - 1
    while j > 0 && kinds[j - 1] == .boilerplate && segments[j].isWholeLine { j -= 1 }
    let head = segments[j].text.lowercased()
    return head.hasSuffix(":") || head.hasPrefix("related") || head.hasPrefix("read more")
      || head.hasPrefix("more stories") || head.hasPrefix("most read") || head.hasPrefix("you may also")
      || head.hasPrefix("recommended")
  }

  // MARK: Headline

  static func isHeadlineShaped(_ seg: Segment) -> Bool {
    guard seg.isWholeLine, let last = seg.text.last else { return false }
    if last == "." || last == ":" || last == ";" || last == "," { return false }
    // A quotation that ends a sentence ("…," he said. "We will rebuild.")
    // is body text, not a title.
    if last == "\"" || last == "\u{201D}", let before = seg.text.dropLast().last, ".!?".contains(before) {
      return false
    }
    let words = seg.text.split(separator: " ").count
    return words >= 2 && words <= 25
  }

  // MARK: Claim or context

  static func isCheckable(_ seg: Segment, _ f: SentenceFeaturesRaw) -> Bool {
    let words = f.wordCount
    if words < 4 { return false }
    if seg.text.hasSuffix("?") && f.attribution == nil { return false }
    return !f.quantities.isEmpty || f.attribution != nil || !f.entities.isEmpty || !f.times.isEmpty
  }
}

/// Phrases by their first word, so that a sentence is only searched for the
/// phrases whose first word it has.
///
/// Looking every word of every sentence up in a dictionary of first words
/// was a third of classifying; a table by first byte and length rules out
/// most words (numbers, words no phrase starts with) before any hashing.
struct PhraseIndex: Sendable {
  private let byFirstWord: [String: [String]]
  /// Whether some first word starts with byte `b` and has `n` bytes, at `b * 32 + n`
  /// (ASCII bytes, lengths under 32).
  private let mayStart: [Bool]

  init(_ phrases: [String]) {
    var map: [String: [String]] = [:]
    var table = [Bool](repeating: false, count: 128 * 32)
    for p in phrases {
      let first = String(p.split(separator: " ").first ?? "")
      map[first, default: []].append(p)
      if let b = first.utf8.first, b < 128, first.utf8.count < 32 { table[Int(b) * 32 + first.utf8.count] = true }
    }
    byFirstWord = map
    mayStart = table
  }

  /// The phrases that start with `word`, in their listed order; nil if none.
  func phrases(startingWith word: String) -> [String]? {
    let n = word.utf8.count
    if let b = word.utf8.first, b < 128, n < 32, !mayStart[Int(b) * 32 + n] { return nil }
    return byFirstWord[word]
  }
}

/// Cuts a wire dateline ("PORT ELARA, Veloria (Wire) —") off the first
/// sentence of the story so that the lede is a sentence of its own.
enum Dateline {
  static func splitOff(_ segments: [Segment]) -> [Segment] {
    var out: [Segment] = []
    out.reserveCapacity(segments.count + 1)
    var done = false
    var previousParagraph = -1
    for seg in segments {
      let firstOfParagraph = seg.paragraph != previousParagraph
      previousParagraph = seg.paragraph
      if !done && firstOfParagraph && seg.paragraph <= 3, let cut = datelineCut(seg.text) {
        done = true
        var head = seg
        head.text = cut.dateline
        head.isDateline = true
        head.isWholeLine = cut.rest.isEmpty && seg.isWholeLine
        out.append(head)
        if !cut.rest.isEmpty {
          var body = seg
          body.text = cut.rest
          body.isWholeLine = false
          out.append(body)
        }
        continue
      }
      out.append(seg)
    }
    return out
  }

  /// Splits "PLACE, Region (Agency) — Text" into the dateline (with its
  /// dash) and the text, if the opener has the shape of a dateline.
  static func datelineCut(_ text: String) -> (dateline: String, rest: String)? {
    guard let dash = text.firstRangeOf("\u{2014}") ?? text.firstRangeOf(" -- ") else { return nil }
    let prefix = text[..<dash.lowerBound].trimming(chars: " ")
    guard !prefix.isEmpty, prefix.count <= 90 else { return nil }
    let words = prefix.split(separator: " ")
    guard words.count <= 12 else { return nil }
    let connectors: Set<String> = ["de", "del", "la", "el", "of", "and", "the", "al", "upon", "on", "le"]
    var capitalised = 0
    var lowercase = 0
    for w in words {
      let bare = w.trimming(chars: "(),.;:'\"")
      guard let f = bare.first else { continue }
      if f.isUppercase || f.isNumber {
        capitalised += 1
      } else if !connectors.contains(bare) {
        lowercase += 1
      }
    }
    guard lowercase == 0, capitalised >= 1 else { return nil }
    let firstWord = words[0].trimming(chars: ",()")
    let letters = firstWord.filter { $0.isLetter }
    let allCapsPlace = letters.count >= 2 && letters.allSatisfy { $0.isUppercase }
    let agency = prefix.includes("(") && prefix.hasSuffix(")")
    let hasDate = words.contains { w in
      let bare = w.trimming(chars: ",.").lowercased()
      return TimeWords.months.contains(bare) || Abbreviations.months.contains(bare)
    }
    guard allCapsPlace || agency || (hasDate && prefix.includes(",")) else { return nil }
    let rest = text[dash.upperBound...].trimming(chars: " ")
    if let f = rest.first, f.isLowercase { return nil }
    return (prefix + " \u{2014}", rest)
  }
}

/// The claim features of one segment, as the extractors found them.
struct SentenceFeaturesRaw: Sendable {
  var tokens: [Token]
  var quantities: [Quantity]
  var hedges: [String]
  var attribution: String?
  var attributionRange: Range<Int>?
  var sources: [String]
  var entities: [String]
  var times: [String]
  var wordCount: Int
  /// The tokens that are part of a time expression.
  var timeMask: [Bool]
}

extension StringProtocol {
  func trimming(chars set: String) -> String {
    var s = Substring(self)
    while let f = s.first, set.contains(f) { s = s.dropFirst() }
    while let l = s.last, set.contains(l) { s = s.dropLast() }
    return String(s)
  }
}
