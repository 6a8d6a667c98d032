import Foundation
import GRDB
import GRDBSQLite
import GitKit
import Reporting

/// A claim as the index keeps it: what lists and filters need, plus its JSON.
public struct ClaimSummary: Sendable, Hashable {
  public var id: String
  public var status: String
  public var statement: String
  public var sources: [String]
  public var tags: [String]
  public var needsReview: Bool
  /// The claim as JSON (the `vet claim list --json` object), rendered when it
  /// was indexed; nil when the query did not ask for it.
  public var json: String?
  /// When the claim was created (seconds since 1970, whole) and its first
  /// sentence's number: the order claims are listed in.
  var created: Double = 0
  var sentence = 0
}

/// One commit that touched a claim, as the index recorded it.
struct ClaimCommit {
  var commit: String
  /// "vet" for commits vet wrote (their trailers name the log entries), "import" for
  /// `vet import`'s (their trees say which claims they wrote), "edit" or "merge" otherwise.
  var kind: String
  var entries: [String]
  var author: String
  var date: Date
  var subject: String
}

/// A local index of the claims at HEAD and of the commits that touched each,
/// kept in `.git/vet/index.sqlite`.
///
/// Never the source of truth: it records the commit it was built from, catches
/// up from there by reading only the commits it has not seen, and is rebuilt
/// from the repository when it is missing, unreadable, or from a history that
/// was rewritten. What it did is reported in `notices`.
final class ClaimIndex {
  static let schemaVersion = 9
  let path: String
  private var queue: DatabaseQueue
  /// What the index mended on the way, then the claim files it could not read.
  var notices: [String] { mended + (unreadableListed ? [] : unreadableNotices) }
  private var mended: [String] = []
  private var unreadableNotices: [String] = []
  /// Set by a command that lists the unreadable files itself (`vet status`), so they are not told twice.
  var unreadableListed = false

  /// Opens (or creates) the index; a file that is not a usable index is replaced.
  init(directory: String) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    path = directory + "index.sqlite"
    do {
      queue = try Self.openQueue(path)
      try Self.prepare(queue)
    } catch let mismatch as SchemaMismatch {
      mended.append(mismatch.notice)
      try Self.remove(path)
      queue = try Self.openQueue(path)
      try Self.prepare(queue)
    } catch {
      mended.append("the claim index in .git/vet was unreadable (\(Self.describe(error))); rebuilding it")
      try Self.remove(path)
      queue = try Self.openQueue(path)
      try Self.prepare(queue)
    }
  }

  private static func openQueue(_ path: String) throws -> DatabaseQueue {
    var configuration = Configuration()
    configuration.busyMode = .timeout(30)
    configuration.label = "vet-index"
    return try DatabaseQueue(path: path, configuration: configuration)
  }

  private static func remove(_ path: String) throws {
    for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
  }

  /// An index another version of vet wrote, with tables this one does not
  /// read or sentence profiles its matching would not make.
  private struct SchemaMismatch: Error {
    var found: Int
    var expected: Int

    static func schema(found: Int) -> Self { Self(found: found, expected: ClaimIndex.schemaVersion) }
    static func profiles(found: Int) -> Self { Self(found: found, expected: StoredProfile.version) }

    var notice: String {
      found < expected
        ? "the claim index in .git/vet is from an older version of vet; rebuilding it from git (once)"
        : "the claim index in .git/vet is from a newer version of vet; rebuilding it from git for this one"
    }
  }

  private static func describe(_ error: Error) -> String {
    (error as? DatabaseError)?.message ?? "\(error)"
  }

  /// Creates the tables, or checks that an existing file is this version's index.
  private static func prepare(_ queue: DatabaseQueue) throws {
    try queue.writeWithoutTransaction { db in
      // The index is rebuilt from git whenever in doubt, so durability is not needed.
      try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF")
      let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
      if version == schemaVersion {
        let profiles =
          try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'profiles'").flatMap { Int($0) } ?? 0
        guard profiles == StoredProfile.version else { throw SchemaMismatch.profiles(found: profiles) }
        return
      }
      guard version == 0 else { throw SchemaMismatch.schema(found: version) }
      try db.inTransaction {
        try db.execute(
          sql: """
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE claims(
              id TEXT PRIMARY KEY, blob TEXT NOT NULL, status TEXT NOT NULL, statement TEXT NOT NULL,
              sources TEXT NOT NULL, tags TEXT NOT NULL, needs_review INTEGER NOT NULL,
              created REAL NOT NULL, sentence INTEGER NOT NULL);
            -- The bulky columns live apart, so listing reads only the compact rows above.
            CREATE TABLE claim_details(id TEXT PRIMARY KEY, search TEXT NOT NULL, json TEXT NOT NULL);
            CREATE TABLE claim_sources(claim TEXT NOT NULL, source TEXT NOT NULL);
            CREATE TABLE claim_tags(claim TEXT NOT NULL, tag TEXT NOT NULL);
            -- Claims by number (see `number(of:)`): a sentence's rare words read thousands of these.
            CREATE TABLE claim_words(word TEXT NOT NULL, claim INTEGER NOT NULL, PRIMARY KEY(word, claim)) WITHOUT ROWID;
            -- What matching a new sentence needs, so candidates are not read from git and parsed,
            -- nor their sentences analysed again (`StoredProfile`; NULL for a text without a sentence).
            CREATE TABLE claim_sentences(
              claim TEXT NOT NULL, seq INTEGER NOT NULL, text TEXT NOT NULL, profile BLOB, PRIMARY KEY(claim, seq))
              WITHOUT ROWID;
            CREATE TABLE word_stats(word TEXT PRIMARY KEY, claims INTEGER NOT NULL) WITHOUT ROWID;
            -- Claim files that could not be indexed, and why: reads report them instead of losing them.
            CREATE TABLE unreadable(path TEXT PRIMARY KEY, line INTEGER, reason TEXT NOT NULL) WITHOUT ROWID;
            -- Full-text search (`vet search`): a claim's texts, its rowid the claim's number (`number(of:)`).
            CREATE VIRTUAL TABLE claim_text USING fts5(
              id UNINDEXED, statement, quotes, notes, evidence, tokenize = 'porter unicode61 remove_diacritics 2');
            CREATE TABLE history(
              seq INTEGER PRIMARY KEY, claim TEXT NOT NULL, commit_id TEXT NOT NULL, kind TEXT NOT NULL,
              entries TEXT NOT NULL, author TEXT NOT NULL, date REAL NOT NULL, subject TEXT NOT NULL);
            """)
        try db.execute(sql: secondaryIndexes.map(\.create).joined(separator: "\n"))
        try db.execute(
          sql: "INSERT INTO meta(key, value) VALUES ('profiles', ?)", arguments: [String(StoredProfile.version)])
        try db.execute(sql: "PRAGMA user_version = \(schemaVersion)")
        return .commit
      }
    }
  }

  /// The indexes beside the tables' keys: dropped while the whole index is
  /// built and made again after, which SQLite does faster than keeping them
  /// up to date row by row.
  private static let secondaryIndexes: [(name: String, create: String)] = [
    // Covering indexes: a listing reads them alone, in order, never the table.
    ("claims_status", "claims(status, created, sentence, id, needs_review, sources, tags, statement)"),
    ("claims_order", "claims(created, sentence, id, status, needs_review, sources, tags, statement)"),
    ("claim_sources_source", "claim_sources(source)"),
    ("claim_sources_claim", "claim_sources(claim)"),
    ("claim_tags_tag", "claim_tags(tag)"),
    ("claim_tags_claim", "claim_tags(claim)"),
    ("claim_words_claim", "claim_words(claim)"),
    ("history_claim", "history(claim, seq)"),
  ].map { ($0.0, "CREATE INDEX \($0.0) ON \($0.1);") }

  // MARK: - Keeping up with HEAD

  /// Brings the index to `snapshot`'s commit, reading only what changed since the last time.
  ///
  /// The first time, the claim files it could not read go into `notices`:
  /// every command that reads claims through the index says which it left out.
  func update(to snapshot: Snapshot) throws {
    do {
      try catchUp(snapshot)
    } catch let error as DatabaseError {
      // A truncated or garbled file shows up here: start again from git.
      mended.append("the claim index in .git/vet was damaged (\(error.message ?? "unreadable")); rebuilding it")
      try Self.remove(path)
      queue = try Self.openQueue(path)
      try Self.prepare(queue)
      try catchUp(snapshot)
    }
    if !readUnreadable {
      readUnreadable = true
      unreadableNotices = Self.describe(try unreadable())
    }
  }

  private var readUnreadable = false

  /// Warnings for unreadable claim files: each with its file and line, the first few in full.
  static func describe(_ files: [ClaimFileProblem], limit: Int = 10) -> [String] {
    var lines = files.prefix(limit).map { "\($0.message); left out of claim lists and counts until fixed" }
    if files.count > limit {
      lines.append("… and \(files.count - limit) more claim files vet cannot read; `vet status` lists them all")
    }
    return lines
  }

  private func catchUp(_ snapshot: Snapshot) throws {
    guard let head = snapshot.commit else { return }
    // Most reads find the index current: check without taking the write lock.
    if try self.head() == head { return }
    let repo = snapshot.repo
    try queue.inTransaction(.immediate) { db in
      let indexed = try Self.head(db)
      if indexed == head { return .commit }
      var rebuild = indexed == nil
      if let indexed, !rebuild {
        rebuild = !((try? repo.isAncestor(indexed, of: head)) ?? false)
        if rebuild { mended.append("history was rewritten since the claim index was built; rebuilding it") }
      }
      if rebuild {
        try db.execute(
          sql:
            "DELETE FROM claims; DELETE FROM claim_details; DELETE FROM claim_sources; DELETE FROM claim_tags; DELETE FROM claim_words; DELETE FROM claim_sentences; DELETE FROM word_stats; DELETE FROM history; DELETE FROM unreadable; DELETE FROM claim_text"
        )
      }
      let base = rebuild ? nil : indexed
      var claims = rebuild ? 0 : try Self.claimCount(db)
      let record = {
        try self.recordHistory(db, repo: repo, from: base, to: head)
        let changes = try repo.changedPaths(from: base.map { try repo.commit($0).tree }, to: repo.commit(head).tree)
        claims += try self.recordClaims(db, changes: changes, from: base) { try? repo.blob($0) }
      }
      if base == nil {
        // A full build reads every claim in the pack, and indexes the rows once they are all in.
        for index in Self.secondaryIndexes { try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)") }
        try Git.withBoundedPackWindows(record)
        try db.execute(sql: Self.secondaryIndexes.map(\.create).joined(separator: "\n"))
      } else {
        try record()
      }
      try Self.setHead(db, head, claims: claims)
      return .commit
    }
  }

  /// Moves the index along the commit a write is making from `parent`,
  /// starting before that commit exists.
  ///
  /// A write runs this on a thread of its own while it writes the commit's
  /// objects and moves the branch. When every claim file the commit changes
  /// is in `known` (an ingest's hundreds), their rows are written at once;
  /// the transaction commits only when `landed` returns the commit the
  /// branch was moved to, and keeps nothing when it returns nil. An index
  /// that is not at `parent` is left alone: the next read catches it up.
  /// - Parameters:
  ///   - known: the claims the commit writes, by blob.
  ///   - changes: the files the commit changes from `parent`.
  ///   - landed: waits until the branch has moved or failed to, and returns
  ///     the new commit as read through a repository handle of this thread.
  func advance(
    from parent: ObjectID, known: [ObjectID: Claim], changes: [ChangedPath], landed: () -> Snapshot?
  ) throws {
    try queue.inTransaction(.immediate) { db in
      guard try Self.head(db) == parent else { return .rollback }
      var claims = try Self.claimCount(db)
      let needsGit = changes.contains { change in
        Self.claimID(path: change.path) != nil && change.new.map { known[$0] == nil } == true
      }
      if !needsGit { claims += try recordClaims(db, changes: changes, known: known, from: parent) { _ in nil } }
      guard let snapshot = landed(), let head = snapshot.commit else { return .rollback }
      if needsGit {
        claims += try recordClaims(db, changes: changes, known: known, from: parent) { try? snapshot.repo.blob($0) }
      }
      try recordHistory(db, repo: snapshot.repo, from: parent, to: head)
      try Self.setHead(db, head, claims: claims)
      return .commit
    }
  }

  private static func head(_ db: Database) throws -> ObjectID? {
    try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'head'").flatMap(ObjectID.init(hex:))
  }

  private static func setHead(_ db: Database, _ head: ObjectID, claims: Int) throws {
    try db.execute(
      sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('head', ?), ('claims', ?)",
      arguments: [head.hex, String(claims)])
  }

  /// Records which claims each new commit touched, oldest first.
  private func recordHistory(_ db: Database, repo: Repository, from base: ObjectID?, to head: ObjectID) throws {
    for id in try repo.commits(after: base, upTo: head, order: .oldestFirst) {
      let commit = try repo.commit(id)
      let trailers = commit.trailers
      var touched: [(claim: String, kind: String, entries: String)] = []
      // The log entries the commit wrote (vet's merges name those of recorded conflicts),
      // joined once: an ingest's commit names hundreds of claims and entries.
      let entries = trailers.filter { $0.key == "Entry" }.map(\.value).joined(separator: " ")
      let action = trailers.first { $0.key == "Vet-Action" }?.value
      // An import names no claims in its trailers (it may write thousands): its tree says which.
      if commit.parents.count <= 1 && action != nil && action != "import" {
        // Each claim's row holds its own entries, not the hundreds of an ingest's other claims.
        let own = Self.entriesOfClaims(trailers)
        // Sorted, so that the rows of one commit are written in the same order on every build.
        for claim in Set(trailers.filter { $0.key == "Claim" }.map(\.value)).sorted() {
          touched.append((claim, "vet", own.map { $0[claim, default: []].joined(separator: " ") } ?? entries))
        }
      } else {
        // Made with git, or a merge: the trees say which claims changed.
        let kind = commit.parents.count > 1 ? "merge" : action == "import" ? "import" : "edit"
        var changedInAll: Set<String>?
        for parent in commit.parents.isEmpty ? [nil] : commit.parents.map(Optional.some) {
          let parentTree = try parent.map { try repo.commit($0).tree }
          let changed = Set(
            try repo.changedPaths(from: parentTree, to: commit.tree).compactMap { Self.claimID(path: $0.path) })
          changedInAll = changedInAll.map { $0.intersection(changed) } ?? changed
        }
        for claim in (changedInAll ?? []).sorted() { touched.append((claim, kind, entries)) }
      }
      guard !touched.isEmpty else { continue }
      let (hex, author, date, subject) = (
        commit.id.hex, commit.author.identity, commit.author.date.timeIntervalSince1970, commit.subject
      )
      let insert = try db.cachedStatement(
        sql: "INSERT INTO history(claim, commit_id, kind, entries, author, date, subject) VALUES (?, ?, ?, ?, ?, ?, ?)")
      for t in touched {
        try insert.execute(arguments: [t.claim, hex, t.kind, t.entries, author, date, subject])
      }
    }
  }

  /// The log entries each claim of a single-parent vet commit wrote.
  ///
  /// Every writer follows a claim's `Claim` trailer with that claim's `Entry`
  /// trailers. Nil when the trailers do not pair so (an entry before any
  /// claim, a claim with no entry of its own): then each claim is given all.
  static func entriesOfClaims(_ trailers: [(key: String, value: String)]) -> [String: [String]]? {
    var entries: [String: [String]] = [:]
    var current: String?
    var paired = true
    for trailer in trailers {
      if trailer.key == "Claim" {
        guard paired else { return nil }
        current = trailer.value
        paired = false
      } else if trailer.key == "Entry" {
        guard let claim = current else { return nil }
        entries[claim, default: []].append(trailer.value)
        paired = true
      }
    }
    return paired ? entries : nil
  }

  /// The number of claims the index holds, as `catchUp` and `advance` keep it: counting
  /// the rows reads a whole index of the table, 20 ms at 100,000 claims.
  static func claimCount(_ db: Database) throws -> Int {
    if let kept = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'claims'").flatMap({ Int($0) }) {
      return kept
    }
    return try Int.fetchOne(db, sql: "SELECT count(*) FROM claims") ?? 0
  }

  /// Re-reads the claim files of `changes`, but those `known` holds.
  /// - Parameter blob: reads a blob from git (on this thread: a libgit2 handle is not shared).
  /// - Returns: how many claims the index gained (fewer than zero when it lost some).
  private func recordClaims(
    _ db: Database, changes: [ChangedPath], known: [ObjectID: Claim] = [:], from base: ObjectID?,
    blob: (ObjectID) -> [UInt8]?
  ) throws -> Int {
    // In chunks: each chunk's files are read from git, parsed and their new sentences analysed
    // on all cores, then written in order.
    var claimChanges: [(change: ChangedPath, id: String, number: Int64)] = []
    for change in changes where change.path.hasPrefix("claims/") && change.path.hasSuffix(".md") {
      do {
        let id = try Claim.checkPlacement(change.path)
        if let number = Self.number(of: id) { claimChanges.append((change, id, number)) }
      } catch {
        // Not where a claim can be read (a copy in another shard, a stray
        // name): never indexed, but reported rather than silently ignored.
        try recordUnreadable(db, change, ClaimFileProblem(path: change.path, error: error), from: base)
      }
    }
    var gained = 0
    for start in stride(from: 0, to: claimChanges.count, by: Self.chunk) {
      let part = Array(claimChanges[start..<min(start + Self.chunk, claimChanges.count)])
      let blobs = part.map { item in item.change.new.flatMap { known[$0] == nil ? blob($0) : nil } }
      let indexedSentences = try part.map { item in
        item.change.old == nil
          ? []
          : try String.fetchAll(
            db.cachedStatement(sql: "SELECT text FROM claim_sentences WHERE claim = ? ORDER BY seq"),
            arguments: [item.id])
      }
      let read = Parallel.mapRuns(part.count) { run in
        var encoder = StoredProfile.Encoder()
        return run.map { i in
          Self.read(
            part[i].change, id: part[i].id, known: known, blob: blobs[i], indexed: indexedSentences[i],
            encoder: &encoder)
        }
      }
      for (item, found) in zip(part, read) {
        gained += try record(db, item.change, id: item.id, number: item.number, found, from: base)
      }
    }
    if base == nil {
      // Counted once at the end of a full build rather than row by row.
      try db.execute(sql: "INSERT INTO word_stats(word, claims) SELECT word, count(*) FROM claim_words GROUP BY word")
    }
    return gained
  }

  /// How many changed files `recordClaims` reads before writing them.
  private static let chunk = 1024

  /// A changed claim file as read for the index.
  private struct ReadClaim: Sendable {
    /// Nil when the file is gone, or does not read as a claim (it is left out, and `problem` says why).
    var claim: Claim?
    /// Why a file that is there does not read as a claim.
    var problem: ClaimFileProblem?
    var sentences: [String]
    /// The sentences the index has for the claim; empty when it had none.
    var indexed: [String]
    /// Whether the claim's rows are updated where they are; else they are removed and the claim inserted anew.
    var inPlace: Bool
    /// Each sentence's `StoredProfile`, when its sentences are written (they differ, or the claim is inserted).
    var profiles: [[UInt8]?] = []
    /// The sentences' words, when they differ from the indexed ones.
    var words: Set<String> = []
    /// The claim's sources, search text and JSON, for its rows.
    var sources: [String] = []
    var search = ""
    var json = ""
    /// What `vet search` finds the claim by, in the columns of `claim_text`.
    var text: [String] = []

    var sameSentences: Bool { !indexed.isEmpty && indexed == sentences }
  }

  private static func read(
    _ change: ChangedPath, id: String, known: [ObjectID: Claim], blob: [UInt8]?, indexed: [String],
    encoder: inout StoredProfile.Encoder
  ) -> ReadClaim {
    var problem: ClaimFileProblem?
    var claim = change.new.flatMap { blobID in
      known[blobID]
        ?? blob.flatMap { bytes in
          do {
            guard let text = String(validating: bytes, as: UTF8.self) else {
              throw WorkbenchError.invalidFormat(file: change.path, line: nil, reason: "is not valid UTF-8 text")
            }
            return try Claim.read(text, path: change.path, named: id)
          } catch {
            problem = ClaimFileProblem(path: change.path, error: error)
            return nil
          }
        }
    }
    // A claim linked into another is only a pointer to it: not listed, counted or searched.
    if claim?.isAlias == true { claim = nil }
    let sentences = claim.map { Self.sentences(of: $0) } ?? []
    // Indexed before: most of its rows stay as they are (a restated claim gains one source).
    let inPlace = claim?.id == id && !indexed.isEmpty
    var found = ReadClaim(claim: claim, problem: problem, sentences: sentences, indexed: indexed, inPlace: inPlace)
    if let claim {
      (found.sources, found.search, found.json) = (
        Self.sources(of: claim), Self.search(of: claim), ClaimJSON.encode(claim)
      )
      found.text = Self.fullText(of: claim)
    }
    if !found.sameSentences || !inPlace { found.profiles = sentences.map { encoder.encode($0) } }
    if !found.sameSentences { found.words = Set(sentences.flatMap(Self.words)) }
    return found
  }

  /// Writes one changed claim's rows; returns how many claims the index gained (-1, 0 or 1).
  private func record(
    _ db: Database, _ change: ChangedPath, id: String, number: Int64, _ found: ReadClaim, from base: ObjectID?
  ) throws -> Int {
    var gained = 0
    let (claim, sameSentences, newWords) = (found.claim, found.sameSentences, found.words)
    var oldWords: Set<String> = []
    // Words come from the sentences alone: a claim restated in the same
    // words, or given a status, keeps all of them (most changes).
    if change.old != nil && !sameSentences {
      oldWords = Set(
        try String.fetchAll(
          db.cachedStatement(sql: "SELECT word FROM claim_words WHERE claim = ?"), arguments: [number]))
    }
    if let claim, let blob = change.new, found.inPlace {
      try update(db, claim: claim, blob: blob, number: number, found)
    } else {
      if change.old != nil {
        try db.cachedStatement(sql: "DELETE FROM claims WHERE id = ?").execute(arguments: [id])
        gained -= db.changesCount
        try db.cachedStatement(sql: "DELETE FROM claim_text WHERE rowid = ?").execute(arguments: [number])
        for table in [
          "claim_details WHERE id", "claim_sources WHERE claim", "claim_tags WHERE claim",
          "claim_sentences WHERE claim",
        ] {
          try db.cachedStatement(sql: "DELETE FROM \(table) = ?").execute(arguments: [id])
        }
      }
      if let claim, let blob = change.new {
        try insert(db, claim: claim, blob: blob, number: number, found)
        gained += 1
      }
    }
    try recordUnreadable(db, change, found.problem, from: base)
    if sameSentences { return gained }
    // Only the words a claim gained or lost are written: most changes (a
    // new appearance in the same words, a status) touch none.
    for word in oldWords.subtracting(newWords) {
      try db.cachedStatement(sql: "DELETE FROM claim_words WHERE word = ? AND claim = ?").execute(arguments: [
        word, number,
      ])
      try db.cachedStatement(sql: "UPDATE word_stats SET claims = claims - 1 WHERE word = ?").execute(arguments: [
        word
      ])
    }
    for word in newWords.subtracting(oldWords) {
      try db.cachedStatement(sql: "INSERT INTO claim_words(word, claim) VALUES (?, ?)").execute(arguments: [
        word, number,
      ])
      if base != nil {
        try db.cachedStatement(
          sql:
            "INSERT INTO word_stats(word, claims) VALUES (?, 1) ON CONFLICT(word) DO UPDATE SET claims = claims + 1"
        ).execute(arguments: [word])
      }
    }
    return gained
  }

  /// Keeps why a claim file that is there does not read as a claim, and
  /// forgets what the index said of its earlier version.
  private func recordUnreadable(
    _ db: Database, _ change: ChangedPath, _ problem: ClaimFileProblem?, from base: ObjectID?
  )
    throws
  {
    // A full build starts from an empty table.
    if base != nil && change.old != nil {
      try db.cachedStatement(sql: "DELETE FROM unreadable WHERE path = ?").execute(arguments: [change.path])
    }
    guard let problem, change.new != nil else { return }
    try db.cachedStatement(sql: "INSERT OR REPLACE INTO unreadable(path, line, reason) VALUES (?, ?, ?)").execute(
      arguments: [change.path, problem.line, problem.reason])
  }

  /// The sources of a claim, each once, sorted.
  static func sources(of claim: Claim) -> [String] {
    Array(Set(claim.appearances.map(\.source))).sorted()
  }

  /// The columns of a claim's `claims` row but its id, in the order the table has them.
  private static func columns(of claim: Claim, blob: ObjectID, sources: [String]) -> [DatabaseValueConvertible] {
    [
      blob.hex, claim.status, claim.statement, sources.joined(separator: "\n"),
      // To the second, as the claim's file has it: a claim recorded from memory has the clock's fraction.
      claim.tags.joined(separator: "\n"), claim.needsReview ? 1 : 0,
      claim.created.map { $0.timeIntervalSince1970.rounded(.down) } ?? 0,
      claim.appearances.first?.sentence ?? 0,
    ]
  }

  /// The text `ClaimFilter.text` searches: the statement and every quote, lowercased.
  static func search(of claim: Claim) -> String {
    ([claim.statement] + claim.appearances.map(\.quote)).joined(separator: "\n").lowercased()
  }

  /// Rewrites the rows of a claim the index has, but its words, changing only what differs.
  ///
  /// An ingest restates hundreds of claims, each gaining one appearance:
  /// their sentences and tags stay, and of their sources one is new.
  private func update(_ db: Database, claim: Claim, blob: ObjectID, number: Int64, _ found: ReadClaim) throws {
    let sources = found.sources
    try db.cachedStatement(
      sql: """
        UPDATE claims SET blob = ?, status = ?, statement = ?, sources = ?, tags = ?, needs_review = ?, created = ?,
          sentence = ? WHERE id = ?
        """
    ).execute(arguments: StatementArguments(Self.columns(of: claim, blob: blob, sources: sources) + [claim.id]))
    try db.cachedStatement(sql: "UPDATE claim_details SET search = ?, json = ? WHERE id = ?").execute(
      arguments: [found.search, found.json, claim.id])
    try db.cachedStatement(sql: "DELETE FROM claim_text WHERE rowid = ?").execute(arguments: [number])
    try insertText(db, claim: claim.id, number: number, found)
    for (table, column, values) in [("claim_sources", "source", Set(sources)), ("claim_tags", "tag", Set(claim.tags))] {
      let old = Set(
        try String.fetchAll(
          db.cachedStatement(sql: "SELECT \(column) FROM \(table) WHERE claim = ?"), arguments: [claim.id]))
      for value in old.subtracting(values).sorted() {
        try db.cachedStatement(sql: "DELETE FROM \(table) WHERE claim = ? AND \(column) = ?").execute(arguments: [
          claim.id, value,
        ])
      }
      for value in values.subtracting(old).sorted() {
        try db.cachedStatement(sql: "INSERT INTO \(table)(claim, \(column)) VALUES (?, ?)").execute(arguments: [
          claim.id, value,
        ])
      }
    }
    if !found.sameSentences {
      try db.cachedStatement(sql: "DELETE FROM claim_sentences WHERE claim = ?").execute(arguments: [claim.id])
      try insertSentences(db, claim: claim.id, found)
    }
  }

  /// Records everything about one claim but its words, which `recordClaims` keeps.
  private func insert(_ db: Database, claim: Claim, blob: ObjectID, number: Int64, _ found: ReadClaim) throws {
    let sources = found.sources
    try db.cachedStatement(
      sql: """
        INSERT INTO claims(id, blob, status, statement, sources, tags, needs_review, created, sentence)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    ).execute(arguments: StatementArguments([claim.id] + Self.columns(of: claim, blob: blob, sources: sources)))
    try db.cachedStatement(sql: "INSERT INTO claim_details(id, search, json) VALUES (?, ?, ?)").execute(
      arguments: [claim.id, found.search, found.json])
    try insertText(db, claim: claim.id, number: number, found)
    for source in sources {
      try db.cachedStatement(sql: "INSERT INTO claim_sources(claim, source) VALUES (?, ?)").execute(arguments: [
        claim.id, source,
      ])
    }
    for tag in Set(claim.tags) {
      try db.cachedStatement(sql: "INSERT INTO claim_tags(claim, tag) VALUES (?, ?)").execute(arguments: [
        claim.id, tag,
      ])
    }
    try insertSentences(db, claim: claim.id, found)
  }

  private func insertText(_ db: Database, claim: String, number: Int64, _ found: ReadClaim) throws {
    try db.cachedStatement(
      sql: "INSERT INTO claim_text(rowid, id, statement, quotes, notes, evidence) VALUES (?, ?, ?, ?, ?, ?)"
    ).execute(arguments: StatementArguments([number, claim] + found.text))
  }

  /// A claim's texts as `claim_text` keeps them: its statement, its distinct
  /// quotes, its log's notes, and the evidence those entries cite (URLs and
  /// file names), each a paragraph per item.
  static func fullText(of claim: Claim) -> [String] {
    var quotes: [String] = []
    for quote in claim.appearances.map(\.quote) where quote != claim.statement && !quotes.contains(quote) {
      quotes.append(quote)
    }
    return [
      claim.statement, quotes.joined(separator: "\n"), claim.log.compactMap(\.note).joined(separator: "\n"),
      claim.log.flatMap(\.evidence).joined(separator: "\n"),
    ]
  }

  private func insertSentences(_ db: Database, claim: String, _ found: ReadClaim) throws {
    for (seq, (text, profile)) in zip(found.sentences, found.profiles).enumerated() {
      try db.cachedStatement(sql: "INSERT INTO claim_sentences(claim, seq, text, profile) VALUES (?, ?, ?, ?)")
        .execute(arguments: [claim, seq, text, profile.map { Data($0) }])
    }
  }

  /// The distinct texts a claim is stated in, statement first, then its quotes in order.
  static func sentences(of claim: Claim) -> [String] {
    var seen = Set<String>()
    return ([claim.statement] + claim.appearances.map(\.quote)).filter { seen.insert($0).inserted }
  }

  /// A claim id as a number, and back, with no table between them.
  ///
  /// Ids are lowercase hex of at most `Identifier.claimLength` digits: the
  /// digits, padded with zeros on the right to full length, sit above four
  /// bits that hold the length. Numbers sort as their ids do as strings (a
  /// prefix first), so ranking by number ranks by id. Nil for anything else.
  static func number(of id: String) -> Int64? {
    guard Identifier.isHexPrefix(id) else { return nil }
    var value: Int64 = 0
    for byte in id.utf8 { value = value << 4 | Int64(byte <= UInt8(ascii: "9") ? byte &- 48 : byte &- 87) }
    let length = Int64(id.utf8.count)
    return (value << (4 * (Int64(Identifier.claimLength) - length))) << 4 | length
  }

  /// The id `number(of:)` gave `number`.
  static func claimID(number: Int64) -> String {
    let length = Int(number & 0xF)
    var digits = (number >> 4) >> (4 * (Int64(Identifier.claimLength) - Int64(length)))
    var bytes = [UInt8](repeating: UInt8(ascii: "0"), count: length)
    for k in stride(from: length - 1, through: 0, by: -1) {
      let digit = UInt8(digits & 0xF)
      bytes[k] = digit < 10 ? digit + 48 : digit + 87
      digits >>= 4
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func claimID(path: String) -> String? {
    guard path.hasPrefix("claims/"), path.hasSuffix(".md") else { return nil }
    let name = path.split(separator: "/").last.map { String($0.dropLast(3)) } ?? ""
    return Identifier.isHexPrefix(name) ? name : nil
  }

  /// The words a claim is found by when a new sentence might restate it:
  /// lowercased content words cut to five letters (a crude stem), and numbers.
  static func words(_ text: String) -> [String] {
    asciiWords(text) ?? characterWords(text)
  }

  /// `words` for any text, character by character.
  static func characterWords(_ text: String) -> [String] {
    text.lowercased().split { !$0.isLetter && !$0.isNumber }.compactMap { word in
      if word.allSatisfy(\.isNumber) { return String(word) }
      guard word.count >= 4, !stopwords.contains(String(word)) else { return nil }
      return String(word.prefix(5))
    }
  }

  /// `words` for ASCII text, byte by byte; nil for any other text.
  ///
  /// For ASCII, letters are A–Z and a–z and numbers 0–9, as `Character` has
  /// them. The index takes the words of every claim it records.
  static func asciiWords(_ text: String) -> [String]? {
    let found = text.utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
      var words: [String] = []
      var word: [UInt8] = []
      var digitsOnly = true
      func finish() {
        defer {
          word.removeAll(keepingCapacity: true)
          digitsOnly = true
        }
        guard !word.isEmpty else { return }
        if digitsOnly {
          words.append(String(decoding: word, as: UTF8.self))
        } else if word.count >= 4 {
          let whole = String(decoding: word, as: UTF8.self)
          if !stopwords.contains(whole) { words.append(String(decoding: word.prefix(5), as: UTF8.self)) }
        }
      }
      for byte in bytes {
        switch byte {
        case 0x80...: return nil
        case UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
        case UInt8(ascii: "a")...UInt8(ascii: "z"):
          word.append(byte)
          digitsOnly = false
        case UInt8(ascii: "A")...UInt8(ascii: "Z"):
          word.append(byte + 0x20)
          digitsOnly = false
        default: finish()
        }
      }
      finish()
      return words
    }
    return found ?? nil
  }

  static let stopwords: Set<String> = [
    "that", "this", "with", "from", "have", "were", "been", "said", "they", "their", "there", "which", "would", "about",
    "after", "when", "will", "into", "than", "more", "also", "some", "what", "where", "while", "being", "could",
    "other",
  ]

  // MARK: - Queries

  /// The names of the indexes SQLite has on the tables, other than their keys.
  func secondaryIndexNames() throws -> Set<String> {
    try queue.read { db in
      Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
    }
  }

  /// Every history row as "claim commit", in the order the rows were written.
  func historyRows() throws -> [String] {
    try queue.read { db in
      try String.fetchAll(db, sql: "SELECT claim || ' ' || commit_id FROM history ORDER BY rowid")
    }
  }

  /// What `secondaryIndexNames` should find.
  static var expectedSecondaryIndexes: Set<String> { Set(secondaryIndexes.map(\.name)) }

  /// The commit the index was built from.
  func head() throws -> ObjectID? {
    try queue.read { try Self.head($0) }
  }

  /// The number of claims indexed, as the index keeps it.
  func indexedClaims() throws -> Int {
    try queue.read { try Self.claimCount($0) }
  }

  /// Claims matching `filter`, oldest first (claims from one ingest in article order).
  /// - Parameter withJSON: whether to read each claim's JSON too (the largest column by far).
  func claims(_ filter: ClaimFilter, withJSON: Bool = true) throws -> [ClaimSummary] {
    var claims: [ClaimSummary] = []
    try forEachClaim(filter, withJSON: withJSON) { claims.append($0) }
    return claims
  }

  /// Calls `body` with each claim matching `filter`, oldest first, as SQLite reads it.
  ///
  /// Nothing is collected: a listing of 100,000 claims renders each claim and
  /// lets it go. `body` runs inside the read, so it must not use the index.
  /// - Parameter withJSON: whether to read each claim's JSON too (the largest column by far).
  func forEachClaim(_ filter: ClaimFilter, withJSON: Bool = true, _ body: (ClaimSummary) throws -> Void) throws {
    let (conditions, arguments) = Self.conditions(filter, table: "claims")
    let sql =
      "SELECT id, status, statement, sources, tags, needs_review, created, sentence"
      + (withJSON ? ", (SELECT json FROM claim_details WHERE claim_details.id = claims.id)" : "") + " FROM claims"
      + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
      + " ORDER BY created, sentence, id"
    try queue.read { db in
      let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
      while let row = try rows.next() { try body(Self.summary(row, json: withJSON ? row[8] : nil)) }
    }
  }

  /// The SQL conditions on `table` (the `claims` table, or an alias of it) that select `filter`'s claims.
  private static func conditions(_ filter: ClaimFilter, table: String) -> ([String], [DatabaseValueConvertible]) {
    var conditions: [String] = []
    var arguments: [DatabaseValueConvertible] = []
    if let status = filter.status {
      conditions.append("\(table).status = ?")
      arguments.append(status)
    }
    if let source = filter.source {
      conditions.append("\(table).id IN (SELECT claim FROM claim_sources WHERE source = ?)")
      arguments.append(source)
    }
    if let tag = filter.tag {
      conditions.append("\(table).id IN (SELECT claim FROM claim_tags WHERE tag = ?)")
      arguments.append(tag)
    }
    if let text = filter.text {
      conditions.append("\(table).id IN (SELECT id FROM claim_details WHERE instr(search, ?) > 0)")
      arguments.append(text.lowercased())
    }
    if filter.needsReview { conditions.append("\(table).needs_review = 1") }
    return (conditions, arguments)
  }

  /// A summary from a row whose first eight columns are `claims`' id, status,
  /// statement, sources, tags, needs_review, created and sentence.
  private static func summary(_ row: Row, json: String?) -> ClaimSummary {
    ClaimSummary(
      id: row[0], status: row[1], statement: row[2], sources: list(row[3]), tags: list(row[4]),
      needsReview: (row[5] as Int) == 1, json: json, created: row[6], sentence: row[7])
  }

  /// The claims with these ids, as `forEachClaim` reads them (without their JSON); ids it lacks are missing.
  func summaries(ids: [String]) throws -> [String: ClaimSummary] {
    try queue.read { db in
      var found: [String: ClaimSummary] = [:]
      // In chunks, well under SQLite's limit on bound parameters.
      for start in stride(from: 0, to: ids.count, by: 500) {
        let chunk = Array(ids[start..<min(start + 500, ids.count)])
        let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
        let rows = try Row.fetchCursor(
          db,
          sql: "SELECT id, status, statement, sources, tags, needs_review, created, sentence FROM claims "
            + "WHERE id IN (\(marks))", arguments: StatementArguments(chunk))
        while let row = try rows.next() {
          let summary = Self.summary(row, json: nil)
          found[summary.id] = summary
        }
      }
      return found
    }
  }

  /// The claims whose texts match `query`, an FTS5 query (`FullTextQuery`
  /// makes one from what a user typed), best first, at most `limit`.
  ///
  /// Ranked by bm25, a match in the statement weighing most, then quotes,
  /// then notes and evidence; ties by id. Each hit's snippet marks the
  /// matched words with `SearchHit.open` and `close`.
  ///
  /// The ranking reads the full-text table alone (joined to `claims` only to
  /// filter), and only the best `limit` are then joined for their rows and
  /// snippets: a common word matches tens of thousands of claims at 100,000,
  /// and looking each up cost several times the ranking.
  func search(_ query: String, filter: ClaimFilter, limit: Int, withJSON: Bool) throws -> [SearchHit] {
    let (conditions, arguments) = Self.conditions(filter, table: "c")
    let rank = "bm25(claim_text, 0.0, 4.0, 2.0, 1.0, 1.0)"
    let marks = "char(\(SearchHit.open.value)), char(\(SearchHit.close.value))"
    let json = withJSON ? ", (SELECT json FROM claim_details d WHERE d.id = c.id)" : ""
    let ranked =
      conditions.isEmpty
      ? "FROM claim_text WHERE claim_text MATCH ?"
      : "FROM claim_text JOIN claims c ON c.id = claim_text.id WHERE claim_text MATCH ?"
        + conditions.map { " AND " + $0 }.joined()
    // CROSS JOIN keeps SQLite from scanning every match again: each of the best is found by its rowid.
    let sql: String = """
      WITH top AS (SELECT claim_text.rowid AS r, \(rank) AS score \(ranked) ORDER BY score, claim_text.rowid LIMIT ?)
      SELECT c.id, c.status, c.statement, c.sources, c.tags, c.needs_review, c.created, c.sentence,
        snippet(claim_text, -1, \(marks), '…', 16), top.score\(json)
      FROM top CROSS JOIN claim_text ON claim_text.rowid = top.r JOIN claims c ON c.id = claim_text.id
      WHERE claim_text MATCH ? ORDER BY top.score, top.r
      """
    let values: [DatabaseValueConvertible] = [query] + arguments + [limit, query]
    return try queue.read { db in
      try Row.fetchAll(db, sql: sql, arguments: StatementArguments(values)).map { row -> SearchHit in
        let score: Double = row[9] ?? 0
        return SearchHit(claim: Self.summary(row, json: withJSON ? row[10] : nil), marked: row[8], score: -score)
      }
    }
  }

  private static func list(_ text: String) -> [String] {
    // Most claims have one source and no tags: no need to split.
    if text.isEmpty { return [] }
    if !text.utf8.contains(0x0A) { return [text] }
    return text.split(separator: "\n").map(String.init)
  }

  /// The claim files the index left out because they do not read as claims, by path.
  func unreadable() throws -> [ClaimFileProblem] {
    try queue.read { db in
      try Row.fetchAll(db, sql: "SELECT path, line, reason FROM unreadable ORDER BY path").map {
        ClaimFileProblem(path: $0[0], line: $0[1], reason: $0[2])
      }
    }
  }

  /// How many claims have each status.
  func statusCounts() throws -> [String: Int] {
    try queue.read { db in
      var counts: [String: Int] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT status, count(*) FROM claims GROUP BY status") {
        counts[row[0]] = row[1]
      }
      return counts
    }
  }

  /// The commits that touched a claim, oldest first.
  func commits(of claim: String) throws -> [ClaimCommit] {
    try queue.read { db in
      try Row.fetchAll(
        db, sql: "SELECT commit_id, kind, entries, author, date, subject FROM history WHERE claim = ? ORDER BY seq",
        arguments: [claim]
      ).map { row in
        ClaimCommit(
          commit: row[0], kind: row[1], entries: (row[2] as String).split(separator: " ").map(String.init),
          author: row[3], date: Date(timeIntervalSince1970: row[4]), subject: row[5])
      }
    }
  }

  /// Claims sharing the most of `text`'s rare words: the candidates a new sentence may restate.
  ///
  /// A restatement keeps most of its distinctive words (names, places,
  /// numbers, uncommon stems). Words found in many claims say little and would
  /// make the query visit thousands of rows per sentence, so only the rarest
  /// few are looked up (those in at most 1% of claims, or failing that the two
  /// rarest), and a candidate must share at least two of them (one when the
  /// sentence has fewer than three).
  func candidates(for text: String, limit: Int = 12) throws -> [String] {
    try candidates(for: [text], limit: limit)[0]
  }

  /// The candidates of each of `texts`, as `candidates(for:)` finds them.
  ///
  /// An article's sentences share most of their words: each word's count and
  /// claims are read once for all of them.
  func candidates(for texts: [String], limit: Int = 12) throws -> [[String]] {
    let wordsOfText = texts.map { Array(Set(Self.words($0))) }
    let allWords = Array(Set(wordsOfText.joined()))
    guard !allWords.isEmpty else { return texts.map { _ in [] } }
    let (counts, claims) = try queue.read { db in
      var counts: [String: Int] = [:]
      // In chunks, well under SQLite's limit on bound parameters.
      for start in stride(from: 0, to: allWords.count, by: 500) {
        let chunk = Array(allWords[start..<min(start + 500, allWords.count)])
        let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
        let rows = try Row.fetchCursor(
          db, sql: "SELECT word, claims FROM word_stats WHERE word IN (\(marks)) AND claims > 0",
          arguments: StatementArguments(chunk))
        while let row = try rows.next() { counts[row[0]] = row[1] }
      }
      return (counts, try Self.claimCount(db))
    }
    let cap = max(50, claims / 100)
    let rarestOfText = wordsOfText.map { words -> [String] in
      let counted = words.compactMap { word in counts[word].map { (word: word, claims: $0) } }
        .sorted { ($0.claims, $0.word) < ($1.claims, $1.word) }
      let rarest = counted.prefix(Self.rareWords).filter { $0.claims <= cap }.map(\.word)
      return rarest.count < 2 ? counted.prefix(2).map(\.word) : rarest
    }
    // Each word's postings are read once, in claim order, and a sentence's
    // few lists are merged: its rare words can name thousands of claims at
    // 100,000, and counting them in a hash table cost more than reading them.
    let needed = Array(Set(rarestOfText.joined())).sorted()
    let postingsOfWord = try queue.read { db in
      let postings = try db.cachedStatement(sql: "SELECT claim FROM claim_words WHERE word = ? ORDER BY claim")
      return try Dictionary(
        uniqueKeysWithValues: needed.map { word in
          (word, try Self.numbers(postings, word: word, expected: counts[word] ?? 0, in: db))
        })
    }
    return rarestOfText.map { rarest in
      guard !rarest.isEmpty else { return [] }
      let found = Self.shared(rarest.map { postingsOfWord[$0] ?? [] }, atLeast: rarest.count >= 3 ? 2 : 1)
      // Most shared words first, then by id (numbers sort as ids do): the order the claims were always ranked in.
      return found.sorted { $0.shared != $1.shared ? $0.shared > $1.shared : $0.claim < $1.claim }
        .prefix(limit).map { Self.claimID(number: $0.claim) }
    }
  }

  /// The claim numbers `postings` lists for `word`.
  private static func numbers(_ postings: Statement, word: String, expected: Int, in db: Database) throws -> [Int64] {
    try postings.setArguments([word])
    var numbers: [Int64] = []
    numbers.reserveCapacity(expected)
    try step(postings, in: db) { numbers.append(sqlite3_column_int64($0, 0)) }
    return numbers
  }

  /// Hands each row of `statement` (its arguments set) to `row`, to read
  /// through SQLite's C interface: GRDB's generic decoding of each row cost
  /// more than SQLite reading it, for the thousands of rows an ingest reads.
  private static func step(_ statement: Statement, in db: Database, _ row: (OpaquePointer) -> Void) throws {
    let handle = statement.sqliteStatement
    defer { sqlite3_reset(handle) }
    while true {
      switch sqlite3_step(handle) {
      case SQLITE_ROW: row(handle)
      case SQLITE_DONE: return
      case let code:
        throw DatabaseError(
          resultCode: ResultCode(rawValue: code),
          message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) })
      }
    }
  }

  /// The numbers found in at least `needed` of `lists` (each sorted, without
  /// repeats), with how many lists each is in, in ascending order.
  static func shared(_ lists: [[Int64]], atLeast needed: Int) -> [(claim: Int64, shared: Int)] {
    var heads = [Int](repeating: 0, count: lists.count)
    var found: [(claim: Int64, shared: Int)] = []
    while true {
      var smallest: Int64?
      for (k, list) in lists.enumerated() where heads[k] < list.count {
        if smallest.map({ list[heads[k]] < $0 }) ?? true { smallest = list[heads[k]] }
      }
      guard let claim = smallest else { return found }
      var count = 0
      for (k, list) in lists.enumerated() where heads[k] < list.count && list[heads[k]] == claim {
        count += 1
        heads[k] += 1
      }
      if count >= needed { found.append((claim, count)) }
    }
  }

  /// The distinct texts of each of `ids` (statement first, then quotes), as
  /// indexed, each with its `StoredProfile` (nil for a text without a sentence).
  ///
  /// What a matcher compares a new sentence with, without reading the claims
  /// from git or analysing their sentences; a claim the index left out (it
  /// did not parse) is missing.
  func sentences(of ids: [String]) throws -> [String: [(text: String, profile: [UInt8]?)]] {
    try queue.read { db in
      var texts: [String: [(text: String, profile: [UInt8]?)]] = [:]
      let statement = try db.cachedStatement(
        sql: "SELECT text, profile FROM claim_sentences WHERE claim = ? ORDER BY seq")
      for id in ids where texts[id] == nil {
        try statement.setArguments([id])
        var found: [(text: String, profile: [UInt8]?)] = []
        try Self.step(statement, in: db) { row in
          let text = String(
            decoding: UnsafeBufferPointer(start: sqlite3_column_text(row, 0), count: Int(sqlite3_column_bytes(row, 0))),
            as: UTF8.self)
          let length = Int(sqlite3_column_bytes(row, 1))
          found.append(
            (text, sqlite3_column_blob(row, 1).map { [UInt8](UnsafeRawBufferPointer(start: $0, count: length)) }))
        }
        if !found.isEmpty { texts[id] = found }
      }
      return texts
    }
  }

  /// How many of a sentence's rarest words are looked up.
  static let rareWords = 4
}
