import ArgumentParser
import Workbench

extension Vet {
  /// The `vet push [REMOTE]` command: sends this workspace's new work to a remote, as a fast-forward only.
  struct Push: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "push",
      abstract: "Send this workspace's new work to a remote.",
      discussion: """
        Only a fast-forward is ever pushed: when the remote has work you don't, run \
        `vet pull` (or `vet sync`) first. A refusal by the server (a hook) is shown with its reasons.

        Examples:
          vet push
          vet push backup --json
        """)

    @OptionGroup var arguments: TransferArguments

    func run() throws {
      try arguments.run({ try $0.push(remote: $1, options: $2) }) {
        PushReport.render($0)
      }
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
