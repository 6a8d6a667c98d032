import Foundation
import TestSupport
import Testing

/// The `vet diff --json` contract (the README's JSON keys), as a script would read it.
private struct DiffJSON: Decodable {
  struct Side: Decodable {
    var source: String
    var version: Int?
    var revision: String?
    var file: String?
    var sentences: [Sentence]
  }
  struct Sentence: Decodable {
    var index: Int
    var text: String
    var kind: String
  }
  struct Pair: Decodable {
    var a: [Int]
    var b: [Int]
    var relation: String
    var changes: [Change]
  }
  struct Change: Decodable, Equatable {
    var type: String
    var from: String
    var to: String
  }
  struct Summary: Decodable {
    var verdict: String
    var evidence: [String]
    var creditRemoved: Int
    var boilerplateAdded: Int
  }
  var a: Side
  var b: Side
  var pairs: [Pair]
  var summary: Summary

  init(_ text: String) throws {
    self = try JSONDecoder().decode(DiffJSON.self, from: Data(text.utf8))
  }
}

/// What `vet diff --since --json` says, as far as these tests read it.
private struct SinceJSON: Decodable {
  struct Endpoint: Decodable { var commit: String? }
  struct Status: Decodable {
    var claim: String
    var from: String
    var to: String
    var note: String?
    var commit: String?
    var author: String?
  }
  struct Note: Decodable {
    var claim: String
    var note: String
    var commit: String?
    var author: String
  }
  struct Appearance: Decodable {
    var claim: String
    var source: String
    var version: Int?
    var drift: [String]
  }
  struct SourceVersion: Decodable {
    var source: String
    var version: Int
    var commit: String?
  }
  struct ClaimAdded: Decodable { var claim: String }
  var since: Endpoint
  var commits: Int
  var claimsAdded: [ClaimAdded]
  var statusChanges: [Status]
  var notes: [Note]
  var appearances: [Appearance]
  var sourcesAdded: [SourceVersion]
  var sourcesUpdated: [SourceVersion]
}

@Suite("vet diff: how reporting changed, and what verification changed")
struct DiffCommandTests {
  static let wire1 = VetRunner.example("wire-v1.txt")
  static let wire2 = VetRunner.example("wire-v2.txt")
  static let rewrite = VetRunner.example("rewrite.txt")

  /// A workspace with the wire (two versions) and the rewritten copy.
  static func ferryWorkspace() throws -> VetRunner {
    let v = VetRunner()
    try v.initWorkspace()
    try v.ok("source", "add", wire1, "--id", "wire")
    try v.ok("source", "update", "wire", wire2)
    try v.ok("source", "add", rewrite, "--id", "dailycopy")
    return v
  }

  @Test(
    "the ferry rewrite, as JSON: contract keys, the moved figure, the stripped credit line, the scraped-in boilerplate")
  func ferryRewriteJSON() throws {
    let v = VetRunner()
    // Two files need no workspace.
    let result = try v.vet(["diff", Self.wire1, Self.rewrite, "--json"], in: v.folder.path)
    #expect(result.succeeded, "\(result.stderr)")

    // Every key of the contract is there, `version` too (null for a file).
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(Set(object.keys).isSuperset(of: ["a", "b", "pairs", "summary"]))
    for side in ["a", "b"] {
      let s = try #require(object[side] as? [String: Any])
      #expect(Set(s.keys).isSuperset(of: ["source", "version", "sentences"]), "keys of \(side): \(s.keys)")
      #expect(s["version"] is NSNull)
      let sentence = try #require((s["sentences"] as? [[String: Any]])?.first)
      #expect(Set(sentence.keys).isSuperset(of: ["index", "text", "kind"]))
    }
    let firstPair = try #require((object["pairs"] as? [[String: Any]])?.first)
    #expect(Set(firstPair.keys).isSuperset(of: ["a", "b", "relation", "changes"]))

    let diff = try DiffJSON(result.stdout)
    #expect(diff.a.source == Self.wire1 && diff.b.file == Self.rewrite)
    // Each sentence of either side is in exactly one pair.
    #expect(diff.pairs.flatMap(\.a).sorted() == Array(diff.a.sentences.indices))
    #expect(diff.pairs.flatMap(\.b).sorted() == Array(diff.b.sentences.indices))
    for pair in diff.pairs {
      #expect(["identical", "reworded", "changed", "added", "removed"].contains(pair.relation))
      #expect(
        pair.changes.allSatisfy {
          ["quantity", "hedge", "attribution", "certainty", "entity", "detail"].contains($0.type)
        })
    }

    // "at least 40 people were feared drowned" → "Dozens of people drowned".
    let lead = try #require(
      diff.pairs.first {
        $0.a.contains { diff.a.sentences[$0].text.contains("at least 40 people were feared drowned") }
      })
    #expect(lead.relation == "changed")
    #expect(
      lead.changes.contains {
        $0.type == "quantity" && $0.from.contains("at least 40") && $0.to.lowercased().contains("dozens")
      })
    #expect(lead.changes.contains { $0.type == "hedge" && $0.from.contains("feared") && $0.to.isEmpty })
    #expect(
      lead.changes.contains { $0.type == "attribution" && $0.from == "two port officials" && $0.to == "authorities" })

    // The wire's credit line is gone from the copy, and labelled as a credit line.
    let credit = try #require(diff.a.sentences.first { $0.text.hasPrefix("Reporting by Lena Marsk") })
    #expect(credit.kind == "credit")
    #expect(diff.pairs.contains { $0.a == [credit.index] && $0.b.isEmpty && $0.relation == "removed" })

    // The copy's page furniture is added, and labelled boilerplate.
    for text in ["Share this article", "Leave a comment below", "We use cookies"] {
      let sentence = try #require(diff.b.sentences.first { $0.text.hasPrefix(text) }, "no sentence '\(text)'")
      #expect(sentence.kind == "boilerplate", "\(text) is \(sentence.kind)")
      #expect(diff.pairs.contains { $0.b == [sentence.index] && $0.a.isEmpty && $0.relation == "added" })
    }
    #expect(diff.summary.creditRemoved == 1 && diff.summary.boilerplateAdded >= 4)
    #expect(diff.summary.verdict.contains("rewrite of A"))
    #expect(diff.summary.verdict.contains("credit line removed"))
    #expect(!diff.summary.evidence.isEmpty)
  }

  @Test(
    "the terminal report: verdict first, changed words marked without colour, typed changes under each pair, furniture labelled"
  )
  func terminalReport() throws {
    let v = VetRunner()
    let result = try v.vet(["diff", Self.wire1, Self.rewrite], in: v.folder.path)
    #expect(result.succeeded, "\(result.stderr)")
    let out = result.stdout
    let verdict = try #require(out.range(of: "B appears to be a rewrite of A"))
    let firstPair = try #require(out.range(of: "A1 → B1"))
    #expect(verdict.lowerBound < firstPair.lowerBound)
    // No terminal, NO_COLOR: marks instead of colour, and no escape codes at all.
    #expect(!out.contains("\u{1B}"))
    #expect(out.contains("at least 40 people were feared drowned-]"))
    #expect(out.contains("{+Dozens of people drowned"))
    let lines = out.split(separator: "\n")
    #expect(lines.contains { $0.contains("quantity") && $0.contains("at least 40 people → Dozens of people") })
    #expect(out.contains("removed · credit"))
    #expect(out.contains("  - Reporting by Lena Marsk and Piet Arnaud; Editing by Tomas Brell"))
    #expect(out.contains("added · boilerplate"))
    #expect(out.contains("  + Share this article: Facebook Twitter Email"))
  }

  @Test("escape sequences in an article or a file name never reach the terminal")
  func escapesData() throws {
    let v = VetRunner()
    let a = try v.folder.write("a\u{1B}[31m.txt", "Officials said 40 people drowned.\n")
    let b = try v.folder.write("b.txt", "Officials said \u{1B}]0;pwned\u{07}\u{1B}[31m dozens of people drowned.\n")
    let result = try v.vet(["diff", a, b], in: v.folder.path)
    #expect(result.succeeded, "\(result.stderr)")
    #expect(!result.stdout.contains("\u{1B}") && !result.stdout.contains("\u{07}"))
    #expect(result.stdout.contains("a\\e[31m.txt"))
    #expect(result.stdout.contains("dozens of"))
  }

  @Test("sides: SLUG for its last two versions, SLUG@N, REV:SLUG at a past commit, and a file against a source")
  func sides() throws {
    let v = try Self.ferryWorkspace()
    let latest = try DiffJSON(try v.ok("diff", "wire", "--json"))
    #expect((latest.a.source, latest.a.version, latest.b.source, latest.b.version) == ("wire", 1, "wire", 2))
    // The update revised the toll: at least 40 → 43.
    #expect(
      latest.pairs.contains {
        $0.changes.contains { $0.type == "quantity" && $0.from.contains("at least 40") && $0.to.contains("43") }
      })
    #expect(latest.summary.verdict.contains("updated version"))

    let explicit = try DiffJSON(try v.ok("diff", "wire@1", "wire@2", "--json"))
    #expect(explicit.pairs.map(\.relation) == latest.pairs.map(\.relation))
    #expect(explicit.pairs.map(\.changes) == latest.pairs.map(\.changes))

    // Two commits back, before the update, the wire's latest version was 1.
    let past = try DiffJSON(try v.ok("diff", "HEAD~2:wire", "wire", "--json"))
    #expect(past.a.source == "wire" && past.a.version == 1)
    #expect(past.a.revision == (try v.git("rev-parse", "HEAD~2")))
    #expect(past.b.version == 2 && past.b.revision == nil)
    #expect(past.pairs.map(\.changes) == latest.pairs.map(\.changes))

    // A file with the same text as a source gives the same diff.
    let stored = try DiffJSON(try v.ok("diff", "wire@1", "dailycopy", "--json"))
    let file = try DiffJSON(try v.ok("diff", "wire@1", Self.rewrite, "--json"))
    #expect(file.b.file == Self.rewrite && file.b.version == nil)
    #expect(file.pairs.map(\.relation) == stored.pairs.map(\.relation))
    #expect(file.pairs.map(\.changes) == stored.pairs.map(\.changes))
    #expect(file.b.sentences.map(\.text) == stored.b.sentences.map(\.text))
  }

  @Test("--since after an ingest, a mark and a note: what changed, by whom, in which commit")
  func since() throws {
    let v = VetRunner()
    try v.initWorkspace()
    try v.ok("source", "add", Self.wire1, "--id", "wire")
    let afterIngest = try v.git("rev-parse", "HEAD")
    let list = try v.ok("claim", "list", "--grep", "212 people", "--json")
    let claims = try #require(try JSONSerialization.jsonObject(with: Data(list.utf8)) as? [[String: Any]])
    let id = try #require(claims.first?["id"] as? String)
    try v.ok("mark", id, "confirmed", "--note", "Coast guard statement lists 212 rescued")
    try v.ok("note", id, "Hospital confirms a dozen admitted")
    let head = try v.git("rev-parse", "HEAD")
    let markCommit = try v.git("rev-parse", "HEAD~1")

    let changes = try JSONDecoder().decode(
      SinceJSON.self, from: Data(try v.ok("diff", "--since", afterIngest, "--json").utf8))
    #expect(changes.since.commit == afterIngest)
    #expect(changes.commits == 2)
    #expect(changes.claimsAdded.isEmpty && changes.sourcesAdded.isEmpty)
    let status = try #require(changes.statusChanges.first)
    #expect(changes.statusChanges.count == 1)
    #expect((status.claim, status.from, status.to) == (id, "unverified", "confirmed"))
    #expect(status.note == "Coast guard statement lists 212 rescued")
    #expect(status.commit == markCommit && status.author == "Ada Analyst <ada@example.org>")
    let note = try #require(changes.notes.first)
    #expect((note.claim, note.note, note.commit) == (id, "Hospital confirms a dozen admitted", head))

    let human = try v.ok("diff", "--since", "HEAD~2")
    #expect(human.contains("unverified → confirmed"))
    #expect(human.contains("Hospital confirms a dozen admitted"))
    #expect(human.contains(String(markCommit.prefix(10))))
    #expect(human.contains("Ada Analyst"))

    // An update links restated claims as new appearances, with their drift.
    try v.ok("source", "update", "wire", Self.wire2)
    let update = try JSONDecoder().decode(SinceJSON.self, from: Data(try v.ok("diff", "--since", head, "--json").utf8))
    #expect(update.sourcesUpdated.map(\.source) == ["wire"] && update.sourcesUpdated.first?.version == 2)
    #expect(update.sourcesUpdated.first?.commit == (try v.git("rev-parse", "HEAD")))
    #expect(
      update.appearances.contains { $0.version == 2 && $0.drift.contains { $0.hasPrefix("quantity: at least 40") } })
    #expect(!update.claimsAdded.isEmpty)

    // A date before the workspace: everything; a date to come: nothing.
    let all = try JSONDecoder().decode(
      SinceJSON.self, from: Data(try v.ok("diff", "--since", "2000-01-01", "--json").utf8))
    #expect(all.since.commit == nil)
    #expect(all.sourcesAdded.map { "\($0.source)@\($0.version)" } == ["wire@1"])
    #expect(try v.ok("diff", "--since", "2999-01-01T00:00:00Z").hasPrefix("No verification changes since"))
  }

  @Test("--html writes one self-contained page with every sentence, escaped, and no script")
  func htmlPage() throws {
    let v = VetRunner()
    let page = v.folder.file("ferry.html")
    let result = try v.vet(["diff", Self.wire1, Self.rewrite, "--html", page], in: v.folder.path)
    #expect(result.succeeded, "\(result.stderr)")
    #expect(result.stdout.contains("Wrote \(page)"))
    let html = try String(contentsOfFile: page, encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(!html.lowercased().contains("<script"))
    // Self-contained: nothing is fetched from elsewhere.
    #expect(!html.contains("src=") && !html.contains("<link") && !html.contains("@import") && !html.contains("url("))
    #expect(html.contains("B appears to be a rewrite of A"))
    #expect(html.contains("Legend"))
    let diff = try DiffJSON(try v.vet(["diff", Self.wire1, Self.rewrite, "--json"], in: v.folder.path).stdout)
    let text = Self.visibleText(html)
    for sentence in diff.a.sentences + diff.b.sentences {
      #expect(text.contains(sentence.text), "not on the page: \(sentence.text)")
    }
    #expect(html.contains("credit line removed"))
    #expect(html.contains("boilerplate added"))
    // The moved figure is marked as a quantity change on the page.
    #expect(html.contains("t-quantity\">at least 40 people</span>"))
  }

  @Test("text that looks like HTML is shown as text on the page, never as markup")
  func htmlEscaping() throws {
    let v = VetRunner()
    let a = try v.folder.write("a.txt", "Officials said 40 people drowned in the \"Bay\" & the harbour.\n")
    let b = try v.folder.write(
      "b.txt", "Officials said <script>alert('x')</script> dozens of people drowned in the \"Bay\" & the harbour.\n")
    let page = v.folder.file("page.html")
    let result = try v.vet(["diff", a, b, "--html", page], in: v.folder.path)
    #expect(result.succeeded, "\(result.stderr)")
    let html = try String(contentsOfFile: page, encoding: .utf8)
    #expect(!html.lowercased().contains("<script"))
    #expect(html.contains("&lt;script&gt;"))
    #expect(html.contains("&amp; the harbour"))
    #expect(html.contains("&quot;Bay&quot;"))
    #expect(Self.visibleText(html).contains("<script>alert('x')</script>"))
  }

  @Test(
    "the page renders in headless Chromium: verdict, every pair, a screenshot",
    .enabled(
      if: Chromium.path != nil,
      "Chromium is not installed (apt-get install chromium); the page was checked by the other tests only"))
  func chromium() throws {
    let v = VetRunner()
    let page = v.folder.file("ferry.html")
    try v.vet(["diff", Self.wire1, Self.rewrite, "--html", page], in: v.folder.path)
    let diff = try DiffJSON(try v.vet(["diff", Self.wire1, Self.rewrite, "--json"], in: v.folder.path).stdout)
    let chromium = try #require(Chromium.path)
    let flags = [
      "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + v.folder.file("profile"),
    ]
    let dom = try Shell.run(chromium, flags + ["--dump-dom", "file://" + page], in: v.folder.path)
    #expect(dom.succeeded, "\(dom.stderr.suffix(2000))")
    #expect(dom.stdout.contains("B appears to be a rewrite of A"))
    // The browser built one table row per pair: the page parsed as intended.
    #expect(dom.stdout.components(separatedBy: "<tr class=\"r-").count - 1 == diff.pairs.count)
    let shot = v.folder.file("shot.png")
    let screenshot = try Shell.run(
      chromium, flags + ["--screenshot=" + shot, "--window-size=1400,1000", "file://" + page], in: v.folder.path)
    #expect(screenshot.succeeded, "\(screenshot.stderr.suffix(2000))")
    let png = try Data(contentsOf: URL(fileURLWithPath: shot))
    #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 20_000)
  }

  @Test("bad input: one line on stderr, a non-zero exit, and the workspace unchanged")
  func badInput() throws {
    let v = try Self.ferryWorkspace()
    let before = try v.state()
    let cases: [([String], String)] = [
      (["diff", "nosuch", "wire"], "'nosuch' is neither a source of this workspace nor a file"),
      (["diff", "wire@9", "wire"], "source 'wire' has no version 9"),
      (["diff", "wire@0", "wire"], "must be a positive number"),
      (["diff", "wire", "./missing.txt"], "cannot read './missing.txt': no such file"),
      (["diff", "HEAD~40:wire", "wire"], "'HEAD~40' is not a revision"),
      (["diff", "HEAD~2:dailycopy", "wire"], "source 'dailycopy' did not exist at HEAD~2"),
      (["diff", "dailycopy"], "has only one version"),
      (["diff", "--since", "last tuesday"], "neither a revision of this workspace"),
    ]
    for (arguments, message) in cases {
      let result = try v.vet(arguments)
      #expect(result.status != 0, "\(arguments) succeeded")
      #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
      #expect(
        result.stderr.hasPrefix("vet: ") && result.stderr.split(separator: "\n").count == 1,
        "\(arguments): \(result.stderr)")
      #expect(result.stdout.isEmpty)
    }
    let binary = try v.folder.write("binary.txt", [0x41, 0x00, 0x42])
    let refused = try v.vet(["diff", "wire", binary])
    #expect(refused.status != 0 && refused.stderr.contains("binary"))
    #expect(try v.state() == before)
    #expect(try v.git("status", "--porcelain").isEmpty)
  }

  @Test("vet diff --help explains the sides and gives examples")
  func help() throws {
    let v = VetRunner()
    let help = try v.vet(["diff", "--help"], in: v.folder.path)
    #expect(help.succeeded)
    #expect(help.stdout.contains("Examples:"))
    #expect(help.stdout.contains("REV:SLUG") && help.stdout.contains("--since") && help.stdout.contains("--html"))
  }

  /// The text a reader sees: tags dropped, entities decoded.
  static func visibleText(_ html: String) -> String {
    var text = ""
    var inTag = false
    for c in html {
      if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { text.append(c) }
    }
    for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
      text = text.replacingOccurrences(of: entity, with: character)
    }
    return text
  }
}

/// Debian's Chromium, when this machine has it.
enum Chromium {
  static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }
}
