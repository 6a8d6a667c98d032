/// Scores the reporting diff against hand-labelled article pairs.
///
/// The gold format is `Examples/evaluation/README.md`'s; parsing the YAML is
/// left to the caller (this module has no dependencies), which decodes it
/// into `GoldDocument`.
///
/// How it scores:
/// - **Units.** Scoring works on this module's sentences, except that a
///   dateline this module cuts off the first body sentence is joined back to
///   that sentence: the evaluation set's convention is that the dateline
///   belongs to the first body sentence. A unit counts as aligned if any of
///   its sentences is.
/// - **Fragments.** A gold fragment (normalized like article text) names the
///   one unit that contains it; a fragment found in no unit or in several is
///   reported as an error, and its pair's links are counted as missed.
/// - **Alignment.** Gold items are the (a, b) links of every pair (a 1:2
///   split gives two links), plus one item per removed A sentence and per
///   added B sentence. Predicted items are built the same way from the diff.
///   Precision, recall and F1 are over these items.
/// - **Changes.** A predicted change matches a gold change when they are of
///   the same type, sit in corresponding pairs (the predicted pair shares a
///   link with the gold pair) and their `from` and `to` overlap: compared
///   case-insensitively, one contains the other, and an empty side matches
///   only an empty side. Each gold change matches at most one prediction.
/// - **Kinds.** Every headline, dateline, credit and boilerplate sentence the
///   gold names must carry that kind; any other sentence given one of those
///   kinds is a false positive. Every added or removed pair the gold marks
///   `kind: credit` or `kind: boilerplate` must be predicted added/removed
///   and carry that kind.
public enum Evaluation {
  // MARK: Gold

  /// One typed change in a gold pair.
  public struct GoldChange: Codable, Sendable, Hashable {
    public var type: String
    public var from: String
    public var to: String

    public init(type: String, from: String, to: String) {
      self.type = type
      self.from = from
      self.to = to
    }
  }

  /// One gold pair: fragments naming sentences on each side.
  public struct GoldPair: Codable, Sendable {
    public var a: [String]
    public var b: [String]
    public var relation: String
    public var changes: [GoldChange]?
    public var kind: String?

    public init(a: [String], b: [String], relation: String, changes: [GoldChange]? = nil, kind: String? = nil) {
      self.a = a
      self.b = b
      self.relation = relation
      self.changes = changes
      self.kind = kind
    }
  }

  /// Headline, dateline, credit and boilerplate sentences per side.
  public struct GoldKinds: Codable, Sendable {
    public var a: [String: String]?
    public var b: [String: String]?

    public init(a: [String: String]? = nil, b: [String: String]? = nil) {
      self.a = a
      self.b = b
    }
  }

  /// The content of one `gold.yml`.
  public struct GoldDocument: Codable, Sendable {
    public var description: String?
    public var kind: String?
    public var pairs: [GoldPair]
    public var kinds: GoldKinds?

    public init(description: String? = nil, kind: String? = nil, pairs: [GoldPair], kinds: GoldKinds? = nil) {
      self.description = description
      self.kind = kind
      self.pairs = pairs
      self.kinds = kinds
    }
  }

  /// One labelled pair of articles.
  public struct Case: Sendable {
    public var name: String
    public var a: String
    public var b: String
    public var gold: GoldDocument

    public init(name: String, a: String, b: String, gold: GoldDocument) {
      self.name = name
      self.a = a
      self.b = b
      self.gold = gold
    }
  }

  // MARK: Reports

  /// True/false positives and false negatives, with the derived rates.
  public struct Counts: Codable, Sendable, Hashable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0

    public init() {}

    public var precision: Double {
      let d = truePositives + falsePositives
      return d == 0 ? 1 : Double(truePositives) / Double(d)
    }
    public var recall: Double {
      let d = truePositives + falseNegatives
      return d == 0 ? 1 : Double(truePositives) / Double(d)
    }
    public var f1: Double {
      let p = precision
      let r = recall
      return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    static func + (l: Counts, r: Counts) -> Counts {
      var c = Counts()
      c.truePositives = l.truePositives + r.truePositives
      c.falsePositives = l.falsePositives + r.falsePositives
      c.falseNegatives = l.falseNegatives + r.falseNegatives
      return c
    }
  }

  /// The scores of one case and what it got wrong.
  public struct CaseReport: Codable, Sendable {
    public var name: String
    public var alignment = Counts()
    /// Keyed by change type.
    public var changes: [String: Counts] = [:]
    /// Keyed by sentence kind (headline, dateline, credit, boilerplate).
    public var kinds: [String: Counts] = [:]
    /// Gold added/removed pairs marked credit or boilerplate, and how many
    /// of them the diff labelled as such.
    public var provenance = Counts()
    /// Human-readable misses, for tuning.
    public var misses: [String] = []
    /// Fragments that could not be resolved.
    public var errors: [String] = []
    public var verdict = ""

    public init(name: String) { self.name = name }
  }

  /// A quality bar and whether it was met.
  public struct Bar: Codable, Sendable {
    public var name: String
    public var value: Double
    public var minimum: Double
    public var met: Bool { value >= minimum - 1e-12 }
  }

  /// The whole set's scores.
  public struct Report: Codable, Sendable {
    public var cases: [CaseReport]
    public var alignment = Counts()
    public var changes: [String: Counts] = [:]
    public var kinds: [String: Counts] = [:]
    public var provenance = Counts()
    public var bars: [Bar] = []
    public var passed: Bool { bars.allSatisfy(\.met) }
  }

  /// The change types the product's bars cover.
  public static let scoredChangeTypes: [ChangeType] = [.quantity, .hedge, .attribution]

  // MARK: Scoring

  /// Diffs every case and scores it against its gold labels.
  public static func evaluate(_ cases: [Case]) -> Report {
    var reports: [CaseReport] = []
    for c in cases {
      let a = Article(text: c.a)
      let b = Article(text: c.b)
      let diff = ReportingDiff.diff(a, b)
      reports.append(score(c, a: a, b: b, diff: diff))
    }
    var report = Report(cases: reports)
    for r in reports {
      report.alignment = report.alignment + r.alignment
      for (k, v) in r.changes { report.changes[k] = (report.changes[k] ?? Counts()) + v }
      for (k, v) in r.kinds { report.kinds[k] = (report.kinds[k] ?? Counts()) + v }
      report.provenance = report.provenance + r.provenance
    }
    report.bars.append(Bar(name: "alignment F1", value: report.alignment.f1, minimum: 0.95))
    for t in scoredChangeTypes {
      let c = report.changes[t.rawValue] ?? Counts()
      report.bars.append(Bar(name: "\(t.rawValue) precision", value: c.precision, minimum: 0.9))
      report.bars.append(Bar(name: "\(t.rawValue) recall", value: c.recall, minimum: 0.9))
    }
    for k in [SentenceKind.credit, .boilerplate] {
      let c = report.kinds[k.rawValue] ?? Counts()
      report.bars.append(Bar(name: "\(k.rawValue) labelled", value: c.recall, minimum: 1))
    }
    report.bars.append(
      Bar(name: "added/removed credit and boilerplate labelled", value: report.provenance.recall, minimum: 1))
    return report
  }

  /// Scoring units of one article: sentence indices grouped, text joined.
  struct Units {
    var members: [[Int]]
    var unitOf: [Int]
    var texts: [String]
    var kinds: [SentenceKind]

    init(_ article: Article) {
      members = []
      unitOf = Array(repeating: 0, count: article.sentences.count)
      texts = []
      kinds = []
      var k = 0
      let s = article.sentences
      while k < s.count {
        if s[k].kind == .dateline, k + 1 < s.count, s[k + 1].paragraph == s[k].paragraph {
          members.append([k, k + 1])
          texts.append(s[k].text + " " + s[k + 1].text)
          kinds.append(.dateline)
          unitOf[k] = members.count - 1
          unitOf[k + 1] = members.count - 1
          k += 2
        } else {
          members.append([k])
          texts.append(s[k].text)
          kinds.append(s[k].kind)
          unitOf[k] = members.count - 1
          k += 1
        }
      }
    }

    /// The unit containing `fragment`, if exactly one does.
    func resolve(_ fragment: String) -> Int? {
      let f = Normalizer.normalize(fragment).replacingNewlines()
      var found: Int? = nil
      for (u, t) in texts.enumerated() where t.includes(f) {
        if found != nil { return nil }
        found = u
      }
      return found
    }
  }

  private struct Link: Hashable {
    var a: Int
    var b: Int
  }

  static func score(_ c: Case, a: Article, b: Article, diff: DocumentDiff) -> CaseReport {
    var report = CaseReport(name: c.name)
    report.verdict = diff.summary.verdict
    let ua = Units(a)
    let ub = Units(b)

    // Gold items.
    var goldLinks = Set<Link>()
    var goldRemoved = Set<Int>()
    var goldAdded = Set<Int>()
    var goldPairUnits: [(a: Set<Int>, b: Set<Int>)] = []
    for (n, p) in c.gold.pairs.enumerated() {
      var sa = Set<Int>()
      var sb = Set<Int>()
      for f in p.a {
        if let u = ua.resolve(f) {
          sa.insert(u)
        } else {
          report.errors.append("pair \(n + 1): A fragment not found once: \"\(f)\"")
        }
      }
      for f in p.b {
        if let u = ub.resolve(f) {
          sb.insert(u)
        } else {
          report.errors.append("pair \(n + 1): B fragment not found once: \"\(f)\"")
        }
      }
      goldPairUnits.append((sa, sb))
      if p.a.isEmpty {
        goldAdded.formUnion(sb)
      } else if p.b.isEmpty {
        goldRemoved.formUnion(sa)
      } else {
        for x in sa { for y in sb { goldLinks.insert(Link(a: x, b: y)) } }
        // An unresolved fragment still stands for links the diff must find.
        let missing = (p.a.count - sa.count) * max(1, p.b.count) + (p.b.count - sb.count) * max(1, sa.count)
        report.alignment.falseNegatives += max(0, missing)
      }
    }

    // Predicted items.
    var predLinks = Set<Link>()
    var predPairUnits: [(a: Set<Int>, b: Set<Int>)] = []
    var alignedA = Set<Int>()
    var alignedB = Set<Int>()
    for p in diff.pairs {
      let sa = Set(p.a.map { ua.unitOf[$0] })
      let sb = Set(p.b.map { ub.unitOf[$0] })
      predPairUnits.append((sa, sb))
      guard !sa.isEmpty, !sb.isEmpty else { continue }
      alignedA.formUnion(sa)
      alignedB.formUnion(sb)
      for x in sa { for y in sb { predLinks.insert(Link(a: x, b: y)) } }
    }
    let predRemoved = Set(0..<ua.members.count).subtracting(alignedA)
    let predAdded = Set(0..<ub.members.count).subtracting(alignedB)

    func describeA(_ u: Int) -> String { "A\(u) \"\(ua.texts[u].prefix(60))\"" }
    func describeB(_ u: Int) -> String { "B\(u) \"\(ub.texts[u].prefix(60))\"" }

    report.alignment.truePositives += goldLinks.intersection(predLinks).count
    report.alignment.truePositives += goldRemoved.intersection(predRemoved).count
    report.alignment.truePositives += goldAdded.intersection(predAdded).count
    for l in goldLinks.subtracting(predLinks).sorted(by: { ($0.a, $0.b) < ($1.a, $1.b) }) {
      report.alignment.falseNegatives += 1
      report.misses.append("missed link \(describeA(l.a)) ~ \(describeB(l.b))")
    }
    for l in predLinks.subtracting(goldLinks).sorted(by: { ($0.a, $0.b) < ($1.a, $1.b) }) {
      report.alignment.falsePositives += 1
      report.misses.append("wrong link \(describeA(l.a)) ~ \(describeB(l.b))")
    }
    for u in goldRemoved.subtracting(predRemoved).sorted() {
      report.alignment.falseNegatives += 1
      report.misses.append("not marked removed: \(describeA(u))")
    }
    for u in predRemoved.subtracting(goldRemoved).sorted() {
      report.alignment.falsePositives += 1
      report.misses.append("wrongly removed: \(describeA(u))")
    }
    for u in goldAdded.subtracting(predAdded).sorted() {
      report.alignment.falseNegatives += 1
      report.misses.append("not marked added: \(describeB(u))")
    }
    for u in predAdded.subtracting(goldAdded).sorted() {
      report.alignment.falsePositives += 1
      report.misses.append("wrongly added: \(describeB(u))")
    }

    // Changes.
    var goldChanges: [(pair: Int, change: GoldChange)] = []
    for (n, p) in c.gold.pairs.enumerated() {
      for ch in p.changes ?? [] { goldChanges.append((n, ch)) }
    }
    var goldUsed = [Bool](repeating: false, count: goldChanges.count)
    for t in ChangeType.allCases { report.changes[t.rawValue] = Counts() }
    for (pi, p) in diff.pairs.enumerated() where !p.a.isEmpty && !p.b.isEmpty {
      let pu = predPairUnits[pi]
      for ch in p.changes {
        var matched = false
        for (g, gc) in goldChanges.enumerated() where !goldUsed[g] && gc.change.type == ch.type.rawValue {
          let gu = goldPairUnits[gc.pair]
          guard !gu.a.isDisjoint(with: pu.a), !gu.b.isDisjoint(with: pu.b) else { continue }
          if overlaps(ch.from, gc.change.from) && overlaps(ch.to, gc.change.to) {
            goldUsed[g] = true
            matched = true
            break
          }
        }
        if matched {
          report.changes[ch.type.rawValue, default: Counts()].truePositives += 1
        } else {
          report.changes[ch.type.rawValue, default: Counts()].falsePositives += 1
          report.misses.append(
            "spurious \(ch.type.rawValue) \"\(ch.from)\" → \"\(ch.to)\" in A\(pu.a.sorted()) ~ B\(pu.b.sorted())")
        }
      }
    }
    for (g, gc) in goldChanges.enumerated() where !goldUsed[g] {
      report.changes[gc.change.type, default: Counts()].falseNegatives += 1
      let gu = goldPairUnits[gc.pair]
      report.misses.append(
        "missed \(gc.change.type) \"\(gc.change.from)\" → \"\(gc.change.to)\" in A\(gu.a.sorted()) ~ B\(gu.b.sorted())")
    }

    // Kinds.
    for k in [SentenceKind.headline, .dateline, .credit, .boilerplate] { report.kinds[k.rawValue] = Counts() }
    var goldKindA: [Int: String] = [:]
    var goldKindB: [Int: String] = [:]
    for (f, k) in c.gold.kinds?.a ?? [:] {
      if let u = ua.resolve(f) {
        goldKindA[u] = k
      } else {
        report.errors.append("kinds: A fragment not found once: \"\(f)\"")
      }
    }
    for (f, k) in c.gold.kinds?.b ?? [:] {
      if let u = ub.resolve(f) {
        goldKindB[u] = k
      } else {
        report.errors.append("kinds: B fragment not found once: \"\(f)\"")
      }
    }
    func scoreKinds(_ units: Units, _ gold: [Int: String], side: String) {
      for u in 0..<units.members.count {
        let predicted = units.kinds[u]
        let g = gold[u]
        if let g {
          if predicted.rawValue == g {
            report.kinds[g, default: Counts()].truePositives += 1
          } else {
            report.kinds[g, default: Counts()].falseNegatives += 1
            report.misses.append(
              "\(side)\(u) should be \(g), is \(predicted.rawValue): \"\(units.texts[u].prefix(60))\"")
          }
        } else if predicted.isFurniture {
          report.kinds[predicted.rawValue, default: Counts()].falsePositives += 1
          report.misses.append("\(side)\(u) wrongly \(predicted.rawValue): \"\(units.texts[u].prefix(60))\"")
        }
      }
    }
    scoreKinds(ua, goldKindA, side: "A")
    scoreKinds(ub, goldKindB, side: "B")

    // Provenance: stripped credit, scraped boilerplate.
    for (n, p) in c.gold.pairs.enumerated() {
      guard let kind = p.kind else { continue }
      let gu = goldPairUnits[n]
      let units = p.a.isEmpty ? gu.b : gu.a
      for u in units {
        let unaligned = p.a.isEmpty ? predAdded.contains(u) : predRemoved.contains(u)
        let k = p.a.isEmpty ? ub.kinds[u] : ua.kinds[u]
        if unaligned && k.rawValue == kind {
          report.provenance.truePositives += 1
        } else {
          report.provenance.falseNegatives += 1
          report.misses.append(
            "\(p.a.isEmpty ? "added" : "removed") \(kind) not labelled: \"\((p.a.isEmpty ? ub.texts[u] : ua.texts[u]).prefix(60))\""
          )
        }
      }
    }
    return report
  }

  /// The overlap rule for `from`/`to`: case-insensitive containment either
  /// way; empty matches only empty.
  static func overlaps(_ x: String, _ y: String) -> Bool {
    let a = Normalizer.normalize(x).lowercased().trimming(chars: " .,;:\"'")
    let b = Normalizer.normalize(y).lowercased().trimming(chars: " .,;:\"'")
    if a.isEmpty || b.isEmpty { return a.isEmpty && b.isEmpty }
    return a.includes(b) || b.includes(a)
  }
}
