/// Typed differences between two appearances of one claim.
public enum ClaimDrift {
  /// What changed in meaning from `a` to `b`: figures, hedges, sources,
  /// certainty, names and details.
  ///
  /// Empty if `b` only rewords `a`.
  public static func changes(from a: Sentence, to b: Sentence) -> [Change] {
    DriftClassifier.changes(from: [a], to: [b])
  }

  /// `changes(from:to:)` of each pair, in order, shared between the cores.
  public static func changes(_ pairs: [(from: Sentence, to: Sentence)]) -> [[Change]] {
    Parallel.map(pairs.count) { k in changes(from: pairs[k].from, to: pairs[k].to) }
  }
}
