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
    ])
  func same(_ a: String, _ b: String) {
    let (x, y) = (Self.sentence(a), Self.sentence(b))
    #expect(
      ClaimIdentity.isSameClaim(x, y),
      "\(ClaimIdentity.difference(x, y).map(String.init(describing:)) ?? "not similar")")
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
    let file = EvaluationTests.root.appendingPathComponent("Examples/identity/pairs.yml")
    let pairs = try YAMLDecoder().decode([Pair].self, from: String(contentsOf: file, encoding: .utf8))
    var (truePositives, falsePositives, falseNegatives) = (0, 0, 0)
    for pair in pairs where pair.set == "tune" {
      let linked = ClaimIdentity.isSameClaim(Self.sentence(pair.a), Self.sentence(pair.b))
      if linked && pair.same { truePositives += 1 }
      if linked && !pair.same { falsePositives += 1 }
      if !linked && pair.same { falseNegatives += 1 }
    }
    let precision = Double(truePositives) / Double(truePositives + falsePositives)
    let recall = Double(truePositives) / Double(truePositives + falseNegatives)
    #expect(pairs.count >= 200)
    #expect(precision >= 0.95, "precision \(precision)")
    #expect(recall >= 0.95, "recall \(recall)")
  }
}
