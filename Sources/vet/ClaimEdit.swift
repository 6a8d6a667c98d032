import ArgumentParser
import Workbench

extension Vet.ClaimCommand {
  /// The `vet claim edit ID` command: changes a claim's statement, credibility or tags, and settles a
  /// "needs review" flag.
  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "edit",
      abstract: "Change a claim's statement, credibility or tags; settles a \"needs review\" flag.",
      discussion: """
        The change is recorded in the claim's log (action `edit`). Editing a claim that a \
        merge flagged for review clears the flag: use it to settle conflicting edits from two clones.

        Examples:
          vet claim edit 3f9a --statement "At least 40 people drowned" --credibility 2
          vet claim edit 3f9a --tag casualties --untag draft
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The claim id, or any unique prefix of it.")
    var id: String
    @Option(help: "The new statement.")
    var statement: String?
    @Option(help: "Credibility 1–6 (1 confirmed by other sources … 6 cannot be judged).")
    var credibility: Int?
    @Option(help: "Add a tag (repeatable).")
    var tag: [String] = []
    @Option(help: "Remove a tag (repeatable).")
    var untag: [String] = []
    @OptionGroup var output: JSONOption

    func run() throws {
      let claim = try global.open().editClaim(
        id, ClaimEdit(statement: statement, credibility: credibility, addTags: tag, removeTags: untag))
      if output.json { return try Output.json(ClaimJSON(claim)) }
      Output.line("Edited \(claim.id.prefix(8)): \(Output.safe(Output.clip(claim.statement, 70)))")
    }
  }
}
