import Foundation
import GitKit

/// What the git merge driver did with one file.
public struct MergeDriverResult: Sendable {
  /// Whether the file was merged without conflict markers (flagged conflicts
  /// inside a claim count as merged: both values are recorded in it).
  public var merged: Bool
  /// Fields both sides changed differently, now flagged for review.
  public var conflicts: [MergeConflict]
  /// Why the file could not be merged field by field, when it could not.
  public var problem: String?
}

/// vet's merge driver for git, so a plain `git pull` or `git merge` merges
/// claims and source metadata the way `vet pull` does.
///
/// `.gitattributes` (from the workspace template) routes `claims/**/*.md` and
/// `sources/*/source.yml` to the driver named `vet`; the driver itself is
/// registered in `.git/config` (never in the workspace, since git will not run
/// commands a repository ships) by `vet init`, `vet clone`, `vet remote add`
/// and `vet pull`. Without it git falls back to its line merge.
extension Workspace {
  /// The `merge.vet.*` keys, as `git config` would write them.
  static let mergeDriverName = "vet: merge claims and sources field by field"

  /// Registers the merge driver in `.git/config` when it is missing or points at a vet that is gone.
  ///
  /// - Parameter executable: the vet to run; nil uses this process when it is
  ///   `vet`, and otherwise `vet` from `PATH`.
  public func installMergeDriver(executable: String? = nil) throws {
    let config = try repo.localConfig()
    let command = (executable ?? Self.currentExecutable()) + " merge-driver %O %A %B %P"
    if let existing = try config.string("merge.vet.driver") {
      let program = String(existing.split(separator: " ").first ?? "")
      let usable = !program.hasPrefix("/") || FileManager.default.isExecutableFile(atPath: program)
      if usable { return }
    }
    try config.set("merge.vet.name", Self.mergeDriverName)
    try config.set("merge.vet.driver", command)
  }

  /// This process's executable when it is `vet`, else plain `vet` (found on `PATH` when git runs it).
  static func currentExecutable() -> String {
    guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
      (path as NSString).lastPathComponent == "vet", !path.contains(" ")
    else { return "vet" }
    return path
  }

  /// Merges one file for git: `base`, `ours` and `theirs` are the three
  /// versions git wrote to temporary files; the result replaces `ours`.
  ///
  /// A claim or source file that cannot be parsed is merged as lines, with
  /// conflict markers, and reported as not merged, so git stops and a person
  /// looks: it is never silently overwritten.
  /// - Parameters:
  ///   - path: the file's path in the workspace (git's `%P`), to choose how to merge.
  ///   - environment: for the identity the merge log entries are recorded under.
  public static func runMergeDriver(
    base: String, ours: String, theirs: String, path: String,
    environment: [String: String] = ProcessEnvironment.read(), now: Date = Date()
  ) throws -> MergeDriverResult {
    func read(_ file: String) throws -> [UInt8] {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw WorkbenchError.git(operation: "merge-driver", message: "cannot read \(file)")
      }
      return [UInt8](data)
    }
    let baseBytes = try read(base)
    let ourBytes = try read(ours)
    let theirBytes = try read(theirs)
    let author = Self.driverAuthor(environment: environment, now: now)
    let label = "the merged branch"
    do {
      let merged: [UInt8]?
      var conflicts: [MergeConflict] = []
      if WorkspaceMerge.isClaimPath(path) {
        let merge = ClaimMerge(author: author, date: now, theirsLabel: label)
        let outcome = try merge.merge(
          base: try parseIfPresent(baseBytes) { try Claim.read($0, path: path, file: "merge base:" + path) },
          ours: try parseIfPresent(ourBytes) { try Claim.read($0, path: path) },
          theirs: try parseIfPresent(theirBytes) { try Claim.read($0, path: path, file: "\(label):" + path) })
        conflicts = outcome.conflicts
        merged = try outcome.claim.map { Array(try $0.rendered().utf8) }
      } else if WorkspaceMerge.isSourceMetadataPath(path) {
        let (baseSource, ourSource, theirSource) = (
          try parseIfPresent(baseBytes) { try Source(parsing: $0, file: "merge base:" + path) },
          try parseIfPresent(ourBytes) { try Source(parsing: $0, file: path) },
          try parseIfPresent(theirBytes) { try Source(parsing: $0, file: "\(label):" + path) }
        )
        let colliding = SourceMerge.collidingVersions(base: baseSource, ours: ourSource, theirs: theirSource)
        if !colliding.isEmpty {
          // Refused, with markers, so git stops: keeping one side's metadata
          // under the other side's text would be silently wrong.
          let outcome = try FileMerge.merge(base: baseBytes, ours: ourBytes, theirs: theirBytes)
          try Data(outcome.bytes).write(to: URL(fileURLWithPath: ours))
          let numbers = colliding.map { "v\($0)" }.joined(separator: ", ")
          return MergeDriverResult(
            merged: false, conflicts: [],
            problem:
              "both sides recorded a different \(numbers) of this source, which only `vet pull` can renumber; run `git merge --abort`, then `vet pull`"
          )
        }
        let outcome = SourceMerge(theirsLabel: label).merge(base: baseSource, ours: ourSource, theirs: theirSource)
        conflicts = outcome.conflicts
        merged = try outcome.source.map { Array(try $0.rendered().utf8) }
      } else {
        let outcome = try FileMerge.merge(base: baseBytes, ours: ourBytes, theirs: theirBytes)
        try Data(outcome.bytes).write(to: URL(fileURLWithPath: ours))
        return MergeDriverResult(
          merged: outcome.isClean, conflicts: [],
          problem: outcome.isClean ? nil : "conflicting lines; resolve the conflict markers by hand")
      }
      try Data(merged ?? []).write(to: URL(fileURLWithPath: ours))
      return MergeDriverResult(merged: true, conflicts: conflicts, problem: nil)
    } catch let error as WorkbenchError {
      // Unparseable: leave a line merge with markers for a person to resolve.
      // git stops on a non-zero exit, so the broken file is never committed unseen.
      let outcome = try FileMerge.merge(base: baseBytes, ours: ourBytes, theirs: theirBytes)
      try Data(outcome.bytes).write(to: URL(fileURLWithPath: ours))
      return MergeDriverResult(
        merged: false, conflicts: [], problem: error.localizedDescription + "; resolve the conflict markers by hand")
    }
  }

  private static func parseIfPresent<T>(_ bytes: [UInt8], _ parse: (String) throws -> T) throws -> T? {
    // git hands the driver an empty file for a side where the path does not exist.
    if bytes.isEmpty { return nil }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw WorkbenchError.invalidFormat(file: "merge input", line: nil, reason: "is not valid UTF-8 text")
    }
    return try parse(text)
  }

  /// "Name <email>" for merge log entries: git's identity when it can be read.
  private static func driverAuthor(environment: [String: String], now: Date) -> String {
    if let repo = try? Repository.open(at: FileManager.default.currentDirectoryPath, search: true),
      let config = try? repo.config(),
      let identity = try? Identity.resolve(config: config, environment: environment, now: now)
    {
      return identity.author.identity
    }
    return "vet merge driver <vet@localhost>"
  }
}
