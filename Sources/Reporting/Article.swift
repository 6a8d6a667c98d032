/// An article read into sentences with their kinds and claim features.
public struct Article: Sendable {
  /// The sentences in reading order; `sentences[i].index == i`.
  public var sentences: [Sentence]
  /// The tokens of each sentence as analysed, kept so that a diff does not
  /// tokenize again; ignored for a sentence whose text was changed since.
  var tokens: [[Token]] = []
  /// The sentence texts the tokens were made from.
  var tokenizedTexts: [String] = []
  /// The claim features of each sentence as extracted, parallel to `tokens`.
  var features: [SentenceFeaturesRaw] = []

  /// Normalizes, segments, classifies and extracts features from `text`.
  ///
  /// Linear in the length of the text.
  public init(text: String) {
    self.init(text: text, reusing: nil)
  }

  /// Analyses `text` as `init(text:)` does, taking the tokens and claim
  /// features of each sentence that `other` has word for word from `other`
  /// instead of computing them again.
  ///
  /// The two sides of a diff share most of their sentences (an update keeps
  /// most of the text byte for byte), and tokenizing and extracting features
  /// was most of the cost of reading them. The result is the same as
  /// `init(text:)`: a sentence's tokens and features depend only on its text,
  /// except for its entities, which depend on the article and are found again.
  public init(text: String, reusing other: Article?) {
    let normalized = Normalizer.normalize(text)
    var segments = SentenceSplitter.split(normalized)
    // For each segment, the sentence of `other` with the same text, if any.
    var shared = [Int?](repeating: nil, count: segments.count)
    if let other, !other.features.isEmpty {
      var byText: [String: Int] = [:]
      for (i, t) in other.tokenizedTexts.enumerated() where byText[t] == nil { byText[t] = i }
      for k in segments.indices {
        guard let i = byText[segments[k].text] else { continue }
        shared[k] = i
        // The very string the tokens' ranges were taken from (the same text).
        segments[k].text = other.tokenizedTexts[i]
      }
    }
    // Each sentence's tokens and features depend on its text alone (and the
    // names found across the article): both are made on every core.
    let texts = segments.map(\.text)
    let tokenized = Parallel.map(segments.count) { [shared] k in
      shared[k].flatMap { other?.features[$0].tokens } ?? Tokenizer.tokenize(texts[k])
    }
    // Names the article capitalises mid-sentence tell a capitalised
    // sentence opener ("Elara said...") from an ordinary one ("Rescuers...").
    var known = Set<String>()
    for tokens in tokenized { known.formUnion(EntityExtractor.midSentenceCapitals(tokens)) }
    let raws = Parallel.map(segments.count) { [shared, known] k in
      if let i = shared[k], let reused = other?.features[i] {
        return FeatureExtractor.reusing(reused, text: texts[k], known: known)
      }
      return FeatureExtractor.extract(tokens: tokenized[k], text: texts[k], known: known)
    }
    let kinds = SentenceClassifier.classify(segments, features: raws)
    var sentences: [Sentence] = []
    sentences.reserveCapacity(segments.count)
    for (i, seg) in segments.enumerated() {
      let raw = raws[i]
      sentences.append(
        Sentence(
          index: i, paragraph: seg.paragraph, text: seg.text, kind: kinds[i], quantities: raw.quantities,
          hedges: raw.hedges, attribution: raw.attribution, sources: raw.sources, entities: raw.entities,
          times: raw.times))
    }
    self.sentences = sentences
    self.tokens = tokenized
    self.tokenizedTexts = texts
    self.features = raws
  }

  /// The tokens of sentence `i`, from the analysis if still valid.
  func tokens(of i: Int) -> [Token] {
    if i < tokens.count, tokenizedTexts[i] == sentences[i].text {
      return tokens[i]
    }
    return Tokenizer.tokenize(sentences[i].text)
  }

  /// Creates an article from sentences analysed elsewhere.
  public init(sentences: [Sentence]) {
    self.sentences = sentences
  }

  /// The issuer of a press release, nil if the article is not one.
  ///
  /// A release has furniture only releases carry ("FOR IMMEDIATE RELEASE",
  /// "Media contact", "###"); its issuer is named by its "About …" heading,
  /// "" if it has none.
  public var pressReleaseIssuer: String? {
    guard sentences.contains(where: { $0.kind == .boilerplate && SentenceClassifier.isReleaseFurniture($0.text) })
    else { return nil }
    for s in sentences where s.kind == .boilerplate && s.text.hasPrefix("About ") {
      return String(s.text.dropFirst(6))
    }
    return ""
  }

  /// The sentences of kind `.claim`.
  public var claims: [Sentence] { sentences.filter { $0.kind == .claim } }
}
