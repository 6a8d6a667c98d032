import Testing

@testable import Reporting

@Suite("Drift")
struct DriftTests {
  func changes(_ a: String, _ b: String) -> [Change] {
    ClaimDrift.changes(from: Sentence(text: a), to: Sentence(text: b))
  }

  /// The drift of many pairs worked out together, on every core, is each pair's own, in order.
  @Test func manyPairsAtOnceDriftAsEachAlone() {
    let texts = RestatementTests.queries.map { Sentence(text: $0) }
    let pairs = (0..<100).map { k in (from: texts[k % texts.count], to: texts[(k * 7 + 3) % texts.count]) }
    let together = ClaimDrift.changes(pairs)
    #expect(together == pairs.map { ClaimDrift.changes(from: $0.from, to: $0.to) })
    #expect(together.contains { !$0.isEmpty })
  }

  @Test func quantityRoundedIntoAVagueFigure() {
    let c = changes(
      "At least 40 people were feared drowned, two port officials said.",
      "Dozens of people were feared drowned, two port officials said.")
    #expect(c == [Change(type: .quantity, from: "At least 40 people", to: "Dozens of people")])
  }

  @Test func aDozenBecomesSeveral() {
    #expect(
      changes("A dozen survivors were taken to hospital.", "Several survivors were taken to hospital.").map(\.type) == [
        .quantity
      ])
  }

  @Test func sameFigureInOtherWordsIsNoChange() {
    #expect(changes("A dozen survivors were taken to hospital.", "Twelve survivors were taken to hospital.").isEmpty)
    #expect(changes("More than 120 firefighters were sent.", "Over 120 firefighters were sent.").isEmpty)
    #expect(changes("Turnout was about 50 percent.", "Turnout was roughly half.").isEmpty)
  }

  @Test func approximatorDroppedAroundTheSameNumberIsAHedge() {
    #expect(
      changes("Turnout was about 58 percent.", "Turnout was 58 percent.") == [
        Change(type: .hedge, from: "about", to: "")
      ])
    // "at least" bounds the figure: its loss moves the figure.
    #expect(changes("At least 14 stations were missing.", "14 stations were missing.").map(\.type) == [.quantity])
  }

  @Test func hedgeRemovedAndAdded() {
    #expect(
      changes("At least 40 people were feared drowned.", "At least 40 people drowned.")
        == [Change(type: .hedge, from: "were feared", to: "")])
    #expect(
      changes("The boats arrived first.", "The boats reportedly arrived first.") == [
        Change(type: .hedge, from: "", to: "reportedly")
      ])
    #expect(
      changes("Two boats reportedly reached the scene.", "Two boats were said to have reached the scene.").isEmpty)
  }

  @Test func attributionChangedRemovedAdded() {
    #expect(
      changes("Forty people drowned, two port officials said.", "Forty people drowned, authorities said.")
        == [Change(type: .attribution, from: "two port officials", to: "authorities")])
    #expect(
      changes("Forty people drowned, police said.", "Forty people drowned.") == [
        Change(type: .attribution, from: "police", to: "")
      ])
    #expect(
      changes("The fire was contained.", "The fire was contained, the fire service said.").map(\.type) == [.attribution]
    )
  }

  @Test func sameSourceInOtherWordsIsNoChange() {
    #expect(
      changes("The roof collapsed, the city fire service said.", "The roof collapsed, the city's fire department said.")
        .isEmpty)
    #expect(
      changes("Forty staff were working, Kallum Logistics said.", "According to the company, forty staff were working.")
        .isEmpty)
    #expect(
      changes(
        "Both patients were elderly, the authority said.",
        "Both patients were elderly, the regional health authority said."
      ).isEmpty)
  }

  @Test func certaintyShift() {
    let c = changes(
      "Prime Minister Adela Voss is expected to visit Port Halven.", "Prime Minister Adela Voss will visit Port Halven."
    )
    #expect(c == [Change(type: .certainty, from: "is expected to", to: "will")])
  }

  @Test func entityReplaced() {
    let c = changes("The Civic Union disputed the count on Sunday.", "The Civic Alliance disputed the count on Sunday.")
    #expect(c == [Change(type: .entity, from: "Civic Union", to: "Civic Alliance")])
  }

  @Test func detailFigureAdded() {
    let c = changes(
      "Flights at Tervik airport were halted.", "Flights at Tervik airport were halted and two men were arrested.")
    #expect(c.map(\.type) == [.detail])
  }

  @Test func relationOfPairs() {
    let a = Article(text: "At least 40 people were feared drowned. The ferry sank near the harbour.")
    let b = Article(text: "At least 40 people drowned. Near the harbour, the ferry sank.")
    let pairs = ReportingDiff.diff(a, b).pairs
    #expect(pairs.map(\.relation) == [.changed, .reworded])
  }
}

@Suite("Restatement")
struct RestatementTests {
  @Test func paraphraseIsARestatement() {
    let a = Sentence(text: "A passenger ferry capsized off Port Halven on Friday, two port officials said.")
    let b = Sentence(text: "Authorities said a passenger ferry overturned near Port Halven on Friday.")
    #expect(Restatement.isRestatement(a, b))
    #expect(
      Restatement.similarity(a, b) > Restatement.similarity(a, Sentence(text: "The library will reopen on Monday.")))
  }

  @Test func sharingOnlyReportingWordsIsNot() {
    let a = Sentence(text: "Officials said the bridge would close for repairs.")
    let b = Sentence(text: "Officials said the election result was disputed.")
    #expect(!Restatement.isRestatement(a, b))
  }

  @Test func indexFindsTheRestatedClaim() {
    var index = RestatementIndex<String>()
    index.add(Sentence(text: "A passenger ferry capsized off Port Halven on Friday."), id: "ferry")
    index.add(Sentence(text: "Thieves stole three manuscripts from the National Library."), id: "library")
    let hit = index.best(for: Sentence(text: "Three manuscripts were stolen from the National Library, police said."))
    #expect(hit?.id == "library")
    #expect(index.best(for: Sentence(text: "The weather was calm all week.")) == nil)
  }

  /// Recorded claim texts: verbatim copies, paraphrases, a text whose words
  /// differ from another's only in function words (the same profile), two
  /// sentences in one text, and no sentence at all.
  static let recorded: [(id: String, text: String)] = [
    ("paraphrase", "Authorities said a passenger ferry overturned near Port Halven on Friday."),
    ("library", "Thieves stole three manuscripts from the National Library, police said."),
    ("twin", "The passenger ferry capsized off Port Halven on Friday, two port officials said."),
    ("ferry", "A passenger ferry capsized off Port Halven on Friday, two port officials said."),
    ("two", "Rescuers pulled 212 people from the water. The search went on overnight."),
    ("empty", ""),
    ("rescue", "Rescuers pulled 212 people from the water, the coast guard said."),
    ("ferry", "The ferry, the Sella Marin, was carrying roughly 300 passengers."),
    ("toll", "At least 40 people were feared drowned, officials said."),
  ]

  static let queries = [
    "A passenger ferry capsized off Port Halven on Friday, two port officials said.",
    "The passenger ferry capsized off Port Halven on Friday, two port officials said.",
    "Authorities said a passenger ferry overturned near Port Halven on Friday.",
    "Rescuers pulled 212 people from the water.",
    "Rescuers pulled 212 people from the water, the coast guard said.",
    "The ferry, the Sella Marin, was carrying roughly 300 passengers.",
    "Three manuscripts were stolen from the National Library.",
    "The weather was calm all week.",
    "At least 40 people drowned, officials said.",
    "Forty people were feared drowned, officials said.",
  ]

  /// Texts added to be read when needed give the answers, scores and
  /// sentences of the same texts analysed at once.
  @Test func pendingTextsAnswerAsAnalysedOnes() throws {
    var analysed = RestatementIndex<String>()
    var pending = RestatementIndex<String>()
    for (id, text) in Self.recorded {
      if let sentence = Article(text: text).sentences.first { analysed.add(sentence, id: id) }
      pending.add(text: text, id: id)
    }
    let ids = Self.recorded.map(\.id)
    for text in Self.queries {
      let query = try #require(Article(text: text).sentences.first)
      for candidates in [
        ids, ["ferry", "twin"], ["twin", "ferry"], ["rescue", "two"], ["empty"], ["library", "toll"],
      ] {
        let a = analysed.best(for: query, among: candidates)
        let b = pending.best(for: query, among: candidates)
        #expect(a?.id == b?.id && a?.sentence == b?.sentence && a?.similarity == b?.similarity, "\(text)")
      }
    }
    // The whole index searched: still the same answers.
    for text in Self.queries {
      let query = try #require(Article(text: text).sentences.first)
      let a = analysed.best(for: query)
      let b = pending.best(for: query)
      #expect(a?.id == b?.id && a?.sentence == b?.sentence && a?.similarity == b?.similarity, "\(text)")
    }
  }

  /// Texts read all at once, on every core, give the answers, scores and
  /// sentences the queries give when they read them one at a time.
  @Test func textsReadTogetherAnswerAsTextsReadWhenNeeded() throws {
    // Enough entries that the reading is shared between cores.
    let recorded = (0..<12).flatMap { n in Self.recorded.map { (id: "\($0.id)-\(n % 3)", text: $0.text) } }
    var together = RestatementIndex<String>()
    var lazily = RestatementIndex<String>()
    for (id, text) in recorded {
      together.add(text: text, id: id)
      lazily.add(text: text, id: id)
    }
    together.readPending()
    let ids = Array(Set(recorded.map(\.id))).sorted()
    for text in Self.queries {
      let query = try #require(Article(text: text).sentences.first)
      for candidates in [ids, ["ferry-2", "twin-1"], ["twin-0", "ferry-0"], ["rescue-1", "two-2"], ["empty-0"]] {
        let a = lazily.best(for: query, among: candidates)
        let b = together.best(for: query, among: candidates)
        #expect(a?.id == b?.id && a?.sentence == b?.sentence && a?.similarity == b?.similarity, "\(text)")
      }
      let a = lazily.best(for: query)
      let b = together.best(for: query)
      #expect(a != nil || text.contains("weather"), "\(text)")
      #expect(a?.id == b?.id && a?.sentence == b?.sentence && a?.similarity == b?.similarity, "\(text)")
    }
  }

  /// A sentence recorded word for word ties with an earlier sentence of the
  /// same profile, and the earlier one is the answer.
  @Test func aVerbatimCopyTiesWithAnEarlierSameProfile() throws {
    let query = try #require(Article(text: Self.queries[0]).sentences.first)
    let twin = try #require(Article(text: Self.queries[1]).sentences.first)
    #expect(twin.text != query.text)
    #expect(Restatement.similarity(twin, query) == 1)
    var pending = RestatementIndex<String>()
    for (id, text) in Self.recorded { pending.add(text: text, id: id) }
    let hit = pending.best(for: query, among: ["ferry", "twin"])
    #expect(hit?.id == "twin")
    #expect(hit?.sentence.text == twin.text)
    #expect(pending.best(for: twin, among: ["ferry"])?.id == "ferry")
  }
}

@Suite("Word diff")
struct WordDiffTests {
  @Test func highlightsTheChangedWords() {
    let segments = WordDiff.diff("At least 40 people were feared drowned.", "Dozens of people drowned.")
    #expect(segments.filter { $0.kind == .removed }.map(\.text).joined().contains("At least 40"))
    #expect(segments.filter { $0.kind == .added }.map(\.text).joined().contains("Dozens of"))
    #expect(segments.filter { $0.kind == .equal }.map(\.text).joined().contains("people"))
  }

  @Test func reassemblesBothSides() {
    let a = "The coast guard said the search would continue."
    let b = "The coast guard said searching will continue overnight."
    let segments = WordDiff.diff(a, b)
    #expect(segments.filter { $0.kind != .added }.map(\.text).joined() == a)
    #expect(segments.filter { $0.kind != .removed }.map(\.text).joined() == b)
  }

  @Test func identicalAndEmpty() {
    #expect(WordDiff.diff("Same text.", "Same text.") == [WordDiff.Segment(kind: .equal, text: "Same text.")])
    #expect(WordDiff.diff("", "New.") == [WordDiff.Segment(kind: .added, text: "New.")])
    #expect(WordDiff.diff("", "").isEmpty)
  }
}

/// Figures and how firmly they are asserted, in the forms rewrites use.
@Suite("Quantity and hedge drift")
struct QuantityHedgeDriftTests {
  func changes(_ a: String, _ b: String) -> [Change] {
    ClaimDrift.changes(from: Sentence(text: a), to: Sentence(text: b))
  }

  @Test func equivalentApproximatorsOfOneFigureAreNoChange() {
    #expect(changes("Some 40 villages were cut off.", "Around 40 villages were cut off.").isEmpty)
    #expect(changes("A handful of buildings remained standing.", "Only a few buildings remained standing.").isEmpty)
    #expect(
      changes(
        "One child in five is acutely malnourished, the charity said.",
        "One in five children is acutely malnourished, the charity said."
      ).isEmpty)
  }

  @Test func anApproximateFigureBecomingAVagueOneIsAQuantityChange() {
    #expect(
      changes("Some 40 villages were cut off.", "Dozens of villages were cut off.") == [
        Change(type: .quantity, from: "Some 40 villages", to: "Dozens of villages")
      ])
    #expect(
      changes("Scores of homes were damaged.", "Hundreds of homes were damaged.").map(\.type) == [.quantity])
  }

  @Test func vagueQuantifiersAsPronounsAreQuantities() {
    #expect(changes("Many were heading south on foot.", "Most were heading south on foot.").map(\.type) == [.quantity])
    #expect(
      changes(
        "Dozens of people were injured, many of them seriously.", "Dozens of people were injured, 23 of them seriously."
      )
      .map(\.type) == [.quantity])
    #expect(
      Sentence(text: "Tour boat capsizes on Lake Ormen, several feared drowned").quantities.map(\.text) == ["several"])
  }

  @Test func aQuantityChangeQuotesTheFiguresAlone() {
    let c = changes(
      "The 1.4 billion mark project has been delayed twice.",
      "The project, which cost 1.5 billion marks, has been delayed twice."
    ).filter { $0.type == .quantity }
    #expect(c.count == 1)
    #expect(c.first?.from.hasPrefix("1.4 billion mark") == true)
    #expect(c.first?.to == "1.5 billion marks")
  }

  @Test func aFigureIsQuotedWithoutTheVerbAfterIt() {
    #expect(
      Sentence(text: "Some 200,000 people use the trams every day.").quantities.map(\.text) == ["Some 200,000 people"])
  }

  @Test func aHeadlineTollIsQuotedWithoutItsVerb() {
    #expect(
      changes(
        "Tour boat capsizes on Lake Ormen, several feared drowned", "Four drown as tour boat capsizes on Lake Ormen"
      )
      .filter { $0.type == .quantity } == [Change(type: .quantity, from: "several", to: "Four")])
  }

  @Test func hedgedBecomingAssertedAndBack() {
    #expect(
      changes(
        "At least nine were killed and around 30 were believed injured.",
        "At least nine were killed and around 30 were hurt."
      )
      .map(\.type) == [.hedge])
    #expect(changes("Four people were feared drowned.", "Four people drowned.").map(\.type) == [.hedge])
    #expect(
      changes("Police said the boat was overloaded.", "Police said the boat was believed to be overloaded.") == [
        Change(type: .hedge, from: "", to: "was believed to")
      ])
  }

  @Test func aHedgeThatChangedFormIsNoRemoval() {
    #expect(
      changes(
        "Police said the boat was believed to be carrying more passengers than allowed.",
        "Police said they thought the boat was carrying more passengers than allowed."
      ).isEmpty)
    #expect(
      !changes("The damage was believed to be in the millions.", "The damage was in the millions, officials thought.")
        .contains { $0.type == .hedge })
  }

  @Test func abilityAndComparativesAreNeitherHedgeNorCertainty() {
    #expect(
      !Sentence(text: "The attack was a blow to the government, showing that the rebels could reach the port.").hedges
        .contains("could"))
    #expect(
      !Sentence(text: "Diplomats said the shelling made it less likely that talks resume this year.").hedges.contains(
        "likely"))
    #expect(Sentence(text: "The strike is likely to spread, union members said.").hedges.contains("likely"))
  }
}
