import Testing

@testable import Reporting

/// The attribution of a sentence is the phrase naming who says it, whole
/// and only that, wherever it stands.
@Suite("Speaker")
struct SpeakerTests {
  func speaker(_ text: String) -> String? { Sentence(text: text).attribution }

  func changes(_ a: String, _ b: String) -> [Change] {
    ClaimDrift.changes(from: Sentence(text: a), to: Sentence(text: b))
  }

  @Test func subjectWithAParentheticalAfterIt() {
    #expect(
      speaker(
        "Three engineers working at the site, including one based in Tema, said the damage was believed to be in the millions."
      ) == "Three engineers working at the site")
  }

  @Test func subjectOfARelativeClause() {
    #expect(
      speaker("A fourth worker who lives in the area said that dozens of people were hurt.") == "A fourth worker")
    #expect(
      speaker(
        "A fourth worker, who lives in the area and asked not to be named because he was not authorised to speak to the media, said crews had been ordered to keep digging."
      ) == "A fourth worker")
    #expect(
      speaker("A dock worker who spoke to the media at the scene said several warehouses had caught fire.")
        == "A dock worker")
  }

  @Test func appositionsAroundTheSpeaker() {
    #expect(
      speaker(
        "The militia's commander, Basil Gorev, a former army colonel who broke with the government in 2022, said his fighters would not stop."
      ) == "The militia's commander, Basil Gorev, a former army colonel")
    #expect(
      speaker("The energy minister, Karel Dunn, told reporters that nothing would be spared to bring the men out.")
        == "The energy minister, Karel Dunn")
    #expect(speaker("The ministry said in a statement that the port was open.") == "The ministry")
  }

  @Test func objectOfAccordingTo() {
    #expect(
      speaker("Rescuers drilled a shaft to within 20 metres of the men, according to a hospital official in Dessa.")
        == "a hospital official in Dessa")
    #expect(
      speaker("Talks broke down on Monday, sources close to the negotiations said.")
        == "sources close to the negotiations")
    #expect(
      speaker("The talks stalled last week, according to two diplomats briefed on the talks.")
        == "two diplomats briefed on the talks")
  }

  @Test func aRelayStaysWithTheSpeaker() {
    let s = Sentence(
      text: "The northern airport was shelled by rebels on Sunday, according to army sources quoted by local radio.")
    #expect(s.attribution?.hasPrefix("army sources") == true)
    #expect(!s.sources.contains("local radio"))
  }

  @Test func noSpeakerWhenNobodySaysIt() {
    #expect(speaker("The damage was in the millions.") == nil)
    #expect(speaker("Asked whether the workers had been warned, the managers didn't say.") == nil)
    // An order is not a statement: "the damage" or "residents" never speak.
    #expect(speaker("A train derailed on Friday, and authorities told up to 5,000 residents to stay indoors.") == nil)
  }

  @Test func aChangedSpeakerIsReportedWithBothPhrases() {
    let c = changes(
      "Three engineers working at the site, including one based in Tema, said the damage was believed to be in the millions.",
      "Three workers at the site, one of whom was based in Tema, said they thought the damage was in the millions.")
    #expect(
      c.filter { $0.type == .attribution } == [
        Change(type: .attribution, from: "Three engineers working at the site", to: "Three workers at the site")
      ])
    // The hedge changed form; it did not go.
    #expect(!c.contains { $0.type == .hedge })
  }

  @Test func differentBodiesBeforeOneHeadNounDiffer() {
    let c = changes(
      "Rebels shelled the northern airport on Sunday, military and police sources said.",
      "The northern airport was shelled by rebels on Sunday, according to army sources quoted by local radio.")
    #expect(c == [Change(type: .attribution, from: "military and police sources", to: "army sources")])
    #expect(
      changes(
        "State inspectors said the exits were blocked.", "Government officials said the exits were blocked."
      ).map(\.type) == [.attribution])
  }

  @Test func theSameSpeakerInOtherWordsOrPlaceIsNoChange() {
    #expect(
      changes(
        "Seventeen soldiers were killed, according to a hospital official in Dessa.",
        "Seventeen soldiers were killed, according to a hospital official in Dessa quoted by local radio."
      ).isEmpty)
    #expect(
      changes(
        "A fourth worker said crews had been ordered to keep digging.",
        "Another worker said crews had been told to keep digging."
      )
      .filter { $0.type == .attribution }.isEmpty)
    #expect(
      changes(
        "Kallum Logistics said the depot would stay closed.",
        "The depot would stay closed, according to Kallum Logistics."
      )
      .isEmpty)
  }

  @Test func aSpeakerAddedOrDroppedIsAChange() {
    #expect(
      changes("Police said the road was closed.", "The road was closed.") == [
        Change(type: .attribution, from: "Police", to: "")
      ])
    #expect(
      changes("The road was closed.", "The road was closed, police said.") == [
        Change(type: .attribution, from: "", to: "police")
      ])
  }
}
