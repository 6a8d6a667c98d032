import Foundation
import Testing
import Yams

@testable import Reporting

@Suite("Claim identity: the same claim in other words, another event kept apart")
struct ClaimIdentityTests {
  static func sentence(_ text: String) -> Sentence {
    let article = Article(text: text)
    return article.claims.first ?? article.sentences[0]
  }

  @Test(
    "one identifying detail changed makes another claim, named by its slot",
    arguments: [
      (
        "Police in Kharkiv said 12 people were killed in a missile strike on Monday.",
        "Police in Dnipro said 12 people were killed in a missile strike on Monday.", "name"
      ),
      (
        "Residents in Sumy said 40 homes were damaged on Friday.",
        "Officials in Lviv said 40 homes were damaged on Friday.",
        "name"
      ),
      (
        "The port of Ansel reopened on Tuesday after a three-day strike, the harbour master said.",
        "The port of Ansel reopened on Thursday after a three-day strike, the harbour master said.", "date"
      ),
      (
        "Customs officers seized 12 tonnes of cocaine at the port of Ansel, the agency said.",
        "Customs officers seized 5 tonnes of cocaine at the port of Ansel, the agency said.", "figure"
      ),
      (
        "The central bank of Orvia raised its main rate to 3 percent on Wednesday.",
        "The central bank of Orvia cut its main rate to 3 percent on Wednesday.", "action"
      ),
      (
        "Veldan Athletic were knocked out in the second round of the national cup on Saturday.",
        "Veldan Athletic were knocked out in the fourth round of the national cup on Saturday.", "round"
      ),
      (
        "A landslide buried a school in the hill village of Tarsk overnight, local officials said.",
        "A landslide buried a bridge in the hill village of Tarsk overnight, local officials said.", "object"
      ),
      (
        "The regional council agreed to buy the Harlow mill from Denn Textiles for 4 million euros.",
        "Denn Textiles agreed to buy the Harlow mill from the regional council for 4 million euros.", "actor"
      ),
      (
        "A sniper killed Corporal Anders Vell near Tarsk on Friday, his unit said.",
        "Corporal Piet Orsen was shot dead by a sniper near Tarsk on Friday, according to his unit.", "name"
      ),
      (
        "Storm Edda brought gusts of 140 km/h to the northern coast of Orvia on Friday.",
        "Gusts of 140 km/h hit Orvia's southern coast as Storm Edda arrived on Friday.", "place"
      ),
      (
        "Merrow Rail posted its first annual loss since 2011, the company said.",
        "Merrow Rail reported its first annual loss since 2001, the company said.", "date"
      ),
      (
        "Turnout in the first round of the Orvian presidential election was 58 percent.",
        "Turnout in the Orvian presidential run-off was 58 percent.", "round"
      ),
      (
        "Prosecutors charged four directors of Tesk Mining with fraud at the Harlow plant.",
        "Fourteen Tesk Mining directors face fraud charges over the Harlow plant, prosecutors said.", "figure"
      ),
      (
        "The dockers called a 24-hour strike at the port of Ansel for Monday.",
        "The dockers called a 48-hour strike at the port of Ansel for Monday.", "figure"
      ),
      (
        "214 people were detained in Ansel on day 717, witnesses said.",
        "Roughly 241 vessels were detained in Ansel on day 717, witnesses said.", "object"
      ),
      (
        "Six soldiers were killed when rebels shelled the town of Tarsk, the army said.",
        "Rebel shelling of the town of Tarsk killed six civilians, according to the army.", "object"
      ),
      (
        "Police detained 40 people at the protest in Ansel on Sunday, a rights group said.",
        "Forty people detained at Sunday's protest in Ansel have been freed, according to a rights group.", "action"
      ),
      (
        "The Orvian defence ministry confirmed that a patrol boat was sunk off Tarsk on Tuesday.",
        "The Orvian defence ministry declined to confirm that a patrol boat was sunk off Tarsk on Tuesday.", "action"
      ),
      (
        "Anna Lenk will appeal against her conviction, her lawyer said.",
        "Anna Lenk won't appeal against her conviction, her lawyer said.", "action"
      ),
      (
        "The regional health board declared the measles outbreak in Tarsk an emergency on Friday.",
        "The regional health board declared the measles outbreak in Tarsk over on Friday.", "action"
      ),
      (
        "At least 12 people have died in floods in Tarsk, the interior ministry said on Monday.",
        "At least 12 people have died in floods in Tarsk and Ansel, the interior ministry said on Monday.", "name"
      ),
      (
        "The high court upheld the ban on the Ansel march on Monday.",
        "The high court overturned the ban on the Ansel march on Monday.", "action"
      ),
    ])
  func different(_ a: String, _ b: String, _ slot: String) {
    let (x, y) = (Self.sentence(a), Self.sentence(b))
    #expect(
      ClaimIdentity.difference(x, y)?.slot == slot,
      "\(ClaimIdentity.difference(x, y).map(String.init(describing:)) ?? "none")")
    #expect(!ClaimIdentity.isSameClaim(x, y))
  }

  @Test(
    "a restatement in other words stays one claim",
    arguments: [
      (
        "Police in Kharkiv said 12 people were killed in a missile strike on Monday.",
        "Twelve people died when a missile hit Kharkiv on Monday, according to police."
      ),
      (
        "A dozen survivors were taken to the regional hospital in Port Halven with hypothermia and injuries, a hospital spokesman said.",
        "Twelve survivors were being treated at the regional hospital in Port Halven for hypothermia and injuries."
      ),
      (
        "At least 40 people were feared drowned after the ferry capsized off Port Halven on Friday.",
        "Dozens of people drowned on Friday when a ferry overturned near Port Halven."
      ),
      (
        "The United Nations said aid convoys would resume on Monday.",
        "Aid convoys will resume on Monday, the UN said."
      ),
      (
        "Orvia beat Tesk 3-1 in the final on Sunday.",
        "Tesk lost 3-1 to Orvia in the final on Sunday."
      ),
      (
        "The Orvian ministry did not confirm the figure of 40 deaths in Tarsk.",
        "The Orvian ministry would not confirm that 40 people died in Tarsk."
      ),
    ])
  func same(_ a: String, _ b: String) {
    let (x, y) = (Self.sentence(a), Self.sentence(b))
    #expect(
      ClaimIdentity.isSameClaim(x, y),
      "\(ClaimIdentity.difference(x, y).map(String.init(describing:)) ?? "not similar")")
  }

  @Test(
    "a duration or length in other units is the same figure",
    arguments: [
      ("Rescuers searched the collapsed block in Ansel for 60 hours.", "for two and a half days"),
      ("The dockers called a 24-hour strike at the port of Ansel for Monday.", "a one-day strike"),
      ("Up to 180 millimetres of rain fell on Tarsk overnight.", "18 centimetres of rain"),
    ])
  func sameFigureInOtherUnits(_ a: String, _ phrase: String) {
    // The second sentence is the first with its figure restated in another unit.
    let restated = a.replacingOccurrences(of: "for 60 hours", with: phrase)
      .replacingOccurrences(of: "a 24-hour strike", with: phrase)
      .replacingOccurrences(of: "Up to 180 millimetres of rain", with: "Up to " + phrase)
    #expect(restated != a)
    let difference = ClaimIdentity.difference(Self.sentence(a), Self.sentence(restated))
    #expect(difference == nil, "\(difference.map(String.init(describing:)) ?? "")")
  }

  /// Precision and recall of links on the pairs of `file` in `set`.
  static func score(_ file: String, set: String) throws -> (count: Int, precision: Double, recall: Double) {
    let url = EvaluationTests.root.appendingPathComponent(file)
    let pairs = try YAMLDecoder().decode([Pair].self, from: String(contentsOf: url, encoding: .utf8))
    var (truePositives, falsePositives, falseNegatives) = (0, 0, 0)
    for pair in pairs where pair.set == set {
      let linked = ClaimIdentity.isSameClaim(Self.sentence(pair.a), Self.sentence(pair.b))
      if linked && pair.same { truePositives += 1 }
      if linked && !pair.same { falsePositives += 1 }
      if !linked && pair.same { falseNegatives += 1 }
    }
    return (
      pairs.count, Double(truePositives) / Double(truePositives + falsePositives),
      Double(truePositives) / Double(truePositives + falseNegatives)
    )
  }

  struct Pair: Decodable {
    var a: String
    var b: String
    var same: Bool
    var set: String
  }

  /// The labelled set of Examples/identity, written before these rules: the
  /// part they were tuned on must not slip below what it scores now. (The
  /// product's bars are precision 0.98 and recall 0.9; `vet-eval --identity`
  /// prints the figures for both parts.)
  @Test("the tuning part of the labelled identity set keeps its precision and recall")
  func labelledSet() throws {
    let (count, precision, recall) = try Self.score("Examples/identity/pairs.yml", set: "tune")
    #expect(count >= 200)
    #expect(precision >= 0.95, "precision \(precision)")
    #expect(recall >= 0.95, "recall \(recall)")
  }

  /// The tuning part of the fresh batch keeps what the rules reach on it now.
  ///
  /// Examples/identity/fresh.yml was written later, in other domains and
  /// styles. The figures are far from the bars; what still fools the rules
  /// is in docs/identity.md.
  @Test("the tuning part of the fresh identity batch does not slip back")
  func freshSet() throws {
    let (_, precision, recall) = try Self.score("Examples/identity/fresh.yml", set: "tune")
    #expect(precision >= 0.74, "precision \(precision)")
    #expect(recall >= 0.76, "recall \(recall)")
  }

}
