import ArgumentParser
import Foundation
import TestSupport
import Workbench

/// vet's benchmark tools: build large workspaces and time vet against the git CLI.
struct VetBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vet-bench",
    abstract: "Generate large workspaces and benchmark vet against the git CLI on them.",
    subcommands: [Generate.self, Run.self, Size.self, Report.self, Texts.self])
}

struct Generate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Build a workspace of N claims with H commits of history, deterministically.")
  @Argument var path: String
  @Option var claims = 10_000
  @Option var commits = 10_000
  @Option var sources = 100
  @Option var seed: UInt64 = 1

  func run() throws {
    guard !FileManager.default.fileExists(atPath: path) else { throw ValidationError("\(path) exists") }
    try WorkspaceGenerator(claims: claims, commits: commits, sources: min(sources, claims), seed: seed)
      .generate(at: path) { FileHandle.standardError.write(Data(("vet-bench: " + $0 + "\n").utf8)) }
  }
}

struct Texts: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Write the benchmark's articles (the 5,000-word ingest, the 2,000-sentence pair) into a folder, for profiling.")
  @Argument var folder: String

  func run() throws {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let (wire, rewrite) = ArticleMaker.diffPair
    for (name, text) in [
      ("article-5000.txt", ArticleMaker.ingestArticle), ("wire-2000.txt", wire), ("rewrite-2000.txt", rewrite),
    ] {
      try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
    }
  }
}

struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Time vet and git doing the same jobs on a generated workspace; print JSON rows.")
  @Argument var workspace: String
  @Option var vet: String
  @Option var runs = 11
  @Option var claims: Int

  func run() throws {
    let scratch = FileManager.default.temporaryDirectory.path + "/vet-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    let suite = BenchmarkSuite(vet: vet, workspace: workspace, runs: runs, claims: claims, environment: env) {
      FileHandle.standardError.write(Data(("vet-bench: " + $0 + "\n").utf8))
    }
    let rows = try suite.runAll(scratch: scratch)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    print(String(decoding: try encoder.encode(rows), as: UTF8.self))
  }
}

struct Size: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run M vet marks on a workspace, then compare its object store with the same history after git gc.")
  @Argument var workspace: String
  @Option var vet: String
  @Option var marks = 10_000

  func run() throws {
    let ids = try Measure.lines(["git", "-C", workspace, "ls-tree", "-r", "--name-only", "HEAD", "claims"])
      .map { String($0.split(separator: "/").last?.dropLast(3) ?? "") }
    var random = SeededRandom(seed: 7)
    let env = ProcessInfo.processInfo.environment
    let before = try objectBytes(workspace)
    let started = Date()
    var times: [Double] = []
    for i in 0..<marks {
      let id = ids[Int(random.next() % UInt64(ids.count))]
      let status = WorkspaceGenerator.statuses[i % 4]
      let sample = try Measure.run(
        [vet, "mark", id, status, "--note", "size run \(i)"], in: workspace, environment: env)
      guard sample.status == 0 else { throw BenchError.failed("vet mark exited \(sample.status)") }
      times.append(sample.seconds)
    }
    let vetBytes = try objectBytes(workspace)
    let copy = FileManager.default.temporaryDirectory.path + "/vet-size-\(getpid())"
    try Measure.lines(["git", "clone", "-q", "--mirror", "--no-local", workspace, copy])
    try Measure.lines(["git", "-C", copy, "gc", "-q"])
    let gitBytes = try objectBytes(copy)
    try? FileManager.default.removeItem(atPath: copy)
    let result: [String: Double] = [
      "marks": Double(marks), "seconds": Date().timeIntervalSince(started),
      "markMedianMS": Measure.median(times) * 1000,
      "objectsBeforeMB": Double(before) / 1e6, "vetObjectsMB": Double(vetBytes) / 1e6,
      "gitGcObjectsMB": Double(gitBytes) / 1e6,
      "ratio": Double(vetBytes) / Double(gitBytes),
    ]
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    print(String(decoding: try encoder.encode(result), as: UTF8.self))
  }

  /// Bytes on disk under the object store (what `du` counts, in 512-byte blocks).
  func objectBytes(_ repository: String) throws -> Int {
    let gitDir = FileManager.default.fileExists(atPath: repository + "/.git") ? repository + "/.git" : repository
    let out = try Measure.lines(["du", "-sk", gitDir + "/objects"])
    return (Int(out.first?.split(separator: "\t").first ?? "0") ?? 0) * 1024
  }
}

VetBench.main()
