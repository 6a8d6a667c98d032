import Crypto
import Foundation
import GitKit
import Reporting

/// Metadata given when a source is added.
public struct SourceMetadata: Sendable {
  public var slug: String?
  public var title: String?
  public var outlet: String?
  public var url: String?
  public var published: String?
  public var reliability: String?
  public var byline: String?
  /// When the page says the article last changed (ISO 8601).
  public var modified: String?

  public init(
    slug: String? = nil, title: String? = nil, outlet: String? = nil, url: String? = nil, published: String? = nil,
    reliability: String? = nil, byline: String? = nil, modified: String? = nil
  ) {
    self.slug = slug
    self.title = title
    self.outlet = outlet
    self.url = url
    self.published = published
    self.reliability = reliability
    self.byline = byline
    self.modified = modified
  }
}

/// What ingesting one version of a source did.
public struct IngestResult: Sendable {
  public var source: Source
  public var version: Int
  /// Claims created from this version's sentences.
  public var created: [Claim]
  /// Existing claims this version restates, now with a new appearance (and the drift, if any).
  public var linked: [(claim: Claim, drift: [Change])]
  /// Sentences by kind, for the report.
  public var kinds: [SentenceKind: Int]
  public var commit: String?
}

extension Workspace {
  /// Stores an article as a new source and extracts its claims.
  ///
  /// Sentences that restate an existing claim become new appearances of it,
  /// with their drift recorded; the rest become new claims. Headlines,
  /// datelines, credit lines and boilerplate never become claims.
  /// - Parameters:
  ///   - bytes: the article as read; it must be non-empty UTF-8 text within the size limit.
  ///   - name: the file name, for messages.
  ///   - extract: false stores the text without extracting claims.
  /// - Parameter page: the web page the text was extracted from, as served,
  ///   kept beside the version (`Source.pagePath`) with its SHA-256.
  public func addSource(
    _ bytes: [UInt8], name: String, metadata: SourceMetadata, extract: Bool = true, page: [UInt8]? = nil
  ) throws -> IngestResult {
    let text = try TextInput.decode(bytes, name: name)
    if let slug = metadata.slug { try Identifier.validateSlug(slug, argument: "--id") }
    let published = try metadata.published.map { value -> Date in
      guard let date = ISODate.parse(value) else {
        throw WorkbenchError.invalidArgument(
          name: "--published",
          reason: "'\(Terminal.escape(value))' is not an ISO 8601 date (2026-11-23 or 2026-11-23T14:05:00Z)")
      }
      return date
    }
    let reliability = try metadata.reliability.map { value -> String in
      let grade = value.uppercased()
      guard ["A", "B", "C", "D", "E", "F"].contains(grade) else {
        throw WorkbenchError.invalidArgument(
          name: "--reliability",
          reason: "'\(Terminal.escape(value))' is not a grade A–F (A completely reliable … F cannot be judged)")
      }
      return grade
    }
    if let url = metadata.url, url.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
      throw WorkbenchError.invalidArgument(name: "--url", reason: "must not contain control characters")
    }
    let article = Article(text: text)
    let title =
      metadata.title ?? article.sentences.first(where: { $0.kind == .headline })?.text
      ?? String((article.sentences.first?.text ?? name).prefix(80))
    var result: IngestResult?
    try commit { snapshot in
      var slug = metadata.slug ?? Identifier.slug(from: title)
      if try snapshot.source(slug: slug) != nil {
        guard metadata.slug == nil else {
          throw WorkbenchError.invalidArgument(
            name: "--id",
            reason: "source '\(slug)' already exists; record a new version with `vet source update \(slug) FILE`")
        }
        let base = slug
        var n = 2
        while try snapshot.source(slug: "\(base)-\(n)") != nil { n += 1 }
        slug = "\(base)-\(n)"
      }
      var source = Source(
        slug: slug, title: title, outlet: metadata.outlet, url: metadata.url, published: published,
        reliability: reliability, byline: metadata.byline)
      source.modified = metadata.modified.flatMap(ISODate.parse)
      let (operation, ingest) = try self.ingest(
        article: article, bytes: bytes, into: &source, snapshot: snapshot, previous: nil, extract: extract, page: page)
      result = ingest
      return operation
    }
    guard var result else { throw WorkbenchError.contention(attempts: 0) }
    result.commit = try headCommit()
    return result
  }

  /// Records a new version of an existing source.
  ///
  /// Each sentence aligned with a sentence of the previous version that was a
  /// claim becomes a new appearance of that claim, with the drift between them.
  /// - Parameter page: the web page the text was extracted from, as served (see `addSource`).
  public func updateSource(_ slug: String, bytes: [UInt8], name: String, extract: Bool = true, page: [UInt8]? = nil)
    throws -> IngestResult
  {
    try Identifier.validateSlug(slug)
    let text = try TextInput.decode(bytes, name: name)
    let article = Article(text: text)
    var result: IngestResult?
    try commit { snapshot in
      guard var source = try snapshot.source(slug: slug), let last = source.latest else {
        throw WorkbenchError.notFound(kind: "source", id: slug)
      }
      let previousBytes = try snapshot.data(Source.textPath(slug: slug, version: last.number)) ?? []
      if previousBytes == bytes {
        throw WorkbenchError.invalidArgument(
          name: "FILE", reason: "\(name) is identical to \(slug) version \(last.number); nothing to record")
      }
      let previous = Article(text: String(decoding: previousBytes, as: UTF8.self))
      let (operation, ingest) = try self.ingest(
        article: article, bytes: bytes, into: &source, snapshot: snapshot, previous: (previous, last), extract: extract,
        page: page)
      result = ingest
      return operation
    }
    guard var result else { throw WorkbenchError.contention(attempts: 0) }
    result.commit = try headCommit()
    return result
  }

  /// Builds the commit for one new version: the text, the metadata, new and linked claims.
  private func ingest(
    article: Article, bytes: [UInt8], into source: inout Source, snapshot: Snapshot,
    previous: (article: Article, version: SourceVersion)?, extract: Bool, page: [UInt8]? = nil
  ) throws -> (Operation, IngestResult) {
    let config = try snapshot.config()
    let author = try self.author()
    let now = clock()
    let number = (source.latest?.number ?? 0) + 1
    var files: [String: [UInt8]?] = [Source.textPath(slug: source.slug, version: number): bytes]
    if let page { files[Source.pagePath(slug: source.slug, version: number)] = page }
    var created: [Claim] = []
    var linked: [(Claim, [Change])] = []
    var trailers: [(String, String)] = [
      ("Vet-Action", number == 1 ? "source-add" : "source-update"), ("Source", "\(source.slug)@\(number)"),
    ]
    var claimIDs: [String] = []
    var claims: [String: Claim] = [:]
    var touched: [String: Claim] = [:]

    if extract {
      let claimIndex = try index(at: snapshot)
      let sentences = article.claims
      // A byte-for-byte copy of a recorded version is aligned with it at once,
      // without looking for each sentence's claim in the index first.
      let copied = previous == nil ? try recordedVersion(holding: bytes, snapshot: snapshot) : nil
      var matcher = try ClaimMatcher(
        snapshot: snapshot, index: claimIndex,
        previous: copied ?? previous.map { ($0.article, $0.version, source.slug) }, current: article)
      if copied != nil, !matcher.isDerivation {
        matcher = try ClaimMatcher(snapshot: snapshot, index: claimIndex, previous: nil, current: article)
      }
      var (matches, near, unanchored) = try matcher.matches(sentences)
      // A new source derived from one already recorded (a rewrite, a copy) is
      // aligned with it, as `vet diff` aligns them: splits and merges included.
      // Whether it is one counts the sentences too bare to be linked on their own.
      let counted = matches.enumerated().map { k, match in match ?? unanchored[k].map { ($0, sentences[k]) } }
      // Claims read once for this ingest: the origin's, the previous version's and the restated are mostly the same.
      var readClaims: [String: Claim] = [:]
      if previous == nil, !matcher.isDerivation,
        let origin = try derivedOrigin(
          of: counted, sentences: sentences.count, snapshot: snapshot, reading: &readClaims)
      {
        let derived = try ClaimMatcher(
          snapshot: snapshot, index: claimIndex, previous: origin, current: article, known: readClaims)
        if derived.isDerivation {
          matcher = derived
          (matches, near, unanchored) = try derived.matches(sentences)
        }
      }
      // The drift of each sentence that is the first to restate its claim, worked out together on all cores.
      var first = Set<String>()
      let restating = sentences.indices.filter { k in matches[k].map { first.insert($0.0).inserted } ?? false }
      let drifts = ClaimDrift.changes(restating.compactMap { k in matches[k].map { ($0.1, sentences[k]) } })
      let driftOfSentence = Dictionary(uniqueKeysWithValues: zip(restating, drifts))
      // The claims restated, read and parsed on all cores before each is given its appearance.
      let restated = restating.compactMap { matches[$0]?.0 }
      let unread = restated.filter { readClaims[$0] == nil }
      var read = Dictionary(uniqueKeysWithValues: zip(unread, try snapshot.claimsPreferringWorkingFiles(ids: unread)))
      for id in restated where read[id] == nil { read[id] = readClaims[id].map { .success($0) } }
      for (k, sentence) in sentences.enumerated() {
        let appearance = Appearance(source: source.slug, version: number, sentence: sentence)
        let targets = matches[k].map { [($0.0, $0.1)] + matcher.alsoRestates(sentence).map { ($0.claim, $0.earlier) } }
        let isMerge = (targets?.count ?? 0) > 1
        for (n, (id, earlier)) in (targets ?? []).enumerated() {
          var claim = try touched[id] ?? (read[id] ?? Result { try snapshot.claimPreferringWorkingFile(id: id) }).get()
          // A claim this version restates twice (a sentence split in two, two
          // claims linked since) gets an appearance for each sentence.
          guard
            !claim.appearances.contains(where: {
              $0.source == source.slug && $0.version == number && $0.sentence == sentence.index
            })
          else { continue }
          let again = claim.appearances.contains { $0.source == source.slug && $0.version == number }
          let drift = (n == 0 ? driftOfSentence[k] : nil) ?? ClaimDrift.changes(from: earlier, to: sentence)
          let entry = LogEntry(
            action: .appearance, author: author, date: now, source: source.slug, version: number,
            drift: drift.map(Self.describe))
          // Aligned in a derived copy although an identifying detail changed
          // (the strike moved to another city): kept, and shown to an analyst.
          // A revised figure is the quantity drift an update is expected to have.
          // A sentence two were merged into names what each of them named: no flag.
          if matcher.isAligned(sentence), !isMerge, let difference = ClaimIdentity.difference(earlier, sentence),
            difference.slot != "figure"
          {
            claim.review.append(
              "\(source.slug)@\(number) #\(sentence.index) changes an identifying detail (\(difference)); check it is the same event"
            )
          }
          claim.appearances.append(appearance)
          claim.log.append(entry)
          touched[id] = claim
          trailers.append(("Claim", id))
          trailers.append(("Entry", entry.id))
          if again { continue }
          linked.append((claim, drift))
          claimIDs.append(id)
        }
        if targets == nil {
          var id = try freshClaimID(snapshot)
          while touched[id] != nil { id = try freshClaimID(snapshot) }
          let entry = LogEntry(
            action: .created, author: author, date: now, status: config.initialStatus, source: source.slug,
            version: number)
          var claim = Claim(
            id: id, statement: sentence.text, status: config.initialStatus, appearances: [appearance], log: [entry])
          // The same wording with a figure moved a little: perhaps a revision of that claim. An analyst decides.
          if let (other, reason) = near[k] { _ = claim.suggest(other, reason: reason) }
          touched[id] = claim
          created.append(claim)
          trailers.append(("Claim", id))
          trailers.append(("Entry", entry.id))
          claimIDs.append(id)
        }
      }
      created = created.map { touched[$0.id] ?? $0 }
      linked = linked.map { (touched[$0.0.id] ?? $0.0, $0.1) }
    }
    var version = SourceVersion(
      number: number, retrieved: now, author: author, words: Self.wordCount(article),
      sentences: article.sentences.count, claims: claimIDs)
    version.pageSHA256 = page.map { SHA256.hash(data: $0).map { String(format: "%02x", $0) }.joined() }
    source.versions.append(version)
    // The source's file (the longest to render: first) and the claims', on all cores.
    let changed = Array(touched.values)
    let final = source
    let rendered = Parallel.map(changed.count + 1, grain: 16) { k in
      Result { Array(try (k == 0 ? final.rendered() : changed[k - 1].rendered()).utf8) }
    }
    files[source.path] = try rendered[0].get()
    for (claim, bytes) in zip(changed, rendered.dropFirst()) {
      files[Claim.path(for: claim.id)] = try bytes.get()
      claims[Claim.path(for: claim.id)] = claim
    }
    let subject =
      number == 1
      ? "Add source \(source.slug): \(source.title ?? "")"
      : "Update source \(source.slug) to version \(number)"
    let body = extract ? "\(created.count) new claims, \(linked.count) restated." : "Stored without extracting claims."
    var kinds: [SentenceKind: Int] = [:]
    for sentence in article.sentences { kinds[sentence.kind, default: 0] += 1 }
    let result = IngestResult(
      source: source, version: number, created: created, linked: linked, kinds: kinds, commit: nil)
    return (Operation(files: files, subject: subject, body: body, trailers: trailers, claims: claims), result)
  }

  static func wordCount(_ article: Article) -> Int {
    article.sentences.reduce(0) { $0 + $1.text.split(whereSeparator: \.isWhitespace).count }
  }

  /// The recorded source version whose text is exactly `bytes`, with its
  /// text analysed; nil when no version holds them (the usual case, found by
  /// one lookup in git's object store).
  private func recordedVersion(holding bytes: [UInt8], snapshot: Snapshot) throws -> (
    article: Article, version: SourceVersion, slug: String
  )? {
    let blob = try ObjectID.blob(hashing: bytes)
    guard try repo.contains(blob) else { return nil }
    for folder in try snapshot.entries("sources") where folder.mode == .tree {
      for entry in try repo.tree(folder.id).entries where entry.id == blob {
        guard entry.name.hasPrefix("v"), entry.name.hasSuffix(".txt"),
          let number = Int(entry.name.dropFirst().dropLast(4)),
          let version = try snapshot.source(slug: folder.name)?.versions.first(where: { $0.number == number })
        else { continue }
        return (Article(text: String(decoding: bytes, as: UTF8.self)), version, folder.name)
      }
    }
    return nil
  }

  /// The recorded source version most of the matched claims appear in, with
  /// its text, when enough of the new article's claims restate it for the
  /// article to be a copy of it; nil otherwise.
  private func derivedOrigin(
    of matches: [(String, Sentence)?], sentences: Int, snapshot: Snapshot, reading claims: inout [String: Claim]
  ) throws -> (
    article: Article, version: SourceVersion, slug: String
  )? {
    let matched = Array(Set(matches.compactMap { $0?.0 }))
    guard matched.count >= 2, Double(matched.count) >= 0.2 * Double(sentences) else { return nil }
    var counts: [String: (slug: String, version: Int, claims: Int)] = [:]
    for read in try snapshot.claimsPreferringWorkingFiles(ids: matched) {
      guard let claim = try? read.get() else { continue }
      claims[claim.id] = claim
      for place in Set(claim.appearances.map { "\($0.source)@\($0.version)" }) {
        guard let appearance = claim.appearances.first(where: { "\($0.source)@\($0.version)" == place }) else {
          continue
        }
        counts[place, default: (appearance.source, appearance.version, 0)].claims += 1
      }
    }
    // The most claims, the earliest version among equals (the original, not a copy of it).
    guard
      let best = counts.values.max(by: {
        ($0.claims, -$0.version, $1.slug) < ($1.claims, -$1.version, $0.slug)
      }),
      // Most of the claims it restates come from that one version: an article
      // quoting many sources is a copy of none of them.
      best.claims >= 2, Double(best.claims) >= 0.5 * Double(matched.count),
      let source = try snapshot.source(slug: best.slug),
      let version = source.versions.first(where: { $0.number == best.version }),
      let bytes = try snapshot.data(Source.textPath(slug: best.slug, version: best.version))
    else { return nil }
    return (Article(text: String(decoding: bytes, as: UTF8.self)), version, best.slug)
  }

  /// "quantity: at least 40 → dozens", the way drift is written in a claim's log.
  static func describe(_ change: Change) -> String {
    let from = change.from.isEmpty ? "(none)" : change.from
    let to = change.to.isEmpty ? "(none)" : change.to
    return "\(change.type.rawValue): \(from) → \(to)"
  }

  // MARK: - Reading sources

  /// All sources, by slug.
  public func sources() throws -> [Source] {
    try snapshot().sources().sorted { $0.slug < $1.slug }
  }

  /// One source and the text of one of its versions (the latest when `version` is nil).
  public func source(_ slug: String, version: Int? = nil) throws -> (
    source: Source, version: SourceVersion, text: String
  ) {
    try Identifier.validateSlug(slug)
    let snapshot = try snapshot()
    guard let source = try snapshot.source(slug: slug) else { throw WorkbenchError.notFound(kind: "source", id: slug) }
    guard let chosen = version.map({ v in source.versions.first { $0.number == v } }) ?? source.latest else {
      throw WorkbenchError.notFound(kind: "source", id: "\(slug)@\(version ?? 0)")
    }
    let bytes = try snapshot.data(Source.textPath(slug: slug, version: chosen.number)) ?? []
    return (source, chosen, String(decoding: bytes, as: UTF8.self))
  }
}

/// Finds the existing claim a new sentence restates.
///
/// For a new version of a source, the previous version is aligned with the new
/// one and a sentence inherits the claim of the sentence it aligns with. Any
/// other sentence is compared with the claims the index finds sharing its
/// rare words, so the cost follows the article, not the workspace; only when
/// none of those is restated is it compared with the claims found for the
/// article's other sentences (an article mostly tells one story, and a
/// restatement may have lost the words that would find it).
struct ClaimMatcher {
  private var aligned: [Int: (claim: String, earlier: Sentence)] = [:]
  /// The further claims a sentence restates when the alignment merged several sentences into it.
  private var merged: [Int: [(claim: String, earlier: Sentence)]] = [:]
  /// The article derives from the previous version given (`vet diff`'s
  /// verdict: an update, a rewrite, a copy), so its alignment decides.
  private(set) var isDerivation = false
  /// The claims of the previous version: a sentence the alignment left
  /// unpaired is, by the aligner's word, none of them.
  private var previousClaims: Set<String> = []
  private let index: ClaimIndex
  /// The candidates of each sentence of the article that is not aligned, by sentence index.
  private var candidates: [Int: [String]] = [:]
  /// Every sentence's candidates, in article order.
  private var pool: [String] = []
  private let restatements = Memo(RecordedClaims())
  /// The article whose sentences are matched, for their tokens.
  private let current: Article

  /// - Parameters:
  ///   - previous: the source's previous version, its text and its slug,
  ///     when the article is a new version of it.
  ///   - known: claims this ingest has read already, by id, so they are not read again.
  init(
    snapshot: Snapshot, index: ClaimIndex, previous: (article: Article, version: SourceVersion, slug: String)?,
    current: Article, known: [String: Claim] = [:]
  ) throws {
    self.index = index
    self.current = current
    if let previous {
      // Each sentence of the previous version and the claim it appeared as:
      // the version's own appearances only (a claim also quoted by another
      // source has other sentence numbers there), the first claim listed
      // when two share a sentence, so the answer never depends on hashing.
      var claimOfSentence: [Int: String] = [:]
      var seen = Set<String>()
      // Read and parsed on all cores: a copy of a long article restates hundreds.
      let ids = previous.version.claims.filter { seen.insert($0).inserted }
      let unread = ids.filter { known[$0] == nil }
      let fetched = Dictionary(
        uniqueKeysWithValues: zip(unread, try snapshot.claimsPreferringWorkingFiles(ids: unread)))
      for id in ids {
        guard let claim = known[id] ?? (try? fetched[id]?.get()) else { continue }
        for appearance in claim.appearances
        where appearance.source == previous.slug && appearance.version == previous.version.number {
          if let index = appearance.sentence, claimOfSentence[index] == nil { claimOfSentence[index] = claim.id }
        }
      }
      previousClaims = Set(claimOfSentence.values)
      let diff = ReportingDiff.diff(previous.article, current)
      isDerivation = ["B appears to be", "B appears to build on"].contains(where: diff.summary.verdict.hasPrefix)
      for pair in diff.pairs where !pair.a.isEmpty && !pair.b.isEmpty {
        var claimsOfPair: [(claim: String, earlier: Sentence)] = []
        for a in pair.a {
          if let claim = claimOfSentence[a], !claimsOfPair.contains(where: { $0.claim == claim }) {
            claimsOfPair.append((claim, previous.article.sentences[a]))
          }
        }
        guard let first = claimsOfPair.first else { continue }
        for b in pair.b {
          aligned[b] = (first.claim, previous.article.sentences[pair.a[0]])
        }
        // Two sentences merged into one: it restates each of their claims.
        if pair.b.count == 1, claimsOfPair.count > 1 { merged[pair.b[0]] = Array(claimsOfPair.dropFirst()) }
      }
    }
    let unaligned = current.claims.filter { aligned[$0.index] == nil }
    var seen = Set<String>()
    for (sentence, found) in zip(unaligned, try index.candidates(for: unaligned.map(\.text))) {
      candidates[sentence.index] = found
      pool += found.filter { seen.insert($0).inserted }
    }
    // Each sentence reads its own candidates before scoring them, so every
    // claim of the pool is read sooner or later: read them all now, on all
    // cores. Recorded in pool order, which is the order the sentences would
    // have recorded them in, they break ties the same way.
    try record(pool)
    restatements.value.index.readPending()
  }

  /// Whether `sentence` inherits its claim from the alignment with an earlier version.
  func isAligned(_ sentence: Sentence) -> Bool { aligned[sentence.index] != nil }

  /// The claims `sentence` restates besides its match: those of the other
  /// sentences of the earlier version that the alignment merged into it.
  func alsoRestates(_ sentence: Sentence) -> [(claim: String, earlier: Sentence)] { merged[sentence.index] ?? [] }

  /// The claim each of `sentences` restates and the sentence it was matched
  /// with; and, for a sentence kept apart only by a figure that moved a
  /// little, the claim it may revise.
  ///
  /// Candidates are analysed at most once, from the texts the claim index
  /// keeps, and kept in a restatement index for the rest of the ingest.
  /// Every sentence is scored first and the sentences matched are analysed
  /// in full after, together on all cores: which one is the best match
  /// depends only on the scores.
  func matches(_ sentences: [Sentence]) throws -> (
    matches: [(String, Sentence)?], near: [Int: (claim: String, reason: String)], unanchored: [Int: String]
  ) {
    var near: [Int: (claim: String, reason: String)] = [:]
    var unanchored: [Int: String] = [:]
    let open = sentences.indices.filter { aligned[sentences[$0].index] == nil }
    let queries = RestatementQuery.queries(for: open.map { sentences[$0] }, in: current)
    // Each sentence among its own candidates first, all together; the pool only for those that found none.
    let own = try open.map { k in try candidates[sentences[k].index] ?? index.candidates(for: sentences[k].text) }
    for list in own { try record(list) }
    var found = restatements.value.index.bestMatches(Array(zip(queries, own)))
    for (i, query) in queries.enumerated() where found[i] == nil {
      try record(pool)
      found[i] = restatements.value.index.bestMatch(for: query)
    }
    let analysed = restatements.value.index.sentences(of: found.compactMap { $0 })
    var result = sentences.map { sentence in aligned[sentence.index].map { ($0.claim, $0.earlier) } }
    var next = analysed.makeIterator()
    for ((k, query), hit) in zip(zip(open, queries), found) {
      guard let hit, let matched = next.next() else { continue }
      // The aligner left it unpaired, so it is none of the previous version's
      // claims; unless it repeats one word for word (a copy the diff did not pair).
      if previousClaims.contains(hit.id) && matched?.text != query.sentence.text { continue }
      if let matched {
        // Similar words about another event (another place, day, figure…) make a claim of its own.
        if let difference = ClaimIdentity.difference(matched, query.sentence) {
          if difference.mayBeRevision {
            near[k] = (hit.id, "same wording, \(difference.slot) \(difference.from) → \(difference.to)")
          }
        } else if !previousClaims.contains(hit.id), !Self.isAnchored(query.sentence) {
          // Nothing in the sentence says which event it is about ("Power was
          // cut to around 5,000 households"): only its article does, and this
          // article is not a copy of that claim's. An analyst decides.
          near[k] = (hit.id, "same claim in words, but it names no place, person, organisation or time")
          unanchored[k] = hit.id
        } else {
          result[k] = (hit.id, matched)
        }
      } else {
        // A recorded text without a sentence does not match: look further, as a single lookup would.
        try record(pool)
        let again = restatements.value.index.bestMatch(for: query)
        result[k] = again.flatMap { m in restatements.value.index.sentences(of: [m])[0].map { (m.id, $0) } }
      }
    }
    return (result, near, unanchored)
  }

  /// Whether a sentence names what tells its event from another of the same
  /// shape: a place, person or organisation, or a time.
  static func isAnchored(_ sentence: Sentence) -> Bool { !sentence.entities.isEmpty || !sentence.times.isEmpty }

  /// Analyses the claims of `ids` not analysed yet and adds their sentences to the restatement index.
  private func record(_ ids: [String]) throws {
    let missing = ids.filter { !restatements.value.known.contains($0) }
    guard !missing.isEmpty else { return }
    let texts = try index.sentences(of: missing)
    var added: [(text: String, id: String, stored: [UInt8]?)] = []
    for id in missing {
      restatements.value.known.insert(id)
      for (text, profile) in texts[id] ?? [] { added.append((text, id, profile)) }
    }
    // Profiled when the index was written; analysed in full only if a sentence needs them.
    restatements.value.index.add(added)
  }
}

/// The claims one ingest has analysed so far, and their sentences' profiles.
struct RecordedClaims {
  var index = RestatementIndex<String>()
  var known: Set<String> = []
}

/// A mutable box, so a matcher can remember what it analysed while being used as a value.
final class Memo<Value> {
  var value: Value
  init(_ value: Value) { self.value = value }
}
