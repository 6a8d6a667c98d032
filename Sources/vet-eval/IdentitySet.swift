import Foundation
import Reporting
import Yams

/// Scores claim identity against the labelled pairs of `Examples/identity`.
///
/// Each pair asks: is sentence b the same claim as sentence a?
enum IdentitySet {
  struct Pair: Decodable {
    var id: String
    var a: String
    var b: String
    var same: Bool
    var reason: String
    var set: String
  }

  struct Score {
    var truePositives = 0
    var falsePositives = 0
    var falseNegatives = 0
    var trueNegatives = 0
    var precision: Double {
      truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
    }
    var recall: Double {
      truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives)
    }
    mutating func add(linked: Bool, same: Bool) {
      switch (linked, same) {
      case (true, true): truePositives += 1
      case (true, false): falsePositives += 1
      case (false, true): falseNegatives += 1
      case (false, false): trueNegatives += 1
      }
    }
  }

  /// The claim a labelled text states: its first claim sentence (a liveblog
  /// entry opens with its time stamp), else its first sentence (a headline).
  static func sentence(_ text: String) -> Sentence? {
    let article = Article(text: text)
    return article.claims.first ?? article.sentences.first
  }

  static func load(_ path: String) throws -> [Pair] {
    let yaml = try String(contentsOfFile: path, encoding: .utf8)
    return try YAMLDecoder().decode([Pair].self, from: yaml)
  }

  /// The slot a different-claim pair's reason names ("slot: place; …"), or "same".
  static func slot(_ pair: Pair) -> String {
    guard !pair.same, pair.reason.hasPrefix("slot:") else { return "same" }
    return String(pair.reason.dropFirst(5).prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces)
  }

  /// The report: precision and recall of links per set, the misses, and false links by slot.
  static func report(_ pairs: [Pair], decide: (String, String) -> Bool, showMisses: Bool) -> (String, [String: Score]) {
    var scores: [String: Score] = [:]
    var wrongBySlot: [String: Int] = [:]
    var misses: [String] = []
    for pair in pairs {
      let linked = decide(pair.a, pair.b)
      scores[pair.set, default: Score()].add(linked: linked, same: pair.same)
      scores["all", default: Score()].add(linked: linked, same: pair.same)
      if linked != pair.same {
        wrongBySlot[slot(pair), default: 0] += 1
        misses.append("\(pair.id) [\(pair.set)] \(pair.same ? "not linked" : "wrongly linked"): \(pair.reason)")
      }
    }
    var lines: [String] = ["claim identity on \(pairs.count) labelled pairs"]
    for name in ["tune", "held-out", "all"] {
      guard let s = scores[name] else { continue }
      lines.append(
        String(
          format: "  %-9@ link precision %.3f  recall %.3f  (%d linked right, %d wrongly linked, %d missed)",
          name as NSString, s.precision, s.recall, s.truePositives, s.falsePositives, s.falseNegatives))
    }
    lines.append(
      "  wrong by slot: "
        + wrongBySlot.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    if showMisses { lines += misses.map { "  " + $0 } }
    return (lines.joined(separator: "\n"), scores)
  }
}
