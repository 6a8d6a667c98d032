/// The matching keys of one sentence, each with a base weight.
///
/// Keys are synonym-group or stem keys of content words ("~capsized",
/// "search"), figure keys ("#=40" for the value, "#m1" for its order of
/// magnitude so that "40" and "dozens" still meet) and plain lowercase keys
/// for names. Function words carry nothing; reporting verbs and generic
/// sources ("said", "officials") weigh little, because every news sentence
/// has them; names and figures weigh most.
struct SentenceProfile: Sendable {
  var weights: [String: Double]

  var total: Double { weights.values.reduce(0, +) }

  static let attributionWeight = 0.35
  static let nameWeight = 1.5
  static let figureWeight = 1.5
  static let magnitudeWeight = 0.6

  init(_ sentence: Sentence) {
    self.init(text: sentence.text, quantities: sentence.quantities)
  }

  init(text: String, quantities: [Quantity]) {
    var w: [String: Double] = [:]
    func add(_ key: String, _ weight: Double) {
      if let old = w[key], old >= weight { return }
      w[key] = weight
    }
    let tokens = Tokenizer.tokenize(text)
    for (k, t) in tokens.enumerated() {
      guard t.isWord else {
        continue
      }
      let lower = t.lower
      if Stopwords.all.contains(lower) { continue }
      if QuantityExtractor.isNumberWord(lower) { continue }
      let key = Synonyms.key(lower)
      if Synonyms.attributionKeys.contains(key) {
        add(key, Self.attributionWeight)
      } else if t.isCapitalized && k > 0 && !(tokens[k - 1].isPunctuation && tokens[k - 1].text == "\"") {
        add(key, Self.nameWeight)
      } else if TimeWords.weekdays.contains(lower) || TimeWords.months.contains(lower) {
        add(key, 0.7)
      } else {
        add(key, 1.0)
      }
    }
    for q in quantities {
      if let v = q.value {
        add("#=" + Self.format(v), Self.figureWeight)
      }
      var mags: [Int] = []
      if let v = q.value { mags.append(Self.magnitude(v)) }
      if let lo = q.low { mags.append(Self.magnitude(lo)) }
      if let hi = q.high { mags.append(Self.magnitude(hi)) }
      if let lo = mags.min(), let hi = mags.max(), hi - lo <= 3 {
        for m in lo...hi { add("#m\(m)", Self.magnitudeWeight) }
      }
    }
    self.weights = w
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

  /// Shared weight and both totals.
  static func overlap(_ a: SentenceProfile, _ b: SentenceProfile) -> (shared: Double, a: Double, b: Double) {
    let (small, large) = a.weights.count <= b.weights.count ? (a.weights, b.weights) : (b.weights, a.weights)
    var shared = 0.0
    for (k, w) in small {
      if let v = large[k] { shared += min(w, v) }
    }
    return (shared, a.total, b.total)
  }
}
