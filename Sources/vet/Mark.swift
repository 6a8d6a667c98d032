import ArgumentParser
import Workbench

/// What mark, confirm and unverify share.
struct MarkOptions: ParsableArguments {
  @Argument(help: "The claim id, or any unique prefix of it.")
  var id: String

  @Option(help: "A note saying why.")
  var note: String?

  @Option(help: "A URL, or a file to store in the workspace, supporting the note (repeatable).")
  var evidence: [String] = []

  func run(_ global: GlobalOptions, status: String) throws {
    try Self.perform(global, id: id, status: status, note: note, evidence: evidence)
  }

  static func perform(_ global: GlobalOptions, id: String, status: String, note: String?, evidence: [String]) throws {
    let claim = try global.open().mark(id, status: status, note: note, evidence: evidence)
    Output.line(
      "\(claim.id.prefix(8)) \(Output.paint(status: claim.status))  \(Output.safe(Output.clip(claim.statement, 70)))")
  }
}

extension Vet {
  /// The `vet mark ID STATUS` command: sets a claim's status.
  struct Mark: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "mark",
      abstract: "Set a claim's status.",
      discussion: """
        The status must be on the workspace's scale (default: unverified, confirmed, \
        disputed, false, unverifiable). Marking also clears a "needs review" flag.

        Examples:
          vet mark 3f9a disputed --note "Ministry denies the figure" --evidence https://example.org/denial
          vet mark 3f9a confirmed --evidence ./coastguard-call.pdf
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The claim id, or any unique prefix of it.")
    var id: String
    @Argument(help: "The new status.")
    var status: String
    @Option(help: "A note saying why.")
    var note: String?
    @Option(help: "A URL, or a file to store in the workspace, supporting the note (repeatable).")
    var evidence: [String] = []

    func run() throws {
      try MarkOptions.perform(global, id: id, status: status, note: note, evidence: evidence)
    }
  }

  /// The `vet confirm ID` command: marks a claim confirmed, as `vet mark ID confirmed` does.
  struct Confirm: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "confirm",
      abstract: "Mark a claim confirmed (shortcut for `vet mark ID confirmed`).",
      discussion: "Example:\n  vet confirm 3f9a --note \"Two independent witnesses\"")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: MarkOptions

    func run() throws { try options.run(global, status: "confirmed") }
  }

  /// The `vet unverify ID` command: marks a claim unverified, as `vet mark ID unverified` does.
  struct Unverify: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "unverify",
      abstract: "Mark a claim unverified (shortcut for `vet mark ID unverified`).",
      discussion: "Example:\n  vet unverify 3f9a --note \"Source retracted the photo\"")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: MarkOptions

    func run() throws { try options.run(global, status: "unverified") }
  }
}
