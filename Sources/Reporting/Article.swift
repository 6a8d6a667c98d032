/// An article read into sentences with their kinds and claim features.
public struct Article: Sendable {
  /// The sentences in reading order; `sentences[i].index == i`.
  public var sentences: [Sentence]

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
          hedges: raw.hedges, attribution: raw.attribution, entities: raw.entities, times: raw.times))
    }
    self.sentences = sentences
  }

  /// Creates an article from sentences analysed elsewhere.
  public init(sentences: [Sentence]) {
    self.sentences = sentences
  }

  /// The sentences of kind `.claim`.
  public var claims: [Sentence] { sentences.filter { $0.kind == .claim } }
}
