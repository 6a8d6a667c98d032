/// Typed differences between two appearances of one claim.
public enum ClaimDrift {
  /// What changed in meaning from `a` to `b`: figures, hedges, sources,
  /// certainty, names and details.
  ///
  /// Empty if `b` only rewords `a`.
  public static func changes(from a: Sentence, to b: Sentence) -> [Change] {
    DriftClassifier.changes(from: [a], to: [b])
  }
}
