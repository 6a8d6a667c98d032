import ArgumentParser
import Foundation
import Workbench

extension Vet {
  /// The `vet import FILE.jsonl` command: reads back what `vet export --format jsonl` wrote.
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Import a vet export --format jsonl file, merging with claims the workspace has.",
      discussion: """
        Claims, sources and evidence the workspace lacks are written as they were exported; \
        claims it has are merged as vet pull merges them (logs as a union, conflicting fields \
        flagged for review). The whole file is checked first: a bad line is reported with its \
        number and nothing is written.

        Examples:
          vet init copy && vet -C copy import case.jsonl
          vet import colleague.jsonl --json
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The file vet export --format jsonl wrote ('-' reads stdin).")
    var file: String
    @OptionGroup var output: JSONOption

    func run() throws {
      let workspace = try global.open()
      let bytes: [UInt8]
      if file == "-" {
        bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
      } else {
        guard let data = FileManager.default.contents(atPath: file) else {
          throw ValidationError("cannot read '\(Output.safe(file))'")
        }
        bytes = Array(data)
      }
      let name = file == "-" ? "stdin" : (file as NSString).lastPathComponent
      let result = try workspace.importExport(bytes, name: name)
      if output.json { return try Output.json(result) }
      Output.line(
        "Imported \(name): \(result.added.count) claims added, \(result.merged.count) merged, "
          + "\(result.unchanged) unchanged; \(result.sourcesAdded.count) sources added, "
          + "\(result.sourcesMerged.count) merged")
      if !result.conflicts.isEmpty {
        Output.line(
          Output.paint(
            "\(result.conflicts.count) conflicting fields flagged for review (vet status lists them)", .yellow))
      }
    }
  }
}
