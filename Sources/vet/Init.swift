import ArgumentParser
import Foundation
import Workbench

extension Vet {
  /// The `vet init [PATH]` command: creates a workspace, a git repository with the workspace template
  /// committed as its first commit.
  struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "init",
      abstract: "Create a workspace.",
      discussion: """
        Creates a git repository with the workspace template (config, README, attributes) \
        committed as its first commit.

        Examples:
          vet init ferry-case
          vet init --scale unverified,confirmed,misleading,false ferry-case
        """)

    @Argument(help: "The folder to create (default: the current folder, which must be empty).")
    var path: String?

    @Option(help: "Your own status scale, comma-separated; the first is given to new claims.")
    var scale: String?

    func run() throws {
      let target = path ?? FileManager.default.currentDirectoryPath
      let statuses = scale.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
      let workspace = try Workspace.create(at: target, scale: statuses)
      Output.line("Created vet workspace in \(Output.safe(workspace.root))")
    }
  }
}
