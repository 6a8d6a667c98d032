import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A tree entry written as raw bytes, so that names git itself would never
/// write (`..`, `.git`, a `/` inside) can be served.
struct RawEntry {
  var mode: String
  var name: [UInt8]
  var id: String

  static func file(_ name: String, _ id: String) -> RawEntry {
    RawEntry(mode: "100644", name: Array(name.utf8), id: id)
  }
  static func folder(_ name: String, _ id: String) -> RawEntry {
    RawEntry(mode: "40000", name: Array(name.utf8), id: id)
  }
}

/// A bare hub whose main branch gets a hostile commit on top of an honest workspace.
struct HostileHub {
  let path: String

  func git(_ arguments: String..., input: [UInt8]? = nil) throws -> String {
    let result = try Shell.run(Shell.gitPath, ["-C", path] + arguments, input: input)
    guard result.succeeded else { throw ShellError.failed("git \(arguments.joined(separator: " ")): \(result.stderr)") }
    return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  func blob(_ text: String) throws -> String { try git("hash-object", "-w", "--stdin", input: Array(text.utf8)) }

  /// Writes a tree exactly as given: no sorting, no checks (`--literally`).
  func tree(_ entries: [RawEntry]) throws -> String {
    var bytes: [UInt8] = []
    for entry in entries {
      bytes += Array(entry.mode.utf8) + [UInt8(ascii: " ")] + entry.name + [0]
      var hex = Array(entry.id.utf8)[...]
      while hex.count >= 2 {
        bytes.append(UInt8(String(decoding: hex.prefix(2), as: UTF8.self), radix: 16) ?? 0)
        hex = hex.dropFirst(2)
      }
    }
    return try git("hash-object", "-t", "tree", "--literally", "-w", "--stdin", input: bytes)
  }

  /// Adds `entries` beside the honest root tree of main and commits that on top of it.
  func commitOnMain(adding entries: [RawEntry]) throws {
    let listing = try git("ls-tree", "main").split(separator: "\n").map { line -> RawEntry in
      let parts = line.split(separator: "\t", maxSplits: 1)
      let meta = parts[0].split(separator: " ")
      return RawEntry(
        mode: meta[0] == "040000" ? "40000" : String(meta[0]), name: Array(parts[1].utf8), id: String(meta[2]))
    }
    let root = try tree(listing + entries)
    let commit = try git("commit-tree", root, "-p", "main", "-m", "A hostile commit")
    _ = try git("update-ref", "refs/heads/main", commit)
  }
}

/// One hostile shape: what to add to the root of the tree, and a word the refusal must name.
struct HostileCase: CustomTestStringConvertible, Sendable {
  let label: String
  let named: String
  let build: @Sendable (HostileHub) throws -> [RawEntry]

  var testDescription: String { label }

  /// A folder named `name` holding an executable `pre-commit` under `hooks/`.
  static func hooks(_ label: String, _ name: String) -> HostileCase {
    HostileCase(label: label, named: name) { hub in
      let hook = try hub.blob("#!/bin/sh\ntouch \"$HOME/hook-ran\"\n")
      let hooks = try hub.tree([RawEntry(mode: "100755", name: Array("pre-commit".utf8), id: hook)])
      return [RawEntry(mode: "40000", name: Array(name.utf8), id: try hub.tree([.folder("hooks", hooks)]))]
    }
  }

  /// A file `escaped.txt` under `name` (a folder, or a path in one name).
  static func escape(_ label: String, _ name: String, nested depth: Int = 1) -> HostileCase {
    HostileCase(label: label, named: name) { hub in
      var folder = try hub.tree([.file("escaped.txt", try hub.blob("written outside\n"))])
      for _ in 1..<depth { folder = try hub.tree([.folder(name, folder)]) }
      return [.folder(name, folder)]
    }
  }
}

let hostileCases: [HostileCase] = [
  .escape("a folder named ..", ".."),
  .escape("nested .. three deep", "..", nested: 3),
  .hooks("a .git folder with hooks", ".git"),
  .hooks("upper-case .GIT", ".GIT"),
  .hooks(".git. (NTFS drops trailing dots)", ".git."),
  .hooks(".git followed by a space", ".git "),
  .hooks("git~1 (the NTFS short name of .git)", "GIT~1"),
  .hooks(".git with a zero-width joiner (HFS+ ignores it)", ".g\u{200C}it"),
  .hooks(".git with an NTFS stream", ".git::$INDEX_ALLOCATION"),
  HostileCase(label: "an absolute name", named: "/tmp") { hub in
    [.file("/tmp/vet-hostile-absolute.txt", try hub.blob("absolute\n"))]
  },
  HostileCase(label: "a name with / in it", named: "../escaped.txt") { hub in
    [.file("../escaped.txt", try hub.blob("slash\n"))]
  },
  HostileCase(label: "backslashes that NTFS reads as ..", named: "..\\escaped.txt") { hub in
    [.file("..\\escaped.txt", try hub.blob("backslash\n"))]
  },
  HostileCase(label: "a symbolic link out of the workspace", named: "notes") { hub in
    [RawEntry(mode: "120000", name: Array("notes".utf8), id: try hub.blob(".."))]
  },
  HostileCase(label: "a symbolic link and a folder of the same name written through it", named: "notes") { hub in
    let inner = try hub.tree([.file("escaped.txt", try hub.blob("through the link\n"))])
    return [RawEntry(mode: "120000", name: Array("notes".utf8), id: try hub.blob("..")), .folder("notes", inner)]
  },
  HostileCase(label: "a submodule entry", named: "vendor") { hub in
    [RawEntry(mode: "160000", name: Array("vendor".utf8), id: try hub.blob("not a commit"))]
  },
]

/// `vet clone` and `vet pull` of hostile histories, over git:// and file://:
/// each refused, nothing written outside the workspace or inside `.git`.
@Suite("Hostile remotes", .enabled(if: ServerPrograms.hasGitDaemon, "git daemon is not installed"))
struct HostileRemoteTests {
  /// A folder with an honest workspace pushed to `served/hub.git`, and its clone `desk`.
  private func setUp(_ folder: TemporaryDirectory) throws -> (hub: HostileHub, desk: Desk, served: String) {
    let (served, hubPath) = try servedHub(in: folder)
    let ada = Desk(folder.file("ada"))
    try ada.vet(["init", ada.path], in: folder.path)
    _ = try ada.addClaim("The ferry sank at 03:40 on Friday")
    try ada.ok("remote", "add", "origin", hubPath)
    try ada.ok("push")
    let desk = Desk(folder.file("desk"), name: "Ben Checker")
    try desk.vet(["clone", hubPath, desk.path], in: folder.path)
    return (HostileHub(path: hubPath), desk, served)
  }

  /// Every file below `folder`, relative to it, `.git` folders included.
  private func listing(_ folder: String) -> Set<String> {
    Set(FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? [])
  }

  @Test("vet clone refuses the history and leaves nothing behind", arguments: hostileCases, ["git", "file"])
  func cloneRefuses(_ hostile: HostileCase, scheme: String) throws {
    let folder = TemporaryDirectory("vet-hostile-clone")
    let (hub, desk, served) = try setUp(folder)
    try hub.commitOnMain(adding: hostile.build(hub))
    let daemon = try GitDaemonServer(root: served, folder: folder.path)
    defer { daemon.stop() }
    let url = scheme == "git" ? daemon.url("hub.git") : "file://" + hub.path
    let before = listing(folder.path).filter { !$0.hasPrefix("git-daemon") }
    let result = try desk.vet(["clone", url, "victim"], in: folder.path)
    #expect(result.status != 0)
    #expect(result.stderr.contains("refusing"), "\(result.stderr)")
    #expect(result.stderr.contains(hostile.named), "the message names the entry: \(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.file("victim")), "the half-made clone is removed")
    let after = listing(folder.path).filter { !$0.hasPrefix("git-daemon") }
    #expect(after.subtracting(before).isEmpty, "nothing new in \(after.subtracting(before))")
    #expect(!FileManager.default.fileExists(atPath: "/tmp/vet-hostile-absolute.txt"))
  }

  @Test(
    "vet pull refuses the history: HEAD, tracking branch and objects as they were", arguments: hostileCases,
    ["git", "file"])
  func pullRefuses(_ hostile: HostileCase, scheme: String) throws {
    let folder = TemporaryDirectory("vet-hostile-pull")
    let (hub, desk, served) = try setUp(folder)
    let daemon = try GitDaemonServer(root: served, folder: folder.path)
    defer { daemon.stop() }
    let url = scheme == "git" ? daemon.url("hub.git") : "file://" + hub.path
    try desk.ok("remote", "remove", "origin")
    try desk.ok("remote", "add", "origin", url)
    try desk.ok("pull")
    try hub.commitOnMain(adding: hostile.build(hub))
    let state = try desk.state()
    let before = listing(folder.path).subtracting(listing(hub.path).map { "served/hub.git/" + $0 })
    let result = try desk.vet("pull")
    #expect(result.status != 0)
    #expect(result.stderr.contains("refusing"), "\(result.stderr)")
    #expect(result.stderr.contains(hostile.named), "the message names the entry: \(result.stderr)")
    #expect(try desk.state() == state)
    #expect(try desk.isHealthy(), "git fsck --strict passes: what the refused fetch brought is gone")
    let after = listing(folder.path).subtracting(listing(hub.path).map { "served/hub.git/" + $0 })
      .filter { !$0.hasPrefix("git-daemon") && !$0.hasPrefix("desk/.git/logs") && $0 != "desk/.git/FETCH_HEAD" }
    #expect(after.subtracting(before).isEmpty, "nothing new in \(after.subtracting(before))")
    // A second pull, with nothing new to fetch, refuses as well.
    #expect(try desk.vet("pull").status != 0)
    #expect(try desk.state() == state)
  }

  @Test("a history git fetched without checks is refused by vet pull before anything is written")
  func pullAfterPlainFetch() throws {
    let folder = TemporaryDirectory("vet-hostile-plain-fetch")
    let (hub, desk, _) = try setUp(folder)
    try hub.commitOnMain(adding: try HostileCase.hooks("", ".git").build(hub))
    _ = try desk.git("fetch", "-q", "origin")
    let head = try desk.git("rev-parse", "HEAD")
    let result = try desk.vet("pull")
    #expect(result.status != 0)
    #expect(result.stderr.contains("'.git'"), "\(result.stderr)")
    #expect(try desk.git("rev-parse", "HEAD") == head)
    #expect(!FileManager.default.fileExists(atPath: desk.path + "/.git/hooks/pre-commit"))
    #expect(try desk.git("status", "--porcelain").isEmpty)
  }
}
