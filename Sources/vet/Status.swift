import ArgumentParser
import Workbench

extension Vet {
  /// The `vet status` command: shows counts by status, claims needing review, and remotes ahead or behind.
  struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "status",
      abstract: "Show counts by status, claims needing review, and remotes ahead/behind.",
      discussion: "Examples:\n  vet status --json\n  vet status --as-of \"2026-11-20 18:00\"")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var output: JSONOption

    func run() throws {
      let status = try global.open().status(asOf: asOf.asOf)
      if output.json { return try Output.json(status) }
      if let then = status.asOf {
        Output.line(Output.paint("As of \(Output.date(then.date)) (commit \(then.commit.prefix(10)))", .dim))
      }
      Output.line("\(status.claims) claims in \(status.sources) sources")
      Output.table(status.counts.map { ["  " + Output.paint(status: $0.status), String($0.count)] })
      if !status.offScale.isEmpty {
        Output.line(Output.paint("Off the scale: \(status.offScale.count) claims (statuses typed by hand)", .yellow))
        status.offScale.forEach { Output.line("  \(Output.safe($0.message))") }
      }
      if !status.unreadable.isEmpty {
        Output.line(Output.paint("Unreadable: \(status.unreadable.count) claim files (not counted above)", .red))
        status.unreadable.forEach { Output.line("  \(Output.safe($0.message))") }
      }
      if status.needsReview.isEmpty {
        Output.line("Needs review: none")
      } else {
        Output.line(Output.paint("Needs review: \(status.needsReview.count)", .yellow))
        for item in status.needsReview {
          Output.line("  \(item.id.prefix(8))  \(Output.safe(Output.clip(item.statement, 60)))")
          item.reasons.forEach { Output.line("            \(Output.safe($0))") }
        }
      }
      for remote in status.remotes {
        Output.line("\(remote.remote)/\(remote.branch): \(remote.ahead) ahead, \(remote.behind) behind")
      }
    }
  }
}
