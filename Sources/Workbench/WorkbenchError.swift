import Foundation

/// Everything that can go wrong in the workbench, with messages a person can act on.
public enum WorkbenchError: Error, LocalizedError, Equatable {
  /// No workspace at or above the given folder.
  case notAWorkspace(path: String)
  /// The folder already holds a workspace or other files.
  case alreadyExists(path: String)
  /// No object of that kind with that id or prefix.
  case notFound(kind: String, id: String)
  /// A prefix matched several objects.
  case ambiguous(kind: String, prefix: String, matches: [String])
  /// A status that is not on the workspace's scale.
  case invalidStatus(String, scale: [String])
  /// A file that vet cannot read as its format.
  case invalidFormat(file: String, line: Int?, reason: String)
  /// The workspace was written by a newer vet, or an unknown format.
  case unsupportedFormat(file: String, found: String, supported: Int)
  /// A file vet must write has changes that are not committed.
  case uncommittedEdit(path: String)
  /// A bad argument, named.
  case invalidArgument(name: String, reason: String)
  /// Input text vet refuses (empty, binary, not UTF-8, too large).
  case invalidInput(source: String, reason: String)
  /// git has no identity to record.
  case noIdentity
  /// Another writer kept winning the race for the branch.
  case contention(attempts: Int)
  /// An error from git underneath, with context.
  case git(operation: String, message: String)
  /// Another process holds a lock file vet needs (`index.lock`, a branch's lock); nothing was changed.
  case lockHeld(path: String, waited: Double)
  /// A clone stopped part-way: HEAD has files but git has no index, or
  /// (`received` false) the repository has no commit yet, and a remote or no files.
  case interruptedCheckout(root: String, received: Bool)

  public var errorDescription: String? {
    switch self {
    case .notAWorkspace(let path):
      return "not a vet workspace (or any parent up to /): \(path); run `vet init` to create one"
    case .alreadyExists(let path):
      return "\(path) already exists and is not empty; choose a new folder for the workspace"
    case .notFound(let kind, let id):
      return "no \(kind) matches '\(id)'; run `vet \(kind) list` to see them"
    case .ambiguous(let kind, let prefix, let matches):
      return "\(kind) id '\(prefix)' is ambiguous; it matches: \(matches.joined(separator: ", "))"
    case .invalidStatus(let status, let scale):
      return "'\(status)' is not a status on this workspace's scale; use one of: \(scale.joined(separator: ", "))"
    case .invalidFormat(let file, let line, let reason):
      if let line { return "\(file):\(line): \(reason)" }
      return "\(file): \(reason)"
    case .unsupportedFormat(let file, let found, let supported):
      return
        "\(file): workspace format \(found) is not supported by this vet (it reads format \(supported)); upgrade vet"
    case .uncommittedEdit(let path):
      return
        "\(path) has uncommitted changes; commit or discard them (git commit / git checkout -- \(path)) and run the command again"
    case .invalidArgument(let name, let reason):
      return "\(name): \(reason)"
    case .invalidInput(let source, let reason):
      return "\(source): \(reason)"
    case .noIdentity:
      return
        "git does not know who you are; run `git config --global user.name \"Your Name\"` and `git config --global user.email you@example.org`"
    case .contention(let attempts):
      return "the workspace kept changing under this command (\(attempts) attempts); try again"
    case .git(let operation, let message):
      return "\(operation): \(message)"
    case .lockHeld(let path, let waited):
      return "unable to create '\(path)': it exists. Another git process seems to be running in this repository "
        + "(an editor's `git status`, or a `git commit` waiting for its message); vet waited "
        + "\(String(format: "%g", waited)) s for it and changed nothing. Try again once it is done; if no git "
        + "process is running, one was killed and left the lock behind: remove it with rm '\(path)'"
    case .interruptedCheckout(let root, received: false):
      return "\(root) is a git repository with no commit yet, not a vet workspace: if a clone into it was "
        + "interrupted before it received the workspace, delete the folder and clone again"
    case .interruptedCheckout(let root, received: true):
      return "\(root) has no git index though HEAD has files: a clone (or checkout) was interrupted before it "
        + "finished writing them. Finish it with `cd '\(root)' && git reset --hard` (it writes HEAD's files, "
        + "overwriting any in the folder), or delete the folder and clone again"
    }
  }
}
