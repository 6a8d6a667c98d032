import Foundation
import TestSupport

/// Runs the built vet binary in a test's own folder.
struct VetRunner {
  let folder = TemporaryDirectory("vet-e2e")
  var workspace: String { folder.file("ws") }

  @discardableResult
  func vet(_ arguments: String..., in directory: String? = nil, input: [UInt8]? = nil) throws -> ProcessResult {
    try vet(arguments, in: directory, input: input)
  }

  @discardableResult
  func vet(
    _ arguments: [String], in directory: String? = nil, input: [UInt8]? = nil, environment: [String: String]? = nil
  ) throws -> ProcessResult {
    try Shell.run(Binaries.vet, arguments, in: directory ?? workspace, environment: environment, input: input)
  }

  /// Runs vet and fails the test with its stderr when it does not succeed.
  @discardableResult
  func ok(_ arguments: String...) throws -> String {
    try ok(arguments)
  }

  /// Runs vet and fails the test with its stderr when it does not succeed.
  @discardableResult
  func ok(_ arguments: [String]) throws -> String {
    let result = try vet(arguments)
    guard result.succeeded else {
      throw ShellError.failed("vet \(arguments.joined(separator: " ")) failed: \(result.stderr)")
    }
    return result.stdout
  }

  func git(_ arguments: String...) throws -> String { try Shell.gitOutput(arguments, in: workspace) }

  /// HEAD and its tree, to assert that a refused command changed nothing.
  func state() throws -> String { try git("rev-parse", "HEAD", "HEAD^{tree}") }

  func initWorkspace() throws {
    let result = try Shell.run(Binaries.vet, ["init", workspace], in: folder.path)
    guard result.succeeded else { throw ShellError.failed("vet init failed: \(result.stderr)") }
  }

  static func example(_ name: String) -> String { Binaries.packageRoot + "/Examples/ferry/" + name }

  /// `vet claim show ID --json`, decoded.
  func shownClaim(_ id: String) throws -> [String: Any]? {
    try JSONSerialization.jsonObject(with: Data(try ok("claim", "show", id, "--json").utf8)) as? [String: Any]
  }

  /// Adds a claim and returns its full id.
  func addClaim(_ text: String) throws -> String {
    let out = try ok("claim", "add", text, "--json")
    let object = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
    guard let id = object?["id"] as? String else { throw ShellError.failed("no id in \(out)") }
    return id
  }

  /// What a mark killed part-way leaves: `vet mark ID confirmed` has
  /// committed, its journal is there, and the claim file holds the new
  /// file's start (up to `fraction` of it), then the old one's rest.
  /// - Returns: the claim file's path, the blobs before and after, and both files' bytes.
  func interruptedMark(_ id: String, at fraction: Double) throws -> InterruptedMark {
    let path = "claims/\(id.prefix(2))/\(id).md"
    let full = workspace + "/" + path
    let oldBytes = Array(try Data(contentsOf: URL(fileURLWithPath: full)))
    try ok("mark", id, "confirmed", "--note", "a note long enough that the file grows by more than a line or two")
    let newBytes = Array(try Data(contentsOf: URL(fileURLWithPath: full)))
    let (old, new) = (try git("rev-parse", "HEAD~1:" + path), try git("rev-parse", "HEAD:" + path))
    let cut = Int(Double(newBytes.count) * fraction)
    let torn = Array(newBytes[..<cut]) + (cut < oldBytes.count ? Array(oldBytes[cut...]) : [])
    try Data(torn).write(to: URL(fileURLWithPath: full))
    try "\(old)\t\(new)\t\(path)\n".write(toFile: journal, atomically: true, encoding: .utf8)
    return InterruptedMark(path: path, old: old, new: new, oldBytes: oldBytes, newBytes: newBytes)
  }

  /// vet's journal of the command in progress.
  var journal: String { workspace + "/.git/vet/journal" }
}

/// What `VetRunner.interruptedMark` left.
struct InterruptedMark {
  var path: String
  var old: String
  var new: String
  var oldBytes: [UInt8]
  var newBytes: [UInt8]
}
