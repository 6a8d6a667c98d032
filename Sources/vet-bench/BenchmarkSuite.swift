import Foundation
import Workbench

/// One row of the published table.
struct BenchmarkRow: Codable {
  var job: String
  var claims: Int
  var vetMedianMS: Double
  var gitMedianMS: Double?
  var vetPeakMB: Double
  var note: String

  var ratio: Double? { gitMedianMS.map { vetMedianMS / $0 } }
}

/// Runs vet and the git CLI doing the same jobs on the same workspace, in one run.
struct BenchmarkSuite {
  let vet: String
  let workspace: String
  let runs: Int
  let claims: Int
  var environment: [String: String]
  var log: (String) -> Void

  /// Times `vet` against `git` interleaved run by run, so drift in the machine hits both alike.
  func compare(_ job: String, note: String, vetCommand: (Int) -> [String], gitCommand: ((Int) -> [String])?) throws -> BenchmarkRow {
    var vetTimes: [Double] = []
    var gitTimes: [Double] = []
    var peak = 0
    for i in 0..<runs {
      let v = try Measure.run(vetCommand(i), in: workspace, environment: environment)
      guard v.status == 0 else { throw BenchError.failed("\(job): vet exited \(v.status): \(vetCommand(i).joined(separator: " "))") }
      vetTimes.append(v.seconds)
      peak = max(peak, v.peakKB)
      if let gitCommand {
        let g = try Measure.run(gitCommand(i), in: workspace, environment: environment)
        guard g.status == 0 else { throw BenchError.failed("\(job): git exited \(g.status): \(gitCommand(i).joined(separator: " "))") }
        gitTimes.append(g.seconds)
      }
    }
    let row = BenchmarkRow(
      job: job, claims: claims, vetMedianMS: Measure.median(vetTimes) * 1000,
      gitMedianMS: gitTimes.isEmpty ? nil : Measure.median(gitTimes) * 1000, vetPeakMB: Double(peak) / 1024, note: note)
    log(String(format: "%@ at %d claims: vet %.1f ms%@", job, claims, row.vetMedianMS, row.gitMedianMS.map { String(format: ", git %.1f ms, ratio %.2f", $0, row.vetMedianMS / $0) } ?? ""))
    return row
  }

  func runAll(scratch: String) throws -> [BenchmarkRow] {
    let ids = try Measure.lines(["git", "-C", workspace, "ls-tree", "-r", "--name-only", "HEAD", "claims"])
      .map { String($0.split(separator: "/").last?.dropLast(3) ?? "") }
    guard ids.count >= runs * 2 else { throw BenchError.failed("workspace has too few claims") }
    var random = SeededRandom(seed: 99)
    let picks = (0..<(runs * 2)).map { _ in ids[Int(random.next() % UInt64(ids.count))] }
    // git gets the help it would get on a well-kept server: commit-graph with changed-path Bloom filters.
    try Measure.lines(["git", "-C", workspace, "commit-graph", "write", "--reachable", "--changed-paths"])
    let path = { (id: String) in "claims/\(id.prefix(2))/\(id).md" }
    var rows: [BenchmarkRow] = []
    rows.append(try compare(
      "mark one claim", note: "edit the file, git add, git commit",
      vetCommand: { [vet, "mark", picks[$0], "confirmed", "--note", "benchmark \($0)"] },
      gitCommand: { i in
        let id = picks[runs + i]
        let script = "printf '%s\\n' '- note: benchmark \(i)' >> \(path(id)) && git add \(path(id)) && git commit -q -m 'Mark \(id) confirmed' -m 'Claim: \(id)' -m 'Status: confirmed'"
        return ["/bin/sh", "-c", script]
      }))
    // The git side appended text outside the YAML; restore the files so vet can read them.
    try Measure.lines(["git", "-C", workspace, "reset", "-q", "--hard", "HEAD"])
    rows.append(try compare(
      "history of one claim", note: "git log -- PATH (commit-graph, Bloom filters)",
      vetCommand: { [vet, "log", picks[$0]] },
      gitCommand: { ["git", "log", "--format=%H %an %ad %s", "--", path(picks[$0])] }))
    rows.append(try compare(
      "show one claim", note: "git show HEAD:PATH",
      vetCommand: { [vet, "claim", "show", picks[$0]] },
      gitCommand: { ["git", "show", "HEAD:" + path(picks[$0])] }))
    rows.append(try compare(
      "list claims by status", note: "git grep over HEAD",
      vetCommand: { _ in [vet, "claim", "list", "--status", "unverified"] },
      gitCommand: { _ in ["git", "grep", "-l", "^status: unverified$", "HEAD", "--", "claims"] }))
    let article = scratch + "/article-5000.txt"
    try Data(ArticleMaker.article(words: 5000, seed: 5).utf8).write(to: URL(fileURLWithPath: article))
    rows.append(try compare(
      "ingest a 5,000-word article", note: "no git equivalent",
      vetCommand: { [vet, "source", "add", article, "--id", "bench-\($0)"] }, gitCommand: nil))
    return rows
  }
}

extension Measure {
  @discardableResult
  static func lines(_ argv: [String]) throws -> [String] {
    try shell("/usr/bin/env", argv).split(separator: "\n").map(String.init)
  }
}

/// Synthetic articles of a given size, for ingest and diff timings.
enum ArticleMaker {
  static func article(words: Int, seed: UInt64) -> String {
    var random = SeededRandom(seed: seed)
    let generator = WorkspaceGenerator(claims: 0, commits: 0, sources: 0, seed: seed)
    var text = "Synthetic report for benchmarking\n\nPORT HALVEN, Veskaria (Meridian Wire) - "
    var count = 0
    var paragraph = 0
    while count < words {
      let sentence = generator.sentence(&random)
      text += sentence + " "
      count += sentence.split(separator: " ").count
      paragraph += 1
      if paragraph % 4 == 0 { text += "\n\n" }
    }
    return text + "\n\nReporting by A. Writer; Editing by B. Editor\n"
  }
}
