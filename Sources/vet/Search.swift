import ArgumentParser
import Foundation
import Workbench

extension Vet {
  /// The `vet search QUERY` command: full-text search over statements, quotes, notes and evidence.
  struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "search",
      abstract: "Search statements, quotes, notes and evidence; best matches first.",
      discussion: """
        Every word must match, in any case, with or without accents, and in its other \
        forms (drowned finds drowning). "Double quotes" make a phrase; a word ending in * \
        matches as a prefix (hospit*). Punctuation is never read as a search operator.

        Examples:
          vet search hospital list
          vet search '"feared drowned"' --status unverified
          vet search coastguard --source wire --json
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The words to look for.")
    var query: [String]
    @OptionGroup var filters: ClaimFilterOptions
    @Option(name: [.customShort("n"), .long], help: "Show at most this many claims (default 20).")
    var limit: Int = 20
    @Flag(help: "Show every claim that matches.")
    var all = false
    @OptionGroup var output: JSONOption

    /// One hit as `--json` prints it.
    struct Hit: Encodable {
      var id: String
      var status: String
      var statement: String
      var sources: [String]
      var tags: [String]
      var snippet: String
      var score: Double
    }

    func run() throws {
      let hits = try global.open().search(
        query.joined(separator: " "), filter: filters.filter, limit: all ? nil : limit)
      if output.json {
        return try Output.json(
          hits.map {
            Hit(
              id: $0.claim.id, status: $0.claim.status, statement: $0.claim.statement, sources: $0.claim.sources,
              tags: $0.claim.tags, snippet: $0.bracketedSnippet, score: $0.score)
          })
      }
      if hits.isEmpty { return Output.warn("no claims match") }
      var rows: [[String]] = []
      for hit in hits {
        let snippet = hit.snippet.map { part in
          let text = Output.safe(part.text.replacingOccurrences(of: "\n", with: " "))
          return part.matched ? (Output.useColor ? Output.paint(text, .bold) : "[\(text)]") : text
        }.joined()
        rows.append([String(hit.claim.id.prefix(8)), Output.paint(status: hit.claim.status), snippet])
      }
      Output.table(rows, header: ["ID", "STATUS", "MATCH"])
    }
  }
}
