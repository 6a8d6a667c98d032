import Foundation
import Reporting
import Testing
import Yams

@testable import Workbench

/// The article-level cases of Examples/identity/articles: two articles
/// ingested one after the other, scored as links between their sentences.
/// (The case of one article ingested in two clones is `TwinPullTests`.)
@Suite("Claim identity on whole articles")
struct IdentityArticleTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Examples/identity/articles")

  /// One case of cases.yml, read loosely: its link lists are keyed by the files' names.
  struct Case: CustomTestStringConvertible {
    var id: String
    var kind: String
    var source: String
    var other: String
    /// Expected links, as (fragment in source, fragment in other).
    var links: [(String, String)]
    /// Sentences of `other` that must not be linked to anything.
    var unlinked: [String]
    var testDescription: String { id }
  }

  static var cases: [Case] {
    guard let text = try? String(contentsOf: folder.appendingPathComponent("cases.yml"), encoding: .utf8),
      let list = (try? Yams.load(yaml: text)) as? [[String: Any]]
    else { return [] }
    return list.compactMap { entry in
      guard let id = entry["id"] as? String, let kind = entry["kind"] as? String, kind != "same-text",
        let files = entry["files"] as? [String: String], let source = files["source"], let other = files["other"]
      else { return nil }
      let (stemA, stemB) = (stem(source), stem(other))
      var links: [(String, String)] = []
      for link in entry["links"] as? [[String: Any]] ?? [] {
        guard let a = link[stemA] as? String else { continue }
        for b in link[stemB] as? [String] ?? [] { links.append((a, b)) }
      }
      let unlinked = (entry["unlinked"] as? [String: Any])?[other] as? [String] ?? []
      return Case(id: id, kind: kind, source: source, other: other, links: links, unlinked: unlinked)
    }
  }

  static func stem(_ file: String) -> String { String(file.prefix { $0 != "." }) }

  static func sentence(_ fragment: String, in article: Article) -> Int? {
    IngestAlignmentTests.sentence(fragment, in: article)
  }

  @Test("every expected link is made, and nothing else links the two articles", arguments: cases)
  func links(_ c: Case) throws {
    let dir = Self.folder.appendingPathComponent(c.id)
    let (textA, textB) = (
      try Data(contentsOf: dir.appendingPathComponent(c.source)),
      try Data(contentsOf: dir.appendingPathComponent(c.other))
    )
    let (articleA, articleB) = (
      Article(text: String(decoding: textA, as: UTF8.self)), Article(text: String(decoding: textB, as: UTF8.self))
    )
    let f = try Fixture()
    _ = try f.workspace.addSource([UInt8](textA), name: c.source, metadata: SourceMetadata(slug: "a"))
    let isUpdate = c.kind == "update"
    _ =
      isUpdate
      ? try f.workspace.updateSource("a", bytes: [UInt8](textB), name: c.other)
      : try f.workspace.addSource([UInt8](textB), name: c.other, metadata: SourceMetadata(slug: "b"))
    let sideB = isUpdate ? ("a", 2) : ("b", 1)
    // Links made: every (A sentence, B sentence) that one claim holds.
    var made = Set<[Int]>()
    var linkedB = Set<Int>()
    for summary in try f.workspace.claims() {
      let claim = try f.workspace.claim(summary.id)
      let a = claim.appearances.filter { $0.source == "a" && $0.version == 1 }.compactMap(\.sentence)
      let b = claim.appearances.filter { $0.source == sideB.0 && $0.version == sideB.1 }.compactMap(\.sentence)
      for i in a { for j in b { made.insert([i, j]) } }
      if !a.isEmpty { linkedB.formUnion(b) }
    }
    // Headlines matched to headlines are neither right nor wrong.
    let furniture = { (i: Int, j: Int) in articleA.sentences[i].kind != .claim || articleB.sentences[j].kind != .claim }
    let expected = Set(
      c.links.compactMap { a, b in
        Self.sentence(a, in: articleA).flatMap { i in Self.sentence(b, in: articleB).map { [i, $0] } }
      })
    #expect(expected.count == c.links.count, "\(c.id): a fragment of cases.yml names no single sentence")
    let scored = made.filter { !furniture($0[0], $0[1]) }
    let found = scored.intersection(expected).count
    let precision = scored.isEmpty ? 1 : Double(found) / Double(scored.count)
    let recall = expected.isEmpty ? 1 : Double(found) / Double(expected.count)
    print(
      String(
        format: "identity article %@: %d links, precision %.3f, recall %.3f", c.id, scored.count, precision, recall))
    for link in scored.subtracting(expected).sorted(by: { $0.lexicographicallyPrecedes($1) }) {
      Issue.record(
        "\(c.id): linked \"\(articleA.sentences[link[0]].text)\" with \"\(articleB.sentences[link[1]].text)\"")
    }
    for link in expected.subtracting(scored).sorted(by: { $0.lexicographicallyPrecedes($1) }) {
      Issue.record(
        "\(c.id): did not link \"\(articleA.sentences[link[0]].text)\" with \"\(articleB.sentences[link[1]].text)\"")
    }
    for fragment in c.unlinked {
      let j = Self.sentence(fragment, in: articleB)
      #expect(j.map { !linkedB.contains($0) } == true, "\(c.id): \"\(fragment)\" must stay a claim of its own")
    }
  }
}
