import Foundation
import TestSupport
import Workbench

/// Builds a realistic workspace of N claims across S sources with H commits of
/// history, deterministically from a seed.
///
/// The history is streamed into `git fast-import`, which writes it as one
/// pack in a fraction of the time one commit at a time would take; the files
/// are the ones vet itself writes (rendered by the workbench), so vet and git
/// are measured on exactly the workspace an analyst would have.
struct WorkspaceGenerator {
  var claims: Int
  var commits: Int
  var sources: Int
  var seed: UInt64

  static let analysts = [
    ("Ada Okafor", "ada@desk.example"), ("Ben Lindqvist", "ben@desk.example"), ("Chen Wei", "chen@desk.example"),
    ("Dana Ruiz", "dana@desk.example"), ("Emil Novak", "emil@desk.example"),
  ]
  /// Enough places that two generated events rarely share place, event and day (a benchmark's distinct events are distinct).
  static let places = [
    "Port Halven", "Orsa", "Kestrel Bay", "Vell", "Marrow Ford", "Tessin", "Aldmere", "Quarry Hill", "Dunmarrow",
    "Kelvoss", "Seltra", "Brisen", "Galmora", "Istrane", "Kaldor", "Morvane", "Orlow", "Tarsk", "Vennick", "Eskerby",
    "Cadrith", "Ansel", "Harlow", "Nessary", "Dravka", "Lusmark", "Corvania", "Ostrel", "Saltreach", "Beradon",
    "Merrow", "Arvonne",
  ]
  static let subjects = [
    "people", "passengers", "workers", "residents", "protesters", "patients", "soldiers", "vessels",
  ]
  static let events = [
    "were evacuated from", "were injured in", "were detained in", "were reported missing near", "gathered in",
    "were rescued off",
  ]
  static let attributions = [
    "two port officials said", "police said", "according to the ministry", "a regional radio station reported",
    "witnesses said", "the coast guard said",
  ]
  static let hedges = ["", "at least ", "roughly ", "up to ", "more than "]
  static let statuses = ["confirmed", "disputed", "false", "unverifiable", "unverified"]

  /// Writes the workspace into `path` (which must not exist) and checks it out.
  func generate(at path: String, progress: (String) -> Void) throws {
    let started = Date()
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    try shell("/usr/bin/git", ["init", "-q", "-b", "main", path])
    let importer = Process()
    importer.executableURL = URL(fileURLWithPath: "/usr/bin/git")
    importer.arguments = ["-C", path, "fast-import", "--quiet", "--done"]
    let pipe = Pipe()
    importer.standardInput = pipe
    try importer.run()
    var stream = FastImportStream(handle: pipe.fileHandleForWriting)
    var random = SeededRandom(seed: seed)
    var time = 1_735_689_600  // 2025-01-01T00:00:00Z
    func tick() -> Int {
      time += 30 + Int(random.next() % 600)
      return time
    }

    // The template, as vet init writes it.
    stream.commit(
      author: Self.analysts[0], time: tick(), message: "Create workspace\n\nVet-Action: init\n",
      files: WorkspaceTemplate.files.mapValues { Array($0.utf8) }, first: true)

    var all: [Claim] = []
    all.reserveCapacity(claims)
    let perSource = max(1, claims / max(1, sources))
    for s in 0..<sources {
      let count = s == sources - 1 ? claims - all.count : min(perSource, claims - all.count)
      let slug = "source-\(s + 1)"
      let analyst = random.pick(Self.analysts)
      let when = tick()
      var files: [String: [UInt8]] = [:]
      var sentences: [String] = []
      var trailers = "Vet-Action: source-add\nSource: \(slug)@1\n"
      var ids: [String] = []
      for n in 0..<count {
        let statement = sentence(&random)
        sentences.append(statement)
        let id = random.hex(12)
        let entry = LogEntry(
          action: .created, author: "\(analyst.0) <\(analyst.1)>",
          date: Date(timeIntervalSince1970: TimeInterval(when)),
          status: "unverified", source: slug, version: 1)
        let appearance = Appearance(
          source: slug, version: 1, sentence: n + 1, quote: statement, attribution: nil, hedges: [], quantities: [])
        let claim = Claim(id: id, statement: statement, status: "unverified", appearances: [appearance], log: [entry])
        files[claim.path] = Array(try claim.rendered().utf8)
        trailers += "Claim: \(id)\nEntry: \(entry.id)\n"
        ids.append(id)
        all.append(claim)
      }
      let text = "Report \(s + 1)\n\n" + sentences.joined(separator: " ") + "\n"
      files[Source.textPath(slug: slug, version: 1)] = Array(text.utf8)
      let source = Source(
        slug: slug, title: "Report \(s + 1)", outlet: "Outlet \(s % 7)",
        versions: [
          SourceVersion(
            number: 1, retrieved: Date(timeIntervalSince1970: TimeInterval(when)),
            author: "\(analyst.0) <\(analyst.1)>",
            words: text.split(separator: " ").count, sentences: count + 1, claims: ids)
        ])
      files[source.path] = Array(try source.rendered().utf8)
      stream.commit(
        author: analyst, time: when, message: "Add source \(slug): Report \(s + 1)\n\n\(trailers)", files: files)
    }
    progress("sources written after \(Int(Date().timeIntervalSince(started))) s")

    let remaining = max(0, commits - 1 - sources)
    for i in 0..<remaining {
      let index = Int(random.next() % UInt64(all.count))
      var claim = all[index]
      let analyst = random.pick(Self.analysts)
      let when = tick()
      let author = "\(analyst.0) <\(analyst.1)>"
      let message: String
      if random.next() % 2 == 0 {
        let status = random.pick(Self.statuses)
        let entry = LogEntry(
          action: .status, author: author, date: Date(timeIntervalSince1970: TimeInterval(when)), status: status,
          note: "Checked against \(random.pick(Self.places)) records.")
        claim.status = status
        claim.log.append(entry)
        message =
          "Mark \(claim.id.prefix(8)) \(status): \(claim.statement.prefix(40))\n\nVet-Action: mark\nClaim: \(claim.id)\nStatus: \(status)\nEntry: \(entry.id)\n"
      } else {
        let entry = LogEntry(
          action: .note, author: author, date: Date(timeIntervalSince1970: TimeInterval(when)),
          note: "Called \(random.pick(Self.places)) desk; no answer yet.",
          evidence: ["https://example.org/\(random.hex(8))"])
        claim.log.append(entry)
        message = "Note on \(claim.id.prefix(8))\n\nVet-Action: note\nClaim: \(claim.id)\nEntry: \(entry.id)\n"
      }
      all[index] = claim
      stream.commit(
        author: analyst, time: when, message: message, files: [claim.path: Array(try claim.rendered().utf8)])
      if i > 0 && i % 20_000 == 0 {
        progress("\(i) of \(remaining) history commits after \(Int(Date().timeIntervalSince(started))) s")
      }
    }
    stream.done()
    try pipe.fileHandleForWriting.close()
    importer.waitUntilExit()
    guard importer.terminationStatus == 0 else {
      throw BenchError.failed("git fast-import exited \(importer.terminationStatus)")
    }
    try shell("/usr/bin/git", ["-C", path, "reset", "-q", "--hard", "main"])
    progress(
      "workspace of \(claims) claims and \(commits) commits ready after \(Int(Date().timeIntervalSince(started))) s")
  }

  func sentence(_ random: inout SeededRandom) -> String {
    let number = 2 + Int(random.next() % 400)
    return
      "\(random.pick(Self.hedges).capitalizedFirst)\(number) \(random.pick(Self.subjects)) \(random.pick(Self.events)) \(random.pick(Self.places)) on day \(random.next() % 900), \(random.pick(Self.attributions))."
      .capitalizedFirst
  }
}

/// The text format `git fast-import` reads.
struct FastImportStream {
  let handle: FileHandle
  private var buffer: [UInt8] = []
  private var mark = 0

  init(handle: FileHandle) { self.handle = handle }

  mutating func commit(
    author: (String, String), time: Int, message: String, files: [String: [UInt8]], first: Bool = false
  ) {
    mark += 1
    append("commit refs/heads/main\nmark :\(mark)\n")
    append("author \(author.0) <\(author.1)> \(time) +0000\ncommitter \(author.0) <\(author.1)> \(time) +0000\n")
    let body = Array(message.utf8)
    append("data \(body.count)\n")
    buffer += body
    append("\n")
    for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
      append("M 100644 inline \(path)\ndata \(bytes.count)\n")
      buffer += bytes
      append("\n")
    }
    append("\n")
    if buffer.count > 1 << 20 { flush() }
  }

  mutating func done() {
    append("done\n")
    flush()
  }

  private mutating func append(_ text: String) { buffer += Array(text.utf8) }

  private mutating func flush() {
    handle.write(Data(buffer))
    buffer.removeAll(keepingCapacity: true)
  }
}

extension String {
  var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

enum BenchError: Error, CustomStringConvertible {
  case failed(String)
  var description: String {
    switch self {
    case .failed(let m): m
    }
  }
}

@discardableResult
func shell(_ executable: String, _ arguments: [String], in directory: String? = nil) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
  let out = Pipe()
  process.standardOutput = out
  try process.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0 else {
    throw BenchError.failed("\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
  }
  return String(decoding: data, as: UTF8.self)
}
