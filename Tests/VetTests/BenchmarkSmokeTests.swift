import Foundation
import TestSupport
import Testing

@Suite("The benchmark tools still work (a small run; timings are not asserted)")
struct BenchmarkSmokeTests {
  @Test("generate builds a workspace vet and git both read; run, size and report produce the table")
  func smoke() throws {
    let dir = TemporaryDirectory("bench-smoke")
    let ws = try Binaries.generateWorkspace(in: dir, claims: 200, commits: 300, sources: 4)
    #expect(try Shell.git(["fsck", "--strict"], in: ws).succeeded)
    #expect(try Shell.gitOutput(["rev-list", "--count", "HEAD"], in: ws) == "300")
    let status = try Shell.run(Binaries.vet, ["status", "--json"], in: ws)
    #expect(status.stdout.contains("\"claims\" : 200"))
    let run = try Shell.run(
      Binaries.vetBench, ["run", ws, "--vet", Binaries.vet, "--claims", "200", "--runs", "2"], in: dir.path)
    #expect(run.succeeded, "\(run.stderr)")
    try run.stdout.write(toFile: dir.file("run.json"), atomically: true, encoding: .utf8)
    let size = try Shell.run(Binaries.vetBench, ["size", ws, "--vet", Binaries.vet, "--marks", "5"], in: dir.path)
    #expect(size.succeeded, "\(size.stderr)")
    try size.stdout.write(toFile: dir.file("size.json"), atomically: true, encoding: .utf8)
    let report = try Shell.run(
      Binaries.vetBench, ["report", "--runs", dir.file("run.json"), "--size", dir.file("size.json")], in: dir.path)
    #expect(report.succeeded, "\(report.stderr)")
    for job in [
      "mark one claim", "history of one claim", "list claims by status", "show one claim",
      "ingest a new 5,000-word article", "ingest a copy of a recorded 5,000-word article", "search a note's words",
      "as-of: list claims by status, 100 commits back", "as-of: show one claim, 100 commits back",
    ] {
      #expect(report.stdout.contains("| \(job) | 200 |"), "no row for \(job)")
    }
    #expect(report.stdout.contains("the same history after `git gc`"))
    #expect(try Shell.git(["fsck", "--strict"], in: ws).succeeded)
  }
}
