import Foundation
import Reporting

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Times article analysis and the reporting diff on synthetic articles of
/// growing size: A is generated; B rewords, splits, drops, inserts and
/// moves some of A's sentences, as a rewritten copy would.
enum Benchmark {
  /// A small deterministic generator so runs are comparable.
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return state >> 33
    }
    mutating func pick<T>(_ xs: [T]) -> T { xs[Int(next() % UInt64(xs.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }
  }

  static let places = [
    "Port Halven", "Brenn", "Selvik", "Kantor", "Merrow", "Dorsk", "Tervik", "Kastel", "Orlov Falls", "Salven",
  ]
  static let people = [
    "Adela Voss", "Pavel Drost", "Hilde Aasen", "Kaspar Odell", "Vera Lind", "Soren Falk", "Anja Roos", "Lars Edvik",
  ]
  static let sources = [
    "two port officials", "the coast guard", "a regional radio station", "police", "the ministry",
    "a hospital spokesman", "local media", "witnesses",
  ]
  static let nouns = [
    "ferry", "warehouse", "bridge", "dam", "hospital", "school", "market", "station", "harbour", "road", "factory",
    "village",
  ]
  static let verbs = [
    "closed", "reopened", "inspected", "evacuated", "damaged", "repaired", "searched", "visited", "flooded", "cleared",
  ]
  static let things = ["people", "passengers", "workers", "residents", "vehicles", "homes", "boats", "patients"]
  static let extra = [
    "after heavy rain", "on Friday", "late on Tuesday", "despite warnings", "for the second time this year",
    "under police guard", "near the northern exit",
  ]

  static func sentence(_ g: inout Generator, _ k: Int) -> String {
    let n = Int(g.next() % 400) + 2
    let place = g.pick(places)
    let noun = g.pick(nouns)
    switch g.next() % 4 {
    case 0:
      return
        "At least \(n) \(g.pick(things)) were feared trapped when the \(noun) in \(place) was \(g.pick(verbs)) \(g.pick(extra)), \(g.pick(sources)) said."
    case 1:
      return
        "\(g.pick(people)) said the \(noun) near \(place) had been \(g.pick(verbs)) and that about \(n) \(g.pick(things)) were affected (item \(k))."
    case 2:
      return
        "According to \(g.pick(sources)), roughly \(n) \(g.pick(things)) reportedly left the \(noun) \(g.pick(extra)) in \(place)."
    default:
      return
        "The \(noun) in \(place), which serves \(n) \(g.pick(things)), is expected to be \(g.pick(verbs)) by officials number \(k)."
    }
  }

  /// A rewrite of `s`: synonyms swapped, figures rounded, hedges dropped.
  static func reword(_ s: String, _ g: inout Generator) -> String {
    var t = s
    for (x, y) in [
      ("were feared trapped", "were trapped"), ("At least", "Dozens of"), ("said", "told reporters"),
      ("roughly", "about"), ("reportedly ", ""), ("residents", "locals"), ("is expected to be", "will be"),
      ("According to", "Citing"),
    ] where g.chance(60) {
      t = t.replacingOccurrences(of: x, with: y)
    }
    return t
  }

  static func articles(sentences count: Int, seed: UInt64 = 42) -> (String, String) {
    var g = Generator(state: seed)
    var a: [String] = []
    for k in 0..<count { a.append(sentence(&g, k)) }
    var b: [String] = []
    var moved: [String] = []
    for s in a {
      if g.chance(4) { continue }  // dropped
      if g.chance(3) {
        moved.append(reword(s, &g))
        continue
      }
      let r = reword(s, &g)
      if g.chance(5), let comma = r.range(of: ", ") {
        // Split in two at the first comma.
        b.append(String(r[..<comma.lowerBound]) + ".")
        let rest = r[comma.upperBound...]
        b.append(rest.prefix(1).uppercased() + rest.dropFirst())
      } else {
        b.append(r)
      }
      if g.chance(4) { b.append(sentence(&g, count + b.count)) }  // inserted
    }
    // Moved sentences land in the middle.
    b.insert(contentsOf: moved, at: b.count / 2)
    func layout(_ xs: [String]) -> String {
      stride(from: 0, to: xs.count, by: 3).map { xs[$0..<min($0 + 3, xs.count)].joined(separator: " ") }.joined(
        separator: "\n\n")
    }
    return (layout(a), layout(b))
  }

  static func milliseconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
  }

  /// CPU time of this thread: on a shared 2-core machine wall time mostly
  /// measures the neighbours.
  static func cpuMilliseconds(_ body: () -> Void) -> Double {
    func now() -> Double {
      var ts = timespec()
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
      return Double(ts.tv_sec) * 1e3 + Double(ts.tv_nsec) / 1e6
    }
    let start = now()
    body()
    return now() - start
  }

  /// Prints, per size, the median of `runs` timings.
  static func run(sizes: [Int] = [1000, 2000, 4000], runs: Int = 5) -> String {
    var lines = ["sentences  analyse A+B (ms)  diff (ms)  diff CPU (ms)  pairs"]
    for n in sizes {
      let (ta, tb) = articles(sentences: n)
      var analyse: [Double] = []
      var diffs: [Double] = []
      var cpu: [Double] = []
      var pairs = 0
      for _ in 0..<runs {
        var a = Article(text: "")
        var b = Article(text: "")
        analyse.append(
          milliseconds {
            a = Article(text: ta)
            b = Article(text: tb)
          })
        var wall = 0.0
        cpu.append(cpuMilliseconds { wall = milliseconds { pairs = ReportingDiff.diff(a, b).pairs.count } })
        diffs.append(wall)
      }
      let ma = analyse.sorted()[runs / 2]
      let md = diffs.sorted()[runs / 2]
      let mc = cpu.sorted()[runs / 2]
      lines.append(String(format: "%9d  %16.1f  %9.1f  %13.1f  %5d", n, ma, md, mc, pairs))
    }
    // The product's ingest bar: a 5,000-word article.
    let (words5k, _) = articles(sentences: 230)
    var ingest: [Double] = []
    var ingestCPU: [Double] = []
    for _ in 0..<runs {
      var wall = 0.0
      ingestCPU.append(cpuMilliseconds { wall = milliseconds { _ = Article(text: words5k) } })
      ingest.append(wall)
    }
    let wc = words5k.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
    lines.append(
      String(
        format: "analysis of a %d-word article: %.1f ms (CPU %.1f ms)", wc, ingest.sorted()[runs / 2],
        ingestCPU.sorted()[runs / 2]))
    return lines.joined(separator: "\n")
  }
}
