import ArgumentParser
import Workbench

extension Vet {
  /// `vet sync [REMOTE]`
  struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "sync",
      abstract: "Pull, then push: leave this workspace and the remote with the same work.",
      discussion: """
        Examples:
          vet sync
          vet sync origin --json
        """)

    @OptionGroup var arguments: TransferArguments

    func run() throws {
      try arguments.run({ try $0.sync(remote: $1, options: $2) }) {
        PullReport.render($0.pull)
        PushReport.render($0.push)
      }
    }
  }
}
