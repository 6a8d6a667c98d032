import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `vet source add URL` and `page.html`, against nginx serving pages on loopback.
@Suite(
  "Web pages in: the article out, the page kept, every fault refused",
  .serialized, .enabled(if: ServerPrograms.hasHTTP, "nginx is not installed; run Scripts/install-deps.sh"))
struct WebPageTests {
  static let paragraphs = [
    "A passenger ferry capsized in heavy seas off Port Halven on Friday, and at least 40 people were feared drowned, the coast guard said.",
    "Rescuers pulled 212 people from the water, and helicopters searched through the night, officials said.",
    "Zoë Hallström, who runs a café on the quay, said she had seen the ferry list sharply soon after it left port.",
  ]

  /// A news page around the article: navigation, share buttons, an advertisement, related links, a footer.
  static func page(charset: String = "utf-8") -> String {
    """
    <!DOCTYPE html><html><head><meta charset="\(charset)">
    <title>Ferry capsizes off Port Halven | The Harlow Courier</title>
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
    "headline":"Ferry capsizes off Port Halven","author":{"@type":"Person","name":"Ana Sol"},
    "datePublished":"2026-11-20T08:00:00Z","dateModified":"2026-11-20T11:30:00Z"}</script></head>
    <body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
    <article><h1>Ferry capsizes off Port Halven</h1><div class="share-tools"><a href="#">Share</a></div>
    <p>\(paragraphs[0])</p><div class="ad-slot">Advertisement</div><p>\(paragraphs[1])</p>
    <aside class="related"><a href="/other">Another story entirely, about something else</a></aside>
    <p>\(paragraphs[2])</p></article>
    <footer><p>© The Harlow Courier. All rights reserved.</p></footer></body></html>
    """
  }

  /// A workspace, and nginx serving `article.html` (UTF-8), `latin1/article.html`
  /// (windows-1252, declared only by the server), `gz/article.html` (gzip),
  /// a search page, an image and an empty page.
  static func setUp(_ folder: TemporaryDirectory) throws -> (VetRunner, WebPageServer) {
    let root = folder.file("site")
    for sub in ["", "/latin1", "/gz"] {
      try FileManager.default.createDirectory(atPath: root + sub, withIntermediateDirectories: true)
    }
    try page().write(toFile: root + "/article.html", atomically: true, encoding: .utf8)
    let latin1 = page(charset: "").replacingOccurrences(of: "<meta charset=\"\">", with: "")
    try Data(latin1.data(using: .windowsCP1252) ?? Data()).write(
      to: URL(fileURLWithPath: root + "/latin1/article.html"))
    try page().write(toFile: root + "/gz/plain.html", atomically: true, encoding: .utf8)
    _ = try Shell.run("/bin/sh", ["-c", "gzip -c '\(root)/gz/plain.html' > '\(root)/gz/article.html'"])
    try """
    <html><body><nav><a href="/">Home</a></nav><ul class="results"><li><a href="/1">Ferry capsizes off Port Halven</a></li>
    <li><a href="/2">Bridge closed after crack found</a></li></ul></body></html>
    """.write(toFile: root + "/search.html", atomically: true, encoding: .utf8)
    try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]).write(
      to: URL(fileURLWithPath: root + "/photo.png"))
    try "".write(toFile: root + "/empty.html", atomically: true, encoding: .utf8)
    let filler = Data(String(repeating: "<p>Another paragraph of an enormous page.</p>\n", count: 500_000).utf8)
    try filler.write(to: URL(fileURLWithPath: root + "/huge.html"))
    let server = try WebPageServer(root: root, folder: folder.path)
    let v = VetRunner()
    try v.initWorkspace()
    return (v, server)
  }

  static func text(_ v: VetRunner, _ slug: String) throws -> String {
    try String(contentsOfFile: v.workspace + "/sources/\(slug)/v1.txt", encoding: .utf8)
  }

  @Test("added by address: the article's text, its metadata, the page as served with its SHA-256, git happy")
  func addByURL() throws {
    let folder = TemporaryDirectory("vet-web")
    let (v, server) = try Self.setUp(folder)
    defer { server.stop() }
    let out = try v.ok("source", "add", server.url("article.html"), "--id", "ferry")
    #expect(out.contains("3 new claims"), "\(out)")
    #expect(
      try Self.text(v, "ferry") == "Ferry capsizes off Port Halven\n\n" + Self.paragraphs.joined(separator: "\n\n")
        + "\n")
    let yml = try String(contentsOfFile: v.workspace + "/sources/ferry/source.yml", encoding: .utf8)
    for field in [
      "title: Ferry capsizes off Port Halven", "byline: Ana Sol", "published: 2026-11-20T08:00:00Z",
      "modified: 2026-11-20T11:30:00Z", "url: \(server.url("article.html"))",
    ] {
      #expect(yml.contains(field), "\(field) in \(yml)")
    }
    let served = try Data(contentsOf: URL(fileURLWithPath: folder.file("site/article.html")))
    let kept = try Data(contentsOf: URL(fileURLWithPath: v.workspace + "/sources/ferry/v1.html"))
    #expect(kept == served)
    let digest = try Shell.run("/usr/bin/sha256sum", [v.workspace + "/sources/ferry/v1.html"]).stdout.prefix(64)
    #expect(yml.contains("page-sha256: '\(digest)'") || yml.contains("page-sha256: \(digest)"), "\(yml)")
    #expect(try Shell.git(["fsck", "--strict"], in: v.workspace).succeeded)
    #expect(try v.git("status", "--porcelain").isEmpty)
  }

  @Test(
    "a redirect is followed and the address found recorded; gzip is decoded; a charset only the server declares is read"
  )
  func redirectsGzipCharsets() throws {
    let folder = TemporaryDirectory("vet-web-transport")
    let (v, server) = try Self.setUp(folder)
    defer { server.stop() }
    try v.ok("source", "add", server.url("moved"), "--id", "moved")
    let yml = try String(contentsOfFile: v.workspace + "/sources/moved/source.yml", encoding: .utf8)
    #expect(yml.contains("url: \(server.url("article.html"))"), "\(yml)")
    try v.ok("source", "add", server.url("gz/article.html"), "--id", "zipped")
    #expect(try Self.text(v, "zipped") == Self.text(v, "moved"))
    try v.ok("source", "add", server.url("latin1/article.html"), "--id", "latin")
    let latin = try Self.text(v, "latin")
    #expect(latin.contains("Zoë Hallström, who runs a café"), "\(latin)")
  }

  @Test(
    "faults: a clear one-line message naming the address, a non-zero exit, nothing recorded",
    arguments: [
      ("missing.html", "HTTP 404"), ("broken", "HTTP 503"), ("loop-a", "redirects in a loop"),
      ("photo.png", "not a web page"), ("search.html", "no article text"), ("empty.html", "is empty"),
      ("huge.html", "larger than 20 MB"),
    ])
  func faults(_ path: String, _ message: String) throws {
    let folder = TemporaryDirectory("vet-web-faults")
    let (v, server) = try Self.setUp(folder)
    defer { server.stop() }
    let before = try v.state()
    let result = try v.vet("source", "add", server.url(path))
    #expect(!result.succeeded)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(result.stderr.contains(path), "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    #expect(try v.state() == before)
    #expect(try v.git("status", "--porcelain").isEmpty)
  }

  @Test(
    "a refused connection, a connection cut mid-page, and a server that never answers are reported and change nothing")
  func refusedAndSilent() throws {
    let v = VetRunner()
    try v.initWorkspace()
    let before = try v.state()
    let refused = try v.vet("source", "add", "http://127.0.0.1:\(ServerProcess.freePort())/article.html")
    #expect(!refused.succeeded)
    #expect(refused.stderr.contains("cannot fetch"), "\(refused.stderr)")
    // A server that accepts the connection and never says a word.
    let (fd, port) = ServerProcess.silentListener()
    defer { close(fd) }
    let silent = try v.vet("source", "add", "http://127.0.0.1:\(port)/article.html", "--timeout", "2")
    #expect(!silent.succeeded)
    #expect(silent.stderr.contains("did not answer within 2 s"), "\(silent.stderr)")
    // A server that starts sending the page and hangs up half-way.
    let (cutFD, cutPort) = ServerProcess.silentListener()
    defer { close(cutFD) }
    let hangUp = Thread {
      let client = accept(cutFD, nil, nil)
      guard client >= 0 else { return }
      let reply =
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<html><body><p>The start of a page"
      _ = reply.withCString { send(client, $0, strlen($0), 0) }
      close(client)
    }
    hangUp.start()
    let cut = try v.vet("source", "add", "http://127.0.0.1:\(cutPort)/article.html", "--timeout", "5")
    #expect(!cut.succeeded)
    #expect(cut.stderr.contains("cannot fetch"), "\(cut.stderr)")
    #expect(try v.state() == before)
  }

  @Test("a saved page is read the same way, and a plain-text file is still plain text")
  func savedPage() throws {
    let folder = TemporaryDirectory("vet-web-file")
    let v = VetRunner()
    try v.initWorkspace()
    let file = try folder.write("saved.html", Self.page())
    try v.ok("source", "add", file, "--id", "saved")
    #expect(try Self.text(v, "saved").hasPrefix("Ferry capsizes off Port Halven\n\n\(Self.paragraphs[0])"))
    #expect(FileManager.default.fileExists(atPath: v.workspace + "/sources/saved/v1.html"))
    let plain = try folder.write("plain.txt", "Ferry capsizes\n\n\(Self.paragraphs[1])\n")
    try v.ok("source", "add", plain, "--id", "plain")
    #expect(!FileManager.default.fileExists(atPath: v.workspace + "/sources/plain/v1.html"))
  }

  @Test(
    "refresh: no new version for the same article or one only respaced and requoted; a changed one is recorded with its drift"
  )
  func refresh() throws {
    let folder = TemporaryDirectory("vet-web-refresh")
    let (v, server) = try Self.setUp(folder)
    defer { server.stop() }
    let page = folder.file("site/article.html")
    try v.ok("source", "add", server.url("article.html"), "--id", "ferry")
    try v.ok("source", "add", server.url("gz/article.html"), "--id", "zipped")
    let same = try v.vet("source", "refresh")
    #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
    #expect(same.stdout.contains("ferry: unchanged"))
    // Only whitespace and quote styles: not a change a reader notices.
    let requoted = Self.page().replacingOccurrences(of: "’", with: "'").replacingOccurrences(
      of: ", and ", with: ",   and ")
    try requoted.write(toFile: page, atomically: true, encoding: .utf8)
    #expect(try v.vet("source", "refresh", "ferry").status == 0)
    #expect(!FileManager.default.fileExists(atPath: v.workspace + "/sources/ferry/v2.html"))
    // The toll revised and a paragraph added: a new version, with its drift.
    let revised = Self.page().replacingOccurrences(of: "212 people", with: "251 people")
      .replacingOccurrences(
        of: "</article>",
        with:
          "<p>The ferry's operator said it would open an inquiry into the capsizing on Monday morning.</p></article>")
    try revised.write(toFile: page, atomically: true, encoding: .utf8)
    let changed = try v.vet("source", "refresh", "--json")
    #expect(changed.status == 2, "\(changed.stderr)")
    let results = try JSONSerialization.jsonObject(with: Data(changed.stdout.utf8)) as? [[String: Any]] ?? []
    let ferry = results.first { $0["source"] as? String == "ferry" }
    #expect(ferry?["outcome"] as? String == "changed")
    #expect(ferry?["version"] as? Int == 2)
    #expect(results.first { $0["source"] as? String == "zipped" }?["outcome"] as? String == "unchanged")
    #expect(try String(contentsOfFile: v.workspace + "/sources/ferry/v2.txt", encoding: .utf8).contains("251 people"))
    let log = try v.ok("claim", "list", "--json")
    #expect(log.contains("251"))
    #expect(try Shell.git(["fsck", "--strict"], in: v.workspace).succeeded)
    #expect(try v.git("status", "--porcelain").isEmpty)
  }

  @Test("refresh: a page shrunk to a stub is reported, not recorded; one failing site does not stop the others")
  func refreshFaults() throws {
    let folder = TemporaryDirectory("vet-web-refresh-faults")
    let (v, server) = try Self.setUp(folder)
    defer { server.stop() }
    try v.ok("source", "add", server.url("article.html"), "--id", "ferry")
    try v.ok("source", "add", server.url("latin1/article.html"), "--id", "latin")
    // The page now carries a stub of its article (a layout change), and the other site is gone.
    let stub = Self.page().replacingOccurrences(of: "<p>\(Self.paragraphs[1])</p>", with: "")
      .replacingOccurrences(of: "<p>\(Self.paragraphs[2])</p>", with: "")
    try stub.write(toFile: folder.file("site/article.html"), atomically: true, encoding: .utf8)
    try FileManager.default.removeItem(atPath: folder.file("site/latin1/article.html"))
    let before = try v.state()
    let result = try v.vet("source", "refresh")
    #expect(result.status == 1)
    #expect(result.stderr.contains("suspicious shrink"), "\(result.stderr)")
    #expect(result.stderr.contains("HTTP 404"), "\(result.stderr)")
    #expect(try v.state() == before)
    // Named sources only; a source without an address is refused by name.
    try v.ok("claim", "add", "A claim typed by hand")
    let plain = try folder.write("plain.txt", "Ferry capsizes\n\n\(Self.paragraphs[1])\n")
    try v.ok("source", "add", plain, "--id", "plain")
    let refused = try v.vet("source", "refresh", "plain")
    #expect(!refused.succeeded)
    #expect(refused.stderr.contains("plain"), "\(refused.stderr)")
  }

  @Test(
    "https: a site whose certificate no authority the system trusts signed is refused, naming it, and nothing is recorded",
    .enabled(if: ServerPrograms.hasHTTPS, "openssl is not installed"))
  func httpsUntrusted() throws {
    let folder = TemporaryDirectory("vet-web-https")
    let root = folder.file("site")
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    try Self.page().write(toFile: root + "/article.html", atomically: true, encoding: .utf8)
    let server = try WebPageServer(root: root, folder: folder.path, tls: try TestCertificates(folder: folder.path))
    defer { server.stop() }
    let v = VetRunner()
    try v.initWorkspace()
    let before = try v.state()
    let refused = try v.vet("source", "add", server.url("article.html"))
    #expect(!refused.succeeded)
    #expect(refused.stderr.contains("cannot fetch \(server.url("article.html"))"), "\(refused.stderr)")
    #expect(refused.stderr.contains("certificate"), "\(refused.stderr)")
    #expect(try v.state() == before)
  }
}
