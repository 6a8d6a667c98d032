import ArgumentParser
import Foundation
import Workbench

extension Vet {
  /// The `vet clone URL [PATH]` command: copies a shared workspace from a remote and registers vet's merge
  /// driver.
  struct Clone: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "clone",
      abstract: "Copy a shared workspace from a remote.",
      discussion: """
        Clones the workspace, checks it out, and registers vet's merge driver so that \
        plain `git pull` merges claims field by field too. A failed clone leaves nothing behind.

        Examples:
          vet clone ssh://git@git.example.org/desk/ferry-case.git
          vet clone https://git.example.org/desk/ferry-case.git ferry
          vet clone git://127.0.0.1/ferry-case.git --json
        """)

    @Argument(help: "The remote's URL: a path, file://, git://, ssh://, user@host:path, http(s)://.")
    var url: String
    @Argument(help: "The folder to create (default: the URL's last part, without .git).")
    var path: String?
    @Flag(name: .shortAndLong, help: "Do not show progress.")
    var quiet = false
    @OptionGroup var output: JSONOption

    func run() throws {
      let view = TransferProgressView(quiet: quiet)
      defer { view.finish() }
      let (_, result) = try Workspace.clone(url: url, to: path, options: view.options)
      view.finish()
      if output.json { return try Output.json(result) }
      Output.line(
        "Cloned \(Output.safe(result.url)) into \(Output.safe(result.path)): \(result.claims) claims in \(result.sources) sources"
      )
    }
  }
}
