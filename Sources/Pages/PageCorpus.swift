import Foundation

/// The labelled pages of `Examples/pages`: each folder a page as served and
/// the article body a person marked, scored as article extraction benchmarks do.
public enum PageCorpus {
  /// One labelled page and how the extractor did on it.
  public struct Result: Sendable {
    public var name: String
    public var set: String
    public var score: ExtractionScore
    public var expectedHeadline: String?
    public var headline: String?
  }

  /// Extracts every page under `folder` and scores it against its `expected.txt`.
  ///
  /// A folder's `meta.yml` is read only for `set:` and `headline:` (one `key: value` per line).
  public static func score(folder: String) throws -> [Result] {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    var results: [Result] = []
    for name in names {
      let dir = folder + "/" + name
      guard let page = FileManager.default.contents(atPath: dir + "/page.html"),
        let expected = FileManager.default.contents(atPath: dir + "/expected.txt")
      else { continue }
      let meta = (FileManager.default.contents(atPath: dir + "/meta.yml")).map { String(decoding: $0, as: UTF8.self) }
      let fields = meta.map(Self.fields) ?? [:]
      let bytes = [UInt8](page)
      let article = ArticleExtractor.extract(try HTMLDocument.parse(bytes, encoding: Charset.detect(bytes)))
      let score = ExtractionScore(
        extracted: article.paragraphs.joined(separator: "\n"), expected: String(decoding: expected, as: UTF8.self))
      results.append(
        Result(
          name: name, set: fields["set"] ?? "tune", score: score, expectedHeadline: fields["headline"],
          headline: article.headline))
    }
    return results
  }

  /// The `key: value` lines of a small YAML file, quotes taken off the values.
  static func fields(_ text: String) -> [String: String] {
    var fields: [String: String] = [:]
    for line in text.split(separator: "\n") {
      guard let colon = line.firstIndex(of: ":"), !line.hasPrefix(" ") else { continue }
      let key = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
      var value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
      if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" {
        value = String(value.dropFirst().dropLast())
      }
      fields[key] = value
    }
    return fields
  }

  /// Mean precision, recall and F1 of some results.
  public static func mean(_ results: [Result]) -> (precision: Double, recall: Double, f1: Double) {
    guard !results.isEmpty else { return (0, 0, 0) }
    let n = Double(results.count)
    return (
      results.map(\.score.precision).reduce(0, +) / n, results.map(\.score.recall).reduce(0, +) / n,
      results.map(\.score.f1).reduce(0, +) / n
    )
  }
}
