import ArgumentParser
import Workbench

extension Vet {
  /// The `vet note ID TEXT` command: adds a verification note to a claim.
  struct Note: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "note",
      abstract: "Add a verification note to a claim.",
      discussion: """
        Examples:
          vet note 3f9a "Called the port authority; no answer yet"
          vet note 3f9a "Satellite image shows the vessel" --evidence ./sentinel.png
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The claim id, or any unique prefix of it.")
    var id: String
    @Argument(help: "The note.")
    var text: String
    @Option(help: "A URL, or a file to store in the workspace (repeatable).")
    var evidence: [String] = []

    func run() throws {
      let claim = try global.open().note(id, text: text, evidence: evidence)
      Output.line("Noted on \(claim.id.prefix(8)) (\(claim.log.filter { $0.action == .note }.count) notes)")
    }
  }
}
