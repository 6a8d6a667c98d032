import Foundation
import TestSupport
import Testing

@Suite("Ingest keeps sentences about different events apart")
struct IdentityIngestTests {
  @Test("the same sentence about another city, or from other people in another town, is a claim of its own")
  func differentEventsStayApart() throws {
    let folder = TemporaryDirectory("vet-identity-ingest")
    let desk = Desk(folder.file("ws"))
    try desk.vet(["init", desk.path], in: folder.path)
    let texts = [
      "Police in Kharkiv said 12 people were killed in a missile strike on Monday.",
      "Police in Dnipro said 12 people were killed in a missile strike on Monday.",
      "Residents in Sumy said 40 homes were damaged on Friday.",
      "Officials in Lviv said 40 homes were damaged on Friday.",
    ]
    for (i, text) in texts.enumerated() {
      let file = try folder.write("article-\(i).txt", text + "\n")
      let out = try desk.ok("source", "add", file, "--id", "report-\(i)")
      #expect(out.contains("1 new claims, 0 restated"), "\(text): \(out)")
    }
    let claims =
      try JSONSerialization.jsonObject(with: Data(try desk.ok("claim", "list", "--json").utf8)) as? [[String: Any]]
    #expect(claims?.count == 4)
    // A restatement of the first, in other words, still joins it.
    let again = try folder.write(
      "restated.txt", "Twelve people died when a missile hit Kharkiv on Monday, police said.\n")
    #expect(try desk.ok("source", "add", again, "--id", "restated").contains("0 new claims, 1 restated"))
    #expect(try desk.isHealthy())
  }

  @Test("a figure that moved a little keeps the claims apart, with a suggestion an analyst accepts or dismisses")
  func nearFigureIsASuggestion() throws {
    let folder = TemporaryDirectory("vet-identity-suggest")
    let desk = Desk(folder.file("ws"))
    try desk.vet(["init", desk.path], in: folder.path)
    let first = try folder.write(
      "first.txt", "Police in Orlow said 40 people were killed in the blast at the depot on Monday.\n")
    let second = try folder.write(
      "second.txt", "Police in Orlow said 43 people were killed in the blast at the depot on Monday.\n")
    try desk.ok("source", "add", first, "--id", "first")
    #expect(try desk.ok("source", "add", second, "--id", "second").contains("1 new claims, 0 restated"))
    let listed = try JSONSerialization.jsonObject(
      with: Data(try desk.ok("claim", "list", "--needs-review", "--json").utf8))
    let review = listed as? [[String: Any]] ?? []
    #expect(review.count == 1)
    let suggestion = (review.first?["suggestions"] as? [[String: Any]])?.first
    #expect((suggestion?["reason"] as? String)?.contains("40 people → 43 people") == true, "\(suggestion ?? [:])")
    let newer = try #require(review.first?["id"] as? String)
    let older = try #require(suggestion?["claim"] as? String)
    #expect(try desk.ok("claim", "show", newer).contains("may restate"))
    // The analyst says they are two events: the suggestion goes and is not made again.
    try desk.ok("claim", "dismiss", newer, older)
    let after = try JSONSerialization.jsonObject(
      with: Data(try desk.ok("claim", "list", "--needs-review", "--json").utf8))
    #expect((after as? [[String: Any]])?.isEmpty == true)
    #expect(try desk.isHealthy())
  }
}
