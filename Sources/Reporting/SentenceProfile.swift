/// The matching keys of one sentence, each with a base weight.
///
/// Keys are synonym-group or stem keys of content words ("~capsized",
/// "search"), figure keys ("#=40" for the value, "#m1" for its order of
/// magnitude so that "40" and "dozens" still meet) and plain lowercase keys
/// for names. Function words carry nothing; reporting verbs and generic
/// sources ("said", "officials") weigh little, because every news sentence
/// has them; names and figures weigh most.
struct SentenceProfile: Sendable {
  var weights: [String: Double] {
    didSet { total = Self.sum(Array(weights.values)) }
  }

  /// The sum of the weights, kept with them: scoring one query against
  /// thousands of recorded sentences summed each one's weights again.
  private(set) var total: Double = 0

  /// Adds `values` smallest first.
  ///
  /// Floating-point addition is not associative, and a dictionary's order
  /// changes from one process to the next: summed in that order, two runs
  /// could score the same pair a hair apart and break a tie differently.
  static func sum(_ values: [Double]) -> Double {
    values.sorted().reduce(0, +)
  }

  static let attributionWeight = 0.35
  static let nameWeight = 1.5
  static let figureWeight = 1.5
  static let magnitudeWeight = 0.6

  init(_ sentence: Sentence) {
    self.init(tokens: Tokenizer.tokenize(sentence.text), quantities: sentence.quantities, hedges: sentence.hedges)
  }

  /// The profile of a sentence with these tokens, figures and hedges.
  init(tokens: [Token], quantities: [Quantity], hedges: [String]) {
    var classes: [String: WordClass] = [:]
    self.init(tokens: tokens, quantities: quantities, hedges: hedges, classes: &classes)
  }

  /// The profile of a sentence with these tokens, figures and hedges,
  /// taking word classes from `classes` and adding the ones it works out.
  ///
  /// A word's class depends on the word alone; a caller profiling many
  /// sentences keeps one `classes` for all of them, since most words recur
  /// from one sentence to the next and classifying a word takes a dozen
  /// lookups.
  init(tokens: [Token], quantities: [Quantity], hedges: [String], classes: inout [String: WordClass]) {
    var w: [String: Double] = [:]
    w.reserveCapacity(tokens.count + 2 * quantities.count + hedges.count)
    func add(_ key: String, _ weight: Double) {
      if let old = w[key], old >= weight { return }
      w[key] = weight
    }
    for (k, t) in tokens.enumerated() where t.isWord {
      let c: WordClass
      if let known = classes[t.lower] {
        c = known
      } else {
        c = Self.wordClass(t.lower)
        classes[t.lower] = c
      }
      if let (key, weight) = Self.keyAndWeight(c, tokens, k) { add(key, weight) }
    }
    for (key, weight) in Self.figureKeys(quantities) { add(key, weight) }
    for (key, weight) in Self.hedgeKeys(hedges) { add(key, weight) }
    self.weights = w
    self.total = Self.sum(Array(w.values))
  }

  /// A profile with these weights, as decoded from `StoredProfile`.
  init(weights: [String: Double]) {
    self.weights = weights
    self.total = Self.sum(Array(weights.values))
  }

  /// The first sentence of `text` and its profile; nil when `text` holds no sentence.
  ///
  /// The sentence is the one `Article(text:)` would find from the text
  /// alone. Word classes come from `classes`, which gains the new ones.
  static func firstSentence(
    of text: String, classes: inout [String: WordClass]
  ) -> (text: String, profile: SentenceProfile)? {
    guard let first = SentenceSplitter.firstSentence(Normalizer.normalize(text)) else { return nil }
    let tokens = Tokenizer.tokenize(first)
    let timeMask = TimeExtractor.extract(tokens, text: first).mask
    let profile = SentenceProfile(
      tokens: tokens, quantities: QuantityExtractor.extract(tokens, text: first, skip: timeMask),
      hedges: HedgeLexicon.extract(tokens, text: first), classes: &classes)
    return (first, profile)
  }

  /// How firmly a sentence asserts is part of what it says: "was not
  /// immediately known" and "is still unclear" share it.
  static let hedgeWeight = 0.8

  /// What a word contributes, independent of where it stands.
  struct WordClass: Sendable {
    /// Function word or number word: nothing.
    var skip: Bool
    var key: String
    var isAttribution: Bool
    var isTimeWord: Bool
    var isMonth: Bool
  }

  static func wordClass(_ lower: String) -> WordClass {
    if Stopwords.all.contains(lower) || QuantityExtractor.isNumberWord(lower) {
      return WordClass(skip: true, key: "", isAttribution: false, isTimeWord: false, isMonth: false)
    }
    let key = Synonyms.key(lower)
    let month = TimeWords.months.contains(lower)
    return WordClass(
      skip: false, key: key, isAttribution: Synonyms.attributionKeys.contains(key),
      isTimeWord: month || TimeWords.weekdays.contains(lower), isMonth: month)
  }

  /// The key and weight of token `k`, given its class; nil to skip it.
  static func keyAndWeight(_ c: WordClass, _ tokens: [Token], _ k: Int) -> (key: String, weight: Double)? {
    if c.skip { return nil }
    let t = tokens[k]
    // A capitalised month ("March 3") is a date, not its homonym.
    let key = t.isCapitalized && c.isMonth ? t.lower : c.key
    if c.isAttribution && !(t.isCapitalized && c.isMonth) { return (key, attributionWeight) }
    if t.isCapitalized && k > 0 && !(tokens[k - 1].isPunctuation && tokens[k - 1].text == "\"") {
      return (key, nameWeight)
    }
    if c.isTimeWord { return (key, 0.7) }
    return (key, 1.0)
  }

  init(tokens: [Token], quantities: [Quantity]) {
    var classes: [String: WordClass] = [:]
    self.init(tokens: tokens, quantities: quantities, hedges: [], classes: &classes)
  }

  /// Keys for the figures: the exact value and its orders of magnitude.
  static func figureKeys(_ quantities: [Quantity]) -> [(String, Double)] {
    var out: [(String, Double)] = []
    for q0 in quantities {
      let q = q0.comparable
      if let v = q.value {
        out.append(("#=" + Self.format(v), Self.figureWeight))
      }
      var mags: [Int] = []
      if let v = q.value { mags.append(Self.magnitude(v)) }
      if let lo = q.low { mags.append(Self.magnitude(lo)) }
      if let hi = q.high { mags.append(Self.magnitude(hi)) }
      if let lo = mags.min(), let hi = mags.max(), hi - lo <= 3 {
        for m in lo...hi {
          out.append((m < magnitudeKeys.count ? magnitudeKeys[m] : "#m\(m)", Self.magnitudeWeight))
        }
      }
    }
    return out
  }

  /// "#m0", "#m1", …: made once, as interpolating them for every figure of
  /// every sentence showed in a diff's profile.
  private static let magnitudeKeys: [String] = (0..<32).map { "#m\($0)" }

  /// Keys for the hedges, by canonical phrase.
  static func hedgeKeys(_ hedges: [String]) -> [(String, Double)] {
    hedges.map { ("h:" + HedgeLexicon.canonical($0), hedgeWeight) }
  }

  static func magnitude(_ v: Double) -> Int {
    guard v >= 1 else { return 0 }
    var m = 0
    var x = v
    while x >= 10 {
      x /= 10
      m += 1
    }
    return m
  }

  static func format(_ v: Double) -> String {
    if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
    return String(v)
  }

  /// Weighted Dice overlap of two profiles, in 0...1.
  static func dice(_ a: SentenceProfile, _ b: SentenceProfile) -> Double {
    let (shared, ta, tb) = overlap(a, b)
    guard ta + tb > 0 else { return 0 }
    return 2 * shared / (ta + tb)
  }

  /// Shared weight and both totals, each the same whatever order the keys are stored in.
  static func overlap(_ a: SentenceProfile, _ b: SentenceProfile) -> (shared: Double, a: Double, b: Double) {
    let (small, large) = a.weights.count <= b.weights.count ? (a.weights, b.weights) : (b.weights, a.weights)
    var shared: [Double] = []
    shared.reserveCapacity(small.count)
    for (k, w) in small {
      if let v = large[k] { shared.append(min(w, v)) }
    }
    return (Self.sum(shared), a.total, b.total)
  }
}
