import Foundation
import Workbench

/// Renders `vet diff --since` for the terminal: one aligned section per kind
/// of change, each line with when, which commit, who, and what.
enum ChangesRenderer {
  static func render(_ changes: VerificationChanges) {
    let start = changes.since.commit.map { String($0.prefix(10)) } ?? "the first commit"
    let when = changes.since.date.map { ", " + Output.date($0) } ?? ""
    let range = "\(Output.safe(changes.since.given ?? "")) (\(start)\(when)) to HEAD"
    if changes.isEmpty {
      Output.line("No verification changes since \(range): \(changes.commits) commits.")
      return
    }
    Output.line(Output.paint("Verification changes since \(range): \(changes.commits) commits", .bold))
    section("Sources added", changes.sourcesAdded.map(sourceRow))
    section("Sources updated", changes.sourcesUpdated.map(sourceRow))
    section(
      "Claims added",
      changes.claimsAdded.map { c in
        who(c.date, c.commit, c.author) + [
          claimID(c.claim),
          Output.paint(status: c.status)
            + (c.source.map { " in " + Output.safe($0) + (c.version.map { "@\($0)" } ?? "") } ?? ""),
          Output.safe(Output.clip(c.statement, 70)),
        ]
      })
    section(
      "Status changes",
      changes.statusChanges.map { c in
        let how = c.entry == nil ? Output.paint("  (changed outside vet)", .dim) : ""
        return who(c.date, c.commit, c.author) + [
          claimID(c.claim), Output.paint(status: c.from) + " → " + Output.paint(status: c.to),
          Output.safe(Output.clip(c.statement, 50)) + note(c.note, c.evidence) + how,
        ]
      })
    section(
      "Notes",
      changes.notes.map { n in
        who(n.date, n.commit, n.author) + [
          claimID(n.claim), Output.safe(n.note) + note(nil, n.evidence),
          Output.paint(Output.safe(Output.clip(n.statement, 50)), .dim),
        ]
      })
    section(
      "Appearances",
      changes.appearances.map { a in
        let drift = a.drift.isEmpty ? "" : "  " + Output.paint(Output.safe(a.drift.joined(separator: "; ")), .magenta)
        return who(a.date, a.commit, a.author) + [
          claimID(a.claim), "in " + Output.safe(a.source) + (a.version.map { "@\($0)" } ?? ""),
          Output.safe(Output.clip(a.statement, 50)) + drift,
        ]
      })
    section(
      "Claims removed (by hand)",
      changes.claimsRemoved.map { ["", "", "", claimID($0.claim), "", Output.safe(Output.clip($0.statement, 70))] })
  }

  private static func section(_ title: String, _ rows: [[String]]) {
    guard !rows.isEmpty else { return }
    Output.line()
    Output.line(Output.paint("\(title) (\(rows.count))", .bold))
    Output.table(rows.map { ["  " + $0[0]] + $0.dropFirst() })
  }

  /// Date, short commit and author's name; blanks where a hand edit left none.
  private static func who(_ date: Date?, _ commit: String?, _ author: String?) -> [String] {
    [
      date.map(Output.date) ?? "", Output.paint(commit.map { String($0.prefix(10)) } ?? "", .yellow),
      Output.safe(Output.clip(Output.name(author ?? ""), 24)),
    ]
  }

  private static func sourceRow(_ s: VerificationChanges.SourceVersionAdded) -> [String] {
    who(s.date, s.commit, s.author) + [
      Output.safe(s.source) + "@\(s.version)", "\(s.sentences) sentences", Output.safe(Output.clip(s.title ?? "", 70)),
    ]
  }

  private static func claimID(_ id: String) -> String { Output.paint(String(id.prefix(8)), .cyan) }

  private static func note(_ text: String?, _ evidence: [String]) -> String {
    var out = ""
    if let text { out += "  “" + Output.safe(text) + "”" }
    if !evidence.isEmpty { out += Output.paint("  evidence: " + Output.safe(evidence.joined(separator: " ")), .dim) }
    return out
  }
}
