import Foundation
import Reporting
import Yams

/// Where a claim appears: one sentence of one version of one source.
public struct Appearance: Hashable, Sendable, Codable {
  public var source: String
  public var version: Int
  /// The sentence's index in that version, from 0.
  public var sentence: Int?
  /// The exact sentence text.
  public var quote: String
  /// Who the sentence says made the claim ("two port officials"); nil when unattributed.
  public var attribution: String?
  /// Hedges and certainty markers ("were feared", "reportedly").
  public var hedges: [String]
  /// Quantities as written ("at least 40 people").
  public var quantities: [String]

  public init(
    source: String, version: Int, sentence: Int?, quote: String, attribution: String?, hedges: [String],
    quantities: [String]
  ) {
    self.source = source
    self.version = version
    self.sentence = sentence
    self.quote = quote
    self.attribution = attribution
    self.hedges = hedges
    self.quantities = quantities
  }

  /// An appearance read off an analysed sentence.
  public init(source: String, version: Int, sentence: Sentence) {
    self.init(
      source: source, version: version, sentence: sentence.index, quote: sentence.text,
      attribution: sentence.attribution, hedges: sentence.hedges, quantities: sentence.quantities.map(\.text))
  }

  /// The fields of an appearance in a claim file.
  static let fields = ["source", "version", "sentence", "quote", "attribution", "hedges", "quantities"]

  init(yaml map: YAMLMap) throws {
    source = try map.requiredString("source")
    version = try map.int("version") ?? 1
    sentence = try map.int("sentence")
    quote = try map.requiredString("quote")
    attribution = try map.string("attribution")
    hedges = try map.strings("hedges")
    quantities = try map.strings("quantities")
  }

  var yaml: Node {
    var b = YAMLBuilder()
    b.set("source", source)
    b.set("version", version)
    b.set("sentence", sentence)
    b.set("quote", quote)
    b.set("attribution", attribution)
    b.set("hedges", list: hedges, omitEmpty: false)
    b.set("quantities", list: quantities, omitEmpty: false)
    return b.node
  }
}
