import ArgumentParser
import Workbench

extension Vet {
  /// The `vet claim …` commands: record, list, show and edit claims.
  struct ClaimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "claim",
      abstract: "Record, list and show claims; link, unlink and dismiss to correct identity.",
      subcommands: [Add.self, List.self, Show.self, Edit.self, Link.self, Unlink.self, Dismiss.self])
  }
}

extension Vet.ClaimCommand {
  /// The `vet claim add TEXT` command: records a claim by hand.
  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add",
      abstract: "Record a claim by hand.",
      discussion: """
        Examples:
          vet claim add "The ferry was carrying 312 passengers" --tag casualties
          vet claim add "The ferry left port late" --source wire-ferry --quote "left the port two hours late"
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The claim's statement.")
    var text: String
    @Option(help: "The source (slug) it appears in.")
    var source: String?
    @Option(help: "The exact words in that source.")
    var quote: String?
    @Option(help: "A tag (repeatable).")
    var tag: [String] = []
    @OptionGroup var output: JSONOption

    func run() throws {
      let claim = try global.open().addClaim(statement: text, source: source, quote: quote, tags: tag)
      if output.json { return try Output.json(ClaimJSON(claim)) }
      Output.line("Added claim \(claim.id.prefix(8)) (\(Output.paint(status: claim.status)))")
    }
  }

  /// The `vet claim list` command: lists claims, filtered by status, source, tag, text or review flag.
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List claims.",
      discussion: """
        Examples:
          vet claim list --status unverified
          vet claim list --source wire-ferry --grep drowned --json
          vet claim list --status confirmed --as-of "2026-11-20 18:00"
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var filters: ClaimFilterOptions
    @OptionGroup var asOf: AsOfOption
    @Flag(name: .shortAndLong, help: "Print only the full ids, one per line (for scripts).")
    var quiet = false
    @OptionGroup var output: JSONOption

    func run() throws {
      let filter = filters.filter
      let workspace = try global.open()
      if output.json {
        return try Output.jsonArray { emit in
          try workspace.forEachClaim(filter, withJSON: true, asOf: asOf.asOf) { claim in claim.json.map(emit) }
        }
      }
      if quiet {
        var out = ChunkedOutput()
        try workspace.forEachClaim(filter, withJSON: false, asOf: asOf.asOf) { claim in
          out.append(claim.id)
          out.append(0x0A)
        }
        return out.flush()
      }
      // Each claim becomes a row as SQLite reads it: no summaries or rows of strings are kept.
      var table = TextTable(columns: 4, header: ["ID", "STATUS", "SOURCES", "STATEMENT"])
      let flagged = Output.paint("!", .yellow)
      try workspace.forEachClaim(filter, withJSON: false, asOf: asOf.asOf) { claim in
        // Ids are ASCII hex: their first eight bytes are their first eight characters.
        let id = String(claim.id.utf8.prefix(8)) ?? claim.id
        table.append(id + (claim.needsReview ? flagged : " "))
        table.append(Output.paint(status: claim.status))
        table.append(
          Output.safe(
            Output.clip(claim.sources.count == 1 ? claim.sources[0] : claim.sources.joined(separator: ","), 24)))
        table.append(Output.safe(Output.clip(claim.statement, 80)))
        table.endRow()
      }
      if table.isEmpty { return Output.warn("no claims match") }
      table.write()
    }
  }

  /// The `vet claim show ID` command: shows one claim in full, with its appearances and log.
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Show one claim in full: statement, status, appearances and log.",
      discussion: "Examples:\n  vet claim show 3f9a --json\n  vet claim show 3f9a --as-of yesterday")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The claim id, or any unique prefix of it.")
    var id: String
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var output: JSONOption

    func run() throws {
      let workspace = try global.open()
      let claim = try workspace.claim(id, asOf: asOf.asOf)
      let history = try workspace.history(of: claim.id, asOf: asOf.asOf)
      if output.json { return try Output.json(ClaimJSON(claim, log: history)) }
      Output.line(Output.paint("claim \(claim.id)", .bold))
      var fields: [[String]] = [
        ["statement", Output.safe(claim.statement)],
        ["status", Output.paint(status: claim.status)],
      ]
      if let credibility = claim.credibility { fields.append(["credibility", String(credibility)]) }
      if !claim.tags.isEmpty { fields.append(["tags", Output.safe(claim.tags.joined(separator: ", "))]) }
      for reason in claim.review { fields.append(["review", Output.paint(Output.safe(reason), .yellow)]) }
      if !claim.aliases.isEmpty { fields.append(["aliases", Output.safe(claim.aliases.joined(separator: ", "))]) }
      if let linked = claim.linked { fields.append(["linked into", Output.safe(linked)]) }
      for s in claim.suggestions {
        let text = "may restate \(s.claim)" + (s.reason.isEmpty ? "" : ": \(s.reason)")
        fields.append(["suggestion", Output.paint(Output.safe(text), .yellow)])
      }
      Output.table(fields)
      if !claim.suggestions.isEmpty {
        Output.line(
          Output.paint(
            "  accept: vet claim link \(claim.id.prefix(8)) --to OTHER · reject: vet claim dismiss \(claim.id.prefix(8)) OTHER",
            .dim))
      }
      if !claim.appearances.isEmpty {
        Output.line()
        Output.line(Output.paint("appearances", .bold))
        for a in claim.appearances {
          let at = "\(a.source)@\(a.version)" + (a.sentence.map { " #\($0)" } ?? "")
          Output.line("  \(Output.safe(at))  \"\(Output.safe(a.quote))\"")
          var facts: [String] = []
          if let attribution = a.attribution { facts.append("attribution: \(attribution)") }
          if !a.hedges.isEmpty { facts.append("hedges: \(a.hedges.joined(separator: ", "))") }
          if !a.quantities.isEmpty { facts.append("quantities: \(a.quantities.joined(separator: ", "))") }
          if !facts.isEmpty { Output.line("    " + Output.paint(Output.safe(facts.joined(separator: "; ")), .dim)) }
        }
      }
      Output.line()
      Output.line(Output.paint("log", .bold))
      LogRenderer.render(history)
    }
  }
}
