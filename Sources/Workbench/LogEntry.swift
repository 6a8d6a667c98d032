import Foundation
import Yams

/// One entry of a claim's append-only log: creation, a status change, a note, a new appearance.
public struct LogEntry: Hashable, Sendable, Codable {
  /// What happened.
  public enum Action: String, Codable, Sendable, CaseIterable {
    case created, status, note, appearance, edit, merge
  }

  /// A stable id, so that logs from two clones merge as a union.
  public var id: String
  public var action: Action
  /// "Name <email>".
  public var author: String
  public var date: Date
  /// The new status, for `status` entries (and the initial one for `created`).
  public var status: String?
  public var note: String?
  /// URLs or file references.
  public var evidence: [String]
  /// The source slug, for `appearance` and `created` entries.
  public var source: String?
  public var version: Int?
  /// Drift between this appearance and the claim's first one, for example "quantity: at least 40 → dozens".
  public var drift: [String]

  public init(
    id: String = Identifier.newEntryID(), action: Action, author: String, date: Date, status: String? = nil,
    note: String? = nil, evidence: [String] = [], source: String? = nil, version: Int? = nil, drift: [String] = []
  ) {
    self.id = id
    self.action = action
    self.author = author
    self.date = date
    self.status = status
    self.note = note
    self.evidence = evidence
    self.source = source
    self.version = version
    self.drift = drift
  }

  /// The fields of a log entry in a claim file.
  static let fields = ["id", "action", "date", "author", "status", "source", "version", "note", "evidence", "drift"]

  init(yaml map: YAMLMap) throws {
    id = try map.requiredString("id")
    let actionText = try map.requiredString("action")
    guard let action = Action(rawValue: actionText) else {
      throw map.fail(
        map.value("action"),
        "unknown log action '\(actionText)'; expected one of: "
          + Action.allCases.map(\.rawValue).joined(separator: ", "))
    }
    self.action = action
    author = try map.requiredString("author")
    guard let date = try map.date("date") else { throw map.fail(nil, "log entry \(id) has no 'date'") }
    self.date = date
    status = try map.string("status")
    note = try map.string("note")
    evidence = try map.strings("evidence")
    source = try map.string("source")
    version = try map.int("version")
    drift = try map.strings("drift")
  }

  var yaml: Node {
    var b = YAMLBuilder()
    b.set("id", id)
    b.set("action", action.rawValue)
    b.set("date", date)
    b.set("author", author)
    b.set("status", status)
    b.set("source", source)
    b.set("version", version)
    b.set("note", note)
    b.set("evidence", list: evidence, flow: false)
    b.set("drift", list: drift, flow: false)
    return b.node
  }
}
