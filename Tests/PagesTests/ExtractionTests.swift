import Foundation
import Testing

@testable import Pages

@Suite("Reading a news page: its article, and nothing around it")
struct ExtractionTests {
  static func extract(_ html: String, encoding: String? = nil) throws -> ExtractedArticle {
    ArticleExtractor.extract(try HTMLDocument.parse(Array(html.utf8), encoding: encoding ?? "UTF-8"))
  }

  static let longParagraph =
    "The ferry, which was carrying more than 300 passengers, capsized in heavy seas a few kilometres from the port, the coast guard said."

  @Test("the body in an <article>, without navigation, share buttons, related links, newsletter box or footer")
  func articleWithFurniture() throws {
    let page = """
      <html><head><title>Ferry capsizes off Port Halven | The Harlow Courier</title></head><body>
      <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
      <article><h1>Ferry capsizes off Port Halven</h1>
      <div class="share-buttons"><a href="#">Share on Facebook</a></div>
      <p>\(Self.longParagraph)</p>
      <div class="newsletter-signup"><p>Sign up for our morning briefing, delivered to your inbox every day.</p></div>
      <p>Rescuers pulled 212 people from the water, and helicopters searched through the night, officials said.</p>
      <aside class="related"><h3>Related</h3><p><a href="/a">Another ferry story that is not this one at all</a></p></aside>
      </article><footer><p>Copyright The Harlow Courier, all rights reserved, since long ago.</p></footer></body></html>
      """
    let article = try Self.extract(page)
    #expect(article.headline == "Ferry capsizes off Port Halven")
    #expect(
      article.paragraphs == [
        Self.longParagraph,
        "Rescuers pulled 212 people from the water, and helicopters searched through the night, officials said.",
      ])
  }

  @Test("a body in nested <div>s, split by an advertisement, with sloppy HTML: unclosed paragraphs, uppercase tags")
  func splitBodySloppyHTML() throws {
    let page = """
      <HTML><BODY><DIV id=page><DIV class=story-body>
      <P>\(Self.longParagraph)
      <P>The operator, Orsa Line, said in a short statement that the vessel had passed its inspection in March.
      </DIV><DIV class="ad-slot">Advertisement</DIV><DIV class=story-body>
      <P>Hundreds of relatives waited at the terminal through the afternoon, held back by a police cordon.
      </DIV><DIV class=sidebar><P>Most read: a list of other stories, with links to each of them in turn.</DIV>
      </DIV></BODY></HTML>
      """
    let article = try Self.extract(page)
    #expect(
      article.paragraphs == [
        Self.longParagraph,
        "The operator, Orsa Line, said in a short statement that the vessel had passed its inspection in March.",
        "Hundreds of relatives waited at the terminal through the afternoon, held back by a police cordon.",
      ])
  }

  @Test("paragraphs separated by <br><br> instead of <p>")
  func brSeparatedParagraphs() throws {
    let page = """
      <html><body><div class="entry-content">\(Self.longParagraph)<br><br>A second paragraph, with its own sentence, follows the first one here.<br>
      <br>And a third one closes the short article, as wire stories often do.</div></body></html>
      """
    let article = try Self.extract(page)
    #expect(
      article.paragraphs == [
        Self.longParagraph, "A second paragraph, with its own sentence, follows the first one here.",
        "And a third one closes the short article, as wire stories often do.",
      ])
  }

  @Test("headline, byline and times from JSON-LD, also inside @graph; Open Graph and <meta> when it has none")
  func metadata() throws {
    let linked = """
      <html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Courier"},
      {"@type":"NewsArticle","headline":"Ferry capsizes","author":[{"@type":"Person","name":"Ana Sol"},{"@type":"Person","name":"Ib Ek"}],
      "datePublished":"2026-11-20T08:00:00Z","dateModified":"2026-11-20T10:30:00Z"}]}</script></head>
      <body><article><p>\(Self.longParagraph)</p></article></body></html>
      """
    let a = try Self.extract(linked)
    #expect(a.headline == "Ferry capsizes")
    #expect(a.byline == "Ana Sol, Ib Ek")
    #expect(a.published == "2026-11-20T08:00:00Z")
    #expect(a.modified == "2026-11-20T10:30:00Z")
    let tagged = """
      <html><head><meta property="og:title" content="Bridge closed after crack found">
      <meta name="author" content="Lena Vos"><meta property="article:published_time" content="2026-11-21T07:00:00+01:00">
      <title>Bridge closed | Valdane Public Radio</title></head><body><p>\(Self.longParagraph)</p></body></html>
      """
    let b = try Self.extract(tagged)
    #expect(b.headline == "Bridge closed after crack found")
    #expect(b.byline == "Lena Vos")
    #expect(b.published == "2026-11-21T07:00:00+01:00")
  }

  @Test("the charset: the server's word, a byte order mark, the page's <meta>, else UTF-8 or windows-1252")
  func charsets() throws {
    #expect(Charset.detect(Array("<p>é</p>".utf8), declared: "ISO-8859-1") == "windows-1252")
    #expect(Charset.detect([0xEF, 0xBB, 0xBF] + Array("<p>x</p>".utf8)) == "UTF-8")
    #expect(Charset.detect(Array("<meta charset=\"iso-8859-1\"><p>x</p>".utf8)) == "windows-1252")
    #expect(
      Charset.detect(Array("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">".utf8))
        == "koi8-r")
    #expect(Charset.detect(Array("<p>Zoë</p>".utf8)) == "UTF-8")
    #expect(Charset.detect([0x3C, 0x70, 0x3E, 0x5A, 0x6F, 0xEB, 0x3C, 0x2F, 0x70, 0x3E]) == "windows-1252")
    #expect(Charset.parameter(ofContentType: "text/html; charset=\"UTF-8\"") == "UTF-8")
    // A windows-1252 page read as such: "Zoë said “no”".
    let bytes: [UInt8] =
      Array("<html><body><article><p>".utf8) + [0x5A, 0x6F, 0xEB, 0x20, 0x73, 0x61, 0x69, 0x64, 0x20, 0x93]
      + Array("no".utf8) + [0x94]
      + Array(", and then the rest of a long enough paragraph followed.</p></article></body></html>".utf8)
    let article = ArticleExtractor.extract(try HTMLDocument.parse(bytes, encoding: Charset.detect(bytes)))
    #expect(article.paragraphs.first?.hasPrefix("Zoë said “no”") == true, "\(article.paragraphs)")
  }

  @Test("a live blog's time stamps are not text; a page with no article gives no body")
  func liveBlogAndNonArticle() throws {
    let live = """
      <html><body><div class="live-blog"><div class="entry"><p class="time">10:42</p><p>\(Self.longParagraph)</p></div>
      <div class="entry"><p>11:05 GMT</p><p>The coast guard has now confirmed that the search will continue overnight, with two helicopters.</p></div></div></body></html>
      """
    #expect(
      try Self.extract(live).paragraphs == [
        Self.longParagraph,
        "The coast guard has now confirmed that the search will continue overnight, with two helicopters.",
      ])
    let search = """
      <html><body><nav><a href="/">Home</a></nav><ul class="results"><li><a href="/1">Ferry capsizes off Port Halven</a></li>
      <li><a href="/2">Bridge closed after crack found</a></li></ul></body></html>
      """
    #expect(try Self.extract(search).paragraphs.isEmpty)
  }

  @Test("shingle scores: identical texts score 1, a missing half halves recall, extra text lowers precision")
  func scores() {
    let text = "one two three four five six seven eight"
    #expect(ExtractionScore(extracted: text, expected: text).f1 == 1)
    let half = ExtractionScore(extracted: "one two three four five", expected: text)
    #expect(half.precision == 1)
    #expect(half.recall == 0.4)
    #expect(ExtractionScore(extracted: "", expected: "").f1 == 1)
    #expect(ExtractionScore(extracted: "", expected: text).f1 == 0)
  }
}
