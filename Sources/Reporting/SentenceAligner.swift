/// Aligns the sentences of two articles: 1:1, splits (1:n), merges (n:1),
/// moves, insertions and deletions.
///
/// The method, in passes:
/// 1. **Profiles.** Each sentence becomes weighted keys (see
///    `SentenceProfile`); each key's weight is scaled by its rarity across
///    both articles (inverse document frequency), so a shared name or figure
///    counts for more than a shared "said".
/// 2. **Candidates.** An inverted index from rare keys to B's sentences
///    gives, for each A sentence, the B sentences worth scoring; no full
///    similarity matrix is built. Furniture only pairs with furniture of the
///    same kind (a credit line with a credit line).
/// 3. **Anchors.** The heaviest chain of strong candidates that keeps
///    reading order on both sides (a weighted longest increasing
///    subsequence, O(k log n) in the number of candidates k).
/// 4. **Gap filling.** Between consecutive anchors, the few sentences left
///    on each side are matched in order with a lower threshold: a heavily
///    paraphrased sentence between two confident matches is most likely
///    their neighbours' counterpart. Articles with no anchor at all are
///    unrelated, and get no gap filling.
/// 5. **Splits and merges.** An unmatched sentence next to a matched one
///    joins its group when most of its content is found in the other side
///    of the group.
/// 6. **Moves.** Sentences still unmatched on both sides are matched by
///    similarity alone, with a higher threshold because position no longer
///    vouches for them.
/// 7. **Datelines** pair only when the first body sentences they introduce
///    pair: every copy from one agency shares the agency's name.
///
/// Cost: building profiles and the index is linear in the text; candidate
/// scoring is bounded by the postings of rare keys (keys held by more than
/// 1/25 of B's sentences are not used to find candidates); the chain is
/// O(k log n); gap filling is quadratic only inside gaps, which are capped.
enum SentenceAligner {
  struct Group: Sendable, Equatable {
    var a: [Int]
    var b: [Int]
  }

  /// Similarity thresholds (similarity as in `SimilarityModel.similarity`).
  ///
  /// Set on the evaluation set (`vet-eval`) with margin on both sides: the
  /// weakest true match there that needs gap filling scores 0.22, and a
  /// replaced sentence sharing one word with its stand-in scores 0.12.
  struct Thresholds: Sendable {
    /// Lowest similarity kept as a candidate at all.
    var candidate = 0.12
    /// Similarity of an anchor.
    var anchor = 0.30
    /// Similarity for a match inside a small gap between anchors.
    var gapSmall = 0.15
    /// Similarity for a match inside a large gap.
    var gapLarge = 0.22
    /// Similarity for a moved sentence (out of order).
    var move = 0.32
    /// Share of an unmatched sentence's content found in a neighbour's
    /// partner for it to join that group as a split or merge part.
    var splitContainment = 0.45
    /// Maximum gap size still called small.
    var smallGap = 3
  }

  static let thresholds = Thresholds()

  static func align(_ a: [Sentence], _ b: [Sentence]) -> [Group] {
    align(Article(sentences: a), Article(sentences: b))
  }

  static func align(_ articleA: Article, _ articleB: Article) -> [Group] {
    let a = articleA.sentences
    let b = articleB.sentences
    let model = SimilarityModel(articleA, articleB)
    var state = AlignmentState(na: a.count, nb: b.count)
    let t = thresholds

    // 2. Candidates.
    let candidates = model.candidates(minimum: t.candidate)

    // 3. Anchors.
    let anchors = heaviestChain(candidates.filter { $0.sim >= t.anchor })
    for c in anchors { state.link(c.i, c.j) }

    // 4. Gap filling, only when the documents share anchors at all.
    if !anchors.isEmpty {
      var bounds: [(Int, Int)] = [(-1, -1)]
      bounds += anchors.map { ($0.i, $0.j) }
      bounds.append((a.count, b.count))
      for k in 0..<(bounds.count - 1) {
        let (ia, ja) = bounds[k]
        let (ib, jb) = bounds[k + 1]
        let gapA = Array((ia + 1)..<max(ia + 1, ib))
        let gapB = Array((ja + 1)..<max(ja + 1, jb))
        guard !gapA.isEmpty, !gapB.isEmpty else { continue }
        let small = gapA.count <= t.smallGap && gapB.count <= t.smallGap
        let minimum = small ? t.gapSmall : t.gapLarge
        fillGap(gapA, gapB, minimum: minimum, model: model, state: &state, neighbours: (ia, ja, ib, jb))
      }
    }

    // 5. Splits and merges around what is matched so far.
    extendGroups(model: model, state: &state, t: t)

    // 6. Moves.
    let moves =
      candidates
      .filter { $0.sim >= t.move && state.aMatch[$0.i] == nil && state.bMatch[$0.j] == nil }
      .sorted { $0.sim > $1.sim }
    for c in moves where state.aMatch[c.i] == nil && state.bMatch[c.j] == nil {
      state.link(c.i, c.j)
    }
    extendGroups(model: model, state: &state, t: t)

    // Datelines name the place and the agency, which copies share whether
    // or not they tell the same story: pair them only when the first body
    // sentences they introduce are paired.
    for i in 0..<a.count where a[i].kind == .dateline && i + 1 < a.count {
      guard let partners = state.aMatch[i + 1] else { continue }
      for j in partners where j > 0 && b[j - 1].kind == .dateline && state.bMatch[j - 1] == nil {
        state.link(i, j - 1)
        break
      }
    }

    return state.groups()
  }

  // MARK: Anchors

  /// The maximum-weight chain of candidates increasing in both i and j.
  static func heaviestChain(_ cands: [Candidate]) -> [Candidate] {
    guard !cands.isEmpty else { return [] }
    // Process by i ascending, and j descending within one i, so that two
    // candidates of the same A sentence can never chain.
    let sorted = cands.sorted { $0.i != $1.i ? $0.i < $1.i : $0.j > $1.j }
    let maxJ = (sorted.map(\.j).max() ?? 0) + 1
    var tree = MaxFenwick(size: maxJ)
    var score = [Double](repeating: 0, count: sorted.count)
    var prev = [Int](repeating: -1, count: sorted.count)
    for (k, c) in sorted.enumerated() {
      let (best, at) = tree.query(upTo: c.j)  // over j' < c.j
      score[k] = best + c.sim
      prev[k] = at
      tree.update(at: c.j, value: score[k], index: k)
    }
    guard var k = score.indices.max(by: { score[$0] < score[$1] }) else { return [] }
    var chain: [Candidate] = []
    while k >= 0 {
      chain.append(sorted[k])
      k = prev[k]
    }
    return chain.reversed()
  }

  // MARK: Gaps

  private static func fillGap(
    _ gapA: [Int], _ gapB: [Int], minimum: Double, model: SimilarityModel, state: inout AlignmentState,
    neighbours: (Int, Int, Int, Int)
  ) {
    // Large gaps: score only candidate pairs; small gaps: every pair.
    let n = gapA.count
    let m = gapB.count
    guard n * m <= 40_000 else { return }
    var sim = [Double](repeating: 0, count: n * m)
    for (x, i) in gapA.enumerated() {
      for (y, j) in gapB.enumerated() where model.compatible(i, j) {
        let s = model.similarity(i, j)
        guard s >= minimum, model.sharesContent(i, j) else { continue }
        // A sentence that belongs with the neighbouring anchor's partner (a
        // split part) should not be taken by the gap.
        let (ia, ja, ib, jb) = neighbours
        if ja >= 0, ia >= 0, model.containment(of: j, inA: ia) > s + 0.15 { continue }
        if jb < model.nb, ib < model.na, model.containment(of: j, inA: ib) > s + 0.15 { continue }
        if ia >= 0, ja >= 0, model.containment(ofA: i, inB: ja) > s + 0.15 { continue }
        if ib < model.na, jb < model.nb, model.containment(ofA: i, inB: jb) > s + 0.15 { continue }
        sim[x * m + y] = s
      }
    }
    // Monotone DP: maximise the summed similarity of in-order matches.
    var dp = [Double](repeating: 0, count: (n + 1) * (m + 1))
    for x in stride(from: n - 1, through: 0, by: -1) {
      for y in stride(from: m - 1, through: 0, by: -1) {
        var best = max(dp[(x + 1) * (m + 1) + y], dp[x * (m + 1) + y + 1])
        let s = sim[x * m + y]
        if s > 0 { best = max(best, s + dp[(x + 1) * (m + 1) + y + 1]) }
        dp[x * (m + 1) + y] = best
      }
    }
    var x = 0
    var y = 0
    while x < n && y < m {
      let s = sim[x * m + y]
      if s > 0 && dp[x * (m + 1) + y] == s + dp[(x + 1) * (m + 1) + y + 1] {
        state.link(gapA[x], gapB[y])
        x += 1
        y += 1
      } else if dp[x * (m + 1) + y] == dp[(x + 1) * (m + 1) + y] {
        x += 1
      } else {
        y += 1
      }
    }
  }

  // MARK: Splits and merges

  private static func extendGroups(model: SimilarityModel, state: inout AlignmentState, t: Thresholds) {
    var changed = true
    var rounds = 0
    while changed && rounds < 3 {
      changed = false
      rounds += 1
      // B sentences next to a matched B sentence: a split of an A sentence.
      for j in 0..<model.nb where state.bMatch[j] == nil {
        var best: (i: Int, score: Double)? = nil
        for nj in [j - 1, j + 1] where nj >= 0 && nj < model.nb {
          guard let partners = state.bMatch[nj] else { continue }
          for i in partners where model.compatible(i, j) {
            let cov = model.containment(of: j, inA: i)
            let sim = model.similarity(i, j)
            guard cov >= t.splitContainment, sim >= t.candidate else { continue }
            if cov > (best?.score ?? -1) { best = (i, cov) }
          }
        }
        if let best, model.bestSimilarityOfB(j, excluding: best.i) < model.similarity(best.i, j) + 0.1 {
          state.link(best.i, j)
          changed = true
        }
      }
      // A sentences next to a matched A sentence: a merge into one B sentence.
      for i in 0..<model.na where state.aMatch[i] == nil {
        var best: (j: Int, score: Double)? = nil
        for ni in [i - 1, i + 1] where ni >= 0 && ni < model.na {
          guard let partners = state.aMatch[ni] else { continue }
          for j in partners where model.compatible(i, j) {
            let cov = model.containment(ofA: i, inB: j)
            let sim = model.similarity(i, j)
            guard cov >= t.splitContainment, sim >= t.candidate else { continue }
            if cov > (best?.score ?? -1) { best = (j, cov) }
          }
        }
        if let best, model.bestSimilarityOfA(i, excluding: best.j) < model.similarity(i, best.j) + 0.1 {
          state.link(i, best.j)
          changed = true
        }
      }
    }
  }
}

/// A scored pair of an A sentence and a B sentence.
struct Candidate: Sendable {
  var i: Int
  var j: Int
  var sim: Double
}

/// Links made so far, by sentence on each side.
struct AlignmentState {
  var aMatch: [[Int]?]
  var bMatch: [[Int]?]
  var links: [(Int, Int)] = []

  init(na: Int, nb: Int) {
    aMatch = Array(repeating: nil, count: na)
    bMatch = Array(repeating: nil, count: nb)
  }

  mutating func link(_ i: Int, _ j: Int) {
    if aMatch[i] == nil { aMatch[i] = [] }
    aMatch[i]?.append(j)
    if bMatch[j] == nil { bMatch[j] = [] }
    bMatch[j]?.append(i)
    links.append((i, j))
  }

  /// Connected components of the links, plus unmatched sentences on their own.
  func groups() -> [SentenceAligner.Group] {
    let na = aMatch.count
    let nb = bMatch.count
    var parent = Array(0..<(na + nb))
    func find(_ x: Int) -> Int {
      var x = x
      while parent[x] != x {
        parent[x] = parent[parent[x]]
        x = parent[x]
      }
      return x
    }
    for (i, j) in links {
      let ri = find(i)
      let rj = find(na + j)
      if ri != rj { parent[ri] = rj }
    }
    var byRoot: [Int: SentenceAligner.Group] = [:]
    var order: [Int] = []
    for i in 0..<na where aMatch[i] != nil {
      let r = find(i)
      if byRoot[r] == nil {
        byRoot[r] = SentenceAligner.Group(a: [], b: [])
        order.append(r)
      }
      byRoot[r]?.a.append(i)
    }
    for j in 0..<nb where bMatch[j] != nil {
      let r = find(na + j)
      byRoot[r]?.b.append(j)
    }
    var matched = order.compactMap { byRoot[$0] }
    // Reading order of B; removed sentences go after the group holding the
    // A sentence before them.
    matched.sort { ($0.b.first ?? 0, $0.a.first ?? 0) < ($1.b.first ?? 0, $1.a.first ?? 0) }
    var groupOfA = [Int](repeating: -1, count: na)
    for (g, grp) in matched.enumerated() { for i in grp.a { groupOfA[i] = g } }
    var keyed: [(key: Double, group: SentenceAligner.Group)] = matched.enumerated().map {
      (Double($0.offset), $0.element)
    }
    var lastGroup = -1.0
    for i in 0..<na {
      if groupOfA[i] >= 0 {
        lastGroup = Double(groupOfA[i])
      } else {
        keyed.append((lastGroup + 0.5 + Double(i) * 1e-7, SentenceAligner.Group(a: [i], b: [])))
      }
    }
    // Added sentences sit where they are in B.
    var result = keyed.sorted { $0.key < $1.key }.map(\.group)
    var out: [SentenceAligner.Group] = []
    var nextB = 0
    for g in result {
      if let first = g.b.first {
        while nextB < first {
          if bMatch[nextB] == nil { out.append(SentenceAligner.Group(a: [], b: [nextB])) }
          nextB += 1
        }
        nextB = max(nextB, (g.b.last ?? first) + 1)
      }
      out.append(g)
    }
    while nextB < nb {
      if bMatch[nextB] == nil { out.append(SentenceAligner.Group(a: [], b: [nextB])) }
      nextB += 1
    }
    result = out
    return result
  }
}

/// A Fenwick tree of running maxima with the index that achieved them.
struct MaxFenwick {
  private var value: [Double]
  private var index: [Int]

  init(size: Int) {
    value = Array(repeating: 0, count: size + 1)
    index = Array(repeating: -1, count: size + 1)
  }

  /// Max over positions strictly below `j` (0-based).
  func query(upTo j: Int) -> (Double, Int) {
    var k = j
    var best = 0.0
    var at = -1
    while k > 0 {
      if value[k] > best {
        best = value[k]
        at = index[k]
      }
      k -= k & -k
    }
    return (best, at)
  }

  mutating func update(at j: Int, value v: Double, index idx: Int) {
    var k = j + 1
    while k < value.count {
      if v > value[k] {
        value[k] = v
        index[k] = idx
      }
      k += k & -k
    }
  }
}

/// IDF-weighted sentence profiles of two articles and the similarity
/// measures the aligner uses on them.
struct SimilarityModel {
  let na: Int
  let nb: Int
  /// Sorted key ids and weights per sentence; A's first, then B's.
  private var keys: [[Int32]]
  private var weights: [[Double]]
  private var totals: [Double]
  private var kinds: [SentenceKind]
  /// Key ids that are not reporting words, per sentence, for "shares content".
  private var contentMask: [Bool]
  private var postingsB: [[Int32]]
  private var postingsA: [[Int32]]

  init(_ articleA: Article, _ articleB: Article) {
    let a = articleA.sentences
    let b = articleB.sentences
    na = a.count
    nb = b.count
    var intern: [String: Int32] = [:]
    var rawKeys: [[Int32]] = []
    var rawWeights: [[Double]] = []
    var isContent: [Bool] = []
    kinds = a.map(\.kind) + b.map(\.kind)
    // One class lookup per distinct word for the whole comparison, and key
    // ids instead of strings from there on: profile building was the
    // larger part of a big diff.
    var classes: [String: (SentenceProfile.WordClass, Int32)] = [:]
    func idOf(_ k: String) -> Int32 {
      if let existing = intern[k] { return existing }
      let id = Int32(intern.count)
      intern[k] = id
      isContent.append(!Synonyms.attributionKeys.contains(k) && !k.hasPrefix("#m"))
      return id
    }
    let sides = a.indices.map { (articleA, $0) } + b.indices.map { (articleB, $0) }
    // The keys of a sentence B repeats word for word from A are A's: a
    // profile depends only on the text, its figures and its hedges.
    var profiles: [String: (sentence: Sentence, ids: [Int32], weights: [Double])] = [:]
    for (article, i) in sides {
      let sentence = article.sentences[i]
      if let known = profiles[sentence.text], known.sentence.quantities == sentence.quantities,
        known.sentence.hedges == sentence.hedges
      {
        rawKeys.append(known.ids)
        rawWeights.append(known.weights)
        continue
      }
      let tokens = article.tokens(of: i)
      var pairs: [(Int32, Double)] = []
      pairs.reserveCapacity(tokens.count)
      for (k, t) in tokens.enumerated() where t.isWord {
        let entry: (SentenceProfile.WordClass, Int32)
        if let known = classes[t.lower] {
          entry = known
        } else {
          let c = SentenceProfile.wordClass(t.lower)
          entry = (c, c.skip ? -1 : idOf(c.key))
          classes[t.lower] = entry
        }
        guard let (key, weight) = SentenceProfile.keyAndWeight(entry.0, tokens, k) else { continue }
        pairs.append((key == entry.0.key ? entry.1 : idOf(key), weight))
      }
      for (key, weight) in SentenceProfile.figureKeys(sentence.quantities) + SentenceProfile.hedgeKeys(sentence.hedges)
      {
        pairs.append((idOf(key), weight))
      }
      // One entry per key, with its highest weight.
      pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 > $1.1 }
      var ids: [Int32] = []
      var ws: [Double] = []
      ids.reserveCapacity(pairs.count)
      ws.reserveCapacity(pairs.count)
      for (id, w) in pairs where ids.last != id {
        ids.append(id)
        ws.append(w)
      }
      rawKeys.append(ids)
      rawWeights.append(ws)
      profiles[sentence.text] = (sentence, ids, ws)
    }
    contentMask = isContent
    // Inverse document frequency over both articles.
    var df = [Int](repeating: 0, count: intern.count)
    for ks in rawKeys { for k in ks { df[Int(k)] += 1 } }
    let n = Double(max(1, na + nb))
    let idf = df.map { log(1 + n / Double(max($0, 1))) }
    weights = zip(rawKeys, rawWeights).map { ks, ws in zip(ks, ws).map { $1 * idf[Int($0)] } }
    keys = rawKeys
    totals = weights.map { $0.reduce(0, +) }
    var post = [[Int32]](repeating: [], count: intern.count)
    for j in 0..<nb { for k in rawKeys[na + j] { post[Int(k)].append(Int32(j)) } }
    postingsB = post
    var postA = [[Int32]](repeating: [], count: intern.count)
    for i in 0..<na { for k in rawKeys[i] { postA[Int(k)].append(Int32(i)) } }
    postingsA = postA
  }

  func compatible(_ i: Int, _ j: Int) -> Bool {
    let ka = kinds[i]
    let kb = kinds[na + j]
    if ka == .dateline || kb == .dateline { return false }
    if ka.isFurniture || kb.isFurniture { return ka == kb }
    return true
  }

  private func sharedWeight(_ x: Int, _ y: Int) -> Double {
    let kx = keys[x]
    let ky = keys[y]
    let wx = weights[x]
    let wy = weights[y]
    var p = 0
    var q = 0
    var shared = 0.0
    while p < kx.count && q < ky.count {
      if kx[p] == ky[q] {
        shared += min(wx[p], wy[q])
        p += 1
        q += 1
      } else if kx[p] < ky[q] {
        p += 1
      } else {
        q += 1
      }
    }
    return shared
  }

  /// Similarity of A's sentence `i` and B's sentence `j`, 0...1: weighted
  /// Dice overlap blended with containment of the shorter side.
  func similarity(_ i: Int, _ j: Int) -> Double {
    let ta = totals[i]
    let tb = totals[na + j]
    guard ta > 0, tb > 0 else { return 0 }
    let s = sharedWeight(i, na + j)
    let dice = 2 * s / (ta + tb)
    let containment = s / min(ta, tb)
    return min(1, 0.7 * dice + 0.3 * containment)
  }

  /// Share of B sentence `j`'s weight found in A sentence `i`.
  func containment(of j: Int, inA i: Int) -> Double {
    let tb = totals[na + j]
    guard tb > 0 else { return 0 }
    return sharedWeight(i, na + j) / tb
  }

  /// Share of A sentence `i`'s weight found in B sentence `j`.
  func containment(ofA i: Int, inB j: Int) -> Double {
    let ta = totals[i]
    guard ta > 0 else { return 0 }
    return sharedWeight(i, na + j) / ta
  }

  /// The two sentences share at least one content key (not only "said").
  func sharesContent(_ i: Int, _ j: Int) -> Bool {
    let kx = keys[i]
    let ky = keys[na + j]
    var p = 0
    var q = 0
    while p < kx.count && q < ky.count {
      if kx[p] == ky[q] {
        if contentMask[Int(kx[p])] { return true }
        p += 1
        q += 1
      } else if kx[p] < ky[q] {
        p += 1
      } else {
        q += 1
      }
    }
    return false
  }

  func bestSimilarityOfB(_ j: Int, excluding i: Int) -> Double {
    var best = 0.0
    for k in candidateA(forB: j) where k != i && compatible(k, j) { best = max(best, similarity(k, j)) }
    return best
  }

  func bestSimilarityOfA(_ i: Int, excluding j: Int) -> Double {
    var best = 0.0
    for k in candidateB(forA: i) where k != j && compatible(i, k) { best = max(best, similarity(i, k)) }
    return best
  }

  private func candidateB(forA i: Int) -> Set<Int> {
    var out = Set<Int>()
    for k in keys[i] where postingsB[Int(k)].count <= cap { for j in postingsB[Int(k)] { out.insert(Int(j)) } }
    return out
  }

  private func candidateA(forB j: Int) -> Set<Int> {
    var out = Set<Int>()
    for k in keys[na + j] where postingsA[Int(k)].count <= capA { for i in postingsA[Int(k)] { out.insert(Int(i)) } }
    return out
  }

  /// Keys held by more B sentences than this are too common to find
  /// candidates with (their weight is low anyway).
  private var cap: Int { max(12, nb / 25) }
  private var capA: Int { max(12, na / 25) }

  /// Every compatible pair sharing a rare key with similarity ≥ `minimum`.
  func candidates(minimum: Double) -> [Candidate] {
    var out: [Candidate] = []
    var acc = [Double](repeating: 0, count: nb)
    var touched: [Int] = []
    for i in 0..<na {
      touched.removeAll(keepingCapacity: true)
      for (p, k) in keys[i].enumerated() {
        let post = postingsB[Int(k)]
        guard post.count <= cap else { continue }
        let w = weights[i][p]
        for j32 in post {
          let j = Int(j32)
          if acc[j] == 0 { touched.append(j) }
          acc[j] += w
        }
      }
      let ta = totals[i]
      for j in touched {
        let partial = acc[j]
        acc[j] = 0
        // The rare keys alone must already make the pair plausible.
        let tb = totals[na + j]
        guard partial / min(ta, tb) >= minimum * 0.5, compatible(i, j) else { continue }
        let s = similarity(i, j)
        if s >= minimum { out.append(Candidate(i: i, j: j, sim: s)) }
      }
    }
    return out
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
