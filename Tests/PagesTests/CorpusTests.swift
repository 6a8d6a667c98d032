import Foundation
import Testing
import Yams

@testable import Pages

/// The labelled pages of Examples/pages, written for this project in the
/// layouts of common news sites, scored as article extraction benchmarks
/// score extractors (`vet-eval --pages` prints the figures per page).
@Suite("Article extraction on the labelled corpus")
struct CorpusTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Examples/pages").path

  @Test("mean F1 over four-word shingles is at least 0.95, on the tuned pages and on the held-out ones")
  func meanF1() throws {
    let results = try PageCorpus.score(folder: Self.folder)
    #expect(results.count >= 30)
    for set in ["tune", "held-out"] {
      let part = results.filter { $0.set == set }
      let mean = PageCorpus.mean(part)
      #expect(!part.isEmpty)
      #expect(mean.f1 >= 0.95, "\(set): mean F1 \(mean.f1)")
      // No page is far off: a body missed or a comment thread taken for it would show here.
      for r in part { #expect(r.score.f1 >= 0.85, "\(r.name): F1 \(r.score.f1)") }
    }
  }

  struct Meta: Decodable {
    var headline: String?
    var byline: String?
    var published: String?
    var modified: String?
  }

  @Test("headline and times are those the page's metadata gives; a byline found is the one shown, and most are found")
  func metadata() throws {
    var (bylines, found) = (0, 0)
    for name in try FileManager.default.contentsOfDirectory(atPath: Self.folder).sorted() {
      let dir = Self.folder + "/" + name
      guard let page = FileManager.default.contents(atPath: dir + "/page.html"),
        let yaml = FileManager.default.contents(atPath: dir + "/meta.yml")
      else { continue }
      let meta = try YAMLDecoder().decode(Meta.self, from: String(decoding: yaml, as: UTF8.self))
      let bytes = [UInt8](page)
      let article = ArticleExtractor.extract(try HTMLDocument.parse(bytes, encoding: Charset.detect(bytes)))
      func given(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
      if let headline = given(meta.headline) { #expect(article.headline == headline, "\(name)") }
      if let published = given(meta.published) { #expect(article.published == published, "\(name)") }
      if let modified = given(meta.modified) { #expect(article.modified == modified, "\(name)") }
      // The names the page shows as its byline and those found agree ("A and B" may be found as "A, B";
      // "Meridian Wire live team" as the metadata's "Meridian Wire").
      if let byline = given(meta.byline) {
        bylines += 1
        guard let author = article.byline else { continue }
        found += 1
        let names = byline.replacingOccurrences(of: " and ", with: ", ").components(separatedBy: ", ")
        #expect(
          names.allSatisfy { author.contains($0) || $0.contains(author) },
          "\(name): found '\(author)', shown '\(byline)'")
      }
    }
    #expect(Double(found) >= 0.8 * Double(bylines), "bylines found: \(found) of \(bylines)")
  }
}
