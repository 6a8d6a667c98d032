import Foundation

/// Claims as CSV (RFC 4180), one row per claim, for spreadsheets.
///
/// The header is stable: columns are only ever added at the end. Times are
/// ISO 8601 in UTC; a cell holding several values joins them with
/// `separator`. A cell that begins with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading `'`, so a spreadsheet shows it as text
/// instead of running it as a formula.
enum CSVExport {
  static let header = [
    "id", "statement", "status", "credibility", "tags", "sources", "attributions", "created", "created_by", "updated",
    "status_set", "status_set_by", "notes", "evidence", "needs_review", "review",
  ]
  static let separator = " | "

  static var headerLine: String { header.joined(separator: ",") + "\r\n" }

  static func row(_ claim: Claim) -> String {
    let statusEntry = claim.log.last { $0.action == .status || $0.action == .created }
    let created = claim.log.first { $0.action == .created } ?? claim.log.first
    var sources: [String] = []
    for a in claim.appearances where !sources.contains("\(a.source)@\(a.version)") {
      sources.append("\(a.source)@\(a.version)")
    }
    var attributions: [String] = []
    for a in claim.appearances {
      if let attribution = a.attribution, !attributions.contains(attribution) { attributions.append(attribution) }
    }
    let cells: [String] = [
      claim.id, claim.statement, claim.status, claim.credibility.map(String.init) ?? "",
      claim.tags.joined(separator: separator), sources.joined(separator: separator),
      attributions.joined(separator: separator), created.map { ISODate.format($0.date) } ?? "",
      created?.author ?? "", claim.log.last.map { ISODate.format($0.date) } ?? "",
      statusEntry.map { ISODate.format($0.date) } ?? "", statusEntry?.author ?? "",
      claim.log.compactMap(\.note).joined(separator: separator),
      claim.log.flatMap(\.evidence).joined(separator: separator), claim.needsReview ? "yes" : "no",
      claim.reviewReasons.joined(separator: separator),
    ]
    return cells.map(cell).joined(separator: ",") + "\r\n"
  }

  /// One cell: defused if a spreadsheet would read it as a formula, then quoted if it must be.
  static func cell(_ value: String) -> String {
    var text = value
    if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
      return text
    }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
