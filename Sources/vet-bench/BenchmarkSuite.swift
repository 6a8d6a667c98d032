import Foundation
import TestSupport
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
  /// - Parameter check: run after each vet run, untimed: throws when vet's answer is wrong.
  func compare(
    _ job: String, note: String, vetCommand: (Int) -> [String], gitCommand: ((Int) -> [String])?,
    check: ((Int) throws -> Void)? = nil
  ) throws -> BenchmarkRow {
    var vetTimes: [Double] = []
    var gitTimes: [Double] = []
    var peak = 0
    for i in 0..<runs {
      let v = try Measure.run(vetCommand(i), in: workspace, environment: environment)
      guard v.status == 0 else {
        throw BenchError.failed("\(job): vet exited \(v.status): \(vetCommand(i).joined(separator: " "))")
      }
      vetTimes.append(v.seconds)
      peak = max(peak, v.peakKB)
      try check?(i)
      if let gitCommand {
        let g = try Measure.run(gitCommand(i), in: workspace, environment: environment)
        guard g.status == 0 else {
          throw BenchError.failed("\(job): git exited \(g.status): \(gitCommand(i).joined(separator: " "))")
        }
        gitTimes.append(g.seconds)
      }
    }
    let row = BenchmarkRow(
      job: job, claims: claims, vetMedianMS: Measure.median(vetTimes) * 1000,
      gitMedianMS: gitTimes.isEmpty ? nil : Measure.median(gitTimes) * 1000, vetPeakMB: Double(peak) / 1024, note: note)
    log(
      String(
        format: "%@ at %d claims: vet %.1f ms%@", job, claims, row.vetMedianMS,
        row.gitMedianMS.map { String(format: ", git %.1f ms, ratio %.2f", $0, row.vetMedianMS / $0) } ?? ""))
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
    // What the first command after a clone pays: the claim index built from all of history.
    let cache = workspace + "/.git/vet/index.sqlite"
    let firstRead = BenchmarkSuite(
      vet: vet, workspace: workspace, runs: min(runs, 3), claims: claims, environment: environment, log: log)
    rows.append(
      try firstRead.compare(
        "first read: build the claim index", note: "no git equivalent (vet status with no index)",
        vetCommand: { _ in
          for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: cache + suffix) }
          return [vet, "status"]
        }, gitCommand: nil))
    rows.append(
      try compare(
        "mark one claim", note: "edit the file, git add, git commit",
        vetCommand: { [vet, "mark", picks[$0], "confirmed", "--note", "benchmark \($0)"] },
        gitCommand: { i in
          let id = picks[runs + i]
          let script =
            "printf '%s\\n' '- note: benchmark \(i)' >> \(path(id)) && git add \(path(id)) && git commit -q -m 'Mark \(id) confirmed' -m 'Claim: \(id)' -m 'Status: confirmed'"
          return ["/bin/sh", "-c", script]
        }))
    // The git side appended text outside the YAML; restore the files so vet can read them.
    try Measure.lines(["git", "-C", workspace, "reset", "-q", "--hard", "HEAD"])
    rows.append(
      try compare(
        "history of one claim", note: "git log -- PATH (commit-graph, Bloom filters)",
        vetCommand: { [vet, "log", picks[$0]] },
        gitCommand: { ["git", "log", "--format=%H %an %ad %s", "--", path(picks[$0])] }))
    rows.append(
      try compare(
        "show one claim", note: "git show HEAD:PATH",
        vetCommand: { [vet, "claim", "show", picks[$0]] },
        gitCommand: { ["git", "show", "HEAD:" + path(picks[$0])] }))
    rows.append(
      try compare(
        "list claims by status", note: "git grep over HEAD",
        vetCommand: { _ in [vet, "claim", "list", "--status", "unverified"] },
        gitCommand: { _ in ["git", "grep", "-l", "^status: unverified$", "HEAD", "--", "claims"] }))
    rows += try searchAndAsOf(picks: picks)
    // Each run a new article (another seed): every sentence is looked up among the recorded claims.
    let articles = (0..<runs).map { scratch + "/article-5000-\($0).txt" }
    for (i, path) in articles.enumerated() {
      try Data(ArticleMaker.article(words: 5000, seed: 5 + UInt64(i)).utf8).write(to: URL(fileURLWithPath: path))
    }
    // A fast wrong answer is not a result: every link an ingest makes is checked to join one event.
    var links: [Int] = []
    var row = try compare(
      "ingest a new 5,000-word article", note: "no git equivalent",
      vetCommand: { [vet, "source", "add", articles[$0], "--id", "bench-\($0)"] }, gitCommand: nil,
      check: { links.append(try checkIngestLinks(source: "bench-\($0)")) })
    row.note +=
      "; each run a new article, linking \(Set(links).sorted().map(String.init).joined(separator: "/")) sentences, "
      + "none to another event"
    rows.append(row)
    // The same article again from another outlet, byte for byte: it is aligned with the first.
    var copies: [Int] = []
    var copy = try compare(
      "ingest a copy of a recorded 5,000-word article", note: "no git equivalent",
      vetCommand: { [vet, "source", "add", articles[0], "--id", "copy-\($0)"] }, gitCommand: nil,
      check: { copies.append(try checkIngestLinks(source: "copy-\($0)")) })
    copy.note += "; each run linked \(Set(copies).sorted().map(String.init).joined(separator: "/")) sentences"
    rows.append(copy)
    // A wire story of 2,000 sentences and a rewrite: reworded, some sentences split or dropped.
    let wire = scratch + "/wire-2000.txt"
    let rewrite = scratch + "/rewrite-2000.txt"
    let (original, rewritten) = ArticleMaker.diffPair
    try Data(original.utf8).write(to: URL(fileURLWithPath: wire))
    try Data(rewritten.utf8).write(to: URL(fileURLWithPath: rewrite))
    rows.append(
      try compare(
        "diff two 2,000-sentence articles", note: "git diff --no-index --word-diff",
        vetCommand: { _ in [vet, "diff", wire, rewrite] },
        gitCommand: { _ in
          ["/bin/sh", "-c", "git diff --no-index --word-diff \(wire) \(rewrite) >/dev/null; test $? -le 1"]
        }))
    rows.append(try cloneOverGitProtocol(scratch: scratch))
    return rows
  }

  /// `vet search` for the words of one analyst's note, and `--as-of` reads 100 commits back,
  /// each against the git CLI finding the same thing.
  ///
  /// Before a time counts, the answers are checked: every claim git finds
  /// with the words on one line of its file is among vet's (vet also finds
  /// them spread over the file), and every claim vet finds has both words in
  /// its file; the as-of listing holds exactly the claims git's files of that
  /// commit have with that status, and the claim shown has its status then.
  func searchAndAsOf(picks: [String]) throws -> [BenchmarkRow] {
    let words = ["Kestrel", "records"]
    let found = { (limit: [String]) throws -> [String] in
      let out = try Measure.lines([vet, "-C", workspace, "search"] + words + limit + ["--json"]).joined()
      guard let hits = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]] else {
        throw BenchError.failed("search check: vet search --json did not print an array")
      }
      return hits.compactMap { $0["id"] as? String }
    }
    let path = { (id: String) in "claims/\(id.prefix(2))/\(id).md" }
    let gitFound = try Measure.lines(
      ["git", "-C", workspace, "grep", "-l", "-i", "-e", words[0], "--and", "-e", words[1], "HEAD", "--", "claims"]
    ).map { String($0.split(separator: "/").last?.dropLast(3) ?? "") }
    let searchNote = "git grep -i -e WORD --and -e WORD over HEAD (\(gitFound.count) claims); vet ranks, shows 20"
    var rows: [BenchmarkRow] = []
    rows.append(
      try compare(
        "search a note's words", note: searchNote,
        vetCommand: { _ in [vet, "search"] + words },
        gitCommand: { _ in
          ["git", "grep", "-l", "-i", "-e", words[0], "--and", "-e", words[1], "HEAD", "--", "claims"]
        },
        check: { i in
          guard i == 0 else { return }
          let all = Set(try found(["--all"]))
          guard !gitFound.isEmpty, all.isSuperset(of: gitFound) else {
            throw BenchError.failed(
              "search check: vet found \(all.count) claims, git \(gitFound.count), not all of git's")
          }
          for id in try found([]) {
            let file = try Measure.lines(["git", "-C", workspace, "show", "HEAD:" + path(id)]).joined().lowercased()
            guard words.allSatisfy({ file.contains($0.lowercased()) }) else {
              throw BenchError.failed("search check: claim \(id) does not hold \(words)")
            }
          }
        }))
    let then = "HEAD~100"
    let statusPattern = "^status: confirmed$"
    rows.append(
      try compare(
        "as-of: list claims by status, 100 commits back", note: "git grep over HEAD~100",
        vetCommand: { _ in [vet, "claim", "list", "--status", "confirmed", "--as-of", then] },
        gitCommand: { _ in ["git", "grep", "-l", statusPattern, then, "--", "claims"] },
        check: { i in
          guard i == 0 else { return }
          let vetIDs = try Measure.lines(
            [vet, "-C", workspace, "claim", "list", "-q", "--status", "confirmed", "--as-of", then])
          let gitIDs = try Measure.lines(["git", "-C", workspace, "grep", "-l", statusPattern, then, "--", "claims"])
            .map { String($0.split(separator: "/").last?.dropLast(3) ?? "") }
          guard Set(vetIDs) == Set(gitIDs), vetIDs.count == gitIDs.count else {
            throw BenchError.failed(
              "as-of check: vet listed \(vetIDs.count) claims, git's files at \(then) \(gitIDs.count)")
          }
        }))
    rows.append(
      try compare(
        "as-of: show one claim, 100 commits back", note: "git show HEAD~100:PATH",
        vetCommand: { [vet, "claim", "show", picks[$0], "--as-of", then] },
        gitCommand: { ["git", "show", "\(then):" + path(picks[$0])] },
        check: { i in
          let out = try Measure.lines([vet, "-C", workspace, "claim", "show", picks[i], "--as-of", then, "--json"])
          let shown = try JSONSerialization.jsonObject(with: Data(out.joined().utf8)) as? [String: Any]
          let file = try Measure.lines(["git", "-C", workspace, "show", "\(then):" + path(picks[i])])
          guard let status = shown?["status"] as? String, file.contains("status: \(status)") else {
            throw BenchError.failed("as-of check: claim \(picks[i]) shows another status than its file at \(then)")
          }
        }))
    return rows
  }

  /// How many sentences of `source` the ingest linked to claims already recorded; throws when one
  /// of them joins a claim about another event (another place, subject, day, or a figure not restated).
  func checkIngestLinks(source: String) throws -> Int {
    let out = try Measure.lines([vet, "-C", workspace, "claim", "list", "--source", source, "--json"]).joined()
    guard let claims = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]] else {
      throw BenchError.failed("ingest check: vet claim list --json did not print an array")
    }
    var linked = 0
    for claim in claims {
      let appearances = claim["appearances"] as? [[String: Any]] ?? []
      guard appearances.contains(where: { $0["source"] as? String != source }),
        let statement = claim["statement"] as? String
      else { continue }
      for appearance in appearances where appearance["source"] as? String == source {
        let quote = appearance["quote"] as? String ?? ""
        guard let a = GeneratedEvent(statement), let b = GeneratedEvent(quote), a.isSameEvent(as: b) else {
          throw BenchError.failed("ingest linked another event: '\(quote)' to claim '\(statement)'")
        }
        linked += 1
      }
    }
    return linked
  }

  /// `vet clone` against `git clone` from a git daemon on loopback serving the workspace.
  func cloneOverGitProtocol(scratch: String) throws -> BenchmarkRow {
    let served = scratch + "/served"
    try? FileManager.default.removeItem(atPath: served)
    try Measure.lines(["git", "clone", "-q", "--bare", workspace, served + "/ws.git"])
    try Measure.lines(["git", "-C", served + "/ws.git", "gc", "-q"])
    // The same loopback git daemon the sharing tests use.
    let daemon = try GitDaemonServer(root: served, folder: scratch)
    defer { daemon.stop() }
    let url = daemon.url("ws.git")
    let target = { (tool: String, i: Int) in scratch + "/clone-\(tool)-\(i)" }
    let clones = BenchmarkSuite(
      vet: vet, workspace: scratch, runs: min(runs, 5), claims: claims, environment: environment, log: log)
    defer {
      for i in 0..<runs {
        try? FileManager.default.removeItem(atPath: target("vet", i))
        try? FileManager.default.removeItem(atPath: target("git", i))
      }
    }
    return try clones.compare(
      "clone over git://", note: "git clone",
      vetCommand: { [vet, "clone", url, target("vet", $0)] },
      gitCommand: { ["git", "clone", "-q", url, target("git", $0)] })
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
  /// The article the ingest job adds: 5,000 words.
  static var ingestArticle: String { article(words: 5000, seed: 5) }
  /// The pair the diff job compares: 2,000 sentences and their rewrite.
  static var diffPair: (String, String) { pair(sentences: 2000, seed: 7) }

  /// An article of `sentences` sentences and a rewritten copy: most sentences
  /// reworded (a hedge or attribution changed, a number moved), every tenth
  /// split in two, every twenty-fifth dropped.
  static func pair(sentences: Int, seed: UInt64) -> (String, String) {
    var random = SeededRandom(seed: seed)
    let generator = WorkspaceGenerator(claims: 0, commits: 0, sources: 0, seed: seed)
    var original = "Synthetic wire report for benchmarking\n\nPORT HALVEN, Veskaria (Meridian Wire) - "
    var copy = "Synthetic rewrite for benchmarking\n\n"
    for i in 0..<sentences {
      let sentence = generator.sentence(&random)
      original += sentence + (i % 4 == 3 ? "\n\n" : " ")
      if i % 25 == 24 { continue }
      var reworded =
        sentence
        .replacingOccurrences(of: "officials said", with: "authorities said")
        .replacingOccurrences(of: "More than", with: "At least")
        .replacingOccurrences(of: "reportedly ", with: "")
      if i % 10 == 9, let comma = reworded.firstIndex(of: ",") {
        reworded = String(reworded[..<comma]) + ". It was" + String(reworded[reworded.index(after: comma)...])
      }
      copy += reworded + (i % 4 == 3 ? "\n\n" : " ")
    }
    return (
      original + "\n\nReporting by A. Writer; Editing by B. Editor\n",
      copy + "\n\nCopyright notice: all rights reserved.\n"
    )
  }

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

/// The event a generated sentence reports ("More than 120 people were
/// evacuated from Orsa on day 31, police said"): who, what, where and which
/// day, and the figure with its hedge.
struct GeneratedEvent {
  /// Who: "people", "passengers", "vessels".
  var subject: String
  /// What happened, where, and on which day: "were injured in Marrow Ford on day 431".
  var key: String
  /// The figures the sentence allows: "at least 40" is 40 and more, "roughly 40" 34 to 46.
  var low: Double
  var high: Double

  init?(_ sentence: String) {
    var text = sentence.lowercased()
    var hedge = ""
    for candidate in WorkspaceGenerator.hedges where !candidate.isEmpty && text.hasPrefix(candidate) {
      text.removeFirst(candidate.count)
      hedge = candidate
    }
    guard let space = text.firstIndex(of: " "), let figure = Double(text[..<space]),
      let comma = text.firstIndex(of: ",")
    else { return nil }
    switch hedge {
    case "at least ", "more than ": (low, high) = (figure, .infinity)
    case "up to ": (low, high) = (0, figure)
    case "roughly ": (low, high) = (figure * 0.85, figure * 1.15)
    default: (low, high) = (figure, figure)
    }
    let rest = text[text.index(after: space)..<comma]
    guard let gap = rest.firstIndex(of: " ") else { return nil }
    subject = String(rest[..<gap])
    key = String(rest[rest.index(after: gap)...])
  }

  /// The same event, place and day, the same subject (or "people", which
  /// may be any of them) and figures that can be the same number: what a
  /// reader would take for one event, as vet's identity rules do.
  func isSameEvent(as other: GeneratedEvent) -> Bool {
    let subjects =
      subject == other.subject
      || (subject == "people") != (other.subject == "people")
        && ![subject, other.subject].contains("vessels")
    return key == other.key && subjects && low <= other.high && other.low <= high
  }
}
