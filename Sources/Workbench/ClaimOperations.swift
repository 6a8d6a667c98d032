import Foundation
import GitKit
import Reporting

/// What `vet claim list` filters on.
public struct ClaimFilter: Sendable {
  public var status: String?
  public var source: String?
  public var tag: String?
  public var text: String?
  public var needsReview = false

  public init(
    status: String? = nil, source: String? = nil, tag: String? = nil, text: String? = nil, needsReview: Bool = false
  ) {
    self.status = status
    self.source = source
    self.tag = tag
    self.text = text
    self.needsReview = needsReview
  }
}

extension Workspace {
  // MARK: - Reading claims

  /// The claim a unique id prefix names.
  /// - Parameter asOf: a date or revision (see `asOf(_:)`): the claim as it was then.
  /// - Throws: `.notFound`, or `.ambiguous` listing the matches.
  public func claim(_ prefix: String, asOf: String? = nil) throws -> Claim {
    let (then, head) = try snapshots(asOf: asOf)
    let snapshot = then ?? head
    return try snapshot.claim(id: try snapshot.resolveClaimID(prefix))
  }

  /// Claims matching `filter`, oldest first (claims from one ingest in article order).
  /// - Parameter withJSON: whether each summary carries the claim's JSON (for `--json`).
  public func claims(_ filter: ClaimFilter = ClaimFilter(), withJSON: Bool = true, asOf: String? = nil) throws
    -> [ClaimSummary]
  {
    var claims: [ClaimSummary] = []
    try forEachClaim(filter, withJSON: withJSON, asOf: asOf) { claims.append($0) }
    return claims
  }

  /// Calls `body` with each claim matching `filter`, oldest first, without collecting them.
  ///
  /// What a listing of 100,000 claims reads, one claim at a time; `body` must
  /// not read from this workspace.
  ///
  /// As of an earlier commit, the index gives the claims whose files have not
  /// changed since, and only the files that differ are read from that commit.
  /// - Parameters:
  ///   - withJSON: whether each summary carries the claim's JSON (for `--json`).
  ///   - asOf: a date or revision (see `asOf(_:)`): the claims as they were then.
  /// - Throws: `.invalidStatus` for a status not on the workspace's scale, before `body` is called.
  public func forEachClaim(
    _ filter: ClaimFilter = ClaimFilter(), withJSON: Bool = true, asOf: String? = nil,
    _ body: (ClaimSummary) throws -> Void
  ) throws {
    let (then, head) = try snapshots(asOf: asOf)
    if let status = filter.status {
      let scale = try (then ?? head).config().scale
      guard scale.contains(status) else { throw WorkbenchError.invalidStatus(status, scale: scale) }
    }
    let index = try index(at: head)
    guard let then else { return try index.forEachClaim(filter, withJSON: withJSON, body) }
    let past = try pastClaims(then, head: head)
    writeNotices += ClaimIndex.describe(past.unreadable)
    var earlier = past.claims.filter(filter.matches).map { ClaimSummary($0, withJSON: withJSON) }[...]
    try index.forEachClaim(filter, withJSON: withJSON) { claim in
      if past.changed.contains(claim.id) { return }
      while let next = earlier.first, next.listedBefore(claim) {
        try body(next)
        earlier = earlier.dropFirst()
      }
      try body(claim)
    }
    try earlier.forEach(body)
  }

  // MARK: - Changing claims

  /// Records a claim by hand.
  ///
  /// - Parameters:
  ///   - statement: the checkable assertion.
  ///   - source: a source slug it appears in; its latest version is used.
  ///   - quote: the exact words in that source; found there to record the sentence.
  ///   - tags: labels for filtering.
  /// - Returns: the new claim.
  public func addClaim(statement: String, source: String? = nil, quote: String? = nil, tags: [String] = []) throws
    -> Claim
  {
    let statement = statement.trimmedWhitespace
    guard !statement.isEmpty else {
      throw WorkbenchError.invalidArgument(name: "TEXT", reason: "the claim's statement is empty")
    }
    if quote != nil && source == nil {
      throw WorkbenchError.invalidArgument(name: "--quote", reason: "needs --source to say where the quote is from")
    }
    try tags.forEach { try Self.validateTag($0) }
    var created: Claim?
    try commit { snapshot in
      let config = try snapshot.config()
      let author = try self.author()
      var appearances: [Appearance] = []
      if let source {
        appearances.append(try self.appearance(in: snapshot, source: source, quote: quote ?? statement))
      }
      let id = try self.freshClaimID(snapshot)
      let entry = LogEntry(
        action: .created, author: author, date: self.clock(), status: config.initialStatus,
        source: appearances.first?.source, version: appearances.first?.version)
      let claim = Claim(
        id: id, statement: statement, status: config.initialStatus, tags: tags, appearances: appearances, log: [entry])
      created = claim
      return Operation(
        files: [claim.path: Array(try claim.rendered().utf8)],
        subject: "Add claim \(id.prefix(8)): \(statement)",
        trailers: [("Vet-Action", "claim-add"), ("Claim", id), ("Status", claim.status), ("Entry", entry.id)]
          + (source.map { [("Source", $0)] } ?? []))
    }
    guard let created else { throw WorkbenchError.contention(attempts: 0) }
    return created
  }

  /// Sets a claim's status, with an optional note and evidence; clears any review flag.
  ///
  /// - Throws: `.invalidStatus` listing the scale, `.notFound`, `.ambiguous`, `.uncommittedEdit`.
  public func mark(_ prefix: String, status: String, note: String? = nil, evidence: [String] = []) throws -> Claim {
    try update(prefix, action: "mark") { claim, snapshot, entryID in
      let scale = try snapshot.config().scale
      guard scale.contains(status) else { throw WorkbenchError.invalidStatus(status, scale: scale) }
      let (references, files) = try self.storeEvidence(evidence)
      claim.status = status
      claim.review = []
      claim.log.append(
        LogEntry(
          id: entryID, action: .status, author: try self.author(), date: self.clock(), status: status,
          note: note.flatMap(Self.nonEmpty), evidence: references))
      return (
        "Mark \(claim.id.prefix(8)) \(status): \(claim.statement)", note, [("Status", status)], files
      )
    }
  }

  /// Adds a verification note, with optional evidence.
  public func note(_ prefix: String, text: String, evidence: [String] = []) throws -> Claim {
    guard let text = Self.nonEmpty(text) else {
      throw WorkbenchError.invalidArgument(name: "TEXT", reason: "the note is empty")
    }
    return try update(prefix, action: "note") { claim, _, entryID in
      let (references, files) = try self.storeEvidence(evidence)
      claim.log.append(
        LogEntry(
          id: entryID, action: .note, author: try self.author(), date: self.clock(), note: text, evidence: references))
      return ("Note on \(claim.id.prefix(8)): \(text)", text, [], files)
    }
  }

  /// Reads a claim at HEAD, lets `change` edit it, and commits the result.
  private func update(
    _ prefix: String, action: String,
    _ change: (inout Claim, Snapshot, String) throws -> (
      subject: String, body: String?, trailers: [(String, String)], files: [String: [UInt8]]
    )
  ) throws -> Claim {
    var result: Claim?
    let entryID = Identifier.newEntryID()
    try commit { snapshot in
      var claim = try snapshot.claim(id: try snapshot.resolveClaimID(prefix))
      let (subject, body, trailers, extra) = try change(&claim, snapshot, entryID)
      result = claim
      var files: [String: [UInt8]?] = [claim.path: Array(try claim.rendered().utf8)]
      for (path, bytes) in extra where try snapshot.blobID(path) == nil { files[path] = bytes }
      return Operation(
        files: files, subject: subject, body: body,
        trailers: [("Vet-Action", action), ("Claim", claim.id)] + trailers + [("Entry", entryID)])
    }
    guard let result else { throw WorkbenchError.contention(attempts: 0) }
    return result
  }

  // MARK: - Helpers

  /// "Name <email>" of whoever runs the command.
  func author() throws -> String {
    try Identity.resolve(config: repo.config(), environment: environment, now: clock()).author.identity
  }

  static func nonEmpty(_ text: String) -> String? {
    let trimmed = text.trimmedWhitespace
    return trimmed.isEmpty ? nil : trimmed
  }

  static func validateTag(_ tag: String) throws {
    guard !tag.isEmpty, tag.count <= 64,
      !tag.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "," })
    else {
      throw WorkbenchError.invalidArgument(
        name: "--tag", reason: "'\(Terminal.escape(tag))' must be 1–64 characters, no commas or control characters")
    }
  }

  func freshClaimID(_ snapshot: Snapshot) throws -> String {
    while true {
      let id = Identifier.newClaimID()
      if try snapshot.blobID(Claim.path(for: id)) == nil { return id }
    }
  }

  /// An appearance of `quote` in the latest version of `source`.
  func appearance(in snapshot: Snapshot, source slug: String, quote: String) throws -> Appearance {
    guard let source = try snapshot.source(slug: slug), let version = source.latest else {
      throw WorkbenchError.notFound(kind: "source", id: Terminal.escape(slug))
    }
    let text = try snapshot.text(Source.textPath(slug: slug, version: version.number)) ?? ""
    let article = Article(text: text)
    let needle = Normalizer.normalize(quote).lowercased()
    if let sentence = article.sentences.first(where: { $0.text.lowercased().contains(needle) }) {
      var appearance = Appearance(source: slug, version: version.number, sentence: sentence)
      appearance.quote = Normalizer.normalize(quote)
      return appearance
    }
    return Appearance(
      source: slug, version: version.number, sentence: nil, quote: quote, attribution: nil, hedges: [], quantities: [])
  }

  /// Why a URL cannot be kept as evidence, or nil: it is committed and pushed
  /// to every colleague, so it must be a well-formed address with a host and
  /// no user name or password in it.
  static func evidenceURLProblem(_ url: String) -> String? {
    if url.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == " " }) {
      return "contains spaces or control characters; percent-encode them (%20)"
    }
    guard let parts = URLComponents(string: url), let scheme = parts.scheme else { return "is not a well-formed URL" }
    if parts.user != nil || parts.password != nil {
      return
        "contains a user name or password, which would be committed and shared with every clone; remove the part before '@'"
    }
    if ["http", "https", "ftp", "ftps"].contains(scheme.lowercased()), (parts.host ?? "").isEmpty {
      return "has no host name"
    }
    return nil
  }

  /// Evidence arguments: URLs are kept as they are; local files are stored in the
  /// workspace under `evidence/` (named by content) and referenced by that path.
  func storeEvidence(_ items: [String]) throws -> (references: [String], files: [String: [UInt8]]) {
    var references: [String] = []
    var files: [String: [UInt8]] = [:]
    for item in items {
      let trimmed = item.trimmingCharacters(in: .whitespaces)
      if let scheme = trimmed.range(of: "://"), trimmed[..<scheme.lowerBound].allSatisfy({ $0.isLetter || $0 == "+" }),
        !trimmed[..<scheme.lowerBound].isEmpty
      {
        if let problem = Self.evidenceURLProblem(trimmed) {
          throw WorkbenchError.invalidArgument(name: "--evidence", reason: "'\(Terminal.escape(item))' \(problem)")
        }
        references.append(trimmed)
        continue
      }
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: trimmed, isDirectory: &isDirectory), !isDirectory.boolValue else {
        throw WorkbenchError.invalidArgument(
          name: "--evidence", reason: "'\(Terminal.escape(item))' is neither a URL (https://…) nor a file")
      }
      guard let data = FileManager.default.contents(atPath: trimmed) else {
        throw WorkbenchError.invalidArgument(name: "--evidence", reason: "cannot read '\(Terminal.escape(item))'")
      }
      guard data.count <= 50 * 1024 * 1024 else {
        throw WorkbenchError.invalidArgument(
          name: "--evidence", reason: "'\(Terminal.escape(item))' is larger than the 50 MB limit for evidence files")
      }
      let bytes = [UInt8](data)
      let digest = try ObjectID.blob(hashing: bytes).hex.prefix(16)
      var name = Identifier.slug(from: ((trimmed as NSString).lastPathComponent as NSString).deletingPathExtension)
      let ext = Identifier.slug(from: (trimmed as NSString).pathExtension)
      if !(trimmed as NSString).pathExtension.isEmpty { name += "." + ext }
      let path = "evidence/\(digest.prefix(2))/\(digest)-\(name)"
      files[path] = bytes
      references.append(path)
    }
    return (references, files)
  }
}
