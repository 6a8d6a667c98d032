import ArgumentParser
import Workbench

extension Vet {
  /// The `vet sync [REMOTE]` command: pulls, then pushes, so that this workspace and the remote have the
  /// same work.
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
