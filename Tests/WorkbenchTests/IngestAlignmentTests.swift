import Foundation
import Reporting
import Testing
import Yams

@testable import Workbench

/// Ingest and diff agree: on every rewrite and update pair of
/// Examples/evaluation, the claim sentences of B that the gold alignment pairs
/// with claim sentences of A become appearances of those claims, and the
/// claim sentences it calls added become claims of their own.
@Suite("Ingest links what the gold alignment pairs")
struct IngestAlignmentTests {
  struct Gold: Decodable {
    struct Pair: Decodable {
      var a: [String]
      var b: [String]
    }
    var kind: String?
    var pairs: [Pair]
  }

  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Examples/evaluation")

  static var cases: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.sorted().filter { name in
      guard let text = try? String(contentsOf: folder.appendingPathComponent(name + "/gold.yml"), encoding: .utf8),
        let gold = try? YAMLDecoder().decode(Gold.self, from: text)
      else { return false }
      return ["rewrite", "update"].contains(gold.kind ?? "")
    }
  }

  /// The index of the one sentence of `article` holding `fragment`.
  static func sentence(_ fragment: String, in article: Article) -> Int? {
    let wanted = Normalizer.normalize(fragment)
    let found = article.sentences.filter { $0.text.contains(wanted) }
    return found.count == 1 ? found[0].index : nil
  }

  @Test("the claims B restates are the claims of the sentences the gold pairs it with", arguments: cases)
  func agree(_ name: String) throws {
    let dir = Self.folder.appendingPathComponent(name)
    let gold = try YAMLDecoder().decode(
      Gold.self, from: String(contentsOf: dir.appendingPathComponent("gold.yml"), encoding: .utf8))
    let (textA, textB) = (
      try Data(contentsOf: dir.appendingPathComponent("a.txt")),
      try Data(contentsOf: dir.appendingPathComponent("b.txt"))
    )
    let (articleA, articleB) = (
      Article(text: String(decoding: textA, as: UTF8.self)), Article(text: String(decoding: textB, as: UTF8.self))
    )
    let f = try Fixture()
    let first = try f.workspace.addSource([UInt8](textA), name: "a", metadata: SourceMetadata(slug: "a"))
    let second =
      gold.kind == "update"
      ? try f.workspace.updateSource("a", bytes: [UInt8](textB), name: "b")
      : try f.workspace.addSource([UInt8](textB), name: "b", metadata: SourceMetadata(slug: "b"))
    let slugB = gold.kind == "update" ? "a" : "b"
    let versionB = gold.kind == "update" ? 2 : 1
    var claimOfA: [Int: String] = [:]
    for claim in first.created {
      for place in claim.appearances { if let k = place.sentence { claimOfA[k] = claim.id } }
    }
    var claimOfB: [Int: String] = [:]
    for claim in second.created + second.linked.map(\.claim) {
      for place in claim.appearances where place.source == slugB && place.version == versionB {
        if let k = place.sentence { claimOfB[k] = claim.id }
      }
    }
    let created = Set(second.created.map(\.id))
    for pair in gold.pairs {
      let a = pair.a.compactMap { Self.sentence($0, in: articleA) }.filter { claimOfA[$0] != nil }
      let b = pair.b.compactMap { Self.sentence($0, in: articleB) }.filter { articleB.sentences[$0].kind == .claim }
      guard !b.isEmpty else { continue }
      let label = "\(name): \(pair.b.first ?? "")"
      if pair.a.isEmpty {
        // Added in B: a claim of its own.
        for k in b {
          #expect(
            claimOfB[k].map(created.contains) == true, "\(label) should be a new claim, not \(claimOfB[k] ?? "nothing")"
          )
        }
      } else if !a.isEmpty {
        // Restated: never a new claim, and one of B's sentences holds an appearance of A's claim.
        let wanted = Set(a.compactMap { claimOfA[$0] })
        #expect(b.allSatisfy { claimOfB[$0].map { !created.contains($0) } ?? true }, "\(label) became a new claim")
        #expect(b.contains { claimOfB[$0].map(wanted.contains) == true }, "\(label) is not linked to \(wanted)")
        // A sentence split in two: each half is an appearance.
        #expect(b.allSatisfy { claimOfB[$0] != nil }, "\(label): a sentence of it is neither a claim nor an appearance")
      }
    }
  }
}
