import ArgumentParser
import Foundation
import Workbench

// `vet -C PATH verb …` works as in git: a leading -C/--workspace is moved
// behind the subcommand, where every command's global options read it.
var arguments = Array(CommandLine.arguments.dropFirst())
arguments = GlobalOptions.hoistWorkspaceOption(arguments)

do {
  var command = try Vet.parseAsRoot(arguments)
  try command.run()
  Output.reportNotices()
} catch let error as WorkbenchError {
  Output.reportNotices()
  Output.fail(error.localizedDescription)
} catch let error as LocalizedError where error.errorDescription != nil {
  Output.fail(error.errorDescription ?? "\(error)")
} catch {
  Vet.exit(withError: error)
}
