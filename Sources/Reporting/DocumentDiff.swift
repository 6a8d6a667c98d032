/// How a sentence (or group of sentences) of A relates to its counterpart in B.
public enum Relation: String, Codable, Sendable, CaseIterable {
  /// The same text.
  case identical
  /// Different words, same meaning.
  case reworded
  /// Different meaning in at least one typed way; see `AlignedPair.changes`.
  case changed
  /// Only in B.
  case added
  /// Only in A.
  case removed
}

/// The ways the meaning of one claim can drift between two appearances.
public enum ChangeType: String, Codable, Sendable, CaseIterable {
  /// A figure moved: "at least 40" → "dozens".
  case quantity
  /// A hedge came or went: "were feared drowned" → "drowned".
  case hedge
  /// The source changed, appeared or disappeared: "two port officials" → "authorities".
  case attribution
  /// Modality or settledness changed: "is expected to" → "did".
  case certainty
  /// A named entity was replaced by another.
  case entity
  /// A detail (time, name, clause) was added or dropped.
  case detail
}

/// One typed difference; `from` or `to` is "" for the absent side.
public struct Change: Codable, Hashable, Sendable {
  public var type: ChangeType
  public var from: String
  public var to: String

  /// Creates a change.
  public init(type: ChangeType, from: String, to: String) {
    self.type = type
    self.from = from
    self.to = to
  }
}

/// Sentences of A aligned with sentences of B (1:1, 1:n, n:1), or a
/// sentence only one side has.
public struct AlignedPair: Codable, Hashable, Sendable {
  /// Indices into A's sentences; empty for an added sentence.
  public var a: [Int]
  /// Indices into B's sentences; empty for a removed sentence.
  public var b: [Int]
  public var relation: Relation
  public var changes: [Change]

  /// Creates a pair.
  public init(a: [Int], b: [Int], relation: Relation, changes: [Change] = []) {
    self.a = a
    self.b = b
    self.relation = relation
    self.changes = changes
  }
}

/// The comparison of two articles: aligned pairs in reading order of B
/// (removed sentences placed where they stood in A), and a summary.
public struct DocumentDiff: Codable, Sendable {
  public var pairs: [AlignedPair]
  public var summary: DiffSummary

  /// Creates a diff.
  public init(pairs: [AlignedPair], summary: DiffSummary) {
    self.pairs = pairs
    self.summary = summary
  }
}
