import Workbench

/// Renders a reporting diff for the terminal: the verdict on top, then each
/// aligned pair with its changed words marked and its typed changes below.
///
/// Changed words are coloured on a terminal; in a pipe or with NO_COLOR they
/// are marked `[-removed-]` and `{+added+}`, as `git diff --word-diff` does.
enum DiffRenderer {
  static func render(_ diff: SourceDiff) {
    renderSummary(diff)
    var previous: Relation?
    for pair in diff.pairs {
      // Runs of unchanged sentences stay together, one line each, as context.
      if pair.relation != .identical || previous != .identical { Output.line() }
      renderPair(pair, diff)
      previous = pair.relation
    }
  }

  static func renderSummary(_ diff: SourceDiff) {
    let s = diff.summary
    Output.table([side("A", diff.a, count: s.sentencesA), side("B", diff.b, count: s.sentencesB)])
    Output.line()
    Output.line(Output.paint(Output.safe(s.verdict), .bold))
    for line in s.evidence { Output.line(Output.paint("  · " + Output.safe(line), .dim)) }
    let relations = Relation.allCases.map { "\(s.relations[$0.rawValue] ?? 0) \($0.rawValue)" }
    Output.line(Output.paint("  · pairs: " + relations.joined(separator: ", "), .dim))
  }

  /// One side's row of the summary table, as in "A  wire@1  Ferry capsizes off Port Halven…  16 sentences".
  private static func side(_ name: String, _ side: SourceDiff.Side, count: Int) -> [String] {
    let title = side.sentences.first { $0.kind == .headline }?.text ?? side.title ?? ""
    return [
      Output.paint(name, .bold), Output.paint(Output.safe(side.label), .yellow), Output.safe(Output.clip(title, 70)),
      "\(count) sentences",
    ]
  }

  static func renderPair(_ pair: AlignedPair, _ diff: SourceDiff) {
    let kinds = (pair.a.map { diff.a.sentences[$0].kind } + pair.b.map { diff.b.sentences[$0].kind })
    var header = [label("A", pair.a), label("B", pair.b)].filter { !$0.isEmpty }.joined(separator: " → ")
    if pair.relation == .identical {
      let text = oneLine(diff.text(of: pair.a, in: diff.a))
      return Output.line(Output.paint(header + "  = " + Output.safe(Output.clip(text, 100)), .dim))
    }
    header += "  " + paint(relation: pair.relation)
    if let kind = kinds.first, kind != .claim || pair.a.isEmpty || pair.b.isEmpty {
      header += " · " + paint(kind: kind)
    }
    Output.line(header)
    let a = oneLine(diff.text(of: pair.a, in: diff.a))
    let b = oneLine(diff.text(of: pair.b, in: diff.b))
    switch pair.relation {
    case .identical:
      break
    case .added:
      Output.line(Output.paint("  + ", .green) + Output.safe(b))
    case .removed:
      Output.line(Output.paint("  - ", .red) + Output.safe(a))
    case .reworded, .changed:
      let segments = WordDiff.diff(a, b)
      Output.line(
        Output.paint("  - ", .red) + words(WordHighlight.side(segments, of: a, own: .removed), side: .removed))
      Output.line(Output.paint("  + ", .green) + words(WordHighlight.side(segments, of: b, own: .added), side: .added))
    }
    let width = pair.changes.map(\.type.rawValue.count).max() ?? 0
    for change in pair.changes {
      let name = Output.paint(Output.pad(change.type.rawValue, width), color(of: change.type))
      Output.line("      \(name)  \(Output.safe(shown(change.from))) → \(Output.safe(shown(change.to)))")
    }
  }

  /// One side of a word diff: shared words plain, this side's own words marked.
  static func words(_ segments: [WordDiff.Segment], side: WordDiff.Segment.Kind) -> String {
    var out = ""
    for segment in segments {
      let text = Output.safe(segment.text)
      guard segment.kind == side else {
        out += text
        continue
      }
      // Marks go round the words, not the spaces before them, so the line still reads.
      let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\t" }
      let lead = String(repeating: " ", count: text.count - trimmed.count)
      if Output.useColor {
        out += lead + Output.paint(String(trimmed), side == .removed ? .red : .green)
      } else {
        out += lead + (side == .removed ? "[-\(trimmed)-]" : "{+\(trimmed)+}")
      }
    }
    return out
  }

  /// "A3", "B4+B5", or "" for a side with no sentence; numbered from 1 as a reader counts.
  static func label(_ side: String, _ indices: [Int]) -> String {
    indices.map { "\(side)\($0 + 1)" }.joined(separator: "+")
  }

  /// A sentence that ran over a line break, on one line: the terminal shows it whole.
  ///
  /// Works on UTF-8 bytes: newline, tab and CR-LF are grapheme clusters of
  /// their own, so replacing their bytes is the same as replacing those
  /// characters, and most sentences have none and come back untouched. (The
  /// character-by-character version was a fifth of a large diff's rendering.)
  static func oneLine(_ text: String) -> String {
    let newline = UInt8(ascii: "\n")
    let tab = UInt8(ascii: "\t")
    let cr = UInt8(ascii: "\r")
    guard text.utf8.contains(where: { $0 == newline || $0 == tab }) else { return text }
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    var previous: UInt8 = 0
    for byte in text.utf8 {
      if byte == newline && previous == cr {
        // CR-LF is one character: it becomes one space, replacing the CR already copied.
        out[out.count - 1] = UInt8(ascii: " ")
      } else if byte == newline || byte == tab {
        out.append(UInt8(ascii: " "))
      } else {
        out.append(byte)
      }
      previous = byte
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func shown(_ text: String) -> String { text.isEmpty ? "(none)" : text }

  static func paint(relation: Relation) -> String {
    switch relation {
    case .identical: Output.paint(relation.rawValue, .dim)
    case .reworded: Output.paint(relation.rawValue, .cyan)
    case .changed: Output.paint(relation.rawValue, .yellow)
    case .added: Output.paint(relation.rawValue, .green)
    case .removed: Output.paint(relation.rawValue, .red)
    }
  }

  /// Credit lines and boilerplate stand out: their coming and going says where a copy came from.
  static func paint(kind: SentenceKind) -> String {
    switch kind {
    case .credit, .boilerplate: Output.paint(kind.rawValue, .magenta)
    default: kind.rawValue
    }
  }

  static func color(of type: ChangeType) -> Output.Color {
    switch type {
    case .quantity: .blue
    case .hedge: .yellow
    case .attribution: .magenta
    case .certainty: .cyan
    case .entity: .red
    case .detail: .dim
    }
  }
}
