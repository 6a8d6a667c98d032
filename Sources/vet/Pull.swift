import ArgumentParser
import Workbench

extension Vet {
  /// The `vet pull [REMOTE]` command: fetches a remote's work and merges it, claim by claim.
  struct Pull: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "pull",
      abstract: "Fetch a remote's work and merge it, claim by claim.",
      discussion: """
        Notes and status changes from both sides are all kept. When both sides changed \
        the same field to different values, both values go into the claim's log and the \
        claim is flagged for review: see them with `vet status` or \
        `vet claim list --needs-review`, and settle them with `vet mark` or `vet claim edit`.

        Examples:
          vet pull
          vet pull origin --json
        """)

    @OptionGroup var arguments: TransferArguments

    func run() throws {
      try arguments.run({ try $0.pull(remote: $1, options: $2) }) {
        PullReport.render($0)
      }
    }
  }
}

/// The human summary of a pull, shared by `vet pull` and `vet sync`.
enum PullReport {
  static func render(_ result: PullResult) {
    let source = Output.safe("\(result.remote)/\(result.branch)")
    switch result.outcome {
    case .upToDate: Output.line("Already up to date with \(source)")
    case .emptyRemote: Output.line("\(Output.safe(result.remote)) is empty; nothing to pull")
    case .fastForward:
      Output.line("Fast-forwarded to \(source): \(result.changedFiles) files updated")
    case .merged:
      Output.line("Merged \(source): \(result.mergedClaims.count) claims merged, \(result.changedFiles) files updated")
    }
    let twins = result.twins
    if !twins.linked.isEmpty {
      let count = twins.linked.values.reduce(0) { $0 + $1.count }
      Output.line(
        "Linked \(count) claims recorded in both clones (the same sentence of the same text) into their twins")
    }
    if !twins.suggested.isEmpty {
      Output.line(
        Output.paint(
          "Needs review: \(twins.suggested.count) claims that arrived may restate one of yours "
            + "(vet claim list --needs-review; link or dismiss each)", .yellow))
    }
    let flagged = result.conflicts
    guard !flagged.isEmpty else { return }
    Output.line(
      Output.paint("Needs review: \(Set(flagged.map(\.id)).count) (conflicting edits, both recorded)", .yellow))
    for conflict in flagged {
      Output.line(
        "  \(conflict.kind) \(Output.safe(String(conflict.id.prefix(12)))): \(conflict.field) '\(Output.safe(conflict.ours))' vs '\(Output.safe(conflict.theirs))', kept '\(Output.safe(conflict.kept))'"
      )
    }
  }
}
