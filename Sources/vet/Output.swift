import Foundation
import GitKit
import Workbench

#if canImport(Glibc)
  import Glibc
#endif

/// Where commands print, and how: colour only on a terminal without NO_COLOR,
/// data always escaped so it cannot drive the terminal.
enum Output {
  static let isTerminal = isatty(STDOUT_FILENO) == 1
  static let useColor: Bool = {
    guard isTerminal else { return false }
    let noColor = getenv("NO_COLOR").map { String(cString: $0) }
    let term = getenv("TERM").map { String(cString: $0) }
    return noColor.map(\.isEmpty) ?? true && term != "dumb"
  }()

  static func line(_ text: String = "") {
    print(text)
  }

  /// Prints a one-line reason on stderr and exits non-zero.
  static func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("vet: " + Terminal.escape(message, keepNewlines: true) + "\n").utf8))
    exit(1)
  }

  /// Writes a warning on stderr.
  static func warn(_ message: String) {
    FileHandle.standardError.write(Data(("vet: " + Terminal.escape(message) + "\n").utf8))
  }

  /// Data from a workspace or article, made safe for the terminal.
  static func safe(_ text: String) -> String { Terminal.escape(text) }

  /// Prints `value` as pretty JSON with ISO 8601 dates.
  static func json<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    let data = try encoder.encode(value)
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
  }

  /// Prints already-encoded JSON objects as an array, one per line, as `objects` hands them over.
  ///
  /// They go out as they come, a chunk at a time: a listing of 100,000
  /// claims is never held whole, and what was written before an error stays written.
  static func jsonArray(_ objects: (_ emit: (String) -> Void) throws -> Void) rethrows {
    var out = ChunkedOutput()
    out.append("[\n")
    var first = true
    try objects { object in
      if !first { out.append(",\n") }
      first = false
      out.append(object)
    }
    out.append(first ? "]\n" : "\n]\n")
    out.flush()
  }

  /// Workspaces this command opened, whose notices are reported when it ends.
  nonisolated(unsafe) static var opened: [Workspace] = []

  /// Reports on stderr what the workbench mended on the way (a rebuilt index).
  static func reportNotices() {
    opened.flatMap(\.notices).forEach { warn($0) }
    opened = []
  }

  enum Color: String {
    case red = "31", green = "32", yellow = "33", blue = "34", magenta = "35", cyan = "36", dim = "2", bold = "1"
  }

  static func paint(_ text: String, _ color: Color) -> String {
    useColor ? "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m" : text
  }

  /// The colour for a status on the default scale.
  static func paint(status: String) -> String {
    switch status {
    case "confirmed": paint(status, .green)
    case "false": paint(status, .red)
    case "disputed": paint(status, .yellow)
    case "unverified": paint(status, .cyan)
    // Not on the default scale: a workspace's own, or a hand edit, which may hold anything.
    default: paint(safe(status), .magenta)
    }
  }

  /// Pads `text` to `width` display columns, counting what shows, not escape codes.
  static func pad(_ text: String, _ width: Int, visible: String? = nil) -> String {
    let shown = (visible ?? text).count
    return shown >= width ? text : text + String(repeating: " ", count: width - shown)
  }

  /// Shortens text to `limit` characters on a terminal; leaves it whole in a pipe.
  static func clip(_ text: String, _ limit: Int) -> String {
    guard isTerminal, text.count > limit else { return text }
    return String(text.prefix(limit - 1)) + "…"
  }

  /// "Ada Analyst" from "Ada Analyst <ada@example.org>".
  static func name(_ identity: String) -> String {
    identity.range(of: " <").map { String(identity[..<$0.lowerBound]) } ?? identity
  }

  /// "2026-11-20 09:00" in local time.
  ///
  /// Built from calendar components: a `DateFormatter` would load ICU's
  /// formatting data in every process that prints a date.
  static func date(_ date: Date) -> String {
    let c = localCalendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : String($0) } ?? "00" }
    return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute))"
  }

  private static let localCalendar: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = .current
    return calendar
  }()

  /// Prints rows as aligned columns.
  static func table(_ rows: [[String]], header: [String]? = nil) {
    guard let columns = (header ?? rows.first)?.count else { return }
    var table = TextTable(columns: columns, header: header)
    for row in rows {
      row.forEach { table.append($0) }
      table.endRow()
    }
    table.write()
  }

  /// The width of text without ANSI colour sequences.
  static func visibleWidth(_ text: String) -> Int {
    // Plain ASCII (most cells) is as wide as it is long.
    let plain = text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 && $0 != 0x1B } }
    if plain ?? text.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x1B }) { return text.utf8.count }
    var count = 0
    var inEscape = false
    for scalar in text.unicodeScalars {
      if inEscape {
        if scalar == "m" { inEscape = false }
      } else if scalar == "\u{1B}" {
        inEscape = true
      } else {
        count += 1
      }
    }
    return count
  }
}
