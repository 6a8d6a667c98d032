import Foundation
import Pages
import Reporting

// vet-eval: scores `vet diff` against the labelled evaluation set.
//
//   vet-eval [DIR] [--check] [--json] [--quiet]
//
// DIR defaults to Examples/evaluation. Prints per-case and overall alignment
// precision/recall/F1, per-type change precision/recall, kind labelling and
// the misses. With --check, exits 1 if a quality bar is missed.

var directory = "Examples/evaluation"
var check = false
var json = false
var quiet = false
var show: String? = nil
var arguments = Array(CommandLine.arguments.dropFirst())
while !arguments.isEmpty {
  let arg = arguments.removeFirst()
  switch arg {
  case "--show":
    guard !arguments.isEmpty else {
      FileHandle.standardError.write(Data("vet-eval: --show needs a case name\n".utf8))
      exit(2)
    }
    show = arguments.removeFirst()
  case "--bench":
    print(Benchmark.run())
    exit(0)
  case "--analyse":
    // Times the analysis of one article file and prints its sentences.
    guard let path = arguments.first, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      FileHandle.standardError.write(Data("vet-eval: --analyse needs a readable UTF-8 file\n".utf8))
      exit(2)
    }
    var article = Article(text: "")
    let ms = Benchmark.milliseconds { article = Article(text: text) }
    for s in article.sentences.prefix(40) { print("\(s.index) [\(s.kind.rawValue)] \(s.text.prefix(100))") }
    print(
      "\(article.sentences.count) sentences, \(article.claims.count) claims, analysed in \(String(format: "%.1f", ms)) ms"
    )
    exit(0)
  case "--diff":
    // Diffs two article files and prints the pairs, like --show.
    guard arguments.count >= 2, let a = try? String(contentsOfFile: arguments[0], encoding: .utf8),
      let b = try? String(contentsOfFile: arguments[1], encoding: .utf8)
    else {
      FileHandle.standardError.write(Data("vet-eval: --diff needs two readable UTF-8 files\n".utf8))
      exit(2)
    }
    print(Scorer.dump(Evaluation.Case(name: "diff", a: a, b: b, gold: Evaluation.GoldDocument(pairs: []))))
    exit(0)
  case "--extract":
    // Prints what extraction finds in one saved page: metadata, then one paragraph per line.
    guard let path = arguments.first, let data = FileManager.default.contents(atPath: path) else {
      FileHandle.standardError.write(Data("vet-eval: --extract needs a readable HTML file\n".utf8))
      exit(2)
    }
    let bytes = [UInt8](data)
    do {
      let article = ArticleExtractor.extract(try HTMLDocument.parse(bytes, encoding: Charset.detect(bytes)))
      print("headline: \(article.headline ?? "")\nbyline: \(article.byline ?? "")")
      print("published: \(article.published ?? "")\nmodified: \(article.modified ?? "")\n")
      for paragraph in article.paragraphs { print(paragraph) }
    } catch {
      FileHandle.standardError.write(Data("vet-eval: \(path): \(error)\n".utf8))
      exit(2)
    }
    exit(0)
  case "--pages":
    // Scores article extraction on the labelled pages.
    let folder = arguments.first { !$0.hasPrefix("-") } ?? "Examples/pages"
    do {
      let results = try PageCorpus.score(folder: folder)
      for r in results {
        print(
          String(
            format: "%-40@ %-8@ P %.3f  R %.3f  F1 %.3f  headline %@", r.name as NSString, r.set as NSString,
            r.score.precision, r.score.recall, r.score.f1,
            (r.headline == r.expectedHeadline
              ? "ok" : "\(r.headline ?? "none") (expected \(r.expectedHeadline ?? "none"))")
              as NSString))
      }
      for set in ["tune", "held-out"] {
        let part = results.filter { $0.set == set }
        let m = PageCorpus.mean(part)
        print(String(format: "%@: %d pages, mean P %.3f  R %.3f  F1 %.3f", set as NSString, part.count, m.0, m.1, m.2))
      }
    } catch {
      FileHandle.standardError.write(Data("vet-eval: \(folder): \(error)\n".utf8))
      exit(2)
    }
    exit(0)
  case "--identity":
    // Scores claim identity (is b the same claim as a?) on the labelled pairs.
    let path =
      arguments.first { !$0.hasPrefix("-") }.map { $0.hasSuffix(".yml") ? $0 : $0 + "/pairs.yml" }
      ?? "Examples/identity/pairs.yml"
    do {
      let pairs = try IdentitySet.load(path)
      let (text, _) = IdentitySet.report(
        pairs,
        decide: { a, b in
          guard let sa = IdentitySet.sentence(a), let sb = IdentitySet.sentence(b) else { return false }
          return ClaimIdentity.isSameClaim(sa, sb)
        }, showMisses: !arguments.contains("--quiet"))
      print(text)
      if arguments.contains("--why") {
        for pair in pairs where pair.set == "tune" {
          guard let sa = IdentitySet.sentence(pair.a), let sb = IdentitySet.sentence(pair.b) else { continue }
          if ClaimIdentity.isSameClaim(sa, sb) == pair.same { continue }
          let similar = Restatement.isRestatement(sa, sb)
          print(
            "\(pair.id) similar=\(similar) sim=\(String(format: "%.2f", Restatement.similarity(sa, sb))) difference=\(ClaimIdentity.difference(sa, sb).map(String.init(describing:)) ?? "none")"
          )
          print(
            "   a: \(sa.text)\n      names \(ClaimIdentity.names(sa)) q \(sa.quantities.map(\.text)) src \(sa.sources)")
          print(
            "   b: \(sb.text)\n      names \(ClaimIdentity.names(sb)) q \(sb.quantities.map(\.text)) src \(sb.sources)")
        }
      }
    } catch {
      FileHandle.standardError.write(Data("vet-eval: \(path): \(error)\n".utf8))
      exit(2)
    }
    exit(0)
  case "--check": check = true
  case "--json": json = true
  case "--quiet", "-q": quiet = true
  case "--help", "-h":
    print(
      """
      usage: vet-eval [DIR] [--check] [--json] [--quiet] [--show CASE]
             vet-eval --bench

      Scores the reporting diff against the labelled pairs in DIR
      (default: Examples/evaluation). --check exits non-zero if a bar is
      missed; --json prints the full report; --quiet omits the misses;
      --show CASE prints the sentences, features and pairs of one case.
      --bench times analysis and diff of synthetic 1k/2k/4k-sentence
      articles (build with -c release for meaningful figures).
      """)
    exit(0)
  default:
    if arg.hasPrefix("-") {
      FileHandle.standardError.write(Data("vet-eval: unknown option \(arg) (try --help)\n".utf8))
      exit(2)
    }
    directory = arg
  }
}

let cases: [Evaluation.Case]
do {
  cases = try GoldSet.load(from: URL(fileURLWithPath: directory))
} catch {
  FileHandle.standardError.write(Data("vet-eval: \(error)\n".utf8))
  exit(2)
}

if let show {
  guard let c = cases.first(where: { $0.name.hasPrefix(show) }) else {
    FileHandle.standardError.write(Data("vet-eval: no case named \(show)\n".utf8))
    exit(2)
  }
  print(Scorer.dump(c))
  exit(0)
}

let report = Evaluation.evaluate(cases)

if json {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
  if let data = try? encoder.encode(report), let text = String(data: data, encoding: .utf8) {
    print(text)
  }
} else {
  print(Scorer.render(report, showMisses: !quiet))
}
if check && !report.passed { exit(1) }
