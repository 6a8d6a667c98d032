import ArgumentParser
import Foundation
import Workbench

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
  @Option(name: [.customShort("C"), .customLong("workspace")], help: "Run as if vet was started in <path>.")
  var workspace: String?

  /// Opens the workspace named by -C, or the one enclosing the current folder.
  func open() throws -> Workspace {
    let opened = try Workspace.open(at: workspace ?? FileManager.default.currentDirectoryPath)
    Output.opened.append(opened)
    return opened
  }

  /// Moves leading `-C PATH` / `--workspace PATH` / `--workspace=PATH` behind the subcommand words.
  static func hoistWorkspaceOption(_ arguments: [String]) -> [String] {
    var leading: [String] = []
    var rest = arguments[...]
    while let first = rest.first {
      if first == "-C" || first == "--workspace", rest.count >= 2 {
        leading += [first, rest[rest.startIndex + 1]]
        rest = rest.dropFirst(2)
      } else if first.hasPrefix("--workspace=") || (first.hasPrefix("-C") && first.count > 2) {
        leading.append(first)
        rest = rest.dropFirst()
      } else {
        break
      }
    }
    guard !leading.isEmpty else { return arguments }
    // The subcommand path is the run of words that name commands.
    var path: [String] = []
    var node: ParsableCommand.Type = Vet.self
    while let word = rest.first,
      let next = node.configuration.subcommands.first(where: { $0._commandName == word })
    {
      path.append(word)
      node = next
      rest = rest.dropFirst()
    }
    return path + leading + Array(rest)
  }
}

/// The --json flag of read commands.
struct JSONOption: ParsableArguments {
  @Flag(name: .long, help: "Print machine-readable JSON.")
  var json = false
}
