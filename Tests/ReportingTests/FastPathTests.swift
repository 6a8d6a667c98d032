import Foundation
import Testing

@testable import Reporting

/// The shortcuts an ingest takes for recorded claims give what the general
/// path gives.
@Suite("Fast paths agree with the general ones")
struct FastPathTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Every example article, each version of each evaluation case.
  static func articles() throws -> [String] {
    var texts: [String] = []
    for folder in ["Examples/ferry", "Examples/evaluation"] {
      let dir = root.appendingPathComponent(folder)
      let enumerator = FileManager.default.enumerator(atPath: dir.path)
      while let name = enumerator?.nextObject() as? String {
        guard name.hasSuffix(".txt") else { continue }
        texts.append(try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8))
      }
    }
    return texts
  }

  /// Texts made of `alphabet`, every one up to `length` characters long.
  static func strings(of alphabet: [String], upTo length: Int) -> [String] {
    var all = [""]
    var last = [""]
    for _ in 0..<length {
      last = last.flatMap { s in alphabet.map { s + $0 } }
      all += last
    }
    return all
  }

  @Test func normalASCIIIsLeftAsTheGeneralPathLeavesIt() throws {
    // Spaces, hyphens and the controls around them in every arrangement.
    var texts = Self.strings(of: ["a", " ", "-", "\t", "\n", ".", "\u{7F}"], upTo: 5)
    for article in try Self.articles() {
      let lines = article.split(separator: "\n").map(String.init)
      texts += lines + lines.map { " " + $0 } + lines.map { $0 + " -- x" }
    }
    var unchanged = 0
    for text in texts where Normalizer.isASCII(text) {
      let general = Normalizer.normalize(scalars: Array(text.utf8))
      if Normalizer.isNormalASCII(text) {
        unchanged += 1
        #expect(general == text, "\(Array(text.utf8))")
      }
      #expect(Normalizer.normalize(text) == general)
    }
    // The shortcut was taken, for the short strings and for the article lines.
    #expect(unchanged > 300)
  }

  @Test func firstSentenceIsTheFirstSegment() throws {
    var texts = ["", " ", "Mr. Smith said. It sank.", "PORT HALVEN -- The ferry sank. Then?", "a\nb. C"]
    for article in try Self.articles() {
      let normalized = Normalizer.normalize(article)
      let sentences = Article(text: article).sentences.map(\.text)
      texts.append(normalized)
      texts += sentences
      texts += zip(sentences, sentences.dropFirst()).map { $0 + " " + $1 }
      texts += normalized.split(separator: "\n").map(String.init)
    }
    var plain = 0
    for text in texts {
      if !text.utf8.contains(where: { $0 >= 0x80 || $0 == UInt8(ascii: "\n") }) { plain += 1 }
      #expect(SentenceSplitter.firstSentence(text) == SentenceSplitter.split(text).first?.text, "\(text)")
    }
    #expect(plain > 100)
  }

  @Test func aQueryTakesTheSameProfileFromItsArticle() throws {
    var compared = 0
    for text in try Self.articles() {
      let article = Article(text: text)
      for sentence in article.sentences {
        let reused = RestatementQuery(sentence, in: article)
        let fresh = RestatementQuery(sentence)
        #expect(reused.profile.weights == fresh.profile.weights)
        #expect(reused.profile.total == fresh.profile.total)
        #expect(Set(reused.postedKeys) == Set(fresh.postedKeys))
        compared += 1
      }
    }
    #expect(compared > 100)
  }

  @Test func queriesMadeTogetherAreTheQueriesMadeOneByOne() throws {
    for text in try Self.articles() {
      let article = Article(text: text)
      let together = RestatementQuery.queries(for: article.sentences, in: article)
      #expect(together.count == article.sentences.count)
      for (query, sentence) in zip(together, article.sentences) {
        let alone = RestatementQuery(sentence, in: article)
        #expect(query.sentence == sentence)
        #expect(query.profile.weights == alone.profile.weights)
        #expect(Set(query.postedKeys) == Set(alone.postedKeys))
      }
    }
  }

  /// Matches scored first and analysed together are the answers of single lookups.
  @Test func matchesAnalysedTogetherAnswerAsSingleLookups() throws {
    let texts = try Self.articles()
    var recorded: [(id: String, text: String)] = []
    for (n, text) in texts.enumerated() {
      for sentence in Article(text: text).sentences { recorded.append(("\(n)-\(sentence.index % 7)", sentence.text)) }
    }
    var single = RestatementIndex<String>()
    var together = RestatementIndex<String>()
    for (id, text) in recorded {
      single.add(text: text, id: id)
      together.add(text: text, id: id)
    }
    let ids = Array(Set(recorded.map(\.id))).sorted()
    var expected: [(id: String, sentence: Sentence, similarity: Double)?] = []
    var found: [RestatementIndex<String>.Match?] = []
    for text in texts.prefix(6) {
      let article = Article(text: text)
      for sentence in article.sentences {
        let query = RestatementQuery(sentence, in: article)
        let some = Array(ids.dropFirst((sentence.index * 5) % ids.count).prefix(9))
        expected.append(single.best(for: sentence, among: some))
        found.append(together.bestMatch(for: query, among: some))
        expected.append(single.best(for: sentence))
        found.append(together.bestMatch(for: query))
      }
    }
    let analysed = together.sentences(of: found.compactMap { $0 })
    var next = analysed.makeIterator()
    var matched = 0
    for (a, b) in zip(expected, found) {
      #expect((a == nil) == (b == nil))
      guard let a, let b else { continue }
      let sentence = next.next() ?? nil
      #expect(a.id == b.id && a.similarity == b.similarity && a.sentence == sentence)
      matched += 1
    }
    #expect(matched > 100)
  }

  @Test func sharedWordClassesGiveTheSameProfiles() throws {
    var classes: [String: SentenceProfile.WordClass] = [:]
    for text in try Self.articles() {
      for sentence in Article(text: text).sentences {
        let tokens = Tokenizer.tokenize(sentence.text)
        let shared = SentenceProfile(
          tokens: tokens, quantities: sentence.quantities, hedges: sentence.hedges, classes: &classes)
        let alone = SentenceProfile(tokens: tokens, quantities: sentence.quantities, hedges: sentence.hedges)
        #expect(shared.weights == alone.weights)
        #expect(shared.total == SentenceProfile.sum(Array(alone.weights.values)))
      }
    }
    #expect(classes.count > 100)
  }
}
