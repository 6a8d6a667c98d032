import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// One analyst's clone, driven through the built vet binary.
struct Desk {
  let path: String
  var environment: [String: String]

  init(_ path: String, name: String = "Ada Analyst", environment: [String: String] = Shell.environment) {
    self.path = path
    var env = environment
    let email = name.split(separator: " ").first.map { $0.lowercased() + "@example.org" } ?? "x@example.org"
    for role in ["AUTHOR", "COMMITTER"] {
      env["GIT_\(role)_NAME"] = name
      env["GIT_\(role)_EMAIL"] = email
    }
    self.environment = env
  }

  @discardableResult
  func vet(_ arguments: String...) throws -> ProcessResult { try vet(arguments) }

  @discardableResult
  func vet(_ arguments: [String], in directory: String? = nil) throws -> ProcessResult {
    try Shell.run(Binaries.vet, arguments, in: directory ?? path, environment: environment)
  }

  /// Runs vet and fails with its stderr when it does not succeed.
  @discardableResult
  func ok(_ arguments: String...) throws -> String {
    let result = try vet(arguments)
    guard result.succeeded else {
      throw ShellError.failed("vet \(arguments.joined(separator: " ")) in \(path): \(result.stderr)")
    }
    return result.stdout
  }

  func git(_ arguments: String...) throws -> String { try Shell.gitOutput(arguments, in: path) }

  /// HEAD, its tree, the remote-tracking branch and `git status`: what a failed command must not change.
  func state() throws -> String {
    let head = try git("rev-parse", "HEAD", "HEAD^{tree}")
    let tracking = (try? git("rev-parse", "--verify", "-q", "refs/remotes/origin/main")) ?? "none"
    return head + "\n" + tracking + "\n" + (try git("status", "--porcelain"))
  }

  func addClaim(_ text: String) throws -> String {
    let out = try ok("claim", "add", text, "--json")
    let object = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
    guard let id = object?["id"] as? String else { throw ShellError.failed("no id in \(out)") }
    return id
  }

  func claimJSON(_ id: String) throws -> [String: Any] {
    let out = try ok("claim", "show", id, "--json")
    return try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] ?? [:]
  }

  func notes(_ id: String) throws -> [String] {
    let log = try claimJSON(id)["log"] as? [[String: Any]] ?? []
    return log.compactMap { $0["action"] as? String == "note" ? $0["note"] as? String : nil }
  }

  /// `git fsck --strict` passes and `git status` is clean.
  func isHealthy() throws -> Bool {
    try Shell.git(["fsck", "--strict"], in: path).succeeded && git("status", "--porcelain").isEmpty
  }
}

/// Ada's new workspace, prepared by `prepare` and pushed to a bare hub, and Ben's clone of it, all in `folder`.
func sharedDesks<Prepared>(in folder: TemporaryDirectory, _ prepare: (Desk) throws -> Prepared) throws
  -> (hub: String, ada: Desk, ben: Desk, prepared: Prepared)
{
  let hub = folder.file("hub.git")
  try makeHub(hub)
  let ada = Desk(folder.file("ada"))
  let ben = Desk(folder.file("ben"), name: "Ben Checker")
  try ada.vet(["init", ada.path], in: folder.path)
  let prepared = try prepare(ada)
  try ada.ok("remote", "add", "origin", hub)
  try ada.ok("push")
  try ben.vet(["clone", hub, ben.path], in: folder.path)
  return (hub, ada, ben, prepared)
}

/// A bare repository to share through.
func makeHub(_ path: String) throws {
  let result = try Shell.run(Shell.gitPath, ["init", "-q", "--bare", "-b", "main", path])
  guard result.succeeded else { throw ShellError.failed(result.stderr) }
}

/// A `served` folder in `folder` holding an empty bare `hub.git`, ready for a server to publish.
func servedHub(in folder: TemporaryDirectory) throws -> (served: String, hub: String) {
  let served = folder.file("served")
  try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: true)
  let hub = served + "/hub.git"
  try makeHub(hub)
  return (served, hub)
}

@Suite("Sharing workspaces through git remotes")
struct RemoteTests {
  /// The round trip every transport must support: push, clone, fast-forward
  /// pull, concurrent edits merged by sync with the conflict flagged.
  func exerciseTransport(
    url: String, folder: TemporaryDirectory, environment: [String: String] = Shell.environment, hub: String? = nil
  ) throws {
    let ada = Desk(folder.file("ada"), name: "Ada Analyst", environment: environment)
    let ben = Desk(folder.file("ben"), name: "Ben Checker", environment: environment)
    let made = try ada.vet(["init", ada.path], in: folder.path)
    #expect(made.succeeded, "\(made.stderr)")
    let first = try ada.addClaim("The ferry carried 312 passengers")
    let second = try ada.addClaim("The ferry left port two hours late")
    try ada.ok("remote", "add", "origin", url)
    let pushed = try ada.vet("push", "--json")
    #expect(pushed.succeeded, "push over \(url): \(pushed.stderr)")
    #expect(pushed.stdout.contains("\"outcome\" : \"pushed\""))

    let cloned = try ben.vet(["clone", url, ben.path, "--json"], in: folder.path)
    #expect(cloned.succeeded, "clone over \(url): \(cloned.stderr)")
    #expect(cloned.stdout.contains("\"claims\" : 2"))
    #expect(try ben.isHealthy())

    try ben.ok("note", first, "Coast guard manifest lists 312")
    try ben.ok("push")
    let pulled = try ada.vet("pull", "--json")
    #expect(pulled.succeeded, "pull over \(url): \(pulled.stderr)")
    #expect(pulled.stdout.contains("fast-forward"))
    #expect(try ada.notes(first) == ["Coast guard manifest lists 312"])

    // Both analysts work at once; one status conflicts.
    try ada.ok("mark", second, "confirmed", "--note", "Port log shows 14:10 departure")
    try ada.ok("note", first, "Ferry operator confirms the manifest")
    try ben.ok("mark", second, "disputed", "--note", "Witness says it left on time")
    try ben.ok("sync")
    let synced = try ada.vet("sync", "--json")
    #expect(synced.succeeded, "sync over \(url): \(synced.stderr)")
    #expect(synced.stdout.contains("\"outcome\" : \"merged\""))
    try ben.ok("pull")

    for desk in [ada, ben] {
      #expect(try desk.isHealthy(), "\(desk.path) after sync")
      #expect(Set(try desk.notes(first)) == ["Coast guard manifest lists 312", "Ferry operator confirms the manifest"])
      let claim = try desk.claimJSON(second)
      #expect((claim["review"] as? [String])?.isEmpty == false, "conflicting statuses are flagged")
      let listed = try desk.ok("claim", "list", "--needs-review", "-q")
      #expect(listed.contains(second))
    }
    #expect(try ada.git("rev-parse", "HEAD^{tree}") == ben.git("rev-parse", "HEAD^{tree}"))
    let status = try ada.ok("status")
    #expect(status.contains("origin/main: 0 ahead, 0 behind"))
    if let hub { #expect(try Shell.git(["fsck", "--strict"], in: hub).succeeded) }
  }

  @Test("local paths and file:// URLs: push, clone, pull and sync")
  func localTransports() throws {
    for scheme in ["path", "file"] {
      let folder = TemporaryDirectory("vet-remote-\(scheme)")
      let hub = folder.file("hub.git")
      try makeHub(hub)
      try exerciseTransport(url: scheme == "path" ? hub : "file://" + hub, folder: folder, hub: hub)
    }
  }

  @Test(
    "git:// through git daemon: push, clone, pull and sync",
    .enabled(if: ServerPrograms.hasGitDaemon, "git daemon is not installed (git package); run Scripts/install-deps.sh"))
  func gitDaemonTransport() throws {
    let folder = TemporaryDirectory("vet-remote-git")
    let (served, hub) = try servedHub(in: folder)
    let daemon = try GitDaemonServer(root: served, folder: folder.path)
    defer { daemon.stop() }
    try exerciseTransport(url: daemon.url("hub.git"), folder: folder, hub: hub)
  }

  @Test(
    "http:// through nginx, fcgiwrap and git http-backend, with basic authentication from the environment",
    .enabled(
      if: ServerPrograms.hasHTTP, "nginx, fcgiwrap or git-http-backend is not installed; run Scripts/install-deps.sh"))
  func httpTransport() throws {
    let folder = TemporaryDirectory("vet-remote-http")
    let (served, hub) = try servedHub(in: folder)
    let server = try HTTPGitServer(root: served, folder: folder.path, user: "ann", password: "s3cret-pass")
    defer { server.stop() }
    var env = Shell.environment
    env["VET_USERNAME"] = "ann"
    env["VET_PASSWORD"] = "s3cret-pass"
    try exerciseTransport(url: server.url("hub.git"), folder: folder, environment: env, hub: hub)
    // The password is never written into the workspace or its config.
    let config = try String(contentsOfFile: folder.file("ada/.git/config"), encoding: .utf8)
    #expect(!config.contains("s3cret-pass"))
  }

  @Test(
    "https:// to a host with a private CA: refused until the CA is named by GIT_SSL_CAINFO or http.sslCAInfo",
    .enabled(
      if: ServerPrograms.hasHTTPS,
      "nginx, fcgiwrap, git-http-backend or openssl is not installed; run Scripts/install-deps.sh"))
  func httpsTransport() throws {
    let folder = TemporaryDirectory("vet-remote-https")
    let (served, hub) = try servedHub(in: folder)
    let certificates = try TestCertificates(folder: folder.path)
    let server = try HTTPGitServer(
      root: served, folder: folder.path, user: "ann", password: "s3cret-pass", tls: certificates)
    defer { server.stop() }
    let url = server.url("hub.git")
    // The system's CAs do not know this host's: the connection is refused, and nothing is left behind.
    var system = Shell.environment
    system["GIT_SSL_CAINFO"] = nil
    let stranger = Desk(folder.file("stranger"), environment: system)
    let refused = try stranger.vet(["clone", url, stranger.path], in: folder.path)
    #expect(!refused.succeeded)
    #expect(refused.stderr.contains("certificate"), "\(refused.stderr)")
    #expect(!FileManager.default.fileExists(atPath: stranger.path))

    var account = Shell.environment
    account["GIT_SSL_CAINFO"] = nil
    account["VET_USERNAME"] = "ann"
    account["VET_PASSWORD"] = "s3cret-pass"
    var trusting = account
    trusting["GIT_SSL_CAINFO"] = certificates.authority
    try exerciseTransport(url: url, folder: folder, environment: trusting, hub: hub)
    // The same CA named in the workspace's git configuration, as the git CLI reads it.
    let ada = Desk(folder.file("ada"), environment: account)
    #expect(!(try ada.vet("pull")).succeeded)
    _ = try ada.git("config", "http.sslCAInfo", certificates.authority)
    let pulled = try ada.vet("pull")
    #expect(pulled.succeeded, "pull with http.sslCAInfo: \(pulled.stderr)")
  }

  @Test(
    "ssh:// through OpenSSH's sshd with an ed25519 key and a known host key",
    .enabled(
      if: ServerPrograms.hasSSH, "sshd or ssh-keygen is not installed (openssh-server); run Scripts/install-deps.sh"))
  func sshTransport() throws {
    let folder = TemporaryDirectory("vet-remote-ssh")
    let hub = folder.file("hub.git")
    try makeHub(hub)
    let server = try SSHGitServer(folder: folder.path)
    defer { server.stop() }
    try exerciseTransport(url: server.url(hub), folder: folder, environment: server.clientEnvironment(), hub: hub)
    // ssh-agent is asked first: with the key only in the agent, the transfer still works.
    let agentSocket = folder.file("agent.sock")
    let agent = try ServerProcess(
      name: "ssh-agent", executable: "/usr/bin/ssh-agent", arguments: ["-D", "-a", agentSocket], port: 0,
      readiness: { FileManager.default.fileExists(atPath: agentSocket) }, log: folder.file("agent.log"))
    defer { agent.stop() }
    var agentEnv = server.clientEnvironment()
    agentEnv["SSH_AUTH_SOCK"] = agentSocket
    let added = try Shell.run(
      "/usr/bin/ssh-add", ["-q", server.clientHome + "/.ssh/id_ed25519"], environment: agentEnv)
    try #require(added.succeeded, "ssh-add: \(added.stderr)")
    let keyFile = server.clientHome + "/.ssh/id_ed25519"
    try FileManager.default.moveItem(atPath: keyFile, toPath: keyFile + ".away")
    let viaAgent = Desk(folder.file("ben"), name: "Ben Checker", environment: agentEnv)
    try viaAgent.addClaim("The captain was rescued")
    let agentPush = try viaAgent.vet("push")
    #expect(agentPush.succeeded, "push with the key in ssh-agent: \(agentPush.stderr)")
    try FileManager.default.moveItem(atPath: keyFile + ".away", toPath: keyFile)

    // scp-style addresses are ssh on port 22 (nothing listens there in the test).
    let desk = Desk(folder.file("ada"), environment: server.clientEnvironment())
    try desk.ok("remote", "add", "scp", "\(server.user)@127.0.0.1:\(hub)")
    let scp = try desk.vet("pull", "scp")
    #expect(!scp.succeeded)
    #expect(scp.stderr.contains("cannot reach") || scp.stderr.contains("127.0.0.1"), "\(scp.stderr)")
  }

  @Test("a push the remote cannot fast-forward says to pull first; a remote that is not a workspace is refused")
  func nonFastForwardAndForeignRemotes() throws {
    let folder = TemporaryDirectory("vet-remote-nff")
    let (hub, ada, ben, id) = try sharedDesks(in: folder) { ada in try ada.addClaim("The bridge reopened on Monday") }
    try ben.ok("note", id, "City hall says Tuesday")
    try ben.ok("push")
    try ada.ok("note", id, "Mayor's office confirms Monday")
    let before = try ada.state()
    let refused = try ada.vet("push")
    #expect(refused.status != 0)
    #expect(refused.stderr.contains("the remote has work you don't"))
    #expect(refused.stderr.contains("vet pull"))
    #expect(try ada.state() == before)

    // A plain git repository is not a workspace: clone refuses and leaves nothing behind.
    let plain = folder.file("plain")
    _ = try Shell.git(["init", "-q", "-b", "main", plain], in: folder.path)
    try "hello\n".write(toFile: plain + "/notes.txt", atomically: true, encoding: .utf8)
    _ = try Shell.git(["add", "."], in: plain)
    _ = try Shell.git(["commit", "-qm", "notes"], in: plain)
    let clone = try ada.vet(["clone", plain, folder.file("copy")], in: folder.path)
    #expect(clone.status != 0)
    #expect(clone.stderr.contains("not a vet workspace"))
    #expect(!FileManager.default.fileExists(atPath: folder.file("copy")))
    try ada.ok("remote", "add", "plain", plain)
    let pull = try ada.vet("pull", "plain")
    #expect(pull.status != 0)
    #expect(pull.stderr.contains("not a vet workspace"))
    #expect(try ada.state() == before)

    // Bad remote names and URLs with passwords are refused.
    #expect(try ada.vet("remote", "add", "bad name", hub).status != 0)
    let withPassword = try ada.vet("remote", "add", "web", "https://ann:hunter2@example.org/x.git")
    #expect(withPassword.status != 0)
    #expect(!withPassword.stderr.contains("hunter2"))
    let list = try ada.ok("remote", "list", "--json")
    #expect(list.contains("\"origin\"") && list.contains("\"plain\"") && !list.contains("\"web\""))
    try ada.ok("remote", "remove", "plain")
    #expect(try !ada.ok("remote", "list").contains("plain"))
  }

  @Test("plain `git pull` merges claims through vet's merge driver: both notes kept, the status conflict flagged")
  func plainGitPullUsesTheMergeDriver() throws {
    let folder = TemporaryDirectory("vet-remote-driver")
    let (_, ada, ben, id) = try sharedDesks(in: folder) { ada in try ada.addClaim("Forty people were feared drowned") }
    try ada.ok("mark", id, "confirmed", "--note", "Hospital lists 40")
    try ben.ok("mark", id, "false", "--note", "Ministry says 12")
    try ben.ok("push")
    let pulled = try Shell.run(
      Shell.gitPath, ["pull", "--no-rebase", "--no-edit", "-q", "origin", "main"], in: ada.path,
      environment: ada.environment)
    #expect(pulled.succeeded, "git pull: \(pulled.stderr)")
    #expect(try ada.isHealthy())
    let claim = try ada.claimJSON(id)
    let log = claim["log"] as? [[String: Any]] ?? []
    let statusNotes = Set(log.compactMap { $0["note"] as? String })
    #expect(statusNotes.isSuperset(of: ["Hospital lists 40", "Ministry says 12"]))
    #expect((claim["review"] as? [String])?.isEmpty == false)
    // A later mark settles it.
    try ada.ok("mark", id, "disputed", "--note", "Figures conflict; asked both")
    #expect((try ada.claimJSON(id)["review"] as? [String])?.isEmpty != false)
  }

  @Test("plain `git pull` of two different versions 2 of one source stops and says to use vet pull, which renumbers")
  func plainGitPullOfCollidingVersions() throws {
    let folder = TemporaryDirectory("vet-remote-driver-versions")
    let (_, ada, ben, _) = try sharedDesks(in: folder) { ada in
      try ada.ok("source", "add", VetRunner.example("wire-v1.txt"), "--id", "wire")
    }
    try ada.ok("source", "update", "wire", VetRunner.example("wire-v2.txt"))
    try ben.ok("source", "update", "wire", VetRunner.example("rewrite.txt"))
    try ben.ok("push")
    let head = try ada.git("rev-parse", "HEAD")
    let pulled = try Shell.run(
      Shell.gitPath, ["pull", "--no-rebase", "--no-edit", "-q", "origin", "main"], in: ada.path,
      environment: ada.environment)
    #expect(!pulled.succeeded, "git pull must stop rather than pair one side's metadata with the other's text")
    #expect(pulled.stderr.contains("vet pull"), "\(pulled.stderr)")
    #expect(try ada.git("rev-parse", "HEAD") == head)
    _ = try ada.git("merge", "--abort")
    try ada.ok("pull")
    #expect(try ada.isHealthy())
    let sources = try JSONSerialization.jsonObject(with: Data(try ada.ok("source", "list", "--json").utf8))
    let versions = ((sources as? [[String: Any]])?.first?["versions"] as? [[String: Any]]) ?? []
    #expect(versions.count == 3, "both versions 2 kept, one renumbered: \(versions)")
    let texts = try (1...3).map { try ada.ok("source", "show", "wire@\($0)") }
    #expect(Set(texts).count == 3)
  }

  // MARK: - Faults

  @Test(
    "git daemon killed in the middle of a fetch: clear message, nothing changed, a retry succeeds",
    .enabled(if: ServerPrograms.hasGitDaemon, "git daemon is not installed (git package); run Scripts/install-deps.sh"))
  func serverKilledMidFetch() throws {
    let folder = TemporaryDirectory("vet-fault-fetch")
    let (served, _) = try servedHub(in: folder)
    let daemon = try GitDaemonServer(root: served, folder: folder.path)
    defer { daemon.stop() }
    let ada = Desk(folder.file("ada"))
    let ben = Desk(folder.file("ben"), name: "Ben Checker")
    try ada.vet(["init", ada.path], in: folder.path)
    try ada.addClaim("The ferry sank at 03:40")
    try ada.ok("remote", "add", "origin", daemon.url("hub.git"))
    try ada.ok("push")
    try ben.vet(["clone", daemon.url("hub.git"), ben.path], in: folder.path)
    for i in 0..<40 { try ben.addClaim("Claim \(i): \(UUID().uuidString) \(UUID().uuidString)") }
    try ben.ok("push")

    // The server sends part of the pack, then stalls until it is killed.
    let marker = folder.file("pack-started")
    let hook = try folder.write("slow-pack.sh", "#!/bin/sh\ntouch \(marker)\n\"$@\" | { head -c 3000; sleep 120; }\n")
    chmod(hook, 0o755)
    let config = try folder.write("daemon-gitconfig", "[uploadpack]\n\tpackObjectsHook = \(hook)\n")
    try daemon.start(globalConfig: config)
    let before = try ada.state()
    let pull = try launch(ada, ["pull"])
    #expect(waitFor { FileManager.default.fileExists(atPath: marker) }, "the fetch reached the server")
    usleep(300_000)
    daemon.stop()
    let result = try finish(pull)
    #expect(result.status != 0)
    #expect(result.stderr.hasPrefix("vet: "))
    #expect(
      result.stderr.contains("nothing was changed") || result.stderr.contains("run the command again"),
      "\(result.stderr)")
    #expect(try ada.state() == before)
    #expect(try ada.isHealthy())

    try daemon.start()
    let retry = try ada.vet("pull")
    #expect(retry.succeeded, "\(retry.stderr)")
    #expect(try ada.ok("claim", "list", "-q").split(separator: "\n").count == 41)
    #expect(try ada.isHealthy())
  }

  @Test(
    "a server that sends a damaged or cut-short pack: vet clone fails with a clear message and leaves no folder",
    .enabled(if: ServerPrograms.hasGitDaemon, "git daemon is not installed (git package); run Scripts/install-deps.sh"))
  func damagedPackOnClone() throws {
    let folder = TemporaryDirectory("vet-fault-pack")
    let (served, _) = try servedHub(in: folder)
    let daemon = try GitDaemonServer(root: served, folder: folder.path)
    defer { daemon.stop() }
    let ada = Desk(folder.file("ada"))
    try ada.vet(["init", ada.path], in: folder.path)
    for i in 0..<30 { try ada.addClaim("Claim \(i): the ferry carried \(300 + i) passengers, officials said") }
    try ada.ok("remote", "add", "origin", daemon.url("hub.git"))
    try ada.ok("push")
    // git pack-objects runs as usual; the pack it writes is damaged on its way to the client.
    let damages = [
      "flipped": "printf ZZZZ | dd of=\"$out\" bs=1 seek=900 conv=notrunc 2>/dev/null; cat \"$out\"",
      "cut": "head -c $(( $(wc -c < \"$out\") - 300 )) \"$out\"",
    ]
    for (label, damage) in damages {
      let hook = try folder.write(
        "damage-\(label).sh", "#!/bin/sh\nout=\(folder.file("pack-\(label).out"))\n\"$@\" > \"$out\"\n\(damage)\n")
      chmod(hook, 0o755)
      let config = try folder.write("daemon-gitconfig-\(label)", "[uploadpack]\n\tpackObjectsHook = \(hook)\n")
      try daemon.start(globalConfig: config)
      let target = folder.file("ben-\(label)")
      let result = try ada.vet(["clone", daemon.url("hub.git"), target], in: folder.path)
      #expect(result.status != 0, "\(label): the clone succeeded")
      #expect(result.stderr.hasPrefix("vet: "), "\(label): \(result.stderr)")
      #expect(result.stderr.contains("pack"), "\(label): \(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1, "\(label): \(result.stderr)")
      #expect(!FileManager.default.fileExists(atPath: target), "\(label): a half-made workspace was left")
    }
    // The same server, undamaged, clones.
    try daemon.start()
    let ben = Desk(folder.file("ben"), name: "Ben Checker")
    let cloned = try ben.vet(["clone", daemon.url("hub.git"), ben.path], in: folder.path)
    #expect(cloned.succeeded, "\(cloned.stderr)")
    #expect(try ben.isHealthy())
  }

  @Test(
    "git daemon killed in the middle of a push: clear message, nothing changed, a retry succeeds",
    .enabled(if: ServerPrograms.hasGitDaemon, "git daemon is not installed (git package); run Scripts/install-deps.sh"))
  func serverKilledMidPush() throws {
    let folder = TemporaryDirectory("vet-fault-push")
    let (served, hub) = try servedHub(in: folder)
    let daemon = try GitDaemonServer(root: served, folder: folder.path)
    defer { daemon.stop() }
    let ada = Desk(folder.file("ada"))
    try ada.vet(["init", ada.path], in: folder.path)
    try ada.addClaim("The ferry sank at 03:40")
    try ada.ok("remote", "add", "origin", daemon.url("hub.git"))
    try ada.ok("push")
    for i in 0..<20 { try ada.addClaim("Claim \(i): \(UUID().uuidString)") }
    let remoteBefore = try Shell.gitOutput(["rev-parse", "main"], in: hub)

    // The server receives the pack, then hangs in its hook until it is killed.
    let marker = folder.file("receiving")
    let hookPath = hub + "/hooks/pre-receive"
    try "#!/bin/sh\ntouch \(marker)\nsleep 120\n".write(toFile: hookPath, atomically: true, encoding: .utf8)
    chmod(hookPath, 0o755)
    let before = try ada.state()
    let push = try launch(ada, ["push"])
    #expect(waitFor { FileManager.default.fileExists(atPath: marker) }, "the push reached the server")
    daemon.stop()
    let result = try finish(push)
    #expect(result.status != 0)
    #expect(result.stderr.hasPrefix("vet: "))
    #expect(result.stderr.contains("git://127.0.0.1"), "\(result.stderr)")
    #expect(try ada.state() == before)
    #expect(try Shell.gitOutput(["rev-parse", "main"], in: hub) == remoteBefore)

    try FileManager.default.removeItem(atPath: hookPath)
    try daemon.start()
    let retry = try ada.vet("push")
    #expect(retry.succeeded, "\(retry.stderr)")
    #expect(try Shell.gitOutput(["rev-parse", "main"], in: hub) == ada.git("rev-parse", "HEAD"))
    #expect(try Shell.git(["fsck", "--strict"], in: hub).succeeded)
  }

  @Test(
    "a server hook that rejects a push: its reason is shown, nothing changed, a retry succeeds once it allows",
    .enabled(if: ServerPrograms.hasGitDaemon, "git daemon is not installed (git package); run Scripts/install-deps.sh"))
  func hookRejectsPush() throws {
    let folder = TemporaryDirectory("vet-fault-hook")
    let (served, hub) = try servedHub(in: folder)
    let daemon = try GitDaemonServer(root: served, folder: folder.path)
    defer { daemon.stop() }
    let ada = Desk(folder.file("ada"))
    try ada.vet(["init", ada.path], in: folder.path)
    try ada.ok("remote", "add", "origin", daemon.url("hub.git"))
    try ada.ok("push")
    try ada.addClaim("The ferry sank at 03:40")
    let hookPath = hub + "/hooks/pre-receive"
    try "#!/bin/sh\necho 'desk policy: pushes are closed during the edit meeting' >&2\nexit 1\n"
      .write(toFile: hookPath, atomically: true, encoding: .utf8)
    chmod(hookPath, 0o755)
    let before = try ada.state()
    let remoteBefore = try Shell.gitOutput(["rev-parse", "main"], in: hub)
    let refused = try ada.vet("push")
    #expect(refused.status != 0)
    #expect(refused.stderr.contains("refused the push"), "\(refused.stderr)")
    #expect(refused.stderr.contains("pushes are closed during the edit meeting"), "\(refused.stderr)")
    #expect(refused.stderr.split(separator: "\n").count == 1)
    #expect(try ada.state() == before)
    #expect(try Shell.gitOutput(["rev-parse", "main"], in: hub) == remoteBefore)

    try FileManager.default.removeItem(atPath: hookPath)
    let retry = try ada.vet("push")
    #expect(retry.succeeded, "\(retry.stderr)")
    #expect(try Shell.gitOutput(["rev-parse", "main"], in: hub) == ada.git("rev-parse", "HEAD"))
  }

  @Test(
    "wrong credentials over http: bounded retries, a clear message, nothing changed; the right ones work",
    .enabled(
      if: ServerPrograms.hasHTTP, "nginx, fcgiwrap or git-http-backend is not installed; run Scripts/install-deps.sh"))
  func wrongCredentials() throws {
    let folder = TemporaryDirectory("vet-fault-auth")
    let (served, hub) = try servedHub(in: folder)
    let server = try HTTPGitServer(root: served, folder: folder.path, user: "ann", password: "right-horse")
    defer { server.stop() }
    var env = Shell.environment
    env["VET_USERNAME"] = "ann"
    env["VET_PASSWORD"] = "wrong-battery"
    let ada = Desk(folder.file("ada"), environment: env)
    try ada.vet(["init", ada.path], in: folder.path)
    try ada.addClaim("The ferry sank at 03:40")
    try ada.ok("remote", "add", "origin", server.url("hub.git"))
    let before = try ada.state()
    let started = Date()
    let refused = try ada.vet("push")
    #expect(refused.status != 0)
    #expect(refused.stderr.contains("authentication to http://127.0.0.1"), "\(refused.stderr)")
    #expect(!refused.stderr.contains("wrong-battery"))
    #expect(Date().timeIntervalSince(started) < 20, "retries are bounded")
    #expect(try ada.state() == before)
    let clone = try ada.vet(["clone", server.url("hub.git"), folder.file("copy")], in: folder.path)
    #expect(clone.status != 0)
    #expect(!FileManager.default.fileExists(atPath: folder.file("copy")))

    var fixed = ada
    fixed.environment["VET_PASSWORD"] = "right-horse"
    let retry = try fixed.vet("push")
    #expect(retry.succeeded, "\(retry.stderr)")
    #expect(try Shell.gitOutput(["rev-parse", "main"], in: hub) == ada.git("rev-parse", "HEAD"))

    // Without VET_*, git's own credential helper supplies them.
    var helped = ada
    helped.environment["VET_USERNAME"] = nil
    helped.environment["VET_PASSWORD"] = nil
    let store = try folder.write("credentials", "http://ann:right-horse@127.0.0.1%3a\(server.port)\n")
    _ = try ada.git("config", "credential.helper", "store --file=\(store)")
    try helped.addClaim("The ferry was built in 1998")
    let viaHelper = try helped.vet("push")
    #expect(viaHelper.succeeded, "\(viaHelper.stderr)")
    #expect(try Shell.gitOutput(["rev-parse", "main"], in: hub) == ada.git("rev-parse", "HEAD"))
    #expect(try !String(contentsOfFile: ada.path + "/.git/config", encoding: .utf8).contains("right-horse"))
  }

  @Test(
    "an unknown or changed SSH host key is refused with its fingerprint; once recorded, the transfer works",
    .enabled(
      if: ServerPrograms.hasSSH, "sshd or ssh-keygen is not installed (openssh-server); run Scripts/install-deps.sh"))
  func unknownHostKey() throws {
    let folder = TemporaryDirectory("vet-fault-hostkey")
    let hub = folder.file("hub.git")
    try makeHub(hub)
    let server = try SSHGitServer(folder: folder.path)
    defer { server.stop() }
    let ada = Desk(folder.file("ada"), environment: server.clientEnvironment())
    try ada.vet(["init", ada.path], in: folder.path)
    try ada.addClaim("The ferry sank at 03:40")
    try ada.ok("remote", "add", "origin", server.url(hub))
    let before = try ada.state()

    try server.knownHosts(trusting: false)
    let unknown = try ada.vet("push")
    #expect(unknown.status != 0)
    #expect(unknown.stderr.contains("host key of [127.0.0.1]:\(server.port) is unknown"), "\(unknown.stderr)")
    #expect(unknown.stderr.contains(server.hostFingerprint), "the message shows the fingerprint ssh-keygen prints")
    #expect(try ada.state() == before)
    let clone = try ada.vet(["clone", server.url(hub), folder.file("copy")], in: folder.path)
    #expect(clone.status != 0)
    #expect(!FileManager.default.fileExists(atPath: folder.file("copy")))

    try server.knownHostsWithWrongKey()
    let changed = try ada.vet("push")
    #expect(changed.status != 0)
    #expect(changed.stderr.contains("has CHANGED"), "\(changed.stderr)")
    #expect(try ada.state() == before)
    #expect(try Shell.git(["rev-parse", "--verify", "-q", "main"], in: hub).stdout.isEmpty)

    try server.knownHosts(trusting: true)
    let retry = try ada.vet("push")
    #expect(retry.succeeded, "\(retry.stderr)")
    #expect(try Shell.gitOutput(["rev-parse", "main"], in: hub) == ada.git("rev-parse", "HEAD"))
  }

  // MARK: - Helpers

  /// Starts vet without waiting for it.
  func launch(_ desk: Desk, _ arguments: [String]) throws -> (Process, Pipe) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Binaries.vet)
    process.arguments = arguments
    process.environment = desk.environment
    process.currentDirectoryURL = URL(fileURLWithPath: desk.path)
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return (process, err)
  }

  func finish(_ launched: (Process, Pipe)) throws -> (status: Int32, stderr: String) {
    let data = launched.1.fileHandleForReading.readDataToEndOfFile()
    launched.0.waitUntilExit()
    return (launched.0.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  func waitFor(seconds: Double = 30, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if condition() { return true }
      usleep(50_000)
    }
    return false
  }
}
