/// Decides whether two sentences say the same thing, in any words.
///
/// Used on ingest to link a new sentence to a claim already recorded, and by
/// the aligner as its similarity measure. Paraphrase-aware: content words
/// are compared by stem and synonym group ("capsized" ~ "overturned",
/// "officials" ~ "authorities"), figures by value and order of magnitude
/// ("at least 40" ~ "dozens"), names weigh most and reporting verbs least.
public enum Restatement {
  /// How much of their content two sentences share, from 0 (nothing) to 1
  /// (the same content words, names and figures).
  public static func similarity(_ a: Sentence, _ b: Sentence) -> Double {
    if a.text == b.text { return 1 }
    return similarity(SentenceProfile(a), SentenceProfile(b))
  }

  static func similarity(_ a: SentenceProfile, _ b: SentenceProfile) -> Double {
    let (shared, ta, tb) = SentenceProfile.overlap(a, b)
    guard ta > 0, tb > 0 else { return 0 }
    let dice = 2 * shared / (ta + tb)
    // A sentence that was shortened or extended in a rewrite keeps most of
    // the shorter side's content: give containment some say.
    let containment = shared / min(ta, tb)
    return min(1, 0.7 * dice + 0.3 * containment)
  }

  /// Threshold above which `isRestatement` links two sentences.
  public static let threshold = 0.45

  /// True if `b` restates `a` closely enough to be another appearance of the
  /// same claim: similar content and no contradiction in the names they
  /// share the role of.
  public static func isRestatement(_ a: Sentence, _ b: Sentence) -> Bool {
    if a.text == b.text { return true }
    let pa = SentenceProfile(a)
    let pb = SentenceProfile(b)
    let sim = similarity(pa, pb)
    guard sim >= threshold else { return false }
    // Sharing only reporting words ("officials said") is not a restatement.
    let content = pa.weights.filter { !Synonyms.attributionKeys.contains($0.key) && pb.weights[$0.key] != nil }
    return content.count >= 2
  }
}
