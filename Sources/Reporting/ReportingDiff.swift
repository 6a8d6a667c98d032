/// Compares two articles sentence by sentence, in meaning.
public enum ReportingDiff {
  /// Aligns the sentences of `a` and `b`, classifies how each aligned group
  /// drifted, lists what only one side has, and sums it up.
  public static func diff(_ a: Article, _ b: Article) -> DocumentDiff {
    let groups = SentenceAligner.align(a, b)
    let releaseA = a.pressReleaseIssuer
    let releaseB = b.pressReleaseIssuer
    // Each group is classified on its own: on every core.
    let pairs = Parallel.map(groups.count) { k in
      let g = groups[k]
      let sa = g.a.map { a.sentences[$0] }
      let sb = g.b.map { b.sentences[$0] }
      let changes = DriftClassifier.changes(
        from: sa, to: sb, tokensA: g.a.map { a.tokens(of: $0) }, tokensB: g.b.map { b.tokens(of: $0) },
        releaseA: releaseA, releaseB: releaseB)
      return AlignedPair(
        a: g.a, b: g.b, relation: DriftClassifier.relation(sa, sb, changes: changes), changes: changes)
    }
    let summary = DiffSummarizer.summarize(pairs: pairs, a: a, b: b)
    return DocumentDiff(pairs: pairs, summary: summary)
  }
}
