import ArgumentParser
import Foundation
import Workbench

extension Vet {
  /// `vet merge-driver BASE OURS THEIRS PATH`, run by git, not by people.
  struct MergeDriver: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "merge-driver",
      abstract: "Merge one claim or source file for git (git runs this; see docs/sharing.md).",
      discussion: """
        Registered in .git/config by vet init, vet clone and vet remote add:
          [merge "vet"]
            driver = vet merge-driver %O %A %B %P
        and selected for claims/**/*.md and sources/*/source.yml by the workspace's .gitattributes.
        Exits 0 when the file merged (conflicting fields are recorded in the claim and flagged \
        for review), 1 when git must stop for a person to resolve it.
        """,
      shouldDisplay: false)

    @Argument(help: "The common ancestor's version (%O).")
    var base: String
    @Argument(help: "Our version, replaced by the result (%A).")
    var ours: String
    @Argument(help: "Their version (%B).")
    var theirs: String
    @Argument(help: "The file's path in the workspace (%P).")
    var path: String

    func run() throws {
      let result = try Workspace.runMergeDriver(base: base, ours: ours, theirs: theirs, path: path)
      for conflict in result.conflicts {
        Output.warn(
          "\(path): conflicting \(conflict.field) ('\(conflict.ours)' vs '\(conflict.theirs)'); kept '\(conflict.kept)', flagged for review"
        )
      }
      if let problem = result.problem { Output.warn("\(path): \(problem)") }
      if !result.merged { throw ExitCode.failure }
    }
  }
}
