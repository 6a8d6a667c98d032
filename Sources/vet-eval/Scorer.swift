import Foundation
import Reporting

/// Renders an evaluation report as aligned text.
enum Scorer {
  static func pct(_ x: Double) -> String { String(format: "%5.1f%%", x * 100) }

  static func render(_ report: Evaluation.Report, showMisses: Bool) -> String {
    var lines: [String] = []
    let types = ChangeType.allCases.map(\.rawValue)
    // Per change type: matched / predicted / gold.
    lines.append(
      "case                              align P   R      F1    "
        + Evaluation.scoredChangeTypes.map { "\($0.rawValue.prefix(5)) ok/pr/gd " }.joined())
    for c in report.cases {
      var row = c.name.padding(toLength: 32, withPad: " ", startingAt: 0)
      row += "  " + pct(c.alignment.precision) + " " + pct(c.alignment.recall) + " " + pct(c.alignment.f1)
      for t in Evaluation.scoredChangeTypes {
        let k = c.changes[t.rawValue] ?? Evaluation.Counts()
        row += "  \(k.truePositives)/\(k.truePositives + k.falsePositives)/\(k.truePositives + k.falseNegatives)"
          .padding(toLength: 12, withPad: " ", startingAt: 0)
      }
      lines.append(row)
    }
    lines.append("")
    let a = report.alignment
    lines.append(
      "alignment   precision \(pct(a.precision))  recall \(pct(a.recall))  F1 \(pct(a.f1))   (tp \(a.truePositives), fp \(a.falsePositives), fn \(a.falseNegatives))"
    )
    for t in types {
      let k = report.changes[t] ?? Evaluation.Counts()
      lines.append(
        "\(t.padding(toLength: 11, withPad: " ", startingAt: 0)) precision \(pct(k.precision))  recall \(pct(k.recall))   (tp \(k.truePositives), fp \(k.falsePositives), fn \(k.falseNegatives))"
      )
    }
    for k in ["headline", "dateline", "credit", "boilerplate"] {
      let c = report.kinds[k] ?? Evaluation.Counts()
      lines.append(
        "kind \(k.padding(toLength: 11, withPad: " ", startingAt: 0)) labelled \(c.truePositives)/\(c.truePositives + c.falseNegatives), false positives \(c.falsePositives)"
      )
    }
    let p = report.provenance
    lines.append("added/removed credit+boilerplate labelled \(p.truePositives)/\(p.truePositives + p.falseNegatives)")
    lines.append("")
    for bar in report.bars {
      lines.append("\(bar.met ? "ok  " : "MISS") \(bar.name): \(pct(bar.value)) (bar \(pct(bar.minimum)))")
    }
    if showMisses {
      for c in report.cases where !c.misses.isEmpty || !c.errors.isEmpty {
        lines.append("")
        lines.append("== \(c.name): \(c.verdict)")
        for e in c.errors { lines.append("  ERROR \(e)") }
        for m in c.misses { lines.append("  \(m)") }
      }
    }
    return lines.joined(separator: "\n")
  }

  /// Every sentence with its features, then every pair with its changes.
  static func dump(_ c: Evaluation.Case) -> String {
    let a = Article(text: c.a)
    let b = Article(text: c.b)
    var lines: [String] = []
    for (name, article) in [("A", a), ("B", b)] {
      for s in article.sentences {
        lines.append("\(name)\(s.index) [\(s.kind.rawValue)] p\(s.paragraph) \(s.text)")
        var f: [String] = []
        if let at = s.attribution { f.append("attr=\(at)") }
        if !s.quantities.isEmpty {
          f.append(
            "qty="
              + s.quantities.map {
                "\($0.text){v=\($0.value.map { String($0) } ?? "-") \($0.low.map { String($0) } ?? "")..\($0.high.map { String($0) } ?? "") m=\($0.modifier ?? "") u=\($0.unit ?? "")}"
              }.joined(separator: "; "))
        }
        if !s.hedges.isEmpty { f.append("hedges=\(s.hedges)") }
        if !s.entities.isEmpty { f.append("ent=\(s.entities)") }
        if !s.times.isEmpty { f.append("times=\(s.times)") }
        if !f.isEmpty { lines.append("      " + f.joined(separator: "  ")) }
      }
      lines.append("")
    }
    let diff = ReportingDiff.diff(a, b)
    for p in diff.pairs {
      let changes = p.changes.map { "\($0.type.rawValue): \"\($0.from)\" → \"\($0.to)\"" }.joined(separator: "; ")
      lines.append("A\(p.a) ~ B\(p.b) \(p.relation.rawValue) \(changes)")
    }
    lines.append("")
    lines.append(diff.summary.verdict)
    return lines.joined(separator: "\n")
  }
}
