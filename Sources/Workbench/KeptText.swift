import Foundation
import Yams

/// Front-matter lines vet does not model, kept verbatim: fields and comments
/// an analyst added by hand.
///
/// Each is written back after the field it followed, so a hand edit stays
/// where it was through every write vet makes to the claim.
public struct KeptText: Hashable, Sendable {
  /// The field vet knows that it follows ("status"); nil at the top of the front matter.
  public var after: String?
  /// Its lines, each ending in a line break.
  public var text: String

  public init(after: String?, text: String) {
    self.after = after
    self.text = text
  }

  /// The kept lines of a claim's front matter, and the first thing in it vet
  /// would lose on rewriting the file: a comment inside a field vet writes
  /// itself, which it cannot place.
  ///
  /// Each top-level field runs from its key's line to the next key's; lines
  /// of comments at its end belong between fields. A comment inside a
  /// field's lines is found by cutting it off: when the field reads the same
  /// without it, it was a comment.
  /// - Parameters:
  ///   - map: the front matter as parsed, for where its keys are.
  ///   - yaml: its text.
  ///   - known: the fields vet writes.
  static func scan(_ map: YAMLMap, yaml: String, known: [String]) -> (kept: [KeptText], lost: ClaimFileProblem?) {
    // Split on the scalar, as `FrontMatter` does: with CRLF line ends, "\r\n" is a single Character.
    let lines = yaml.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
      let line = String(String.UnicodeScalarView($0))
      return line.unicodeScalars.last == "\r" ? String(String.UnicodeScalarView(line.unicodeScalars.dropLast())) : line
    }
    let keys = map.node.map { key, _ in
      (name: key.scalar?.string ?? "", line: min(max((key.mark?.line ?? 1) - 1, 0), lines.count - 1))
    }.sorted { $0.line < $1.line }
    func text(_ range: Range<Int>) -> String { lines[range].map { $0 + "\n" }.joined() }
    func isFree(_ line: String) -> Bool { line.hasPrefix("#") || line.allSatisfy { $0 == " " || $0 == "\t" } }

    var kept: [KeptText] = []
    var lost: ClaimFileProblem?
    let top = 0..<(keys.first?.line ?? lines.count)
    if lines[top].contains(where: { $0.hasPrefix("#") }) { kept.append(KeptText(after: nil, text: text(top))) }
    var previous: String?
    for (k, key) in keys.enumerated() {
      let end = k + 1 < keys.count ? keys[k + 1].line : lines.count
      guard known.contains(key.name) else {
        // A field sharing its line with another (a flow mapping) has no lines of its own to keep.
        let sharesLine = key.line == end || (k > 0 && keys[k - 1].line == key.line)
        if sharesLine, lost == nil {
          lost = ClaimFileProblem(
            path: "", line: key.line + map.firstLine,
            reason: "vet cannot keep the field '\(Terminal.escape(key.name))' when it rewrites this file unless it "
              + "starts a line of its own")
        }
        kept.append(KeptText(after: previous, text: text(key.line..<end)))
        continue
      }
      previous = key.name
      var fieldEnd = end
      while fieldEnd > key.line + 1, isFree(lines[fieldEnd - 1]) { fieldEnd -= 1 }
      var freeStart = fieldEnd
      while freeStart < end, !lines[freeStart].hasPrefix("#") { freeStart += 1 }
      if freeStart < end { kept.append(KeptText(after: key.name, text: text(freeStart..<end))) }
      if lost == nil, let line = comment(in: lines, key.line..<fieldEnd) {
        lost = ClaimFileProblem(
          path: "", line: line + map.firstLine,
          reason:
            "vet cannot keep a comment inside '\(key.name)' when it rewrites this file; move the comment to a line "
            + "of its own between fields, or into the Markdown body")
      }
    }
    return (kept, lost)
  }

  /// The first line of `range` that ends in a comment, or nil.
  static func comment(in lines: [String], _ range: Range<Int>) -> Int? {
    // The last '#' that can start a comment: inside a comment, cutting there still leaves a comment.
    func cut(_ line: String) -> String.Index? {
      var found: String.Index?
      var previous: Character = " "
      for i in line.indices {
        if line[i] == "#" && (previous == " " || previous == "\t") { found = i }
        previous = line[i]
      }
      return found
    }
    let candidates = range.filter { cut(lines[$0]) != nil }
    guard !candidates.isEmpty else { return nil }
    func parse(_ lines: [String]) -> Node? {
      try? Yams.compose(yaml: lines.joined(separator: "\n"), .basic, .default, .utf8)
    }
    let field = Array(lines[range])
    guard let original = parse(field) else { return nil }
    for line in candidates {
      var stripped = field
      let k = line - range.lowerBound
      if let at = cut(field[k]) { stripped[k] = String(field[k][..<at]) }
      if parse(stripped) == original { return line }
    }
    return nil
  }

  /// `yaml` as vet emits a claim's fields, with `kept` put back after the fields they followed.
  ///
  /// A field vet leaves out (no credibility, no review) takes the kept
  /// lines that followed it to the field written before it.
  /// - Parameter fields: the fields in `yaml`, in order; `order` all of vet's, in order.
  static func insert(_ kept: [KeptText], into yaml: String, fields: [String], order: [String]) -> String {
    func anchor(_ after: String?) -> String? {
      guard let after, var k = order.firstIndex(of: after) else { return nil }
      while k >= 0 {
        if fields.contains(order[k]) { return order[k] }
        k -= 1
      }
      return nil
    }
    var lines = yaml.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
      String(String.UnicodeScalarView($0)) + "\n"
    }
    if yaml.unicodeScalars.last == "\n" { lines.removeLast() }
    // libyaml ends an open-ended last scalar with a document end marker, which must stay last.
    let end = lines.last == "...\n" ? lines.removeLast() : ""
    var out = kept.filter { anchor($0.after) == nil }.map(\.text).joined()
    var current: String?
    for line in lines {
      if let next = fields.first(where: { line.hasPrefix($0 + ":") }), next != current,
        fields.firstIndex(of: next) ?? 0 > current.flatMap(fields.firstIndex(of:)) ?? -1
      {
        if let current { out += kept.filter { anchor($0.after) == current }.map(\.text).joined() }
        current = next
      }
      out += line
    }
    if let current { out += kept.filter { anchor($0.after) == current }.map(\.text).joined() }
    return out + end
  }
}
