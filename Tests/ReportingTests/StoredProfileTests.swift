import Foundation
import Testing

@testable import Reporting

@Suite("Stored sentence profiles answer as the sentences analysed afresh")
struct StoredProfileTests {
  /// Every example article's sentences, and texts that are not one sentence.
  static func texts() throws -> [String] {
    let articles = try FastPathTests.articles().sorted()
    var texts = articles.flatMap { Article(text: $0).sentences.map(\.text) }
    texts += [
      "", "   ", "—", articles[0], "Officials said 40 people were missing. Two boats searched overnight.",
      "\u{201C}We saw it capsize,\u{201D} a fisherman told reporters on Tuesday, March 3.",
    ]
    return texts
  }

  @Test("a stored profile decodes to the first sentence and profile the text is analysed into")
  func roundTrip() throws {
    var encoder = StoredProfile.Encoder()
    var classes: [String: SentenceProfile.WordClass] = [:]
    var none = 0
    for text in try Self.texts() {
      let analysed = SentenceProfile.firstSentence(of: text, classes: &classes)
      let stored = encoder.encode(text)
      #expect((analysed == nil) == (stored == nil), "\(text)")
      guard let analysed, let stored else {
        none += 1
        continue
      }
      let decoded = try #require(StoredProfile.decode(stored))
      #expect(decoded.text == analysed.text)
      #expect(decoded.profile.weights == analysed.profile.weights)
      #expect(decoded.profile.total == analysed.profile.total)
      // The same text gives the same bytes, whatever order its keys were hashed in.
      var fresh = StoredProfile.Encoder()
      #expect(fresh.encode(text) == stored)
    }
    // The empty and the blank text.
    #expect(none == 2)
  }

  @Test("bytes that are not a stored profile do not decode")
  func damaged() throws {
    var encoder = StoredProfile.Encoder()
    let encoded = encoder.encode("Rescuers pulled 40 people from the capsized ferry near Port Alder.")
    let stored = try #require(encoded)
    #expect(StoredProfile.decode(stored) != nil)
    for cut in [1, 3, 5, stored.count / 2, stored.count - 1] {
      #expect(StoredProfile.decode(Array(stored.prefix(cut))) == nil, "cut at \(cut)")
    }
    #expect(StoredProfile.decode([0xFF, 0xFF, 0xFF, 0x7F]) == nil)
    var badUTF8 = stored
    badUTF8[4] = 0xFF
    #expect(StoredProfile.decode(badUTF8) == nil)
  }

  @Test("lookups over stored profiles, some of them damaged, answer as lookups that analyse every text")
  func lookupsMatch() throws {
    let articles = try FastPathTests.articles().sorted()
    var recorded: [(id: String, text: String)] = []
    for (n, text) in articles.enumerated() {
      for sentence in Article(text: text).sentences { recorded.append(("\(n)-\(sentence.index % 7)", sentence.text)) }
    }
    var analysing = RestatementIndex<String>()
    var stored = RestatementIndex<String>()
    var encoder = StoredProfile.Encoder()
    var added: [(text: String, id: String, stored: [UInt8]?)] = []
    for (k, (id, text)) in recorded.enumerated() {
      analysing.add(text: text, id: id)
      // Every seventh stored profile is cut short: the index analyses that text instead.
      let bytes = encoder.encode(text).map { k % 7 == 0 ? Array($0.dropLast(3)) : $0 }
      added.append((text, id, bytes))
    }
    stored.add(added)
    let ids = Array(Set(recorded.map(\.id))).sorted()
    var compared = 0
    var matched = 0
    for text in articles.prefix(8) {
      let article = Article(text: text)
      for sentence in article.sentences {
        let some = Array(ids.dropFirst((sentence.index * 5) % ids.count).prefix(9))
        for (a, b) in [
          (analysing.best(for: sentence), stored.best(for: sentence)),
          (analysing.best(for: sentence, among: some), stored.best(for: sentence, among: some)),
        ] {
          compared += 1
          #expect(a?.id == b?.id && a?.similarity == b?.similarity && a?.sentence == b?.sentence, "\(sentence.text)")
          if a != nil { matched += 1 }
        }
      }
    }
    #expect(compared > 200)
    #expect(matched > compared / 4)
  }

  /// The profiles of every example sentence, as one FNV-1a digest of their stored bytes.
  static func digest() throws -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    var encoder = StoredProfile.Encoder()
    for text in try texts() {
      for byte in encoder.encode(text) ?? [0] {
        hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
      }
    }
    return hash
  }

  /// The digest of `digest()` that each `StoredProfile.version` was released with.
  static let digests: [Int: UInt64] = [1: 0xb032_ffa9_d5e6_c277, 2: 0xc643_48e4_5f09_e76c]

  @Test(
    "the example sentences' profiles are those of StoredProfile.version: a change to the analysis changes the version")
  func versionCoversProfiles() throws {
    let digest = try Self.digest()
    #expect(
      Self.digests[StoredProfile.version] == digest,
      """
      The example sentences' profiles changed (digest \(String(digest, radix: 16))): claim indexes keep \
      profiles made under StoredProfile.version \(StoredProfile.version) and would match against stale ones. \
      Raise StoredProfile.version and record the new digest here.
      """)
  }
}
