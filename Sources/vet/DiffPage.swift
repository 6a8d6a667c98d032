import Foundation
import Mustache
import Workbench

/// The HTML page of a reporting diff: one self-contained file (inline CSS, no
/// scripts, no external assets) that an analyst can mail to an editor.
///
/// Rendered with a Mustache template, whose `{{…}}` escapes every piece of
/// article text for HTML; the template itself is in `DiffPageTemplate`.
enum DiffPage {
  /// Renders `diff` and writes it to `path` ("-" for standard output).
  static func write(_ diff: SourceDiff, to path: String) throws {
    let page = try render(diff)
    if path == "-" {
      FileHandle.standardOutput.write(Data(page.utf8))
      return
    }
    do {
      try Data(page.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw WorkbenchError.invalidArgument(
        name: "--html", reason: "cannot write '\(Terminal.escape(path))': \(error.localizedDescription)")
    }
  }

  /// The page's HTML.
  static func render(_ diff: SourceDiff) throws -> String {
    let template = try MustacheTemplate(string: DiffPageTemplate.text)
    return template.render(Model(diff))
  }

  // MARK: - What the template shows

  /// Everything the template reads, already worded and classed.
  struct Model {
    var title: String
    var a: SideModel
    var b: SideModel
    var verdict: String
    var evidence: [String]
    var survival: String
    var relations: [Count]
    var changes: [Count]
    var rows: [Row]
    var version = VetVersion.string

    init(_ diff: SourceDiff) {
      let s = diff.summary
      title = "\(diff.a.label) → \(diff.b.label)"
      a = SideModel(diff.a, count: s.sentencesA)
      b = SideModel(diff.b, count: s.sentencesB)
      verdict = s.verdict
      evidence = s.evidence
      survival = "\(Int((s.survival * 100).rounded()))%"
      relations = Relation.allCases.map { Count(name: $0.rawValue, count: s.relations[$0.rawValue] ?? 0) }
      changes = ChangeType.allCases.map { Count(name: $0.rawValue, count: s.changes[$0.rawValue] ?? 0) }
      rows = diff.pairs.map { Row($0, diff) }
    }
  }

  struct SideModel {
    var label: String
    var title: String?
    var detail: String

    init(_ side: SourceDiff.Side, count: Int) {
      label = side.label
      title = side.sentences.first { $0.kind == .headline }?.text ?? side.title
      var parts = ["\(count) sentences"]
      if let revision = side.revision { parts.append("at commit \(revision.prefix(10))") }
      if side.file != nil { parts.append("file") }
      detail = parts.joined(separator: " · ")
    }
  }

  struct Count {
    var name: String
    var count: Int
  }

  /// One aligned pair: a row of the side-by-side table.
  struct Row {
    var relation: String
    var numbersA: String
    var numbersB: String
    var a: [Run]
    var b: [Run]
    var hasA: Bool
    var hasB: Bool
    /// "credit", "boilerplate", "headline", "dateline": shown as a badge.
    var kind: String?
    /// "credit line removed", "boilerplate added": provenance, worded.
    var provenance: String?
    var changes: [ChangeItem]

    init(_ pair: AlignedPair, _ diff: SourceDiff) {
      relation = pair.relation.rawValue
      numbersA = DiffRenderer.label("A", pair.a)
      numbersB = DiffRenderer.label("B", pair.b)
      hasA = !pair.a.isEmpty
      hasB = !pair.b.isEmpty
      let textA = diff.text(of: pair.a, in: diff.a)
      let textB = diff.text(of: pair.b, in: diff.b)
      (a, b) = Runs.make(textA, textB, relation: pair.relation, changes: pair.changes)
      let kinds = pair.a.map { diff.a.sentences[$0].kind } + pair.b.map { diff.b.sentences[$0].kind }
      let kind = kinds.first { $0.isFurniture }
      self.kind = kind?.rawValue
      switch (kind, pair.relation) {
      case (.credit?, .removed): provenance = "credit line removed"
      case (.credit?, .added): provenance = "credit line added"
      case (.boilerplate?, .added): provenance = "boilerplate added"
      case (.boilerplate?, .removed): provenance = "boilerplate removed"
      default: provenance = nil
      }
      changes = pair.changes.map {
        ChangeItem(
          type: $0.type.rawValue, from: $0.from.isEmpty ? "(none)" : $0.from, to: $0.to.isEmpty ? "(none)" : $0.to)
      }
    }
  }

  struct ChangeItem {
    var type: String
    var from: String
    var to: String
  }

  /// A stretch of sentence text and the classes it is shown with:
  /// `del`/`ins` for words only one side has, `t-TYPE` for words a typed change names.
  struct Run {
    var text: String
    var classes: String
  }

  /// Splits the two sides of a pair into runs to highlight.
  enum Runs {
    static func make(_ a: String, _ b: String, relation: Relation, changes: [Change]) -> ([Run], [Run]) {
      switch relation {
      case .identical, .added, .removed:
        return (a.isEmpty ? [] : [Run(text: a, classes: "")], b.isEmpty ? [] : [Run(text: b, classes: "")])
      case .reworded, .changed:
        let segments = WordDiff.diff(a, b)
        let left = Marked(WordHighlight.side(segments, of: a, own: .removed), own: .removed)
        let right = Marked(WordHighlight.side(segments, of: b, own: .added), own: .added)
        for change in changes {
          left.mark(change.from, type: change.type)
          right.mark(change.to, type: change.type)
        }
        return (left.runs(), right.runs())
      }
    }
  }

  /// One side's characters, each with whether only this side has it and the
  /// change type that names it, merged back into runs at the end.
  final class Marked {
    private var characters: [Character] = []
    private var own: [Bool] = []
    private var type: [ChangeType?] = []
    private let ownClass: String

    init(_ segments: [WordDiff.Segment], own kind: WordDiff.Segment.Kind) {
      ownClass = kind == .removed ? "del" : "ins"
      for segment in segments {
        // The spaces before a changed word are not part of the change.
        let lead = segment.text.prefix { $0 == " " || $0 == "\n" || $0 == "\t" }.count
        for (i, c) in segment.text.enumerated() {
          characters.append(c)
          own.append(segment.kind == kind && i >= lead)
          type.append(nil)
        }
      }
    }

    /// Marks the first stretch that reads `phrase` (ignoring case) as named by a change of `type`.
    func mark(_ phrase: String, type changeType: ChangeType) {
      let text = String(characters)
      let wanted = phrase.trimmingCharacters(in: .whitespaces)
      guard !wanted.isEmpty, let range = text.range(of: wanted, options: [.caseInsensitive, .diacriticInsensitive])
      else { return }
      let start = text.distance(from: text.startIndex, to: range.lowerBound)
      let end = text.distance(from: text.startIndex, to: range.upperBound)
      for i in start..<min(end, characters.count) where type[i] == nil { type[i] = changeType }
    }

    func runs() -> [Run] {
      var out: [Run] = []
      var current = ""
      var currentClasses = ""
      for (i, c) in characters.enumerated() {
        var classes: [String] = []
        if own[i] { classes.append(ownClass) }
        if let t = type[i] { classes.append("t-" + t.rawValue) }
        let joined = classes.joined(separator: " ")
        if joined != currentClasses && !current.isEmpty {
          out.append(Run(text: current, classes: currentClasses))
          current = ""
        }
        currentClasses = joined
        current.append(c)
      }
      if !current.isEmpty { out.append(Run(text: current, classes: currentClasses)) }
      return out
    }
  }
}
