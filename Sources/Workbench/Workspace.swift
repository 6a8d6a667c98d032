import Foundation
import GitKit

/// One investigation: a git repository holding claims and sources.
///
/// Reads come from the commit HEAD points to; writes go through `commit(_:)`,
/// one commit per operation. The workbench never prints.
public final class Workspace {
  /// The working directory, with a trailing slash.
  public let root: String
  let repo: Repository
  let environment: [String: String]
  let clock: () -> Date
  private var openedIndex: ClaimIndex?

  /// What vet noticed and mended along the way (a rebuilt index), for the command to report.
  public var notices: [String] { (openedIndex?.notices ?? []) + writeNotices }
  /// What writes changed that the user should know of (the index split).
  var writeNotices: [String] = []
  /// From how many entries git's index is kept split, when `core.splitIndex` is not set.
  var indexSplitThreshold = StagingArea.defaultSplitThreshold

  init(repo: Repository, environment: [String: String], clock: @escaping () -> Date) throws {
    guard let workdir = repo.workingDirectory else {
      throw WorkbenchError.notAWorkspace(path: repo.gitDirectory)
    }
    self.repo = repo
    self.root = workdir
    self.environment = environment
    // The log entry's date is the commit's author date, as git sets it (a replayed or back-dated import).
    if let text = environment["GIT_AUTHOR_DATE"], let stamp = Identity.parseGitDate(text)?.date {
      self.clock = { stamp }
    } else {
      self.clock = clock
    }
  }

  /// Opens the workspace at or above `path`.
  ///
  /// - Parameters:
  ///   - path: a folder in the workspace.
  ///   - environment: where `GIT_AUTHOR_*` and friends are read from.
  ///   - clock: the time operations are stamped with.
  /// - Throws: `.notAWorkspace` when there is no vet workspace there; `.unsupportedFormat`
  ///   for one written by a newer vet.
  public static func open(
    at path: String, environment: [String: String] = ProcessEnvironment.read(),
    clock: @escaping () -> Date = Date.init
  ) throws -> Workspace {
    let repo: Repository
    do {
      repo = try Repository.open(at: path, search: true)
    } catch {
      throw WorkbenchError.notAWorkspace(path: path)
    }
    let workspace = try Workspace(repo: repo, environment: environment, clock: clock)
    let snapshot = try workspace.snapshot()
    // What `vet clone` killed before the branch arrived leaves: no commit, a remote or not even that, no files.
    if snapshot.commit == nil,
      (try? repo.config().string("remote.origin.url")) != nil
        || (try? FileManager.default.contentsOfDirectory(atPath: workspace.root)) == [".git"]
    {
      throw WorkbenchError.interruptedCheckout(root: String(workspace.root.dropLast()), received: false)
    }
    if try snapshot.commit == nil || snapshot.blobID(WorkspaceConfig.path) == nil {
      throw WorkbenchError.notAWorkspace(path: path)
    }
    // The format is checked before anything else is decoded.
    _ = try snapshot.config()
    // A clone killed before its checkout wrote the index: its files would all look deleted or edited.
    if access(repo.gitDirectory + "index", F_OK) != 0 {
      throw WorkbenchError.interruptedCheckout(root: String(workspace.root.dropLast()), received: true)
    }
    // Reads too: until then git shows the killed command's half-written files, which `git commit -a` would commit.
    try workspace.finishInterruptedCommand()
    return workspace
  }

  /// Creates a workspace in `path` (which must not exist or be empty) from the template.
  ///
  /// - Returns: the new workspace, with the template committed.
  public static func create(
    at path: String, scale: [String]? = nil, environment: [String: String] = ProcessEnvironment.read(),
    clock: @escaping () -> Date = Date.init
  ) throws -> Workspace {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
      let contents = (try? fm.contentsOfDirectory(atPath: path)) ?? []
      if !isDirectory.boolValue || !contents.isEmpty { throw WorkbenchError.alreadyExists(path: path) }
    }
    let repo = try Repository.create(at: path)
    let workspace = try Workspace(repo: repo, environment: environment, clock: clock)
    var files = WorkspaceTemplate.files
    if let scale {
      guard !scale.isEmpty, scale.allSatisfy(WorkspaceConfig.isValidStatusName), Set(scale).count == scale.count else {
        throw WorkbenchError.invalidArgument(
          name: "--scale", reason: "list distinct statuses of lowercase letters, digits and '-', the initial one first")
      }
      files[WorkspaceConfig.path] = WorkspaceConfig(scale: scale).rendered()
    }
    _ = try workspace.commit { _ in
      Operation(
        files: files.mapValues { Array($0.utf8) },
        subject: "Create workspace",
        trailers: [("Vet-Action", "init")])
    }
    try workspace.installMergeDriver()
    return workspace
  }

  /// The workspace as HEAD has it.
  func snapshot() throws -> Snapshot {
    try Snapshot(repo: repo, commit: try repo.head())
  }

  /// The workspace configuration at HEAD.
  public func config() throws -> WorkspaceConfig {
    try snapshot().config()
  }

  /// The claim index, brought up to date with HEAD.
  func index(at snapshot: Snapshot) throws -> ClaimIndex {
    let index = try openedIndex ?? ClaimIndex(directory: stateDirectory)
    openedIndex = index
    try index.update(to: snapshot)
    return index
  }

  /// Whether this command has read the claim index (so a write moves it along).
  var indexIsOpen: Bool { openedIndex != nil }

  /// Starts moving the index along the commit a write is making from
  /// `parent`, on a thread of its own (`ClaimIndex.advance`), when this
  /// command already has it open.
  ///
  /// A command that never read the index (a mark, a note) leaves it alone:
  /// opening SQLite only to maintain it was a fifth of a mark, and the next
  /// command that reads it catches up from the commit it last saw, several
  /// writes in one transaction. A first commit's index is built whole by the
  /// next read too.
  /// - Parameters:
  ///   - claims: claims the commit writes, by blob, recorded as they are
  ///     instead of being read back from git.
  ///   - changes: the files the commit changes from `parent`, so that the
  ///     index need not compare their trees (tens of milliseconds at 100,000 claims).
  func startIndexAdvance(from parent: ObjectID?, claims: [ObjectID: Claim], changes: [ChangedPath]) -> IndexAdvance? {
    guard let index = openedIndex, let parent else { return nil }
    let gitDirectory = repo.gitDirectory
    return IndexAdvance { advance in
      try? index.advance(from: parent, known: claims, changes: changes) {
        // libgit2's handles are not shared between threads: this one reads git through its own.
        guard let commit = advance.landed(), let other = try? Repository.open(at: gitDirectory) else { return nil }
        return try? Snapshot(repo: other, commit: commit)
      }
    }
  }

  /// The folder vet keeps its lock, journal and caches in (inside `.git`, never committed).
  var stateDirectory: String { repo.gitDirectory + "vet/" }

  /// The id of the commit HEAD points to.
  public func headCommit() throws -> String? { try repo.head()?.hex }
}
