import Testing

@testable import Reporting

@Suite("Alignment")
struct AlignmentTests {
  func links(_ a: String, _ b: String) -> [AlignedPair] {
    ReportingDiff.diff(Article(text: a), Article(text: b)).pairs
  }

  let original = """
    A passenger ferry capsized off Port Halven on Friday and at least 40 people were feared drowned, two port officials said.

    The ferry, the Sella Marin, was carrying roughly 300 passengers when it overturned about six kilometres from the harbour.

    Rescuers pulled 212 people from the water, the coast guard said.

    Hundreds of relatives gathered at the ferry terminal through the afternoon.

    The coast guard said the search would continue through the night with helicopters.
    """

  @Test func identicalTextAlignsOneToOne() {
    let pairs = links(original, original)
    #expect(pairs.count == 5)
    #expect(pairs.allSatisfy { $0.a == $0.b && $0.relation == .identical })
  }

  @Test func paraphraseAlignsInOrder() {
    let rewrite = """
      Dozens of people drowned on Friday when a passenger ferry overturned near Port Halven, authorities said.

      The Sella Marin had roughly 300 passengers on board and went over about six kilometres out from the harbour.

      According to the coast guard, 212 people were rescued from the sea.

      Hundreds of family members waited at the terminal all afternoon.

      Helicopters will keep searching overnight, the coast guard said.
      """
    let pairs = links(original, rewrite)
    #expect(pairs.map(\.a) == [[0], [1], [2], [3], [4]])
    #expect(pairs.map(\.b) == [[0], [1], [2], [3], [4]])
    #expect(pairs[2].relation == .reworded)
  }

  @Test func splitIsOneToTwo() {
    let split = """
      A passenger ferry capsized off Port Halven on Friday and at least 40 people were feared drowned, two port officials said.

      The Sella Marin had roughly 300 passengers on board. It overturned about six kilometres from the harbour.

      Rescuers pulled 212 people from the water, the coast guard said.

      Hundreds of relatives gathered at the ferry terminal through the afternoon.

      The coast guard said the search would continue through the night with helicopters.
      """
    let pairs = links(original, split)
    #expect(pairs.contains { $0.a == [1] && $0.b == [1, 2] })
  }

  @Test func mergeIsTwoToOne() {
    let merged = """
      A passenger ferry capsized off Port Halven on Friday and at least 40 people were feared drowned, two port officials said.

      The ferry, the Sella Marin, was carrying roughly 300 passengers when it overturned about six kilometres from the harbour, and rescuers pulled 212 people from the water, the coast guard said.

      Hundreds of relatives gathered at the ferry terminal through the afternoon.

      The coast guard said the search would continue through the night with helicopters.
      """
    let pairs = links(original, merged)
    #expect(pairs.contains { $0.a == [1, 2] && $0.b == [1] })
  }

  @Test func movedSentenceIsFound() {
    let moved = """
      The coast guard said the search would continue through the night with helicopters.

      A passenger ferry capsized off Port Halven on Friday and at least 40 people were feared drowned, two port officials said.

      The ferry, the Sella Marin, was carrying roughly 300 passengers when it overturned about six kilometres from the harbour.

      Rescuers pulled 212 people from the water, the coast guard said.

      Hundreds of relatives gathered at the ferry terminal through the afternoon.
      """
    let pairs = links(original, moved)
    #expect(pairs.contains { $0.a == [4] && $0.b == [0] })
    #expect(pairs.filter { !$0.a.isEmpty && !$0.b.isEmpty }.count == 5)
  }

  @Test func insertionAndDeletion() {
    let edited = """
      A passenger ferry capsized off Port Halven on Friday and at least 40 people were feared drowned, two port officials said.

      The ferry, the Sella Marin, was carrying roughly 300 passengers when it overturned about six kilometres from the harbour.

      A second vessel, the Orsa Star, was diverted to help with the rescue, its captain told Radio Halven.

      Hundreds of relatives gathered at the ferry terminal through the afternoon.

      The coast guard said the search would continue through the night with helicopters.
      """
    let pairs = links(original, edited)
    #expect(pairs.contains { $0.a == [2] && $0.b.isEmpty && $0.relation == .removed })
    #expect(pairs.contains { $0.a.isEmpty && $0.b == [2] && $0.relation == .added })
  }

  @Test func unrelatedArticlesShareNothing() {
    let other = """
      Thieves broke into the National Library in Dravel overnight and stole three medieval manuscripts, police said.

      The library will remain closed to the public until Monday.

      Curators said the manuscripts were insured but irreplaceable.

      Police have appealed for witnesses and released images of two suspects.
      """
    let pairs = links(original, other)
    #expect(pairs.allSatisfy { $0.a.isEmpty || $0.b.isEmpty })
  }

  @Test func summaryCallsARewriteARewrite() {
    let rewrite = """
      Dozens of people drowned on Friday when a passenger ferry overturned near Port Halven, authorities said.

      The Sella Marin had roughly 300 passengers on board and went over about six kilometres out from the harbour.

      According to the coast guard, 212 people were rescued from the sea.

      Hundreds of family members waited at the terminal all afternoon.

      Helicopters will keep searching overnight, the coast guard said.

      Share this article: Facebook Twitter Email
      """
    let diff = ReportingDiff.diff(Article(text: original), Article(text: rewrite))
    #expect(diff.summary.verdict.hasPrefix("B appears to be a rewrite of A"))
    #expect(diff.summary.boilerplateAdded == 1)
    #expect(diff.summary.claimsRestated == diff.summary.claimsA)
  }
}
