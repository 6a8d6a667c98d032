import Foundation
import Yams

/// One checkable assertion, with where it appears, its status and its log.
///
/// Stored as `claims/<first two id digits>/<id>.md`: YAML front matter holds
/// the fields and the log; the Markdown body is the analyst's own and is kept
/// exactly as written.
public struct Claim: Hashable, Sendable {
  public var id: String
  public var statement: String
  public var status: String
  /// Credibility 1–6 in the Admiralty convention (1 confirmed by other sources … 6 cannot be judged).
  public var credibility: Int?
  public var tags: [String]
  public var appearances: [Appearance]
  /// Reasons the claim needs an analyst's review, such as conflicting statuses from a merge.
  public var review: [String]
  /// The claim this one was linked into (`vet claim link`), which now holds its appearances and log.
  ///
  /// The file stays as a stub so that the id resolves and git merges it with
  /// edits made elsewhere; see `isAlias`.
  public var linked: String?
  /// Ids of claims linked into this one, which resolve to it.
  public var aliases: [String]
  /// Claims this one may restate, for the analyst to link or dismiss.
  public var suggestions: [Suggestion]
  /// Claims whose suggestion the analyst dismissed: never suggested again.
  public var dismissed: [String]
  public var log: [LogEntry]
  /// The Markdown body below the front matter.
  public var body: String
  /// Front-matter fields and comments added by hand, written back where they were.
  public var kept: [KeptText]
  /// What in the file vet could not write back (a comment inside a field it writes).
  ///
  /// A write refuses, naming it, rather than drop it. Its `path` is empty,
  /// so that the same file read under two names (the sides of a merge) is
  /// the same claim; the refusal names the claim's path.
  var unkept: ClaimFileProblem?

  public init(
    id: String, statement: String, status: String, credibility: Int? = nil, tags: [String] = [],
    appearances: [Appearance] = [], review: [String] = [], log: [LogEntry] = [], body: String? = nil,
    kept: [KeptText] = [], linked: String? = nil, aliases: [String] = [], suggestions: [Suggestion] = [],
    dismissed: [String] = []
  ) {
    self.id = id
    self.statement = statement
    self.status = status
    self.credibility = credibility
    self.tags = tags
    self.appearances = appearances
    self.review = review
    self.log = log
    self.body = body ?? Claim.defaultBody(statement)
    self.kept = kept
    self.linked = linked
    self.aliases = aliases
    self.suggestions = suggestions
    self.dismissed = dismissed
  }

  /// The fields vet writes, in the order it writes them.
  static let fields = [
    "id", "statement", "status", "linked", "credibility", "tags", "review", "aliases", "suggestions", "dismissed",
    "appearances", "log",
  ]

  /// The body a new claim starts with: its statement as a heading.
  static func defaultBody(_ statement: String) -> String {
    "\n# " + statement.replacingOccurrences(of: "\n", with: " ") + "\n"
  }

  /// The claim's path in the workspace.
  public var path: String { Claim.path(for: id) }

  /// The path of a claim id: sharded by its first two digits so no folder grows huge.
  public static func path(for id: String) -> String {
    "claims/\(id.prefix(2))/\(id).md"
  }

  /// Whether an analyst should look at the claim: a review flag or an open suggestion.
  public var needsReview: Bool { !review.isEmpty || !suggestions.isEmpty }

  /// Why the claim needs review: its review flags, then each open suggestion.
  public var reviewReasons: [String] {
    review + suggestions.map { "may restate \($0.claim.prefix(8))" + ($0.reason.isEmpty ? "" : ": \($0.reason)") }
  }

  /// Whether the file is only a pointer to the claim it was linked into.
  ///
  /// A linked claim's file that holds log entries, appearances or tags again
  /// (a note made in another clone before it pulled the link) is a claim of
  /// its own, flagged for review, until it is linked again.
  public var isAlias: Bool { linked != nil && log.isEmpty && appearances.isEmpty && tags.isEmpty }

  /// When the claim was created (its first log entry).
  public var created: Date? { log.first?.date }

  /// Parses a claim file.
  ///
  /// A leading UTF-8 byte order mark (as Notepad writes) is skipped; vet
  /// writes the file back without it.
  /// - Throws: `WorkbenchError.invalidFormat` with the file and line.
  public init(parsing text: String, file: String) throws {
    let text = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
    // Yams dominates reading a workspace; vet's own layout has a faster reader.
    if let claim = ClaimText.parse(text) {
      self = claim
      return
    }
    try self.init(yamlParsing: text, file: file)
  }

  /// Reads the claim file at `path`, which must be where its id puts it.
  ///
  /// A claim is only ever read and written at `Claim.path(for: id)`: a file
  /// whose `id:` differs from its name, or that sits in another shard folder,
  /// would otherwise be written back to a second path, or collide with the
  /// claim it copies.
  /// - Parameter file: how messages name the file, when not by `path` alone
  ///   (a side of a merge).
  /// - Throws: `WorkbenchError.invalidFormat` with the file, line and the fix.
  static func read(_ text: String, path: String, file: String? = nil) throws -> Claim {
    try read(text, path: path, named: try checkPlacement(path, file: file), file: file)
  }

  /// `read(_:path:file:)` for a path `checkPlacement` has passed, naming `named`.
  static func read(_ text: String, path: String, named: String, file: String? = nil) throws -> Claim {
    let file = file ?? path
    let claim = try Claim(parsing: text, file: file)
    guard claim.id == named else {
      throw WorkbenchError.invalidFormat(
        file: file, line: Claim.line(of: "id", in: text),
        reason: "its 'id: \(Terminal.escape(claim.id))' does not match its file name; vet keeps claim "
          + "\(Terminal.escape(claim.id)) only at \(Claim.path(for: claim.id)). Set the id to the file's name, "
          + "or, if this file is a copy of that claim, remove it (git rm)")
    }
    return claim
  }

  /// The claim id a claim file's path names.
  /// - Throws: `WorkbenchError.invalidFormat` when `path` is not where that id's claim is kept.
  static func checkPlacement(_ path: String, file: String? = nil) throws -> String {
    guard let named = ClaimIndex.claimID(path: path) else {
      throw WorkbenchError.invalidFormat(
        file: file ?? path, line: nil,
        reason: "is not named as a claim: claim files are claims/<first two id digits>/<id>.md, the id in hexadecimal")
    }
    guard path == Claim.path(for: named) else {
      throw WorkbenchError.invalidFormat(
        file: file ?? path, line: nil,
        reason: "is in the wrong folder: claim \(named) belongs at \(Claim.path(for: named)); move it there (git mv)")
    }
    return named
  }

  /// The line of `text` holding the top-level field `key`, counting the file's first line as 1.
  static func line(of key: String, in text: String) -> Int? {
    var number = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      number += 1
      if number > 1 && line.hasPrefix("---") { return nil }
      if line.hasPrefix(key + ":") { return number }
    }
    return nil
  }

  /// Parses a claim file with Yams: any YAML, and the errors with line numbers.
  /// - Throws: `WorkbenchError.invalidFormat` with the file and line.
  init(yamlParsing text: String, file: String) throws {
    let doc = try FrontMatter.parse(text, file: file)
    let f = doc.fields
    id = try f.requiredString("id")
    guard Identifier.isHexPrefix(id), id.count >= 4 else {
      throw f.fail(f.value("id"), "'id' must be hexadecimal digits, got '\(Terminal.escape(id))'")
    }
    statement = try f.requiredString("statement")
    status = try f.requiredString("status")
    credibility = try f.int("credibility")
    if let c = credibility, !(1...6).contains(c) {
      throw f.fail(f.value("credibility"), "'credibility' must be 1 to 6")
    }
    tags = try f.strings("tags")
    appearances = try f.maps("appearances").map(Appearance.init(yaml:))
    review = try f.strings("review")
    linked = try f.string("linked")
    if let linked, !Identifier.isHexPrefix(linked) || linked.count < 4 {
      throw f.fail(
        f.value("linked"),
        "'linked' must be the id of the claim this one was linked into, got '\(Terminal.escape(linked))'")
    }
    aliases = try f.strings("aliases")
    let suggestionMaps = try f.maps("suggestions")
    suggestions = try suggestionMaps.map(Suggestion.init(yaml:))
    dismissed = try f.strings("dismissed")
    let logMaps = try f.maps("log")
    let appearanceMaps = try f.maps("appearances")
    log = try logMaps.map(LogEntry.init(yaml:))
    body = doc.body
    (kept, unkept) = KeptText.scan(f, yaml: doc.yaml, known: Claim.fields)
    // Fields inside a log entry or an appearance have no place to be kept.
    for (maps, known, what) in [
      (logMaps, LogEntry.fields, "a log entry"), (appearanceMaps, Appearance.fields, "an appearance"),
      (suggestionMaps, Suggestion.fields, "a suggestion"),
    ] where unkept == nil {
      for map in maps {
        guard let key = map.node.keys.first(where: { !known.contains($0.scalar?.string ?? "") }) else { continue }
        unkept = ClaimFileProblem(
          path: "", line: map.fileLine(key),
          reason: "vet cannot keep the field '\(Terminal.escape(key.scalar?.string ?? ""))' of \(what) when it "
            + "rewrites this file; move it to the top level of the front matter, or into the Markdown body")
        break
      }
    }
  }

  /// The file text: front matter, then the body.
  /// - Throws: `WorkbenchError.invalidFormat` when the file holds something
  ///   vet would lose by writing it (`unkept`).
  public func rendered() throws -> String {
    if let unkept {
      throw WorkbenchError.invalidFormat(file: path, line: unkept.line, reason: unkept.reason)
    }
    // Same bytes as Yams writes, without its cost, whenever provably so.
    if kept.isEmpty, let text = ClaimText.render(self) { return text }
    return try yamlRendered()
  }

  /// The file text as Yams emits it, for any field values.
  func yamlRendered() throws -> String {
    var b = YAMLBuilder()
    b.set("id", id)
    b.set("statement", statement)
    b.set("status", status)
    b.set("linked", linked)
    b.set("credibility", credibility)
    b.set("tags", list: tags, omitEmpty: false)
    b.set("review", list: review, flow: false)
    b.set("aliases", list: aliases)
    if !suggestions.isEmpty { b.set("suggestions", maps: suggestions.map(\.yaml)) }
    b.set("dismissed", list: dismissed)
    b.set("appearances", maps: appearances.map(\.yaml))
    b.set("log", maps: log.map(\.yaml))
    guard !kept.isEmpty else { return try FrontMatter.render(b.node, body: body) }
    let fields = b.pairs.compactMap { $0.0.scalar?.string }
    let yaml = KeptText.insert(kept, into: try YAMLMap.emit(b.node), fields: fields, order: Claim.fields)
    return "---\n" + yaml + "---\n" + body
  }
}
