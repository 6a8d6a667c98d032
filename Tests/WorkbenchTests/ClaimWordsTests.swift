import TestSupport
import Testing

@testable import Workbench

@Suite("Claim index words: the ASCII fast path finds the words the character path finds")
struct ClaimWordsTests {
  @Test("random ASCII text gives the same words both ways; other text is left to the character path")
  func asciiMatchesCharacters() {
    // Letters of both cases, digits, punctuation, controls and stopwords, so every branch is taken.
    let pieces = [
      "Ferry", "CAPSIZED", "near", "Port", "Halven", "40", "2024", "said", "their", "officials", "x", "abc", "abcd",
      "abcdef", "Mid-Sea", "a1b2", "99th", " ", "  ", ",", ".", "'", "\t", "\n", "(", ")", "/", "-", "_", "\u{7F}",
      "\u{1}",
    ]
    var random = SystemRandomNumberGenerator()
    for _ in 0..<2000 {
      let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }
        .joined()
      #expect(ClaimIndex.asciiWords(text) == ClaimIndex.characterWords(text), "\(text.debugDescription)")
    }
    #expect(ClaimIndex.asciiWords("Café crew") == nil)
    #expect(ClaimIndex.words("Café crew rescued 40") == ClaimIndex.characterWords("Café crew rescued 40"))
  }
}

@Suite("Claim index rebuilds: the table indexes dropped for a full build are made again")
struct ClaimIndexRebuildTests {
  @Test("merging a sentence's posting lists finds what counting every claim in a table finds")
  func postingsMerge() {
    var random = SeededRandom(seed: 11)
    for round in 0..<300 {
      // Up to four sorted lists of distinct numbers drawn from a small range, so they overlap.
      let lists = (0..<(1 + Int(random.next() % 4))).map { _ in
        Array(Set((0..<Int(random.next() % 40)).map { _ in Int64(random.next() % 60) })).sorted()
      }
      let needed = 1 + Int(random.next() % 2)
      var counts: [Int64: Int] = [:]
      for list in lists { for claim in list { counts[claim, default: 0] += 1 } }
      let expected = counts.filter { $0.value >= needed }.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }
      let merged = ClaimIndex.shared(lists, atLeast: needed).map { "\($0.claim):\($0.shared)" }
      #expect(merged == expected, "round \(round)")
    }
  }

  @Test("after a first build and after a rebuild from rewritten history, every secondary index is there")
  func indexesComeBack() throws {
    let f = try Fixture()
    for i in 0..<5 { _ = try f.workspace.addClaim(statement: "Claim \(i) about the ferry") }
    let first = try f.reopen()
    _ = try first.claims()
    let snapshot = try first.snapshot()
    #expect(try first.index(at: snapshot).secondaryIndexNames() == ClaimIndex.expectedSecondaryIndexes)
    _ = try f.git("reset", "-q", "--hard", "HEAD~2")
    let rebuilt = try f.reopen()
    #expect(try rebuilt.claims().count == 3)
    #expect(rebuilt.notices.contains { $0.contains("rebuilding") })
    #expect(
      try rebuilt.index(at: try rebuilt.snapshot()).secondaryIndexNames() == ClaimIndex.expectedSecondaryIndexes)
  }
}

@Suite("Claim index builds are reproducible")
struct ClaimIndexOrderTests {
  @Test("the history rows of one commit are written in claim order, not in the order of a hash set")
  func historyRowsInOrder() throws {
    let f = try Fixture()
    _ = try f.workspace.addSource(f.example("wire-v1.txt"), name: "wire-v1.txt", metadata: SourceMetadata(slug: "wire"))
    let workspace = try f.reopen()
    let rows = try workspace.index(at: try workspace.snapshot()).historyRows()
    let ingest = try f.git("rev-parse", "HEAD")
    let claims = rows.filter { $0.hasSuffix(ingest) }.map { String($0.prefix { $0 != " " }) }
    #expect(claims.count >= 10)
    #expect(claims == claims.sorted())
  }
}
