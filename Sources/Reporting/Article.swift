/// An article read into sentences with their kinds and claim features.
public struct Article: Sendable {
  /// The sentences in reading order; `sentences[i].index == i`.
  public var sentences: [Sentence]
  /// The tokens of each sentence as analysed, kept so that a diff does not
  /// tokenize again; ignored for a sentence whose text was changed since.
  var tokens: [[Token]] = []
  /// The sentence texts the tokens were made from.
  var tokenizedTexts: [String] = []

  /// Normalizes, segments, classifies and extracts features from `text`.
  ///
  /// Linear in the length of the text.
  public init(text: String) {
    let normalized = Normalizer.normalize(text)
    let segments = SentenceSplitter.split(normalized)
    let tokenized = segments.map { Tokenizer.tokenize($0.text) }
    // Names the article capitalises mid-sentence tell a capitalised
    // sentence opener ("Elara said...") from an ordinary one ("Rescuers...").
    var known = Set<String>()
    for tokens in tokenized { known.formUnion(EntityExtractor.midSentenceCapitals(tokens)) }
    var raws: [SentenceFeaturesRaw] = []
    raws.reserveCapacity(segments.count)
    for (seg, tokens) in zip(segments, tokenized) {
      raws.append(FeatureExtractor.extract(tokens: tokens, text: seg.text, known: known))
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
    self.tokenizedTexts = segments.map(\.text)
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

  /// The sentences of kind `.claim`.
  public var claims: [Sentence] { sentences.filter { $0.kind == .claim } }
}
