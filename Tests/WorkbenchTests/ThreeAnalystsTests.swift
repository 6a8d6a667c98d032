import Foundation
import GitKit
import TestSupport
import Testing
import Workbench

/// Three analysts share one case through a real git daemon, editing the same
/// 200 claims at once and syncing in several orders.
///
/// The Workbench API runs in-process (the transfers and merges are the point,
/// not process start-up).
@Suite("Three analysts sharing one workspace")
struct ThreeAnalystsTests {
  struct Analyst {
    let name: String
    let path: String
    let workspace: Workspace
  }

  static func environment(_ name: String) -> [String: String] {
    var env = Shell.environment
    let email = name.lowercased() + "@example.org"
    for role in ["AUTHOR", "COMMITTER"] {
      env["GIT_\(role)_NAME"] = name
      env["GIT_\(role)_EMAIL"] = email
    }
    return env
  }

  @Test(
    "interleaved notes, marks, conflicts, new claims and sources: every note everywhere, conflicts flagged, identical trees",
    .enabled(if: ServerPrograms.hasGitDaemon, "git daemon is not installed (git package); run Scripts/install-deps.sh"))
  func threeAnalysts() throws {
    let folder = TemporaryDirectory("vet-three")
    let served = folder.file("served")
    try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: true)
    let hub = served + "/case.git"
    _ = try Shell.run(Shell.gitPath, ["init", "-q", "--bare", "-b", "main", hub])
    let daemon = try GitDaemonServer(root: served, folder: folder.path)
    defer { daemon.stop() }
    let url = daemon.url("case.git")

    // Ada sets up the case with 200 claims and shares it.
    let adaPath = folder.file("ada")
    let ada = try Workspace.create(at: adaPath, environment: Self.environment("Ada"))
    var claims: [String] = []
    for i in 0..<200 {
      claims.append(try ada.addClaim(statement: "Shared claim \(i): the ferry carried \(300 + i) people").id)
    }
    _ = try ada.addRemote(name: "origin", url: url)
    _ = try ada.push()
    var analysts = [Analyst(name: "Ada", path: adaPath, workspace: ada)]
    for name in ["Ben", "Cho"] {
      let path = folder.file(name.lowercased())
      let (workspace, cloned) = try Workspace.clone(url: url, to: path, environment: Self.environment(name))
      #expect(cloned.claims == 200)
      analysts.append(Analyst(name: name, path: path, workspace: workspace))
    }

    // Each analyst owns a third of the claims for status changes, so only the
    // planned conflicts conflict; everyone notes on any claim.
    var generator = SeededRandom(seed: 20_261_123)
    var notes: [String: Set<String>] = [:]
    var expectedFlagged = Set<String>()
    let scale = ["confirmed", "disputed", "false", "unverifiable"]
    let reserved = Array(claims.suffix(8))
    let orders = [[0, 1, 2], [2, 1, 0], [1, 0, 2], [2, 0, 1]]
    for round in 0..<4 {
      for (index, analyst) in analysts.enumerated() {
        let own = claims.prefix(192).enumerated().filter { $0.offset % 3 == index }.map(\.element)
        for step in 0..<10 {
          let target = claims[Int(generator.next() % 200)]
          let text = "\(analyst.name) round \(round) note \(step) on \(target.prefix(6))"
          _ = try analyst.workspace.note(target, text: text)
          notes[target, default: []].insert(text)
          if step % 3 == 0 {
            let mine = own[Int(generator.next() % UInt64(own.count))]
            _ = try analyst.workspace.mark(mine, status: scale[Int(generator.next() % UInt64(scale.count))])
          }
        }
        let created = try analyst.workspace.addClaim(statement: "\(analyst.name) found claim \(round)")
        claims.append(created.id)
        let article =
          "Port Halven, Friday. \(analyst.name) round \(round): officials said \(round + 2) boats searched overnight.\n"
        _ = try analyst.workspace.addSource(
          Array(article.utf8), name: "report.txt",
          metadata: SourceMetadata(
            slug: "\(analyst.name.lowercased())-report-\(round)", outlet: "Desk \(analyst.name)"),
          extract: false)
      }
      // Two analysts set different statuses on the same claim before syncing: a conflict.
      let contested = reserved[round]
      _ = try analysts[0].workspace.mark(contested, status: "confirmed", note: "Ada: hospital list")
      _ = try analysts[(round % 2) + 1].workspace.mark(contested, status: "false", note: "rival: ministry denial")
      expectedFlagged.insert(contested)
      // The same status set twice is no conflict.
      _ = try analysts[1].workspace.mark(reserved[4 + round], status: "unverifiable")
      _ = try analysts[2].workspace.mark(reserved[4 + round], status: "unverifiable")
      for index in orders[round] { _ = try analysts[index].workspace.sync() }
    }
    // Until quiet: keep syncing until every clone matches the hub.
    var passes = 0
    while passes < 6 {
      passes += 1
      for analyst in analysts { _ = try analyst.workspace.sync() }
      let heads = try Set(analysts.map { try $0.workspace.headCommit() ?? "" })
      if heads.count == 1, heads.first == (try Shell.gitOutput(["rev-parse", "main"], in: hub)) { break }
    }
    #expect(passes < 6, "the clones settle")

    let trees = try Set(analysts.map { try Shell.gitOutput(["rev-parse", "HEAD^{tree}"], in: $0.path) })
    #expect(trees.count == 1, "the three trees are identical")
    #expect(try Shell.git(["fsck", "--strict"], in: hub).succeeded)
    for analyst in analysts {
      let workspace = try Workspace.open(at: analyst.path, environment: Self.environment(analyst.name))
      #expect(try Shell.git(["fsck", "--strict"], in: analyst.path).succeeded, "fsck in \(analyst.name)")
      #expect(try Shell.gitOutput(["status", "--porcelain"], in: analyst.path).isEmpty, "clean in \(analyst.name)")
      for (claim, texts) in notes {
        let logged = Set(try workspace.claim(claim).log.compactMap { $0.action == .note ? $0.note : nil })
        #expect(logged.isSuperset(of: texts), "every note on \(claim) in \(analyst.name)")
      }
      let flagged = Set(try workspace.claims(ClaimFilter(needsReview: true)).map(\.id))
      #expect(flagged == expectedFlagged, "exactly the conflicting statuses are flagged in \(analyst.name)")
      for claim in expectedFlagged {
        let log = try workspace.claim(claim).log
        #expect(
          log.contains { $0.note == "Ada: hospital list" } && log.contains { $0.note == "rival: ministry denial" })
        #expect(log.contains { $0.action == .merge })
      }
      #expect(try workspace.claims().count == 212)
      #expect(try workspace.sources().count == 12)
      #expect(try workspace.status().needsReview.count == expectedFlagged.count)
    }
  }
}
