/// Classifies how the meaning of aligned sentences drifted, change by change.
///
/// Works on the features the extractors found, not on words: a figure is
/// compared by value, bounds and modifier (so "40" and "forty" agree and
/// "at least 40" and "dozens" do not), hedges by canonical phrase, sources by
/// their content words. Rewording alone yields no change.
enum DriftClassifier {
  /// The relation of a pair given its changes.
  static func relation(_ a: [Sentence], _ b: [Sentence], changes: [Change]) -> Relation {
    if a.isEmpty { return .added }
    if b.isEmpty { return .removed }
    if a.map(\.text).joined(separator: " ") == b.map(\.text).joined(separator: " ") { return .identical }
    return changes.isEmpty ? .reworded : .changed
  }

  static func changes(from a: [Sentence], to b: [Sentence]) -> [Change] {
    guard !a.isEmpty, !b.isEmpty else { return [] }
    if a.map(\.text) == b.map(\.text) { return [] }
    var out: [Change] = []
    let aAttr = a.compactMap(\.attribution)
    let bAttr = b.compactMap(\.attribution)
    out += attributionChanges(aAttr, bAttr)
    out += quantityChanges(
      a.flatMap { s in s.quantities.filter { !isInside($0.text, s.attribution) } },
      b.flatMap { s in s.quantities.filter { !isInside($0.text, s.attribution) } })
    out += hedgeChanges(a.flatMap(\.hedges), b.flatMap(\.hedges))
    let furniture = a.contains { $0.kind.isFurniture } || b.contains { $0.kind.isFurniture }
    if !furniture {
      out += entityChanges(
        a.flatMap { s in s.entities.filter { !isInside($0, s.attribution) } },
        b.flatMap { s in s.entities.filter { !isInside($0, s.attribution) } },
        aText: a.map(\.text).joined(separator: " "), bText: b.map(\.text).joined(separator: " "))
      out += timeChanges(a.flatMap(\.times), b.flatMap(\.times))
    }
    return out
  }

  private static func isInside(_ text: String, _ container: String?) -> Bool {
    guard let c = container else { return false }
    return c.contains(text)
  }

  // MARK: Attribution

  static func attributionChanges(_ a: [String], _ b: [String]) -> [Change] {
    var restA = a
    var restB = b
    for x in a {
      if let k = restB.firstIndex(where: { sameSource(x, $0) }), let m = restA.firstIndex(of: x) {
        restB.remove(at: k)
        restA.remove(at: m)
      }
    }
    var out: [Change] = []
    while !restA.isEmpty || !restB.isEmpty {
      let x = restA.isEmpty ? "" : restA.removeFirst()
      let y = restB.isEmpty ? "" : restB.removeFirst()
      out.append(Change(type: .attribution, from: x, to: y))
    }
    return out
  }

  private static let pronouns: Set<String> = ["he", "she", "they", "it", "we", "i", "you"]

  /// Two attributions name the same source: the same content words, or one
  /// names a person the other describes more fully, or one is a pronoun.
  static func sameSource(_ x: String, _ y: String) -> Bool {
    let tx = Tokenizer.tokenize(x).filter { $0.isWord || $0.isNumber }
    let ty = Tokenizer.tokenize(y).filter { $0.isWord || $0.isNumber }
    if tx.count == 1 && pronouns.contains(tx[0].lower) { return true }
    if ty.count == 1 && pronouns.contains(ty[0].lower) { return true }
    func content(_ ts: [Token]) -> Set<String> {
      Set(ts.filter { !Stopwords.all.contains($0.lower) || QuantityExtractor.isNumberWord($0.lower) }.map { Stemmer.stem($0.lower) })
    }
    let cx = content(tx)
    let cy = content(ty)
    if cx == cy { return true }
    let (small, smallTokens) = cx.count <= cy.count ? (cx, tx) : (cy, ty)
    let large = cx.count <= cy.count ? cy : cx
    if small.isSubset(of: large) {
      // "Maria Lopez" and "Maria Lopez, a coast guard spokeswoman" are one
      // source; "the coast guard" and "a coast guard spokeswoman" are not.
      return hasName(smallTokens)
    }
    return false
  }

  /// A proper name among the tokens: a capitalised word that is not just
  /// the capitalised first word of the phrase.
  private static func hasName(_ ts: [Token]) -> Bool {
    for (k, t) in ts.enumerated() where t.isCapitalized && !Stopwords.all.contains(t.lower) {
      if k > 0 || t.isAllCaps { return true }
      if k + 1 < ts.count, ts[k + 1].isCapitalized { return true }
    }
    return false
  }

  // MARK: Quantities

  static func equivalent(_ x: Quantity, _ y: Quantity) -> Bool {
    if x.isVague != y.isVague { return false }
    if ModifierClass(x.modifier) != ModifierClass(y.modifier) { return false }
    return x.value == y.value && x.low == y.low && x.high == y.high
  }

  static func quantityChanges(_ a: [Quantity], _ b: [Quantity]) -> [Change] {
    var restA = a
    var restB = b
    // Same figure on both sides: no change, whatever the wording.
    var k = 0
    while k < restA.count {
      if let m = restB.firstIndex(where: { equivalent(restA[k], $0) }) {
        restA.remove(at: k)
        restB.remove(at: m)
      } else {
        k += 1
      }
    }
    // Pair what is left by counted noun and closeness of value.
    var candidates: [(Int, Int, Double)] = []
    for (i, x) in restA.enumerated() {
      for (j, y) in restB.enumerated() {
        if let s = pairScore(x, y) { candidates.append((i, j, s)) }
      }
    }
    candidates.sort { $0.2 > $1.2 }
    var usedA = Set<Int>()
    var usedB = Set<Int>()
    var pairs: [(Int, Int)] = []
    for (i, j, _) in candidates where !usedA.contains(i) && !usedB.contains(j) {
      usedA.insert(i)
      usedB.insert(j)
      pairs.append((i, j))
    }
    var out: [Change] = []
    for (i, x) in restA.enumerated() {
      if let p = pairs.first(where: { $0.0 == i }) {
        out.append(Change(type: .quantity, from: x.text, to: restB[p.1].text))
      } else {
        out.append(Change(type: .quantity, from: x.text, to: ""))
      }
    }
    for (j, y) in restB.enumerated() where !usedB.contains(j) {
      out.append(Change(type: .quantity, from: "", to: y.text))
    }
    return out
  }

  /// How plausibly `y` is `x` revised; nil if they count different things.
  private static func pairScore(_ x: Quantity, _ y: Quantity) -> Double? {
    var score = 0.0
    if let ux = x.unit, let uy = y.unit {
      let kx = Synonyms.key(ux)
      let ky = Synonyms.key(uy)
      if kx != ky && Stemmer.stem(ux) != Stemmer.stem(uy) { return nil }
      score += 2
    }
    let (lx, hx) = bounds(x)
    let (ly, hy) = bounds(y)
    if let lx, let hx, let ly, let hy {
      if lx <= hy && ly <= hx {
        score += 2
      } else {
        let ratio = max(lx, ly) / max(1, min(hx, hy))
        score += max(0, 1 - log10(max(ratio, 1)))
      }
    }
    return score
  }

  private static func bounds(_ q: Quantity) -> (Double?, Double?) {
    let lo = q.low ?? q.value
    let hi = q.high ?? q.value ?? (q.low.map { $0 * 4 })
    return (lo, hi)
  }

  // MARK: Hedges and certainty

  static func hedgeChanges(_ a: [String], _ b: [String]) -> [Change] {
    var out: [Change] = []
    for category in [HedgeLexicon.Category.hedge, .certainty] {
      let type: ChangeType = category == .hedge ? .hedge : .certainty
      let xa = a.filter { HedgeLexicon.category(of: $0) == category }
      let xb = b.filter { HedgeLexicon.category(of: $0) == category }
      var restA = xa
      var restB = xb
      var k = 0
      while k < restA.count {
        let c = HedgeLexicon.canonical(restA[k])
        if let m = restB.firstIndex(where: { HedgeLexicon.canonical($0) == c }) {
          restA.remove(at: k)
          restB.remove(at: m)
        } else {
          k += 1
        }
      }
      while !restA.isEmpty || !restB.isEmpty {
        let x = restA.isEmpty ? "" : restA.removeFirst()
        let y = restB.isEmpty ? "" : restB.removeFirst()
        out.append(Change(type: type, from: x, to: y))
      }
    }
    return out
  }

  // MARK: Entities and details

  private static func sameEntity(_ x: String, _ y: String) -> Bool {
    let wx = Set(x.lowercased().split(separator: " ").map { Stemmer.stem(String($0)) })
    let wy = Set(y.lowercased().split(separator: " ").map { Stemmer.stem(String($0)) })
    return wx.isSubset(of: wy) || wy.isSubset(of: wx)
  }

  static func entityChanges(_ a: [String], _ b: [String], aText: String, bText: String) -> [Change] {
    let aLower = aText.lowercased()
    let bLower = bText.lowercased()
    // A name the other side still mentions (even uncapitalised or inside an
    // attribution) has not changed.
    let restA = a.filter { x in !b.contains { sameEntity(x, $0) } && !bLower.contains(x.lowercased()) }
    let restB = b.filter { y in !a.contains { sameEntity(y, $0) } && !aLower.contains(y.lowercased()) }
    var out: [Change] = []
    var ia = restA.makeIterator()
    var ib = restB.makeIterator()
    var x = ia.next()
    var y = ib.next()
    while x != nil || y != nil {
      if let xv = x, let yv = y {
        out.append(Change(type: .entity, from: xv, to: yv))
      } else if let xv = x {
        out.append(Change(type: .detail, from: xv, to: ""))
      } else if let yv = y {
        out.append(Change(type: .detail, from: "", to: yv))
      }
      x = ia.next()
      y = ib.next()
    }
    return out
  }

  static func timeChanges(_ a: [String], _ b: [String]) -> [Change] {
    func canon(_ t: String) -> String {
      t.lowercased().split(separator: " ").filter { !["on", "late", "early", "in", "at"].contains($0) }.joined(separator: " ")
    }
    let ca = a.map(canon)
    let cb = b.map(canon)
    let restA = zip(a, ca).filter { !cb.contains($0.1) }.map(\.0)
    let restB = zip(b, cb).filter { !ca.contains($0.1) }.map(\.0)
    var out: [Change] = []
    let n = max(restA.count, restB.count)
    for k in 0..<n {
      out.append(Change(type: .detail, from: k < restA.count ? restA[k] : "", to: k < restB.count ? restB[k] : ""))
    }
    return out
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
