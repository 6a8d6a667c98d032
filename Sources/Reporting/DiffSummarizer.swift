/// Sums up a reporting diff: counts, survival of A in B, and a derivation
/// verdict with the evidence for it.
enum DiffSummarizer {
  static func summarize(pairs: [AlignedPair], a: Article, b: Article) -> DiffSummary {
    var s = DiffSummary()
    s.sentencesA = a.sentences.count
    s.sentencesB = b.sentences.count
    for r in Relation.allCases { s.relations[r.rawValue] = 0 }
    for t in ChangeType.allCases { s.changes[t.rawValue] = 0 }
    var alignedA = Set<Int>()
    var alignedB = Set<Int>()
    for p in pairs {
      s.relations[p.relation.rawValue, default: 0] += 1
      for c in p.changes { s.changes[c.type.rawValue, default: 0] += 1 }
      if !p.a.isEmpty && !p.b.isEmpty {
        alignedA.formUnion(p.a)
        alignedB.formUnion(p.b)
      }
    }
    let claimsA = a.sentences.filter { $0.kind == .claim }
    s.claimsA = claimsA.count
    s.claimsRestated = claimsA.filter { alignedA.contains($0.index) }.count
    s.claimsRemoved = s.claimsA - s.claimsRestated
    s.claimsAdded = b.sentences.filter { $0.kind == .claim && !alignedB.contains($0.index) }.count
    s.creditRemoved = a.sentences.filter { $0.kind == .credit && !alignedA.contains($0.index) }.count
    s.creditAdded = b.sentences.filter { $0.kind == .credit && !alignedB.contains($0.index) }.count
    s.boilerplateAdded = b.sentences.filter { $0.kind == .boilerplate && !alignedB.contains($0.index) }.count
    s.boilerplateRemoved = a.sentences.filter { $0.kind == .boilerplate && !alignedA.contains($0.index) }.count
    let bodyA = a.sentences.filter { !$0.kind.isFurniture }
    let keptA = bodyA.filter { alignedA.contains($0.index) }.count
    s.survival = bodyA.isEmpty ? 0 : Double(keptA) / Double(bodyA.count)
    let bodyB = b.sentences.filter { !$0.kind.isFurniture }
    let fromA = bodyB.filter { alignedB.contains($0.index) }.count
    let shareOfB = bodyB.isEmpty ? 0 : Double(fromA) / Double(bodyB.count)

    let identical = s.relations[Relation.identical.rawValue] ?? 0
    let reworded = s.relations[Relation.reworded.rawValue] ?? 0
    let changed = s.relations[Relation.changed.rawValue] ?? 0
    let alignedPairs = identical + reworded + changed

    var evidence: [String] = []
    let claimBase = max(s.claimsA, 0)
    if claimBase > 0 {
      evidence.append("\(s.claimsRestated) of \(claimBase) claims in A are restated in B")
    }
    evidence.append(
      "\(keptA) of \(bodyA.count) sentences of A survive in B (\(percent(s.survival)))")
    evidence.append("\(fromA) of \(bodyB.count) sentences of B come from A (\(percent(shareOfB)))")
    if alignedPairs > 0 {
      evidence.append("\(identical) identical, \(reworded) reworded, \(changed) changed in meaning")
    }
    let typed = ChangeType.allCases.compactMap { t -> String? in
      let n = s.changes[t.rawValue] ?? 0
      return n > 0 ? "\(n) \(t.rawValue)" : nil
    }
    if !typed.isEmpty { evidence.append("changes: " + typed.joined(separator: ", ")) }
    if s.claimsAdded > 0 { evidence.append("\(s.claimsAdded) claims in B are not in A") }
    var provenance: [String] = []
    if s.creditRemoved > 0 {
      provenance.append(s.creditRemoved == 1 ? "credit line removed" : "\(s.creditRemoved) credit lines removed")
    }
    if s.creditAdded > 0 {
      provenance.append(s.creditAdded == 1 ? "credit line added" : "\(s.creditAdded) credit lines added")
    }
    if s.boilerplateAdded > 0 {
      provenance.append(
        s.boilerplateAdded == 1 ? "boilerplate added" : "\(s.boilerplateAdded) boilerplate lines added")
    }
    evidence += provenance

    let restated = claimBase > 0 ? Double(s.claimsRestated) / Double(claimBase) : s.survival
    let claimsPart =
      claimBase > 0
      ? "\(s.claimsRestated) of \(claimBase) claims restated" : "\(keptA) of \(bodyA.count) sentences kept"
    let headline: String
    if alignedPairs == 0 || (restated < 0.2 && s.survival < 0.2) {
      headline = "B appears unrelated to A"
    } else if restated >= 0.6 || s.survival >= 0.6 {
      // A rewrite changes nearly every sentence's wording; an update keeps
      // much of the text byte for byte.
      if Double(identical) >= 0.3 * Double(alignedPairs) {
        headline = "B appears to be an updated version of A"
      } else if shareOfB < 0.6 {
        headline = "B appears to build on A"
      } else {
        headline = "B appears to be a rewrite of A"
      }
    } else if shareOfB >= 0.6 {
      headline = "B appears to be a partial copy of A"
    } else {
      headline = "B appears to draw partly on A"
    }
    var parts = [claimsPart]
    // For unrelated articles, whose credit lines and boilerplate differ as a
    // matter of course, the provenance notes stay in the evidence.
    if headline != "B appears unrelated to A" {
      if changed > 0 { parts.append("\(changed) changed in meaning") }
      parts += provenance
    }
    s.verdict = headline + ": " + parts.joined(separator: ", ")
    s.evidence = evidence
    return s
  }

  private static func percent(_ x: Double) -> String {
    "\(Int((x * 100).rounded()))%"
  }
}
