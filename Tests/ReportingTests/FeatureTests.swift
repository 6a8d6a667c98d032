import Foundation
import Testing

@testable import Reporting

@Suite("Quantities")
struct QuantityTests {
  func quantities(_ s: String) -> [Quantity] { Sentence(text: s).quantities }

  @Test func numeralsWithModifiersAndUnits() {
    let q = quantities("At least 40 people were feared drowned and roughly 300 passengers were aboard.")
    #expect(q.map(\.text) == ["At least 40 people", "roughly 300 passengers"])
    #expect(q[0].value == 40 && q[0].modifier == "At least" && q[0].low == 40 && q[0].unit == "people")
    #expect(q[1].value == 300 && q[1].modifier == "roughly" && !q[1].isVague)
  }

  @Test func numberWords() {
    #expect(quantities("Forty-three people died.").first?.value == 43)
    #expect(quantities("Two hundred and fifty homes were flooded.").first?.value == 250)
    #expect(quantities("A dozen survivors were taken to hospital.").first?.value == 12)
    #expect(quantities("Officials said 1.5 million people were affected.").first?.value == 1_500_000)
  }

  @Test func ranges() {
    let q = quantities("Between 30 and 40 people were missing.")
    #expect(q.first?.low == 30 && q.first?.high == 40 && q.first?.value == nil)
    let r = quantities("Waves of 3-4 metres hit the coast.")
    #expect(r.first?.low == 3 && r.first?.high == 4)
  }

  @Test func approximateDecades() {
    let q = quantities("The death toll was in the forties, officials said.")
    #expect(q.first?.text == "in the forties")
    #expect(q.first?.low == 40 && q.first?.high == 49 && q.first?.isVague == true)
    #expect(quantities("Temperatures were in the low 40s.").first?.high == 43)
  }

  @Test func vagueQuantifiers() {
    let q = quantities("Dozens of people drowned and hundreds of relatives waited while a handful of boats searched.")
    #expect(q.map(\.isVague) == [true, true, true])
    #expect(q[0].low == 24 && q[0].high == 99)
    #expect(q[1].low == 200)
    #expect(quantities("Several were found to carry the bacteria.").first?.isVague == true)
    // "many" as an ordinary word is not a figure.
    #expect(quantities("Many believe the ferry was overloaded.").isEmpty)
  }

  @Test func fractionsAndPercentages() {
    #expect(quantities("About one in five trains ran.").first?.value == 0.2)
    #expect(quantities("Turnout was 58 percent.").first?.unit == "percent")
    #expect(quantities("The currency lost a quarter of its value.").first?.value == 0.25)
  }

  @Test func timesAreNotQuantities() {
    let s = Sentence(text: "The ferry left at 3 p.m. on March 3, 2024, carrying 300 people.")
    #expect(s.quantities.map(\.value) == [300])
    #expect(s.times.contains("3 p.m.") && s.times.contains { $0.hasPrefix("March 3") })
  }
}

@Suite("Hedges and attributions")
struct HedgeAttributionTests {
  @Test func hedgesAsTheyAppear() {
    #expect(Sentence(text: "At least 40 people were feared drowned.").hedges == ["were feared"])
    #expect(Sentence(text: "Two boats reportedly reached the scene.").hedges == ["reportedly"])
    #expect(
      Sentence(text: "The ferry was overloaded, a claim Meridian Wire could not independently confirm.").hedges
        == ["could not independently confirm"])
    #expect(Sentence(text: "The minister is expected to visit on Saturday.").hedges == ["is expected to"])
    // Approximators belong to their figure, not to the hedges.
    #expect(Sentence(text: "At least 40 people died.").hedges.isEmpty)
  }

  @Test func attributions() {
    #expect(
      Sentence(text: "At least 40 people drowned, two port officials said on Friday.").attribution
        == "two port officials")
    #expect(
      Sentence(text: "The ferry was overloaded, according to a regional radio station.").attribution
        == "a regional radio station")
    #expect(Sentence(text: "The coast guard said the search would continue.").attribution == "The coast guard")
    #expect(
      Sentence(text: "\"We are searching,\" said Maria Lopez, a spokeswoman for the coast guard.").attribution
        == "Maria Lopez, a spokeswoman for the coast guard")
    #expect(Sentence(text: "\"We are searching,\" she said.").attribution == "she")
    #expect(Sentence(text: "The ministry, which oversees ports, said 12 people died.").attribution == "The ministry")
    #expect(Sentence(text: "A passenger ferry capsized on Friday.").attribution == nil)
  }

  @Test func theOutermostSourceWins() {
    let s = Sentence(text: "One pilot reported seeing a drone near the runway, a local newspaper reported.")
    #expect(s.attribution == "a local newspaper")
    #expect(s.sources == ["a local newspaper", "One pilot"])
  }

  @Test func entitiesAndTimes() {
    let a = Article(text: "Rescuers reached the Sella Marin off Port Halven late on Friday, the coast guard said.")
    #expect(a.sentences[0].entities == ["Sella Marin", "Port Halven"])
    #expect(a.sentences[0].times == ["late on Friday"])
  }
}

@Suite("Encoding")
struct EncodingTests {
  @Test func sentenceRoundTripsThroughJSON() throws {
    let s = Article(text: "At least 40 people were feared drowned, two port officials said on Friday.").sentences[0]
    let data = try JSONEncoder().encode(s)
    #expect(try JSONDecoder().decode(Sentence.self, from: data) == s)
  }

  @Test func sentenceWithoutSourcesDecodes() throws {
    let json =
      #"{"index":0,"paragraph":0,"text":"Police said so.","kind":"claim","quantities":[],"hedges":[],"attribution":"Police","entities":[],"times":[]}"#
    let s = try JSONDecoder().decode(Sentence.self, from: Data(json.utf8))
    #expect(s.sources == ["Police"])
  }
}
