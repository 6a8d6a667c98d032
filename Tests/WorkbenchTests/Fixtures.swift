import Foundation
import GitKit
import TestSupport
import Workbench

/// A fresh workspace in its own folder, with a fixed identity and clock.
final class Fixture {
  let folder = TemporaryDirectory("workbench")
  let workspace: Workspace
  var path: String { folder.file("ws") }

  init(scale: [String]? = nil) throws {
    workspace = try Workspace.create(at: folder.file("ws"), scale: scale, environment: Shell.environment)
  }

  /// Opens the workspace again, as a new vet process would.
  func reopen() throws -> Workspace { try Workspace.open(at: path, environment: Shell.environment) }

  func git(_ arguments: String...) throws -> String { try Shell.gitOutput(arguments, in: path) }

  /// HEAD and its tree, to assert that a refused command changed nothing.
  func state() throws -> String { try git("rev-parse", "HEAD", "HEAD^{tree}") }

  func example(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: Binaries.packageRoot + "/Examples/ferry/" + name)))
  }
}
