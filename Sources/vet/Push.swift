import ArgumentParser
import Workbench

extension Vet {
  /// `vet push [REMOTE]`
  struct Push: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Send this workspace's new work to a remote.",
      discussion: """
        Only a fast-forward is ever pushed: when the remote has work you don't, run \
        `vet pull` (or `vet sync`) first. A refusal by the server (a hook) is shown with its reasons.

        Examples:
          vet push
          vet push backup --json
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
      let result = try global.open().push(remote: remote, options: view.options)
      view.finish()
      if output.json { return try Output.json(result) }
      PushReport.render(result)
    }
  }
}

/// The human summary of a push, shared by `vet push` and `vet sync`.
enum PushReport {
  static func render(_ result: PushResult) {
    let target = Output.safe("\(result.remote)/\(result.branch)")
    switch result.outcome {
    case .upToDate: Output.line("\(target) is up to date")
    case .pushed:
      let from = result.from.map { String($0.prefix(10)) + ".." } ?? "new branch "
      Output.line("Pushed to \(target): \(from)\(result.to.prefix(10))")
    }
  }
}
