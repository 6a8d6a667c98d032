import Foundation

/// What can go wrong sharing a workspace, with messages that say what to do next.
///
/// Every failed transfer leaves the local workspace as it was: HEAD, the
/// working tree and the index move only after a transfer has completed.
public enum SyncError: Error, LocalizedError, Equatable {
  /// No remote is configured.
  case noRemote
  /// No remote has this name.
  case unknownRemote(name: String, known: [String])
  /// Several remotes and no upstream: the command needs a name.
  case ambiguousRemote(known: [String])
  /// `vet remote add` with a name in use.
  case remoteExists(name: String)
  /// A name git does not accept for a remote.
  case invalidRemoteName(name: String)
  /// A URL vet refuses to store (empty, control characters, a password in it).
  case invalidURL(url: String, reason: String)
  /// The remote has commits this workspace lacks.
  case nonFastForward(remote: String, branch: String)
  /// The server refused the pushed branch (a hook, a protected branch).
  case rejected(remote: String, branch: String, reason: String, serverSaid: [String])
  /// Authentication failed, after the bounded number of attempts.
  case authentication(url: String, detail: String)
  /// The SSH host key is unknown, changed or revoked.
  case hostKey(detail: String)
  /// The server could not be reached.
  case unreachable(url: String, detail: String)
  /// The connection broke during the transfer.
  case interrupted(url: String, detail: String)
  /// Another transfer failure, with git's explanation.
  case transfer(url: String, detail: String)
  /// The remote (or its branch) holds no vet workspace.
  case notAWorkspace(what: String)
  /// The remote holds nothing yet.
  case emptyRemote(url: String)
  /// The remote's branch shares no history with this workspace.
  case unrelatedHistories(remote: String)
  /// Both sides changed files vet cannot merge on its own.
  case mergeConflict(remote: String, paths: [String])
  /// The folder a clone would create exists and is not empty.
  case destinationExists(path: String)
  /// HEAD is not on a branch.
  case detachedHead
  /// What a remote sent holds a tree entry git refuses to check out (`..`,
  /// `.git`, an absolute name) or one a workspace never holds (a link, a submodule).
  case unsafeHistory(url: String, entry: String)

  public var errorDescription: String? {
    switch self {
    case .noRemote:
      return "no remote is configured; add one with `vet remote add origin URL`"
    case .unknownRemote(let name, let known):
      let list = known.isEmpty ? "none is configured" : "configured: " + known.joined(separator: ", ")
      return "no remote named '\(name)' (\(list)); add it with `vet remote add \(name) URL`"
    case .ambiguousRemote(let known):
      return
        "several remotes are configured (\(known.joined(separator: ", "))); name one, e.g. `vet pull \(known.first ?? "origin")`"
    case .remoteExists(let name):
      return "a remote named '\(name)' already exists; remove it first with `vet remote remove \(name)`"
    case .invalidRemoteName(let name):
      return "'\(name)' is not a valid remote name; use letters, digits, '-' and '_' (e.g. origin)"
    case .invalidURL(let url, let reason):
      return "'\(url)' \(reason)"
    case .nonFastForward(let remote, let branch):
      return
        "the remote has work you don't: \(remote)/\(branch) has commits this workspace lacks; run `vet pull \(remote)` (or `vet sync`), then push again"
    case .rejected(let remote, let branch, let reason, let said):
      let server = said.isEmpty ? "" : " (the server said: \(said.joined(separator: "; ")))"
      return
        "\(remote) refused the push of \(branch): \(reason)\(server); nothing was changed there, and your workspace is as it was"
    case .authentication(let url, let detail):
      return
        "authentication to \(url) failed: \(detail). For https, set VET_USERNAME and VET_PASSWORD or configure a git credential helper; for ssh, load your key into ssh-agent or put it in ~/.ssh/id_ed25519 and make sure the server accepts it"
    case .hostKey(let detail):
      return detail
    case .unreachable(let url, let detail):
      return
        "cannot reach \(url): \(detail); check the address and your connection, then run the command again (nothing was changed)"
    case .interrupted(let url, let detail):
      return
        "the connection to \(url) broke during the transfer: \(detail); nothing was changed locally, so run the command again"
    case .transfer(let url, let detail):
      return "transfer with \(url) failed: \(detail); nothing was changed locally"
    case .notAWorkspace(let what):
      return "\(what) is not a vet workspace (it has no .vet/config.yml); check the URL"
    case .emptyRemote(let url):
      return
        "\(url) is empty; there is nothing to clone yet. Create a workspace with `vet init`, `vet remote add origin \(url)` and `vet push`"
    case .unrelatedHistories(let remote):
      return
        "\(remote) holds a different workspace (no history in common with this one); vet will not merge unrelated workspaces"
    case .mergeConflict(let remote, let paths):
      return
        "both this workspace and \(remote) changed \(paths.joined(separator: ", ")) in ways vet cannot merge; nothing was changed. Merge by hand with `git merge \(remote)`, commit, and run the command again"
    case .destinationExists(let path):
      return "\(path) already exists and is not empty; choose another folder"
    case .detachedHead:
      return "HEAD is not on a branch; check out a branch (git switch main) and run the command again"
    case .unsafeHistory(let url, let entry):
      return
        "refusing what \(url) sent: its history holds \(entry); git refuses such entries too (git fsck --strict), as they can write outside the workspace or into .git. Nothing was written; ask whoever shares it to remove that entry"
    }
  }
}
