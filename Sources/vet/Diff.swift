import ArgumentParser
import Foundation
import Workbench

extension Vet {
  /// The `vet diff A B`, `vet diff SLUG` and `vet diff --since REV-or-DATE` command: shows how reporting
  /// changed between two sides, or what verification changed since a revision or date.
  struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "diff",
      abstract:
        "Show how reporting changed between sources, versions or files; or what verification changed since then.",
      discussion: """
        With two sides, aligns their sentences (a rewrite's reworded, split and merged \
        sentences too) and says what changed in meaning: figures (quantity), hedges, \
        attributions, certainty, names (entity) and details; which sentences only one side \
        has, with stripped credit lines and scraped-in boilerplate labelled; and a verdict \
        on how B derives from A.

        A side is SLUG (the latest version of a source), SLUG@N (version N), \
        REV:SLUG[@N] (the source at a git revision, e.g. HEAD~3:wire), or a text file. \
        A bare name is a source when the workspace has one by that name; write ./NAME \
        for a file. Two files can be compared outside a workspace.

        With one SLUG: its last two versions. With --since: the claims added, statuses \
        changed, notes and appearances added, and sources added or updated since a \
        revision or the last commit before a date.

        Examples:
          vet diff wire@1 wire@2
          vet diff wire
          vet diff wire dailycopy --html ferry-diff.html
          vet diff HEAD~3:wire wire --json
          vet diff Examples/ferry/wire-v1.txt Examples/ferry/rewrite.txt
          vet diff --since 2026-11-20
          vet diff --since HEAD~5 --json
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(
      help: ArgumentHelp(
        "A and B: SLUG, SLUG@N, REV:SLUG or a file; or one SLUG for its last two versions.", valueName: "side"))
    var sides: [String] = []
    @Option(
      help: ArgumentHelp(
        "Show verification changes since a git revision or an ISO 8601 date.", valueName: "REV-or-DATE"))
    var since: String?
    @Option(
      help: ArgumentHelp(
        "Also write the diff as a self-contained HTML page ('-' for standard output).", valueName: "FILE"))
    var html: String?
    @OptionGroup var output: JSONOption

    func validate() throws {
      if since != nil {
        guard sides.isEmpty else {
          throw ValidationError("--since compares workspace history; give it without A and B")
        }
        guard html == nil else { throw ValidationError("--html renders a diff of two sides, not --since") }
        return
      }
      guard (1...2).contains(sides.count) else {
        throw ValidationError(
          "give two sides to compare (vet diff A B), one source for its last two versions, or --since REV-or-DATE")
      }
    }

    func run() throws {
      if let since {
        let changes = try global.open().changes(since: since)
        if output.json { return try Output.json(changes) }
        return ChangesRenderer.render(changes)
      }
      let diff = try compare()
      if let html {
        try DiffPage.write(diff, to: html)
        if html == "-" { return }
      }
      if output.json { return try Output.json(diff) }
      if let html { return Output.line("Wrote \(Output.safe(html)): \(Output.safe(diff.summary.verdict))") }
      DiffRenderer.render(diff)
    }

    /// The diff the arguments ask for; two files need no workspace.
    private func compare() throws -> SourceDiff {
      let workspace: Workspace
      do {
        workspace = try global.open()
      } catch WorkbenchError.notAWorkspace(let path) where sides.count == 2 && global.workspace == nil {
        guard sides.allSatisfy(FileManager.default.fileExists(atPath:)) else {
          throw WorkbenchError.notAWorkspace(path: path)
        }
        return try Workspace.diffFiles(sides[0], sides[1])
      }
      return sides.count == 1 ? try workspace.diff(versionsOf: sides[0]) : try workspace.diff(sides[0], sides[1])
    }
  }
}
