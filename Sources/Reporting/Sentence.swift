/// What a sentence is to an analyst: checkable content, background, or the
/// furniture a page wraps around a story.
public enum SentenceKind: String, Codable, Sendable, CaseIterable {
  case claim, context, headline, dateline, credit, boilerplate

  /// Headline, dateline, credit and boilerplate: never claims.
  public var isFurniture: Bool {
    switch self {
    case .claim, .context: return false
    case .headline, .dateline, .credit, .boilerplate: return true
    }
  }
}

/// A figure a sentence states, with what a reader infers from it.
public struct Quantity: Codable, Hashable, Sendable {
  /// The figure as the sentence words it: "at least 40 people", "dozens".
  public var text: String
  /// The best point value, if the figure names one (40 for "at least 40").
  public var value: Double?
  /// The lower bound the figure implies ("dozens" ≥ 24, "at least 40" ≥ 40).
  public var low: Double?
  /// The upper bound the figure implies ("dozens" ≤ 99, "up to 40" ≤ 40).
  public var high: Double?
  /// The approximator or bound in front of or after the figure: "at least",
  /// "roughly", "up to", "more than", "or more".
  public var modifier: String?
  /// The figure is a vague quantifier or a span ("dozens", "several", "in
  /// the forties") rather than a number.
  public var isVague: Bool
  /// The counted noun, if obvious: "people", "passengers".
  public var unit: String?

  /// Creates a quantity.
  public init(
    text: String, value: Double? = nil, low: Double? = nil, high: Double? = nil,
    modifier: String? = nil, isVague: Bool = false, unit: String? = nil
  ) {
    self.text = text
    self.value = value
    self.low = low
    self.high = high
    self.modifier = modifier
    self.isVague = isVague
    self.unit = unit
  }
}

/// One sentence of an article with the features a verifier checks.
public struct Sentence: Codable, Hashable, Sendable {
  private enum CodingKeys: String, CodingKey {
    case index, paragraph, text, kind, quantities, hedges, attribution, sources, entities, times
  }

  /// Decodes a sentence; `sources` may be missing (older encodings).
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    index = try c.decode(Int.self, forKey: .index)
    paragraph = try c.decodeIfPresent(Int.self, forKey: .paragraph) ?? 0
    text = try c.decode(String.self, forKey: .text)
    kind = try c.decode(SentenceKind.self, forKey: .kind)
    quantities = try c.decodeIfPresent([Quantity].self, forKey: .quantities) ?? []
    hedges = try c.decodeIfPresent([String].self, forKey: .hedges) ?? []
    attribution = try c.decodeIfPresent(String.self, forKey: .attribution)
    sources = try c.decodeIfPresent([String].self, forKey: .sources) ?? (attribution.map { [$0] } ?? [])
    entities = try c.decodeIfPresent([String].self, forKey: .entities) ?? []
    times = try c.decodeIfPresent([String].self, forKey: .times) ?? []
  }

  /// 0-based position in the article.
  public var index: Int
  /// 0-based paragraph the sentence belongs to.
  public var paragraph: Int
  /// The normalized sentence text.
  public var text: String
  public var kind: SentenceKind
  public var quantities: [Quantity]
  /// Hedge and certainty phrases as they appear: "were feared",
  /// "reportedly", "could not independently confirm", "is expected to".
  public var hedges: [String]
  /// Who the sentence says its information comes from ("two port
  /// officials", "a regional radio station"); nil if unattributed.
  public var attribution: String?
  /// Every source the sentence names, `attribution` first: "Organisers put
  /// the crowd at 25,000, while police estimated it at 8,000" names two.
  public var sources: [String]
  /// Named entities: people, places, organisations, vessels.
  public var entities: [String]
  /// Time expressions: "Friday", "March 3", "3 p.m.", "last week".
  public var times: [String]

  /// Creates a sentence from already extracted features.
  public init(
    index: Int, paragraph: Int, text: String, kind: SentenceKind, quantities: [Quantity] = [],
    hedges: [String] = [], attribution: String? = nil, sources: [String]? = nil, entities: [String] = [],
    times: [String] = []
  ) {
    self.index = index
    self.paragraph = paragraph
    self.text = text
    self.kind = kind
    self.quantities = quantities
    self.hedges = hedges
    self.attribution = attribution
    self.sources = sources ?? (attribution.map { [$0] } ?? [])
    self.entities = entities
    self.times = times
  }

  /// Analyses a single sentence on its own, without an article around it.
  ///
  /// Without the rest of the article, a capitalised first word counts as a
  /// name only if it is an acronym or continues into a longer name, and the
  /// kind is `claim` or `context` (furniture needs its page to be seen).
  public init(text: String, index: Int = 0, paragraph: Int = 0) {
    let normalized = Normalizer.normalize(text).replacingNewlines()
    let seg = Segment(text: normalized, paragraph: paragraph, isWholeLine: false)
    let tokens = Tokenizer.tokenize(normalized)
    let raw = FeatureExtractor.extract(tokens: tokens, text: normalized, known: [])
    let kind: SentenceKind = SentenceClassifier.isCheckable(seg, raw) ? .claim : .context
    self.init(
      index: index, paragraph: paragraph, text: normalized, kind: kind, quantities: raw.quantities,
      hedges: raw.hedges, attribution: raw.attribution, sources: raw.sources, entities: raw.entities,
      times: raw.times)
  }
}

extension String {
  func replacingNewlines() -> String {
    guard includes("\n") else { return self }
    return split(whereSeparator: { $0 == "\n" }).joined(separator: " ")
  }
}
