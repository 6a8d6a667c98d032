import Foundation
import Yams

/// A Markdown file with YAML front matter: `---`, YAML, `---`, then a body.
struct FrontMatter {
  /// The parsed YAML mapping.
  var fields: YAMLMap
  /// Everything after the closing `---` line, kept byte for byte.
  var body: String
  /// The YAML text between the fences.
  var yaml: String

  /// Splits and parses a front-matter file.
  /// - Throws: `WorkbenchError.invalidFormat` with the file's own line numbers.
  static func parse(_ text: String, file: String) throws -> FrontMatter {
    guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else {
      throw WorkbenchError.invalidFormat(file: file, line: 1, reason: "expected '---' to open the YAML front matter")
    }
    // Split on the scalar: in a file with CRLF line ends, "\r\n" is a single Character.
    let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
      String(String.UnicodeScalarView($0))
    }
    var closing: Int?
    for i in 1..<lines.count where lines[i] == "---" || lines[i] == "---\r" {
      closing = i
      break
    }
    guard let closing else {
      throw WorkbenchError.invalidFormat(
        file: file, line: lines.count, reason: "the YAML front matter is never closed with '---'")
    }
    let yaml = lines[1..<closing].joined(separator: "\n")
    let body = lines[(closing + 1)...].joined(separator: "\n")
    let map = try YAMLMap.parse(yaml, file: file, firstLine: 2)
    return FrontMatter(fields: map, body: body, yaml: yaml)
  }

  /// Renders front matter and body back to text.
  static func render(_ node: Node, body: String) throws -> String {
    "---\n" + (try YAMLMap.emit(node)) + "---\n" + body
  }
}

/// A YAML mapping read with line numbers, so every complaint can say where.
struct YAMLMap {
  let node: Node.Mapping
  let file: String
  /// The file line of the YAML text's first line.
  let firstLine: Int
  let line: Int
  /// Values and keys by key text, looked up once instead of hashing nodes per field.
  private let values: [String: Node]
  private let keys: [String: Node]

  init(node: Node.Mapping, file: String, firstLine: Int, line: Int) {
    self.node = node
    self.file = file
    self.firstLine = firstLine
    self.line = line
    var values: [String: Node] = [:]
    var keys: [String: Node] = [:]
    for (key, value) in node {
      guard let name = key.scalar?.string, values[name] == nil else { continue }
      values[name] = value
      keys[name] = key
    }
    self.values = values
    self.keys = keys
  }

  /// Parses YAML text that must be a mapping.
  static func parse(_ yaml: String, file: String, firstLine: Int = 1) throws -> YAMLMap {
    let root: Node?
    do {
      // Fields are read as text, so no implicit typing: the basic resolver skips
      // Yams' regular-expression tag resolution, most of the cost of parsing.
      root = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
    } catch let error as YamlError {
      throw WorkbenchError.invalidFormat(
        file: file, line: lineOf(error).map { $0 + firstLine - 1 }, reason: reasonOf(error))
    }
    guard let root, let mapping = root.mapping else {
      throw WorkbenchError.invalidFormat(file: file, line: firstLine, reason: "expected a YAML mapping of fields")
    }
    return YAMLMap(node: mapping, file: file, firstLine: firstLine, line: firstLine)
  }

  static func lineOf(_ error: YamlError) -> Int? {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _): return mark.line
    case .composer(_, _, let mark, _): return mark.line
    case .duplicatedKeysInMapping(_, let context): return context.mark.line
    default: return nil
    }
  }

  static func reasonOf(_ error: YamlError) -> String {
    switch error {
    case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
      .composer(let context, let problem, _, _):
      let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
      return "invalid YAML: \(what)"
    case .duplicatedKeysInMapping(let keys, _):
      let names = keys.map { "'\(Terminal.escape($0))'" }.joined(separator: ", ")
      return "invalid YAML: \(names) given more than once in one mapping (first here); keep one"
    default:
      return "invalid YAML: \(error)"
    }
  }

  /// Renders a node as YAML text, Unicode kept as is.
  static func emit(_ node: Node) throws -> String {
    try Yams.serialize(node: node, width: -1, allowUnicode: true, lineBreak: .ln, sortKeys: false)
  }

  func fileLine(_ node: Node) -> Int {
    (node.mark?.line).map { $0 + firstLine - 1 } ?? line
  }

  func fail(_ node: Node?, _ reason: String) -> WorkbenchError {
    .invalidFormat(file: file, line: node.map(fileLine) ?? line, reason: reason)
  }

  /// The node for `key`, if present and not null.
  func value(_ key: String) -> Node? {
    guard let v = values[key] else { return nil }
    if case .scalar(let s) = v, s.style == .plain, ["", "~", "null", "Null", "NULL"].contains(s.string) {
      return nil
    }
    return v
  }

  func keyNode(_ key: String) -> Node? { keys[key] }

  func string(_ key: String) throws -> String? {
    guard let v = value(key) else { return nil }
    guard case .scalar(let s) = v else { throw fail(v, "'\(key)' must be text") }
    return s.string
  }

  func requiredString(_ key: String) throws -> String {
    guard let s = try string(key) else { throw fail(keyNode(key), "missing required field '\(key)'") }
    return s
  }

  func int(_ key: String) throws -> Int? {
    guard let v = value(key) else { return nil }
    guard case .scalar(let s) = v, let n = Int(s.string) else { throw fail(v, "'\(key)' must be a whole number") }
    return n
  }

  func date(_ key: String) throws -> Date? {
    guard let s = try string(key) else { return nil }
    guard let d = ISODate.parse(s) else {
      throw fail(value(key), "'\(key)' must be an ISO 8601 date and time, like 2026-11-23T14:05:00Z")
    }
    return d
  }

  func strings(_ key: String) throws -> [String] {
    guard let v = value(key) else { return [] }
    if case .scalar(let s) = v { return [s.string] }
    guard case .sequence(let seq) = v else { throw fail(v, "'\(key)' must be a list") }
    return try seq.map { item in
      guard case .scalar(let s) = item else { throw fail(item, "items of '\(key)' must be text") }
      return s.string
    }
  }

  func maps(_ key: String) throws -> [YAMLMap] {
    guard let v = value(key) else { return [] }
    guard case .sequence(let seq) = v else { throw fail(v, "'\(key)' must be a list") }
    return try seq.map { item in
      guard let m = item.mapping else { throw fail(item, "items of '\(key)' must be mappings of fields") }
      return YAMLMap(node: m, file: file, firstLine: firstLine, line: fileLine(item))
    }
  }
}

/// Building YAML nodes in a fixed field order.
///
/// Every scalar carries an explicit tag and a style chosen here, so Yams never
/// runs its regular-expression tag resolution while writing (most of the cost
/// of rendering a claim).
struct YAMLBuilder {
  private(set) var pairs: [(Node, Node)] = []

  mutating func set(_ key: String, _ value: String?) {
    guard let value else { return }
    pairs.append((Self.key(key), Self.text(value)))
  }

  mutating func set(_ key: String, _ value: Int?) {
    guard let value else { return }
    pairs.append((Self.key(key), .scalar(Node.Scalar(String(value), Tag(.int), .plain))))
  }

  mutating func set(_ key: String, _ value: Date?) {
    guard let value else { return }
    pairs.append((Self.key(key), .scalar(Node.Scalar(ISODate.format(value), Tag(.timestamp), .plain))))
  }

  mutating func set(_ key: String, list: [String], flow: Bool = true, omitEmpty: Bool = true) {
    if list.isEmpty && omitEmpty { return }
    pairs.append((Self.key(key), .sequence(Node.Sequence(list.map(Self.text), Tag(.seq), flow ? .flow : .block))))
  }

  mutating func set(_ key: String, maps: [Node]) {
    pairs.append((Self.key(key), .sequence(Node.Sequence(maps, Tag(.seq), .block))))
  }

  var node: Node { .mapping(Node.Mapping(pairs, Tag(.map))) }

  static func key(_ name: String) -> Node { .scalar(Node.Scalar(name, Tag(.str), .plain)) }

  /// A text scalar: a literal block for multi-line text, single quotes when a
  /// YAML reader could take the plain form for something other than text.
  static func text(_ value: String) -> Node {
    // libyaml copies these line breaks raw into block and single-quoted scalars,
    // where a reader takes them for the end of a line; double quotes escape them.
    if value.unicodeScalars.contains(where: { $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
      return .scalar(Node.Scalar(value, Tag(.str), .doubleQuoted))
    }
    if value.contains("\n") && !value.hasSuffix(" ") && !value.contains("\r") {
      return .scalar(Node.Scalar(value, Tag(.str), .literal))
    }
    return .scalar(Node.Scalar(value, Tag(.str), looksTyped(value) ? .singleQuoted : .any))
  }

  /// Whether plain `value` could read back as a number, boolean, null or date.
  static func looksTyped(_ value: String) -> Bool {
    guard let first = value.unicodeScalars.first else { return true }
    if ("0"..."9").contains(first) || "+-.~=<".unicodeScalars.contains(first) { return true }
    return ["true", "false", "yes", "no", "on", "off", "y", "n", "null"].contains(value.lowercased())
  }
}
