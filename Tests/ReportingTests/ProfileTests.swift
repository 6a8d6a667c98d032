import Testing

@testable import Reporting

@Suite("Sentence profiles score the same whatever order their keys are stored in")
struct ProfileTests {
  /// Weights as profiles hold them (attribution, magnitude, time, hedge, word, name):
  /// added left to right and right to left, these come to totals a few ulps apart.
  static let weights: [(String, Double)] = [
    ("said", 0.35), ("#m2", 0.6), ("friday", 0.7), ("h:feared", 0.8), ("~capsized", 1.0), ("halven", 1.5),
    ("official", 0.35), ("#m1", 0.6), ("search", 1.0), ("monday", 0.7), ("h:reportedly", 0.8), ("veskaria", 1.5),
    ("police", 0.35), ("#m3", 0.6), ("rescuer", 1.0), ("elara", 1.5), ("water", 1.0), ("ministry", 0.35),
  ]

  /// A profile whose dictionary was filled in the order `keys` gives, with room for `capacity`.
  func profile(_ pairs: [(String, Double)], capacity: Int) -> SentenceProfile {
    var profile = SentenceProfile(tokens: [], quantities: [])
    var weights: [String: Double] = [:]
    weights.reserveCapacity(capacity)
    for (key, weight) in pairs { weights[key] = weight }
    profile.weights = weights
    return profile
  }

  @Test func totalsAndSimilarityDoNotDependOnStorageOrder() {
    let other = profile(Array(Self.weights.prefix(12)) + [("tessin", 1.5), ("#m4", 0.6)], capacity: 0)
    var totals: Set<Double> = []
    var similarities: Set<Double> = []
    var orders: Set<[String]> = []
    for rotation in 0..<Self.weights.count {
      let rotated = Array(Self.weights[rotation...] + Self.weights[..<rotation])
      for pairs in [rotated, rotated.reversed()] {
        for capacity in [0, 64, 1000] {
          let p = profile(pairs, capacity: capacity)
          orders.insert(Array(p.weights.keys))
          totals.insert(p.total)
          similarities.insert(Restatement.similarity(p, other))
          similarities.insert(Restatement.similarity(other, p))
        }
      }
    }
    // The dictionaries did iterate in different orders, so the sums were taken in different orders.
    #expect(orders.count > 1)
    #expect(totals.count == 1)
    #expect(similarities.count == 1)
  }
}
