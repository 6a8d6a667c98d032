import ArgumentParser
import Workbench

extension Vet {
  /// `vet sync [REMOTE]`
  struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Pull, then push: leave this workspace and the remote with the same work.",
      discussion: """
        Examples:
          vet sync
          vet sync origin --json
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The remote (default: the branch's upstream, else origin, else the only one).")
    var remote: String?
    @Flag(name: .shortAndLong, help: "Do not show progress.")
    var quiet = false
    @OptionGroup var output: JSONOption

    func run() throws {
      let view = TransferProgressView(quiet: quiet)
      defer { view.finish() }
      let result = try global.open().sync(remote: remote, options: view.options)
      view.finish()
      if output.json { return try Output.json(result) }
      PullReport.render(result.pull)
      PushReport.render(result.push)
    }
  }
}
