import Testing
import Yams

@testable import Reporting

/// Two article pairs written and labelled after the rules were tuned on
/// Examples/evaluation, to keep an honest check on generalisation.
///
/// On their first run they scored alignment F1 96.3%, quantity/hedge 100%,
/// and attribution precision 83% with one boilerplate line missed; the two
/// general rules that fixed those (a named source still named in another
/// role; counters in a comment bar) are in the code, so these pairs are
/// regression tests now, not a held-out score.
@Suite("Held-out pairs")
struct HeldOutTests {
  static let pairs: [(name: String, a: String, b: String, gold: String)] = [
    (
      "01-quake",
      """
      Earthquake shakes Varnholm, at least 12 dead

      VARNHOLM, Ostria (Baltic News Agency) — A strong earthquake struck the coastal city of Varnholm early on Sunday, killing at least 12 people and damaging hundreds of buildings, the national civil defence agency said.

      The quake had a preliminary magnitude of 6.1 and was centred about 20 kilometres offshore at a depth of 10 kilometres, according to the Ostrian Geological Institute.

      Rescue teams were searching for people believed to be trapped under a collapsed apartment block in the old town. Around 80 people were taken to hospital, a health ministry spokesman said.

      Mayor Henrik Dahl said schools would stay closed on Monday and urged residents to avoid damaged buildings.

      Several aftershocks were felt through the morning, the strongest of magnitude 4.8.

      Power was cut to roughly 30,000 homes, the grid operator Nordline said. It expects to restore supply by Monday evening.

      The region last suffered a deadly quake in 1998, when 40 people died.

      Reporting by Karin Holt; Editing by Anders Brun
      """,
      """
      Deadly quake hits Varnholm, 15 killed

      A powerful earthquake hit the port city of Varnholm on Sunday morning, killing 15 people and damaging hundreds of buildings, officials said.

      The tremor measured 6.1 and struck about 20 kilometres off the coast, at a depth of 10 kilometres. The Ostrian Geological Institute gave the figures.

      Rescuers searched for people trapped under a collapsed apartment block in the old town.

      Power was cut to about 30,000 homes, the grid operator Nordline said, and it will restore supply by Monday evening.

      About 80 people were taken to hospital.

      Mayor Henrik Dahl said schools would stay closed on Monday. He urged residents to keep away from damaged buildings.

      Dozens of aftershocks were felt through the morning.

      The government has promised emergency funds for the city, the finance minister said.

      Subscribe to our breaking news alerts
      """,
      """
      description: held-out pair written after tuning (earthquake), labelled before running the diff
      kind: rewrite
      pairs:
        - a: ["Earthquake shakes Varnholm, at least 12 dead"]
          b: ["Deadly quake hits Varnholm, 15 killed"]
          relation: changed
          changes:
            - {type: quantity, from: "at least 12", to: "15"}
        - a: ["A strong earthquake struck the coastal city"]
          b: ["A powerful earthquake hit the port city"]
          relation: changed
          changes:
            - {type: quantity, from: "at least 12 people", to: "15 people"}
            - {type: attribution, from: "the national civil defence agency", to: "officials"}
        - a: ["The quake had a preliminary magnitude"]
          b: ["The tremor measured 6.1", "The Ostrian Geological Institute gave the figures"]
          relation: changed
          changes:
            - {type: hedge, from: "preliminary", to: ""}
        - a: ["Rescue teams were searching for people"]
          b: ["Rescuers searched for people trapped"]
          relation: changed
          changes:
            - {type: hedge, from: "believed to be", to: ""}
        - a: ["Around 80 people were taken to hospital"]
          b: ["About 80 people were taken to hospital"]
          relation: changed
          changes:
            - {type: attribution, from: "a health ministry spokesman", to: ""}
        - a: ["Mayor Henrik Dahl said schools would stay"]
          b: ["Mayor Henrik Dahl said schools would stay", "He urged residents to keep away"]
          relation: reworded
          changes: []
        - a: ["Several aftershocks were felt through"]
          b: ["Dozens of aftershocks were felt"]
          relation: changed
          changes:
            - {type: quantity, from: "Several", to: "Dozens"}
            - {type: detail, from: "the strongest of magnitude 4.8", to: ""}
        - a: ["Power was cut to roughly 30,000 homes", "It expects to restore supply"]
          b: ["Power was cut to about 30,000 homes"]
          relation: changed
          changes:
            - {type: certainty, from: "expects to", to: "will"}
        - a: ["The region last suffered a deadly quake"]
          b: []
          relation: removed
        - a: ["Reporting by Karin Holt"]
          b: []
          relation: removed
          kind: credit
        - a: []
          b: ["The government has promised emergency funds"]
          relation: added
        - a: []
          b: ["Subscribe to our breaking news alerts"]
          relation: added
          kind: boilerplate
      kinds:
        a:
          "Earthquake shakes Varnholm, at least 12 dead": headline
          "VARNHOLM, Ostria (Baltic News Agency)": dateline
          "Reporting by Karin Holt": credit
        b:
          "Deadly quake hits Varnholm, 15 killed": headline
          "Subscribe to our breaking news alerts": boilerplate
      """
    ),
    (
      "02-court",
      """
      Court halts eviction of Brask market traders

      KELLAN, Morvia (Baltic News Agency) — A regional court on Thursday suspended the eviction of about 200 traders from Brask's central market, their lawyer said.

      The city council wants to demolish the market hall to make way for a shopping centre. Council officials say the building is unsafe.

      "This is a victory for every family that depends on the market," lawyer Petra Sund told reporters outside the court.

      The traders, most of them in their forties and fifties, have worked at the market for decades, according to a union representative.

      The council said it would appeal the ruling. A spokesman declined to give details.

      Some traders allegedly received threats after refusing to leave, a claim the council denied.

      The case is expected to return to court in March.

      Reporting by Lina Vor; Editing by Anders Brun
      """,
      """
      Brask traders win reprieve as court blocks eviction

      A regional court in Kellan blocked the eviction of some 200 traders from Brask's central market on Thursday, their lawyer said.

      The city council, which says the market hall is unsafe, wants to tear it down and build a shopping centre in its place.

      "This is a victory for every family that depends on the market," said lawyer Petra Sund.

      Most of the traders are in their forties and fifties and have spent decades working at the market.

      The council will appeal, a council spokesman said.

      Some traders received threats after they refused to leave.

      The case returns to court in March.

      Comments (12)
      """,
      """
      description: held-out pair (court ruling), labelled before running the diff
      kind: rewrite
      pairs:
        - a: ["Court halts eviction of Brask market traders"]
          b: ["Brask traders win reprieve as court blocks eviction"]
          relation: reworded
          changes: []
        - a: ["A regional court on Thursday suspended"]
          b: ["A regional court in Kellan blocked"]
          relation: reworded
          changes: []
        - a: ["The city council wants to demolish", "Council officials say the building is unsafe"]
          b: ["The city council, which says the market hall is unsafe"]
          relation: changed
          changes:
            - {type: attribution, from: "Council officials", to: "The city council"}
        - a: ["This is a victory for every family"]
          b: ["This is a victory for every family"]
          relation: reworded
          changes: []
        - a: ["The traders, most of them in their forties"]
          b: ["Most of the traders are in their forties"]
          relation: changed
          changes:
            - {type: attribution, from: "a union representative", to: ""}
        - a: ["The council said it would appeal the ruling", "A spokesman declined to give details"]
          b: ["The council will appeal, a council spokesman said"]
          relation: changed
          changes:
            - {type: attribution, from: "The council", to: "a council spokesman"}
        - a: ["Some traders allegedly received threats"]
          b: ["Some traders received threats after they refused"]
          relation: changed
          changes:
            - {type: hedge, from: "allegedly", to: ""}
            - {type: detail, from: "a claim the council denied", to: ""}
        - a: ["The case is expected to return to court"]
          b: ["The case returns to court in March"]
          relation: changed
          changes:
            - {type: certainty, from: "is expected to", to: "returns"}
        - a: ["Reporting by Lina Vor"]
          b: []
          relation: removed
          kind: credit
        - a: []
          b: ["Comments (12)"]
          relation: added
          kind: boilerplate
      kinds:
        a:
          "Court halts eviction of Brask market traders": headline
          "KELLAN, Morvia (Baltic News Agency)": dateline
          "Reporting by Lina Vor": credit
        b:
          "Brask traders win reprieve as court blocks eviction": headline
          "Comments (12)": boilerplate
      """
    ),
  ]

  @Test func meetTheBars() throws {
    var cases: [Evaluation.Case] = []
    for p in Self.pairs {
      let gold = try YAMLDecoder().decode(Evaluation.GoldDocument.self, from: p.gold)
      cases.append(Evaluation.Case(name: p.name, a: p.a, b: p.b, gold: gold))
    }
    let report = Evaluation.evaluate(cases)
    for c in report.cases { #expect(c.errors.isEmpty, "\(c.name): \(c.errors)") }
    #expect(report.alignment.f1 >= 0.95)
    for t in Evaluation.scoredChangeTypes {
      let c = report.changes[t.rawValue] ?? Evaluation.Counts()
      #expect(c.precision >= 0.9 && c.recall >= 0.9, "\(t.rawValue): \(c)")
    }
    #expect(report.provenance.recall == 1)
    #expect((report.kinds["boilerplate"] ?? Evaluation.Counts()).recall == 1)
  }
}
