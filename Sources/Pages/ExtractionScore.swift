import Foundation

/// How close an extracted body is to the one a person marked, as article
/// extraction benchmarks measure it: precision, recall and F1 over the
/// shingles (runs of four consecutive words) of the two texts.
public struct ExtractionScore: Sendable, Equatable {
  public var precision: Double
  public var recall: Double
  public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

  /// Words per shingle.
  public static let width = 4

  /// Scores `extracted` against `expected` (shingles counted with repeats).
  ///
  /// Two empty texts score 1: a page that is not an article, rightly left empty.
  public init(extracted: String, expected: String) {
    let (found, wanted) = (Self.shingles(extracted), Self.shingles(expected))
    if found.isEmpty && wanted.isEmpty {
      (precision, recall) = (1, 1)
      return
    }
    var remaining = wanted
    var common = 0
    for (shingle, count) in found {
      let shared = min(count, remaining[shingle] ?? 0)
      common += shared
      remaining[shingle] = (remaining[shingle] ?? 0) - shared
    }
    let foundCount = found.values.reduce(0, +)
    let wantedCount = wanted.values.reduce(0, +)
    precision = foundCount == 0 ? 0 : Double(common) / Double(foundCount)
    recall = wantedCount == 0 ? 0 : Double(common) / Double(wantedCount)
  }

  /// The shingles of a text, lowercased, with punctuation at word ends dropped, counted.
  static func shingles(_ text: String) -> [[String]: Int] {
    let words = text.lowercased().split(whereSeparator: \.isWhitespace).map {
      String($0.trimmingCharacters(in: .punctuationCharacters))
    }.filter { !$0.isEmpty }
    var counts: [[String]: Int] = [:]
    if words.isEmpty { return counts }
    if words.count < width {
      counts[words] = 1
      return counts
    }
    for start in 0...(words.count - width) { counts[Array(words[start..<start + width]), default: 0] += 1 }
    return counts
  }
}
