import Foundation
import Reporting
import Yams

/// Loads the labelled evaluation set: one folder per case with `a.txt`,
/// `b.txt` and `gold.yml`.
enum GoldSet {
  struct LoadError: Error, CustomStringConvertible {
    var description: String
  }

  static func load(from directory: URL) throws -> [Evaluation.Case] {
    let fm = FileManager.default
    guard let names = try? fm.contentsOfDirectory(atPath: directory.path) else {
      throw LoadError(description: "cannot read \(directory.path): no such directory")
    }
    var cases: [Evaluation.Case] = []
    for name in names.sorted() {
      let folder = directory.appendingPathComponent(name)
      let goldURL = folder.appendingPathComponent("gold.yml")
      guard fm.fileExists(atPath: goldURL.path) else { continue }
      do {
        let a = try String(contentsOf: folder.appendingPathComponent("a.txt"), encoding: .utf8)
        let b = try String(contentsOf: folder.appendingPathComponent("b.txt"), encoding: .utf8)
        let yaml = try String(contentsOf: goldURL, encoding: .utf8)
        let gold = try YAMLDecoder().decode(Evaluation.GoldDocument.self, from: yaml)
        cases.append(Evaluation.Case(name: name, a: a, b: b, gold: gold))
      } catch {
        throw LoadError(description: "\(folder.path): \(error)")
      }
    }
    if cases.isEmpty {
      throw LoadError(description: "\(directory.path) holds no case folders (NN-name/{a.txt,b.txt,gold.yml})")
    }
    return cases
  }
}
