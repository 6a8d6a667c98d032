import ArgumentParser
import Workbench

extension Vet.ClaimCommand {
  /// The `vet claim link ID --to OTHER` command: unites two claims that are one.
  struct Link: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "link",
      abstract: "Unite two claims that are one: ID is linked into OTHER, which keeps its id.",
      discussion: """
        OTHER takes ID's appearances, log entries, tags and suggestions; ID stays usable as an \
        alias of OTHER. Statuses that disagree keep OTHER's and flag it for review. Also accepts \
        a suggestion that ID may restate OTHER.

        Example:
          vet claim link 7f3a --to 3f9a
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The claim to link (it becomes an alias): an id or any unique prefix.")
    var id: String
    @Option(help: "The claim that holds both from now on.")
    var to: String
    @OptionGroup var output: JSONOption

    func run() throws {
      let result = try global.open().link(id, to: to)
      if output.json { return try Output.json(ClaimJSON(result.claim)) }
      Output.line("Linked \(result.absorbed.prefix(8)) into \(result.claim.id.prefix(8))")
      for reason in result.claim.review { Output.warn("needs review: \(Output.safe(reason))") }
    }
  }

  /// The `vet claim unlink ID SOURCE@VERSION#SENTENCE` command: splits one appearance into a claim of its own.
  struct Unlink: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "unlink",
      abstract: "Split one appearance off a claim into a new claim of its own.",
      discussion: """
        The new claim takes the appearance and the log entries about that source version, \
        and starts at the workspace's initial status; ID keeps the rest.

        Example:
          vet claim unlink 3f9a wire-ferry@2#5
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The claim id, or any unique prefix of it.")
    var id: String
    @Argument(help: "The appearance, as `vet claim show` lists it: SOURCE@VERSION#SENTENCE.")
    var appearance: String
    @OptionGroup var output: JSONOption

    func run() throws {
      let result = try global.open().unlinkAppearance(appearance, from: id)
      if output.json { return try Output.json(ClaimJSON(result.created)) }
      Output.line(
        "Unlinked \(Output.safe(appearance)) from \(result.claim.id.prefix(8)) into new claim \(result.created.id.prefix(8))"
      )
    }
  }

  /// The `vet claim dismiss ID OTHER` command: rejects the suggestion that ID restates OTHER.
  struct Dismiss: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "dismiss",
      abstract: "Reject the suggestion that ID may restate OTHER; it is not suggested again.",
      discussion: "Example:\n  vet claim dismiss 7f3a 3f9a")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The claim carrying the suggestion.")
    var id: String
    @Argument(help: "The claim it was suggested to restate.")
    var other: String
    @OptionGroup var output: JSONOption

    func run() throws {
      let claim = try global.open().dismiss(id, suggestion: other)
      if output.json { return try Output.json(ClaimJSON(claim)) }
      Output.line("Dismissed: \(claim.id.prefix(8)) does not restate \(Output.safe(other))")
    }
  }
}
