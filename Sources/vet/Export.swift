import ArgumentParser
import Foundation
import Workbench

extension ExportFormat: ExpressibleByArgument {}

extension Vet {
  /// The `vet export` command: claims as ClaimReview, CSV or vet's lossless JSON Lines.
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: "Export claims as schema.org ClaimReview, CSV, or JSON Lines that vet import reads back.",
      discussion: """
        claimreview: JSON-LD, one ClaimReview per claim with a status other than the initial one; \
        needs the desk's publication URL (publication-url: in .vet/config.yml, or --publication-url). \
        csv: one row per claim, header documented in docs/export.md. \
        jsonl: every claim file, source and evidence file, losslessly.

        Examples:
          vet export --format jsonl > case.jsonl
          vet export --format csv --status confirmed > confirmed.csv
          vet export --format claimreview --publication-url https://desk.example/checks --as-of yesterday
        """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "What to write.")
    var format: ExportFormat
    @OptionGroup var filters: ClaimFilterOptions
    @OptionGroup var asOf: AsOfOption
    @Option(help: "The desk's base URL for ClaimReview urls (overrides publication-url in the config).")
    var publicationURL: String?

    func run() throws {
      var out = ChunkedOutput()
      let summary = try global.open().export(
        format, filter: filters.filter, asOf: asOf.asOf, publicationURL: publicationURL
      ) { out.append($0) }
      out.flush()
      if summary.skipped > 0 {
        Output.warn(
          "left out \(summary.skipped) claims still at the initial status: a ClaimReview publishes a verdict")
      }
    }
  }
}
