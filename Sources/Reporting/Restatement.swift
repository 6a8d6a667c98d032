/// Decides whether two sentences say the same thing, in any words.
///
/// Used on ingest to link a new sentence to a claim already recorded, and by
/// the aligner as its similarity measure. Paraphrase-aware: content words
/// are compared by stem and synonym group ("capsized" ~ "overturned",
/// "officials" ~ "authorities"), figures by value and order of magnitude
/// ("at least 40" ~ "dozens"), names weigh most and reporting verbs least.
public enum Restatement {
  /// How much of their content two sentences share, from 0 (nothing) to 1
  /// (the same content words, names and figures).
  public static func similarity(_ a: Sentence, _ b: Sentence) -> Double {
    if a.text == b.text { return 1 }
    return similarity(SentenceProfile(a), SentenceProfile(b))
  }

  static func similarity(_ a: SentenceProfile, _ b: SentenceProfile) -> Double {
    let (shared, ta, tb) = SentenceProfile.overlap(a, b)
    guard ta > 0, tb > 0 else { return 0 }
    let dice = 2 * shared / (ta + tb)
    // A sentence that was shortened or extended in a rewrite keeps most of
    // the shorter side's content: give containment some say.
    let containment = shared / min(ta, tb)
    return min(1, 0.7 * dice + 0.3 * containment)
  }

  /// Threshold above which `isRestatement` links two sentences.
  public static let threshold = 0.45

  /// True if `b` restates `a` closely enough to be another appearance of the
  /// same claim: similar content and no contradiction in the names they
  /// share the role of.
  public static func isRestatement(_ a: Sentence, _ b: Sentence) -> Bool {
    if a.text == b.text { return true }
    return isRestatement(SentenceProfile(a), SentenceProfile(b))
  }

  static func isRestatement(_ pa: SentenceProfile, _ pb: SentenceProfile) -> Bool {
    let sim = similarity(pa, pb)
    guard sim >= threshold else { return false }
    // Sharing only reporting words ("officials said") is not a restatement.
    var content = 0
    for key in pa.weights.keys where pb.weights[key] != nil && !Synonyms.attributionKeys.contains(key) {
      content += 1
      if content >= 2 { return true }
    }
    return false
  }
}

/// Finds, among many recorded sentences, the one a new sentence restates.
///
/// `Restatement.isRestatement` analyses both sentences on every call; an
/// ingest that checks each new sentence against every recorded claim should
/// add the claims here once and query the index, which only scores the
/// recorded sentences sharing a content word with the query.
///
/// Texts added with `add(text:id:)` are read only as far as scoring needs
/// (their words, figures and hedges) when a query first needs them, and
/// analysed in full only when one is the answer.
public struct RestatementIndex<ID: Hashable & Sendable>: Sendable {
  private var ids: [ID] = []
  /// Each entry's sentence text and profile; nil while it waits to be read,
  /// or when its text held no sentence (such an entry never matches).
  private var texts: [String?] = []
  private var profiles: [SentenceProfile?] = []
  /// Each entry's sentence, once analysed in full.
  private var sentences: [Sentence?] = []
  /// The texts added with `add(text:id:)` that no query has needed yet.
  private var pending: [Int: String] = [:]
  /// The texts added with `add(text:id:)`, for analysing an answer in full.
  private var added: [Int: String] = [:]
  private var postings: [String: [Int]] = [:]
  private var entriesOfID: [ID: [Int]] = [:]

  /// Creates an empty index.
  public init() {}

  /// The number of sentences added.
  public var count: Int { ids.count }

  /// Records `sentence` under `id` (several sentences may share an id).
  public mutating func add(_ sentence: Sentence, id: ID) {
    let k = append(id)
    sentences[k] = sentence
    record(text: sentence.text, SentenceProfile(sentence), at: k)
  }

  /// Records the first sentence of `text` under `id`, as adding
  /// `Article(text: text).sentences.first` would; nothing when it has none.
  ///
  /// Entries keep the order they were added in, so every answer, ties
  /// included, is the one the analysed sentence would give.
  public mutating func add(text: String, id: ID) {
    let k = append(id)
    pending[k] = text
    added[k] = text
  }

  /// Records each of `texts` under its id, in order, with the first
  /// sentence and profile that `StoredProfile.Encoder` stored for it.
  ///
  /// Each ends up as `add(text:id:)` would once read it; stored bytes that
  /// do not decode are ignored and the text is read. The profiles are
  /// decoded on all cores first: an ingest adds thousands.
  public mutating func add(_ texts: [(text: String, id: ID, stored: [UInt8]?)]) {
    let decoded = Parallel.map(texts.count, grain: 256) { i in texts[i].stored.flatMap(StoredProfile.decode) }
    for (entry, found) in zip(texts, decoded) {
      guard let (first, profile) = found else {
        add(text: entry.text, id: entry.id)
        continue
      }
      let k = append(entry.id)
      added[k] = entry.text
      record(text: first, profile, at: k)
    }
  }

  private mutating func append(_ id: ID) -> Int {
    let k = ids.count
    ids.append(id)
    texts.append(nil)
    profiles.append(nil)
    sentences.append(nil)
    entriesOfID[id, default: []].append(k)
    return k
  }

  private mutating func record(text: String, _ profile: SentenceProfile, at k: Int) {
    texts[k] = text
    profiles[k] = profile
    for key in profile.weights.keys where RestatementQuery.isPosted(key) {
      postings[key, default: []].append(k)
    }
  }

  /// Reads pending entry `k` as far as its profile.
  ///
  /// A profile needs only the first sentence's tokens, figures and hedges,
  /// which `Article(text:)` finds from that sentence's text alone; the
  /// rest of an analysis (attribution, names, kinds, the other sentences)
  /// waits until the entry is an answer.
  private mutating func read(_ k: Int) {
    var classes: [String: SentenceProfile.WordClass] = [:]
    guard let text = pending.removeValue(forKey: k),
      let (first, profile) = SentenceProfile.firstSentence(of: text, classes: &classes)
    else { return }
    record(text: first, profile, at: k)
  }

  /// Reads every entry that waits to be read, on all cores.
  ///
  /// The entries end up as the queries would have read them one at a time;
  /// for a caller that will need them all anyway (an ingest compares every
  /// new sentence with its candidates), reading them together shares the
  /// work between the cores.
  public mutating func readPending() {
    let waiting = pending.sorted { $0.key < $1.key }
    pending.removeAll()
    // Each run of entries with one table of word classes: the candidates
    // of one article share most of their words.
    let read = Parallel.mapRuns(waiting.count) { run in
      var classes: [String: SentenceProfile.WordClass] = [:]
      return run.map { i in SentenceProfile.firstSentence(of: waiting[i].value, classes: &classes) }
    }
    for ((k, _), found) in zip(waiting, read) {
      if let (first, profile) = found { record(text: first, profile, at: k) }
    }
  }

  /// Entry `k`'s sentence, analysed in full.
  private mutating func sentence(_ k: Int) -> Sentence? {
    if let sentence = sentences[k] { return sentence }
    let sentence = added[k].flatMap { Article(text: $0).sentences.first }
    sentences[k] = sentence
    return sentence
  }

  /// A recorded sentence that a lookup found, before it is analysed in full.
  public struct Match: Sendable {
    /// The id the sentence was recorded under.
    public let id: ID
    /// How much of its content the query shares, from 0 to 1.
    public let similarity: Double
    fileprivate let entry: Int
  }

  /// The recorded sentence that `sentence` restates best, with its id and
  /// similarity; nil if none passes `Restatement.isRestatement`.
  public mutating func best(for sentence: Sentence) -> (id: ID, sentence: Sentence, similarity: Double)? {
    analysed(bestMatch(for: RestatementQuery(sentence)))
  }

  /// Like `best(for:)`, but only among the sentences recorded under `candidates`.
  ///
  /// For a caller that already knows which recorded claims are worth
  /// comparing: the cost follows their number, not the size of the index.
  public mutating func best(for sentence: Sentence, among candidates: [ID]) -> (
    id: ID, sentence: Sentence, similarity: Double
  )? {
    analysed(bestMatch(for: RestatementQuery(sentence), among: candidates))
  }

  /// `match` with its sentence analysed in full; nil if there is no match, or no sentence.
  private mutating func analysed(_ match: Match?) -> (id: ID, sentence: Sentence, similarity: Double)? {
    guard let match, let found = sentence(match.entry) else { return nil }
    return (match.id, found, match.similarity)
  }

  /// The match `best(for:)` would answer with, its sentence not yet analysed.
  public mutating func bestMatch(for query: RestatementQuery) -> Match? {
    readPending()
    // Counts in an array and entries read in place: an ingest scores each
    // sentence against thousands of recorded ones.
    var shared = [Int](repeating: 0, count: ids.count)
    var touched: [Int] = []
    for key in query.profile.weights.keys {
      guard let list = postings[key] else { continue }
      for k in list {
        if shared[k] == 0 { touched.append(k) }
        shared[k] += 1
      }
    }
    return best(for: query, among: touched.sorted()) { shared[$0] }
  }

  /// The match `best(for:among:)` would answer with, its sentence not yet analysed.
  public mutating func bestMatch(for query: RestatementQuery, among candidates: [ID]) -> Match? {
    bestMatches([(query, candidates)])[0]
  }

  /// What `bestMatch(for:among:)` answers for each lookup, scored on all
  /// cores: an ingest looks up each of its hundreds of sentences among its own candidates.
  public mutating func bestMatches(_ lookups: [(query: RestatementQuery, among: [ID])]) -> [Match?] {
    let entries = lookups.map { lookup in Array(Set(lookup.among.flatMap { entriesOfID[$0] ?? [] })).sorted() }
    for list in entries {
      for k in list { read(k) }
    }
    let index = self
    return Parallel.map(lookups.count, grain: 8) { i in
      let query = lookups[i].query
      return index.best(for: query, among: entries[i]) { k in
        guard let weights = index.profiles[k]?.weights else { return 0 }
        return query.postedKeys.reduce(0) { $0 + (weights[$1] != nil ? 1 : 0) }
      }
    }
  }

  /// The sentences of `matches`, analysed in full, those not analysed yet on all cores.
  ///
  /// Each is the sentence `best(for:)` answers with; nil where a recorded
  /// text holds no sentence.
  public mutating func sentences(of matches: [Match]) -> [Sentence?] {
    var missing: [Int] = []
    var seen = Set<Int>()
    for match in matches where sentences[match.entry] == nil && seen.insert(match.entry).inserted {
      missing.append(match.entry)
    }
    let texts = missing.map { added[$0] }
    let analysed = Parallel.map(missing.count) { i in texts[i].flatMap { Article(text: $0).sentences.first } }
    for (k, sentence) in zip(missing, analysed) { sentences[k] = sentence }
    return matches.map { sentences[$0.entry] }
  }

  /// The best of `entries` (in insertion order, so that ties go to the
  /// earliest recorded sentence), given how many posted keys each shares with the query.
  private func best(for query: RestatementQuery, among entries: [Int], shared: (Int) -> Int) -> Match? {
    var best: (k: Int, similarity: Double)? = nil
    for k in entries {
      guard let text = texts[k], let profile = profiles[k] else { continue }
      let same = text == query.sentence.text
      guard same || shared(k) >= 2 else { continue }
      let sim = same ? 1 : Restatement.similarity(profile, query.profile)
      guard sim > (best?.similarity ?? -1) else { continue }
      guard same || Restatement.isRestatement(profile, query.profile) else { continue }
      best = (k, sim)
      // Nothing scores above 1, and ties go to the earliest.
      if sim >= 1 { break }
    }
    return best.map { Match(id: ids[$0.k], similarity: $0.similarity, entry: $0.k) }
  }
}

/// A sentence to look up in a `RestatementIndex`, analysed once however
/// many lookups it takes.
public struct RestatementQuery: Sendable {
  /// The sentence looked up.
  public let sentence: Sentence
  let profile: SentenceProfile
  /// The keys of `profile` that find recorded sentences.
  let postedKeys: [String]

  /// Analyses `sentence` for lookups.
  public init(_ sentence: Sentence) {
    self.init(sentence, profile: SentenceProfile(sentence))
  }

  /// Analyses `sentence` of `article` for lookups, taking its tokens from
  /// the article's analysis when they are still there.
  public init(_ sentence: Sentence, in article: Article) {
    var classes: [String: SentenceProfile.WordClass] = [:]
    self.init(sentence, in: article, classes: &classes)
  }

  /// `init(_:in:)`, taking word classes from `classes` and adding to it.
  init(_ sentence: Sentence, in article: Article, classes: inout [String: SentenceProfile.WordClass]) {
    let i = sentence.index
    let tokens =
      article.sentences.indices.contains(i) && article.sentences[i].text == sentence.text
      ? article.tokens(of: i) : Tokenizer.tokenize(sentence.text)
    self.init(
      sentence,
      profile: SentenceProfile(
        tokens: tokens, quantities: sentence.quantities, hedges: sentence.hedges, classes: &classes))
  }

  /// The queries for `sentences` of `article`, as `init(_:in:)` makes
  /// them, made on all cores.
  public static func queries(for sentences: [Sentence], in article: Article) -> [RestatementQuery] {
    Parallel.mapRuns(sentences.count) { run in
      var classes: [String: SentenceProfile.WordClass] = [:]
      return run.map { RestatementQuery(sentences[$0], in: article, classes: &classes) }
    }
  }

  private init(_ sentence: Sentence, profile: SentenceProfile) {
    self.sentence = sentence
    self.profile = profile
    self.postedKeys = profile.weights.keys.filter(Self.isPosted)
  }

  /// Whether a key finds recorded sentences: reporting words and orders of
  /// magnitude are shared by too many to say anything.
  static func isPosted(_ key: String) -> Bool {
    !Synonyms.attributionKeys.contains(key) && !key.hasPrefix("#m")
  }
}
