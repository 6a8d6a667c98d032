import Foundation
import GitKit

#if canImport(Glibc)
  import Glibc
#endif

/// Where vet finds credentials and host keys for one transfer.
///
/// Credentials are never stored by vet, never put in the workspace or its
/// config, and never printed. In order:
///
/// - SSH: the user name from the URL (else `$USER`); then ssh-agent
///   (`SSH_AUTH_SOCK`), then key files: `$VET_SSH_KEY`, `~/.ssh/id_ed25519`,
///   `~/.ssh/id_ecdsa`, `~/.ssh/id_rsa` (passphrase from `VET_SSH_PASSPHRASE`).
/// - HTTP(S): `VET_USERNAME` and `VET_PASSWORD`; then git's credential helpers
///   (`git credential fill`, which may prompt on a terminal), told afterwards
///   whether the credentials worked (`approve` / `reject`), as git does.
///
/// Each source is offered once, so a refused password is never retried in a loop.
/// SSH host keys must be in `~/.ssh/known_hosts` or `/etc/ssh/ssh_known_hosts`.
final class TransferAuthentication {
  let url: RemoteURL
  private let environment: [String: String]
  /// Where `git credential` runs, so a repository's own helper config applies.
  private let directory: String?
  private var sshKeys: [Credential]?
  private var passwordSources: [() -> Credential?]?
  /// Credentials a helper gave, to report back whether they worked.
  private var helperCredential: (username: String, password: String)?

  init(url: String, environment: [String: String], directory: String?) {
    self.url = RemoteURL(url)
    self.environment = environment
    self.directory = directory
  }

  var home: String? {
    if let home = environment["HOME"], !home.isEmpty { return home }
    guard let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir else { return nil }
    return String(cString: dir)
  }

  /// The callbacks for a transfer, forwarding progress and server messages.
  func callbacks(progress: ((TransferProgress) -> Void)?, serverMessage: ((String) -> Void)?) -> TransferCallbacks {
    var callbacks = TransferCallbacks()
    callbacks.credentials = { [self] request in self.credential(for: request) }
    let knownHosts = KnownHosts(files: KnownHosts.defaultFiles(home: home))
    let port = url.port
    callbacks.hostKey = { key in knownHosts.verify(key, port: port) }
    if let progress {
      callbacks.progress = {
        progress($0); return true
      }
    }
    callbacks.remoteMessage = serverMessage
    return callbacks
  }

  /// The next credential to offer, or nil when every source has been tried.
  func credential(for request: CredentialRequest) -> Credential? {
    let user = request.usernameFromURL ?? url.user ?? environment["USER"] ?? environment["LOGNAME"] ?? "git"
    if request.allowed.contains(.sshKey) {
      if sshKeys == nil { sshKeys = sshCandidates(user: user) }
      guard let next = sshKeys?.first else { return nil }
      sshKeys?.removeFirst()
      return next
    }
    if request.allowed.contains(.username) && !request.allowed.contains(.userPassword) {
      return .username(user)
    }
    if request.allowed.contains(.userPassword) {
      if passwordSources == nil { passwordSources = passwordCandidates() }
      while let source = passwordSources?.first {
        passwordSources?.removeFirst()
        if let credential = source() { return credential }
      }
    }
    return nil
  }

  private func sshCandidates(user: String) -> [Credential] {
    var result: [Credential] = []
    if let socket = environment["SSH_AUTH_SOCK"], !socket.isEmpty, FileManager.default.fileExists(atPath: socket) {
      result.append(.sshAgent(username: user))
    }
    var files: [String] = []
    if let explicit = environment["VET_SSH_KEY"], !explicit.isEmpty { files.append(explicit) }
    if let home { files += ["id_ed25519", "id_ecdsa", "id_rsa"].map { home + "/.ssh/" + $0 } }
    let passphrase = environment["VET_SSH_PASSPHRASE"]
    for file in files where FileManager.default.isReadableFile(atPath: file) {
      let publicKey = FileManager.default.fileExists(atPath: file + ".pub") ? file + ".pub" : nil
      result.append(.sshKeyFile(username: user, publicKey: publicKey, privateKey: file, passphrase: passphrase))
    }
    return result
  }

  private func passwordCandidates() -> [() -> Credential?] {
    var result: [() -> Credential?] = []
    if let name = environment["VET_USERNAME"], let password = environment["VET_PASSWORD"], !name.isEmpty {
      result.append { .userPassword(username: name, password: password) }
    }
    result.append { [self] in
      guard let filled = self.runCredentialHelper("fill", input: self.url.credentialDescription) else { return nil }
      var name: String?
      var password: String?
      for line in filled.split(separator: "\n") {
        if line.hasPrefix("username=") { name = String(line.dropFirst("username=".count)) }
        if line.hasPrefix("password=") { password = String(line.dropFirst("password=".count)) }
      }
      guard let name, let password else { return nil }
      self.helperCredential = (name, password)
      return .userPassword(username: name, password: password)
    }
    return result
  }

  /// Tells git's credential helpers whether the credentials they gave worked.
  func finish(succeeded: Bool) {
    guard let (name, password) = helperCredential else { return }
    helperCredential = nil
    let description =
      url.credentialDescription.split(separator: "\n").filter { !$0.hasPrefix("username=") }
      .joined(separator: "\n") + "\nusername=\(name)\npassword=\(password)\n"
    _ = runCredentialHelper(succeeded ? "approve" : "reject", input: description)
  }

  /// Runs `git credential ACTION`; nil when git is missing or fails.
  private func runCredentialHelper(_ action: String, input: String) -> String? {
    guard
      let git = ["/usr/bin/git", "/usr/local/bin/git", "/bin/git"].first(where: FileManager.default.isExecutableFile)
    else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: git)
    process.arguments = ["credential", action]
    var env = environment
    // Prompting is only for a person at a terminal; elsewhere git must fail, not wait.
    if isatty(STDIN_FILENO) != 1 || isatty(STDERR_FILENO) != 1 { env["GIT_TERMINAL_PROMPT"] = "0" }
    process.environment = env
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    stdin.fileHandleForWriting.write(Data((input + "\n").utf8))
    try? stdin.fileHandleForWriting.close()
    let data = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self)
  }
}
