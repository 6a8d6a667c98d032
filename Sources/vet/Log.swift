import ArgumentParser
import Workbench

extension Vet {
  /// The `vet log [ID]` command: shows the history of a claim, or of the workspace.
  struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "log",
      abstract: "Show the history of a claim, or of the workspace.",
      discussion: """
        With an id: every status change, note and appearance of the claim, oldest first, \
        with who, when and the commit; edits made with plain git show as 'edit'. \
        Without: the workspace's commits, newest first.

        Examples:
          vet log 3f9a
          vet log --json -n 20
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A claim id or unique prefix.")
    var id: String?
    @Option(name: .shortAndLong, help: "The most workspace commits to show.")
    var number = 50
    @OptionGroup var output: JSONOption

    func validate() throws {
      guard number > 0 else { throw ValidationError("-n must be a positive number") }
    }

    func run() throws {
      let workspace = try global.open()
      if let id {
        let history = try workspace.history(of: id)
        if output.json { return try Output.json(history) }
        LogRenderer.render(history)
        return
      }
      let log = try workspace.workspaceHistory(limit: number)
      if output.json { return try Output.json(log) }
      Output.table(
        log.map { entry in
          [
            Output.paint(String(entry.commit.prefix(10)), .yellow), Output.date(entry.date),
            Output.safe(Output.clip(Output.name(entry.author), 24)), Output.safe(entry.subject),
          ]
        })
    }
  }
}

/// Renders a claim's history as an aligned timeline.
enum LogRenderer {
  static func render(_ history: [HistoryEntry]) {
    let rows = history.map { entry -> [String] in
      var what: String
      switch entry.action {
      case "created": what = "created" + (entry.status.map { " (\(Output.paint(status: $0)))" } ?? "")
      case "status": what = "status → " + Output.paint(status: entry.status ?? "?")
      case "appearance": what = "appears in"
      default: what = entry.action
      }
      if let source = entry.source { what += " " + Output.safe(source) + (entry.version.map { "@\($0)" } ?? "") }
      var detail: [String] = []
      if let note = entry.note { detail.append(Output.safe(note)) }
      if let drift = entry.drift { detail.append(Output.paint(Output.safe(drift.joined(separator: "; ")), .magenta)) }
      if let summary = entry.summary { detail.append(Output.safe(summary)) }
      if let evidence = entry.evidence {
        detail.append(Output.paint("evidence: " + Output.safe(evidence.joined(separator: " ")), .dim))
      }
      return [
        Output.date(entry.date), Output.paint(String((entry.commit ?? "uncommitted").prefix(10)), .yellow),
        Output.safe(Output.clip(Output.name(entry.author), 24)),
        what + (detail.isEmpty ? "" : "  " + detail.joined(separator: "  ")),
      ]
    }
    Output.table(rows)
  }
}
