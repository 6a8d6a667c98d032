import Foundation
import Testing
import Yams

@testable import Reporting

/// Scores the diff against the labelled set in Examples/evaluation, the same
/// way `vet-eval --check` does, and asserts the product's bars.
@Suite("Evaluation set")
struct EvaluationTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func loadCases() throws -> [Evaluation.Case] {
    let dir = root.appendingPathComponent("Examples/evaluation")
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    var cases: [Evaluation.Case] = []
    for name in names {
      let folder = dir.appendingPathComponent(name)
      let gold = folder.appendingPathComponent("gold.yml")
      guard FileManager.default.fileExists(atPath: gold.path) else { continue }
      let doc = try YAMLDecoder().decode(Evaluation.GoldDocument.self, from: String(contentsOf: gold, encoding: .utf8))
      cases.append(
        Evaluation.Case(
          name: name, a: try String(contentsOf: folder.appendingPathComponent("a.txt"), encoding: .utf8),
          b: try String(contentsOf: folder.appendingPathComponent("b.txt"), encoding: .utf8), gold: doc))
    }
    return cases
  }

  @Test func meetsTheQualityBars() throws {
    let cases = try Self.loadCases()
    #expect(cases.count >= 8)
    let report = Evaluation.evaluate(cases)
    for bar in report.bars {
      print(String(format: "%@ %@: %.1f%%", bar.met ? "ok  " : "MISS", bar.name, bar.value * 100))
    }
    for c in report.cases { #expect(c.errors.isEmpty, "\(c.name): \(c.errors)") }
    for bar in report.bars { #expect(bar.met, "\(bar.name) is \(bar.value), bar \(bar.minimum)") }
  }

  @Test func unrelatedPairIsCalledUnrelated() throws {
    let cases = try Self.loadCases().filter { $0.gold.kind == "unrelated" }
    for c in cases {
      let diff = ReportingDiff.diff(Article(text: c.a), Article(text: c.b))
      #expect(diff.summary.verdict.hasPrefix("B appears unrelated to A"))
      #expect(diff.pairs.allSatisfy { $0.a.isEmpty || $0.b.isEmpty })
    }
  }

  @Test func scorerCountsSplitsAsSeveralLinks() {
    let gold = Evaluation.GoldDocument(
      pairs: [
        .init(a: ["The ferry sank"], b: ["The boat went down", "Nobody was hurt"], relation: "reworded", changes: [])
      ])
    let c = Evaluation.Case(
      name: "split", a: "The ferry sank and nobody was hurt.", b: "The boat went down. Nobody was hurt.", gold: gold)
    let report = Evaluation.evaluate([c])
    #expect(report.alignment.truePositives + report.alignment.falseNegatives == 2)
  }

  @Test func overlapRuleForFromAndTo() {
    #expect(Evaluation.overlaps("at least 40 people", "at least 40"))
    #expect(Evaluation.overlaps("Dozens", "dozens of people"))
    #expect(Evaluation.overlaps("", ""))
    #expect(!Evaluation.overlaps("", "were feared"))
  }
}

/// Timings of the reporting diff as articles grow.
///
/// Printed, not asserted: debug builds and shared machines make absolute
/// times meaningless here; `vet-eval --bench` in a release build gives the
/// real figures.
@Suite("Diff cost")
struct DiffCostTests {
  @Test func printsTimingsForGrowingArticles() {
    for n in [250, 500, 1000] {
      let a = (0..<n).map {
        "Rescuers found \($0 % 90 + 2) survivors near pier \($0) in Port Halven on Friday, officials said."
      }
      let b = a.enumerated().map {
        $0.offset % 10 == 0
          ? "Officials said \($0.offset % 90 + 2) survivors were found by rescuers at pier \($0.offset)." : $0.element
      }
      let ta = Article(text: a.joined(separator: " "))
      let tb = Article(text: b.joined(separator: " "))
      let start = DispatchTime.now().uptimeNanoseconds
      let diff = ReportingDiff.diff(ta, tb)
      let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
      print(String(format: "diff of two %d-sentence articles: %.1f ms (debug build)", n, ms))
      #expect(diff.pairs.filter { !$0.a.isEmpty && !$0.b.isEmpty }.count >= n * 9 / 10)
    }
  }
}
