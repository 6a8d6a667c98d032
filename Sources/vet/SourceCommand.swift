import ArgumentParser
import Foundation
import Workbench

extension Vet {
  /// The `vet source …` commands: store articles and their versions, and list and show them.
  struct SourceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "source",
      abstract: "Store articles and their versions; list and show them.",
      subcommands: [Add.self, Update.self, Refresh.self, List.self, Show.self])
  }
}

/// Reading an article from a file or standard input, refusing oversized input before reading it.
enum ArticleFile {
  static func read(_ path: String) throws -> (bytes: [UInt8], name: String) {
    if path == "-" {
      let data = FileHandle.standardInput.readData(ofLength: TextInput.maximumBytes + 1)
      return ([UInt8](data), "standard input")
    }
    let attributes: [FileAttributeKey: Any]
    do {
      attributes = try FileManager.default.attributesOfItem(atPath: path)
    } catch {
      throw WorkbenchError.invalidArgument(name: "FILE", reason: "cannot read '\(Terminal.escape(path))': no such file")
    }
    if attributes[.type] as? FileAttributeType == .typeDirectory {
      throw WorkbenchError.invalidArgument(
        name: "FILE", reason: "'\(Terminal.escape(path))' is a folder, not an article")
    }
    if let size = attributes[.size] as? Int, size > TextInput.maximumBytes {
      throw WorkbenchError.invalidInput(
        source: path,
        reason: "is \(size / 1_048_576) MB; the limit for one article is \(TextInput.maximumBytes / 1_048_576) MB")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw WorkbenchError.invalidArgument(name: "FILE", reason: "cannot read '\(Terminal.escape(path))'")
    }
    return ([UInt8](data), path)
  }
}

/// How an ingest is reported.
struct IngestJSON: Encodable {
  var source: SourceJSON
  var version: Int
  var commit: String?
  var created: [ClaimJSON]
  var linked: [Linked]
  var sentences: [String: Int]

  struct Linked: Encodable {
    var claim: ClaimJSON
    var changes: [Change]
  }

  init(_ result: IngestResult) {
    source = SourceJSON(result.source)
    version = result.version
    commit = result.commit
    created = result.created.map { ClaimJSON($0) }
    linked = result.linked.map { Linked(claim: ClaimJSON($0.claim), changes: $0.drift) }
    sentences = Dictionary(uniqueKeysWithValues: result.kinds.map { ($0.key.rawValue, $0.value) })
  }

  static func render(_ result: IngestResult, json: Bool) throws {
    if json { return try Output.json(IngestJSON(result)) }
    let verb = result.version == 1 ? "Added source" : "Recorded"
    Output.line(
      "\(verb) \(Output.safe(result.source.slug))@\(result.version): \(result.created.count) new claims, \(result.linked.count) restated"
    )
    let kinds = SentenceKind.allCases.compactMap { kind in result.kinds[kind].map { "\($0) \(kind.rawValue)" } }
    Output.line("  sentences: " + kinds.joined(separator: " · "))
    for claim in result.created {
      Output.line("  + \(claim.id.prefix(8))  \(Output.safe(Output.clip(claim.statement, 80)))")
    }
    for (claim, drift) in result.linked {
      let note =
        drift.isEmpty
        ? ""
        : "  "
          + Output.paint(
            Output.safe(drift.map { "\($0.type.rawValue): \($0.from) → \($0.to)" }.joined(separator: "; ")), .magenta)
      Output.line("  = \(claim.id.prefix(8))  \(Output.safe(Output.clip(claim.statement, 60)))" + note)
    }
  }
}

extension Vet.SourceCommand {
  /// The `vet source add FILE` command: stores an article and extracts its claims.
  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add",
      abstract: "Store an article and extract its claims.",
      discussion: """
        Sentences with checkable content (a quantity, an attribution, a concrete event) \
        become claims, each with its quote, attribution, hedges and quantities. \
        Headlines, datelines, credit lines and page boilerplate never do. A sentence \
        that restates a claim already in the workspace becomes a new appearance of it.

        Examples:
          vet source add wire.txt --id wire-ferry --outlet "Meridian Wire" --reliability B \\
            --url https://example.org/ferry --published 2026-11-20T09:00:00Z
          curl -s https://example.org/copy.txt | vet source add - --outlet "Daily Copy"
          vet source add https://example.org/news/ferry-capsizes --outlet "Harlow Courier"
          vet source add saved-page.html

        A web page (an address, or a saved .html file) is read for its article: \
        the headline, byline and times from its metadata, the body without \
        navigation, share buttons, related links, banners, comments or footer. \
        The extracted text is the version; the page as served is kept beside it \
        (sources/ID/vN.html) with its SHA-256 in source.yml.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(
      help:
        "The article: plain UTF-8 text, a saved web page (.html), or an http(s):// address ('-' reads standard input).")
    var file: String
    @Option(help: "A short id (a-z, 0-9, '-', '_', '.'); made from the title if absent.")
    var id: String?
    @Option(help: "The title (default: the headline).")
    var title: String?
    @Option(help: "The outlet that published it.")
    var outlet: String?
    @Option(help: "Where it was published.")
    var url: String?
    @Option(help: "When it was published (ISO 8601).")
    var published: String?
    @Option(help: "Reliability of the source, A–F (Admiralty).")
    var reliability: String?
    @Option(help: "The byline.")
    var byline: String?
    @Flag(help: "Store the text without extracting claims.")
    var noExtract = false
    @Option(help: "For an address: seconds to wait for the server to answer.")
    var timeout: Double = 30
    @OptionGroup var output: JSONOption

    func run() throws {
      let workspace = try global.open()
      let metadata = SourceMetadata(
        slug: id, title: title, outlet: outlet, url: url, published: published, reliability: reliability, byline: byline
      )
      let result: IngestResult
      let lower = file.lowercased()
      if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
        guard let address = URL(string: file) else {
          throw ValidationError("'\(file)' is not a valid address")
        }
        result = try workspace.addPage(at: address, metadata: metadata, extract: !noExtract, timeout: timeout)
      } else {
        let (bytes, name) = try ArticleFile.read(file)
        result =
          Workspace.isPage(bytes, name: name)
          ? try workspace.addPage(bytes, name: name, metadata: metadata, extract: !noExtract)
          : try workspace.addSource(bytes, name: name, metadata: metadata, extract: !noExtract)
      }
      try IngestJSON.render(result, json: output.json)
    }
  }

  /// The `vet source update SLUG FILE` command: records a new version of a source.
  struct Update: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "update",
      abstract: "Record a new version of a source.",
      discussion: """
        The new version is aligned with the previous one: restated claims get a new \
        appearance with the drift between the versions recorded in their log.

        Example:
          vet source update wire-ferry wire-v2.txt
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The source's id.")
    var slug: String
    @Argument(help: "The new version's text ('-' reads standard input).")
    var file: String
    @Flag(help: "Store the text without extracting claims.")
    var noExtract = false
    @OptionGroup var output: JSONOption

    func run() throws {
      let workspace = try global.open()
      let (bytes, name) = try ArticleFile.read(file)
      let result = try workspace.updateSource(slug, bytes: bytes, name: name, extract: !noExtract)
      try IngestJSON.render(result, json: output.json)
    }
  }

  /// The `vet source list` command: lists sources.
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List sources.",
      discussion: "Example:\n  vet source list --json")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: JSONOption

    func run() throws {
      let sources = try global.open().sources()
      if output.json { return try Output.json(sources.map(SourceJSON.init)) }
      if sources.isEmpty { return Output.warn("no sources yet; add one with `vet source add FILE`") }
      Output.table(
        sources.map { s in
          [
            Output.safe(s.slug), "v\(s.latest?.number ?? 0)", s.reliability ?? "-",
            Output.safe(Output.clip(s.outlet ?? "-", 20)),
            Output.safe(Output.clip(s.title ?? "", 60)),
          ]
        }, header: ["ID", "VER", "REL", "OUTLET", "TITLE"])
    }
  }

  /// The `vet source show SLUG[@VERSION]` command: prints a source's metadata and the text of one version.
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Print a source's metadata and the text of one version.",
      discussion: "Examples:\n  vet source show wire-ferry\n  vet source show wire-ferry@1 --json")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "SLUG or SLUG@VERSION.")
    var source: String
    @OptionGroup var output: JSONOption

    struct ShowJSON: Encodable {
      var source: SourceJSON
      var version: Int
      var text: String
      var sentences: [Sentence]
    }

    func run() throws {
      let (slug, version) = try SourceReference.parse(source)
      let (meta, chosen, text) = try global.open().source(slug, version: version)
      if output.json {
        return try Output.json(
          ShowJSON(
            source: SourceJSON(meta), version: chosen.number, text: text, sentences: Article(text: text).sentences))
      }
      let fields: [(String, String?)] = [
        ("title", meta.title), ("outlet", meta.outlet), ("url", meta.url),
        ("published", meta.published.map(Output.date)),
        ("reliability", meta.reliability), ("byline", meta.byline),
        (
          "version",
          "\(chosen.number) of \(meta.versions.count), retrieved \(Output.date(chosen.retrieved)) by \(chosen.author)"
        ),
      ]
      Output.line(Output.paint("source \(Output.safe(meta.slug))", .bold))
      Output.table(fields.compactMap { key, value in value.map { [key, Output.safe($0)] } })
      Output.line()
      Output.line(Terminal.escape(text, keepNewlines: true))
    }
  }
}

/// `SLUG` or `SLUG@N`.
enum SourceReference {
  static func parse(_ text: String) throws -> (slug: String, version: Int?) {
    guard let at = text.lastIndex(of: "@") else { return (text, nil) }
    let slug = String(text[..<at])
    guard let version = Int(text[text.index(after: at)...]), version > 0 else {
      throw WorkbenchError.invalidArgument(
        name: "SOURCE", reason: "'\(Terminal.escape(text))': the version after '@' must be a positive number")
    }
    return (slug, version)
  }
}
