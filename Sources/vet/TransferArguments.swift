import ArgumentParser
import Workbench

/// What `vet push`, `vet pull` and `vet sync` take, and how they run a transfer.
struct TransferArguments: ParsableArguments {
  @OptionGroup var global: GlobalOptions
  @Argument(help: "The remote (default: the branch's upstream, else origin, else the only one).")
  var remote: String?
  @Flag(name: .shortAndLong, help: "Do not show progress.")
  var quiet = false
  @OptionGroup var output: JSONOption

  /// Runs `transfer` with progress on a terminal, then prints JSON or the human report.
  func run<Result: Encodable>(
    _ transfer: (Workspace, String?, TransferOptions) throws -> Result, report: (Result) -> Void
  ) throws {
    let view = TransferProgressView(quiet: quiet)
    // Clears the progress line on every path, including errors.
    defer { view.finish() }
    let result = try transfer(global.open(), remote, view.options)
    view.finish()
    if output.json { return try Output.json(result) }
    report(result)
  }
}
