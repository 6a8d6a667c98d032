/// Runs the claim-feature extractors over one sentence in the order they
/// depend on each other: times first (so "3 p.m." is not a quantity),
/// then attribution, quantities, hedges and entities.
enum FeatureExtractor {
  static func extract(tokens: [Token], text: String, known: Set<String>) -> SentenceFeaturesRaw {
    let (times, timeMask) = TimeExtractor.extract(tokens, text: text)
    let found = AttributionExtractor.extractAll(tokens, text: text, timeMask: timeMask)
    let attribution = found.first
    let quantities = QuantityExtractor.extract(tokens, text: text, skip: timeMask)
    let hedges = HedgeLexicon.extract(tokens, text: text)
    let entities = EntityExtractor.extract(tokens, text: text, known: known, skip: timeMask)
    let words = tokens.reduce(0) { $0 + ($1.isPunctuation ? 0 : 1) }
    return SentenceFeaturesRaw(
      tokens: tokens, quantities: quantities, hedges: hedges, attribution: attribution?.text,
      attributionRange: attribution?.range, sources: found.map(\.text), entities: entities, times: times,
      wordCount: words, timeMask: timeMask)
  }

  /// The features of a sentence already analysed in another article, for
  /// this article: the same, but for the entities, which depend on the
  /// names the whole article capitalises (`known`) and are found again.
  ///
  /// `text` must be the text `features` were extracted from.
  static func reusing(_ features: SentenceFeaturesRaw, text: String, known: Set<String>) -> SentenceFeaturesRaw {
    var f = features
    f.entities = EntityExtractor.extract(f.tokens, text: text, known: known, skip: f.timeMask)
    return f
  }
}
