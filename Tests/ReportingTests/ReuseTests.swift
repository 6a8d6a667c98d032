import Testing

@testable import Reporting

@Suite("Reading one side of a diff with the other's analysis")
struct ReuseTests {
  /// The sentences as `vet diff` and `vet source add` see them.
  func same(_ x: Article, _ y: Article) -> Bool {
    x.sentences == y.sentences && x.tokenizedTexts == y.tokenizedTexts
  }

  @Test func reusedAnalysisMatchesAFreshOne() {
    let a = Article(
      text: """
        Ferry capsizes off Port Halven

        PORT HALVEN, Veskaria (Meridian Wire) — At least 40 people were feared drowned, two port officials said.

        Rescuers pulled 212 people from the water on Friday, the coast guard said. Elara said the search would go on.
        """)
    let bText = """
      Ferry overturns near Port Halven

      At least 40 people were feared drowned, two port officials said. \
      Rescuers pulled 212 people from the water on Friday, the coast guard said.

      Elara said the search would go on. Divers from Elara joined it at 3 p.m., police said.
      """
    #expect(same(Article(text: bText, reusing: a), Article(text: bText)))
  }

  @Test func entitiesFollowTheirOwnArticle() {
    // A capitalised sentence opener is a name only where its article also
    // capitalises it mid-sentence: the reused sentence must be read again for that.
    let a = Article(text: "Marrow said the bridge was closed. Officials met in the town of Marrow on Monday.")
    let bText = "Marrow said the bridge was closed. Officials met on Monday."
    let reused = Article(text: bText, reusing: a)
    #expect(same(reused, Article(text: bText)))
    #expect(a.sentences[0].entities == ["Marrow"])
    #expect(reused.sentences[0].entities.isEmpty)
  }

  @Test func tokenRangesQuoteTextBeyondASCII() {
    let text = "Señora Ibáñez said 1,200 people — roughly half — fled São Paulo."
    for token in Tokenizer.tokenize(text) {
      #expect(String(text[token.range]) == token.text)
    }
  }

  @Test func wordDiffKeepsTextBeyondASCII() {
    let segments = WordDiff.diff("Ibáñez said 40 died.", "Ibáñez said 43 died.")
    #expect(segments.filter { $0.kind != .added }.map(\.text).joined() == "Ibáñez said 40 died.")
    #expect(segments.filter { $0.kind != .removed }.map(\.text).joined() == "Ibáñez said 43 died.")
    #expect(segments.contains(WordDiff.Segment(kind: .removed, text: " 40")))
  }
}
