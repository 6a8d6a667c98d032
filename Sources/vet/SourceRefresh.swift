import ArgumentParser
import Foundation
import Workbench

#if canImport(Glibc)
  import Glibc
#endif

extension Vet.SourceCommand {
  /// The `vet source refresh [SLUG…]` command: fetches web sources again and records what changed.
  struct Refresh: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "refresh",
      abstract: "Fetch web sources again; record a new version of each whose article changed.",
      discussion: """
        Every source with an http(s) address when none is named. A new version is \\
        recorded only when the article's text changed in a way a reader would notice: \\
        whitespace, quote styles, time stamps and "updated at" lines alone are not a \\
        change. For each new version, the drift from the one before is summarised as \\
        `vet diff SLUG` does. A page whose article shrank to less than half its words \\
        is reported and not recorded (its layout, not its article, probably changed). \\
        One site that fails does not stop the others.

        Made to run from cron. Exit status: 0 nothing changed, 2 at least one source \\
        changed, 1 at least one failed (its message is on stderr).

        Examples:
          vet source refresh
          vet source refresh ferry-wire harlow-courier --json
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The sources to refresh (default: every source with an http(s) address).")
    var slugs: [String] = []
    @Option(help: "Seconds to wait for each server to answer.")
    var timeout: Double = 30
    @OptionGroup var output: JSONOption

    func run() throws {
      let workspace = try global.open()
      let sources = try workspace.refreshableSources(slugs)
      let progress = isatty(STDERR_FILENO) == 1 && sources.count > 1 && !output.json
      var results: [RefreshResult] = []
      for (n, source) in sources.enumerated() {
        if progress {
          FileHandle.standardError.write(Data("\r\u{1B}[K[\(n + 1)/\(sources.count)] \(Output.safe(source.slug))".utf8))
        }
        let result = workspace.refresh(source, timeout: timeout)
        results.append(result)
        if progress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        if !output.json { try Self.render(result, workspace: workspace) }
      }
      if output.json { try Output.json(results) }
      if sources.isEmpty && !output.json { Output.line("No web sources to refresh") }
      if results.contains(where: { $0.outcome == .failed }) { throw ExitCode(1) }
      if results.contains(where: { $0.outcome == .changed }) { throw ExitCode(2) }
    }

    static func render(_ result: RefreshResult, workspace: Workspace) throws {
      let name = Output.safe(result.source)
      switch result.outcome {
      case .unchanged:
        Output.line("\(name): unchanged")
      case .failed:
        Output.warn("\(result.source): \(result.error ?? "failed")")
      case .changed:
        Output.line(
          "\(name): new version \(result.version ?? 0), \(result.created) new claims, \(result.restated) restated")
        DiffRenderer.renderSummary(try workspace.diff(versionsOf: result.source))
      }
    }
  }
}
