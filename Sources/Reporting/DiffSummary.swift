/// What a reporting diff amounts to, in counts and in one sentence.
public struct DiffSummary: Codable, Hashable, Sendable {
  /// Sentences in A and in B.
  public var sentencesA: Int = 0
  public var sentencesB: Int = 0
  /// Number of pairs per relation (`identical`, `reworded`, `changed`,
  /// `added`, `removed`), keyed by the relation's raw value.
  public var relations: [String: Int] = [:]
  /// Claims in A and how many of them B restates.
  public var claimsA: Int = 0
  public var claimsRestated: Int = 0
  /// Claims in B with no counterpart in A.
  public var claimsAdded: Int = 0
  /// Claims of A that B drops.
  public var claimsRemoved: Int = 0
  /// Number of changes per type, keyed by the type's raw value.
  public var changes: [String: Int] = [:]
  /// Credit lines A has and B dropped, and credit lines only B has.
  public var creditRemoved: Int = 0
  public var creditAdded: Int = 0
  /// Boilerplate only B has, and boilerplate B dropped.
  public var boilerplateAdded: Int = 0
  public var boilerplateRemoved: Int = 0
  /// Share of A's non-furniture sentences that B keeps in some form, 0...1.
  public var survival: Double = 0
  /// The derivation verdict: "B appears to be a rewrite of A: 15 of 16
  /// claims restated, credit line removed".
  public var verdict: String = ""
  /// The observations the verdict rests on, one per line.
  public var evidence: [String] = []

  /// Creates an empty summary.
  public init() {}
}
