import Foundation

/// The canonical claim text codec: claim files in the layout vet itself
/// writes, read and written without Yams.
///
/// Parsing and emitting through Yams dominates building the claim index and
/// ingesting an article, yet vet only ever writes a small, regular subset of
/// YAML. Both directions here answer only when the result is provably the one
/// the Yams path gives (`Claim(yamlParsing:file:)`, `Claim.yamlRendered()`),
/// and return `nil` for anything else, so that the caller falls back to Yams,
/// which also words the errors with line numbers.
enum ClaimText {
  /// A claim read from `text` when it uses only the canonical subset, else nil.
  ///
  /// The subset: `---` fences with LF line ends; known keys, each at most
  /// once, in any order; block mappings and sequences indented as libyaml's
  /// emitter indents them; one-line plain or single-quoted scalars; flow
  /// sequences of those; literal blocks (`|`, `|-`, `|+`) without an
  /// indentation indicator. No comments, tabs, double quotes, anchors, tags,
  /// or values the Yams path would refuse.
  static func parse(_ text: String) -> Claim? {
    var text = text
    return text.withUTF8 { bytes in
      var reader = Reader(bytes)
      return reader.claim()
    }
  }

  /// The text `Claim.yamlRendered()` gives for `claim`, byte for byte, or nil
  /// when a scalar needs a style this writer does not produce.
  static func render(_ claim: Claim) -> String? {
    var writer = Writer()
    guard writer.claim(claim) else { return nil }
    return String(decoding: writer.out, as: UTF8.self)
  }
}

// MARK: - Bytes

private enum Byte {
  static let newline = UInt8(ascii: "\n")
  static let space = UInt8(ascii: " ")
  static let dash = UInt8(ascii: "-")
  static let colon = UInt8(ascii: ":")
  static let quote = UInt8(ascii: "'")
  static let hash = UInt8(ascii: "#")
  static let bar = UInt8(ascii: "|")
  static let open = UInt8(ascii: "[")
  static let close = UInt8(ascii: "]")
  static let comma = UInt8(ascii: ",")

  /// Characters that YAML reads as an indicator at the start of a plain scalar.
  static func isIndicator(_ c: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
      UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
      UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
      UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
      return true
    default:
      return false
    }
  }

  /// The length of the UTF-8 sequence `lead` starts.
  static func width(_ lead: UInt8) -> Int {
    lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
  }
}

// MARK: - Reading

/// A line-by-line reader of the canonical subset; any surprise is a nil.
private struct Reader {
  let b: UnsafeBufferPointer<UInt8>
  /// The front matter's lines, without their line breaks.
  var lines: [Range<Int>] = []
  /// The next line to read.
  var next = 0
  /// Where the body starts.
  var bodyStart = 0

  init(_ bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

  mutating func claim() -> Claim? {
    guard split() else { return nil }
    var id: String?
    var statement: String?
    var status: String?
    var credibility: Int?
    var tags: [String]?
    var review: [String]?
    var linked: String?
    var aliases: [String]?
    var suggestions: [Suggestion]?
    var dismissed: [String]?
    var appearances: [Appearance]?
    var log: [LogEntry]?
    while next < lines.count {
      guard let (key, after, end) = keyLine(column: 0, dash: nil) else { return nil }
      switch key {
      case "id":
        guard id == nil, let v = scalar(after, end, column: 0) else { return nil }
        id = v
      case "statement":
        guard statement == nil, let v = scalar(after, end, column: 0) else { return nil }
        statement = v
      case "status":
        guard status == nil, let v = scalar(after, end, column: 0) else { return nil }
        status = v
      case "credibility":
        guard credibility == nil, let v = scalar(after, end, column: 0), let n = Int(v), (1...6).contains(n)
        else { return nil }
        credibility = n
      case "tags":
        guard tags == nil, let v = list(after, end, column: 0) else { return nil }
        tags = v
      case "review":
        guard review == nil, let v = list(after, end, column: 0) else { return nil }
        review = v
      case "linked":
        guard linked == nil, let v = scalar(after, end, column: 0), Identifier.isHexPrefix(v), v.count >= 4 else {
          return nil
        }
        linked = v
      case "aliases":
        guard aliases == nil, let v = list(after, end, column: 0) else { return nil }
        aliases = v
      case "suggestions":
        guard suggestions == nil, let v = items(after, end, column: 0, Reader.suggestion) else { return nil }
        suggestions = v
      case "dismissed":
        guard dismissed == nil, let v = list(after, end, column: 0) else { return nil }
        dismissed = v
      case "appearances":
        guard appearances == nil, let v = items(after, end, column: 0, Reader.appearance) else { return nil }
        appearances = v
      case "log":
        guard log == nil, let v = items(after, end, column: 0, Reader.logEntry) else { return nil }
        log = v
      default:
        return nil
      }
    }
    guard let id, Identifier.isHexPrefix(id), id.count >= 4, let statement, let status else { return nil }
    let body = String(decoding: UnsafeBufferPointer(rebasing: b[bodyStart...]), as: UTF8.self)
    return Claim(
      id: id, statement: statement, status: status, credibility: credibility, tags: tags ?? [],
      appearances: appearances ?? [], review: review ?? [], log: log ?? [], body: body, linked: linked,
      aliases: aliases ?? [], suggestions: suggestions ?? [], dismissed: dismissed ?? [])
  }

  /// Finds the fences and the lines between them, refusing any byte a plain
  /// or single-quoted scalar could not hold as is: controls (tab, CR),
  /// non-printable or non-BMP characters, Unicode line breaks, and trailing
  /// spaces, which YAML would drop.
  mutating func split() -> Bool {
    guard b.count >= 4, b[0] == Byte.dash, b[1] == Byte.dash, b[2] == Byte.dash, b[3] == Byte.newline else {
      return false
    }
    var start = 4
    while start < b.count {
      var i = start
      while i < b.count, b[i] != Byte.newline {
        let c = b[i]
        if c < 0x80 {
          guard c >= 0x20, c != 0x7F else { return false }
          i += 1
        } else {
          guard let w = Reader.printableWidth(b, i) else { return false }
          i += w
        }
      }
      if i - start == 3, b[start] == Byte.dash, b[start + 1] == Byte.dash, b[start + 2] == Byte.dash {
        bodyStart = min(i + 1, b.count)
        return true
      }
      if i > start, b[i - 1] == Byte.space { return false }
      lines.append(start..<i)
      start = i + 1
    }
    return false
  }

  /// The width of the non-ASCII character at `i` when libyaml's emitter calls
  /// it printable and its scanner does not call it a line break; else nil.
  static func printableWidth(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
    let c = b[i]
    let w = Byte.width(c)
    guard w <= 3, i + w <= b.count else { return nil }
    var scalar = UInt32(c) & (w == 2 ? 0x1F : 0x0F)
    for k in 1..<w { scalar = scalar << 6 | UInt32(b[i + k] & 0x3F) }
    switch scalar {
    case 0xA0...0xD7FF: return scalar == 0x2028 || scalar == 0x2029 ? nil : w
    case 0xE000...0xFFFD: return scalar == 0xFEFF ? nil : w
    default: return nil
    }
  }

  func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self) }

  /// The key on the next line, which it consumes, when the key sits exactly at `column`.
  ///
  /// For the first key of a sequence item, `dash` is where its `- ` sits.
  /// Returns the key, where its value starts and where the line ends.
  mutating func keyLine(column: Int, dash: Int?) -> (String, Int, Int)? {
    guard next < lines.count else { return nil }
    let line = lines[next]
    guard line.count > column else { return nil }
    for i in line.lowerBound..<(line.lowerBound + column) {
      if let dash, i == line.lowerBound + dash {
        guard b[i] == Byte.dash else { return nil }
      } else if let dash, i == line.lowerBound + dash + 1 {
        guard b[i] == Byte.space else { return nil }
      } else {
        guard b[i] == Byte.space else { return nil }
      }
    }
    var i = line.lowerBound + column
    while i < line.upperBound, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b[i]) { i += 1 }
    guard i > line.lowerBound + column, i < line.upperBound, b[i] == Byte.colon else { return nil }
    next += 1
    return (text((line.lowerBound + column)..<i), i + 1, line.upperBound)
  }

  /// Whether the next line starts a sequence item with its `-` at `column`.
  func itemStarts(column: Int) -> Bool {
    guard next < lines.count else { return false }
    let line = lines[next]
    guard line.count > column + 1, b[line.lowerBound + column] == Byte.dash else { return false }
    for i in line.lowerBound..<(line.lowerBound + column) where b[i] != Byte.space { return false }
    return true
  }

  /// The scalar value starting at `p`, just after `key:` or `-`.
  ///
  /// A space, then a plain, single-quoted or literal scalar. `column` is the
  /// key's or the dash's, so a literal block's lines sit at `column + 2`.
  mutating func scalar(_ p: Int, _ end: Int, column: Int) -> String? {
    guard end - p >= 2, b[p] == Byte.space, b[p + 1] != Byte.space else { return nil }
    let v = (p + 1)..<end
    switch b[v.lowerBound] {
    case Byte.bar:
      return literal(header: v, indent: column + 2)
    case Byte.quote:
      guard let (s, close) = quoted(v.lowerBound, end), close == end else { return nil }
      return s
    default:
      return plain(v, flow: false) ? text(v) : nil
    }
  }

  /// Whether `r` reads as this very text when plain: not empty, no leading
  /// indicator, no `: ` or ` #` inside, no trailing `:`, no null form; in
  /// flow context also none of `, [ ] { } : ?`.
  func plain(_ r: Range<Int>, flow: Bool) -> Bool {
    guard let first = r.first else { return false }
    let c0 = b[first]
    guard c0 != Byte.space, b[r.upperBound - 1] != Byte.space, b[r.upperBound - 1] != Byte.colon else { return false }
    if Byte.isIndicator(c0) {
      // libyaml's scanner starts a plain scalar at `-`, `?` or `:` followed by
      // a non-blank in block context (scanner.c, "Is it a plain scalar?"), and
      // its emitter writes such text plain: negative numbers, `?x`, `:x`.
      let startsPlain = c0 == Byte.dash || c0 == UInt8(ascii: "?") || c0 == Byte.colon
      guard !flow, startsPlain, r.count >= 2, b[first + 1] != Byte.space else { return false }
    }
    if r.count >= 3, c0 == UInt8(ascii: "."), b[first + 1] == UInt8(ascii: "."), b[first + 2] == UInt8(ascii: ".") {
      return false
    }
    var previous: UInt8 = 0
    for i in r {
      let c = b[i]
      if c == Byte.hash, previous == Byte.space { return false }
      if previous == Byte.colon, c == Byte.space { return false }
      if flow {
        switch c {
        case Byte.comma, Byte.open, Byte.close, UInt8(ascii: "{"), UInt8(ascii: "}"), Byte.colon, UInt8(ascii: "?"):
          return false
        default: break
        }
      }
      previous = c
    }
    switch r.count {
    case 1: return c0 != UInt8(ascii: "~")
    case 4: return !["null", "Null", "NULL"].contains(text(r))
    default: return true
    }
  }

  /// A single-quoted scalar opening at `p` and closing on the same line:
  /// its text and the index just past the closing quote.
  func quoted(_ p: Int, _ end: Int) -> (String, Int)? {
    guard p < end, b[p] == Byte.quote else { return nil }
    var i = p + 1
    var escaped: [UInt8]?
    var run = i
    while i < end {
      if b[i] == Byte.quote {
        if i + 1 < end, b[i + 1] == Byte.quote {
          escaped = (escaped ?? []) + b[run...i]
          i += 2
          run = i
          continue
        }
        guard var bytes = escaped else { return (text((p + 1)..<i), i + 1) }
        bytes += b[run..<i]
        return (String(decoding: bytes, as: UTF8.self), i + 1)
      }
      i += 1
    }
    return nil
  }

  /// A literal block: the header (`|`, `|-` or `|+`) then lines indented by
  /// exactly `indent` spaces, the first of them not starting with a space.
  mutating func literal(header: Range<Int>, indent: Int) -> String? {
    enum Chomp { case clip, strip, keep }
    let chomp: Chomp
    switch header.count {
    case 1: chomp = .clip
    case 2 where b[header.lowerBound + 1] == Byte.dash: chomp = .strip
    case 2 where b[header.lowerBound + 1] == UInt8(ascii: "+"): chomp = .keep
    default: return nil
    }
    // libyaml would take a deeper first line as the indentation; vet's
    // emitter writes an indentation indicator then, so such text is not ours.
    guard next < lines.count, lines[next].count > indent, b[lines[next].lowerBound + indent] != Byte.space,
      spaces(lines[next]) >= indent
    else { return nil }
    var out: [UInt8] = []
    var emptyLines = 0
    var last = next
    while next < lines.count {
      let line = lines[next]
      if line.isEmpty {
        emptyLines += 1
        next += 1
        continue
      }
      guard spaces(line) >= indent else { break }
      if next != last { out.append(contentsOf: repeatElement(Byte.newline, count: 1 + emptyLines)) }
      emptyLines = 0
      out.append(contentsOf: b[(line.lowerBound + indent)..<line.upperBound])
      last = next
      next += 1
    }
    // The YAML text ends without a line break (the break before the closing
    // `---` belongs to the fence), so a block that runs to the end loses it.
    let lastLine = lines.count - 1
    let hasBreak = last < lastLine
    let trailing = last + emptyLines == lastLine ? emptyLines - 1 : emptyLines
    switch chomp {
    case .strip: break
    case .clip: if hasBreak { out.append(Byte.newline) }
    case .keep:
      if hasBreak { out.append(Byte.newline) }
      out.append(contentsOf: repeatElement(Byte.newline, count: max(0, trailing)))
    }
    return String(decoding: out, as: UTF8.self)
  }

  func spaces(_ line: Range<Int>) -> Int {
    var i = line.lowerBound
    while i < line.upperBound, b[i] == Byte.space { i += 1 }
    return i - line.lowerBound
  }

  /// A list of text: a flow sequence on the key's line, or a block sequence
  /// whose dashes sit at the key's `column` (libyaml's indentless style).
  mutating func list(_ p: Int, _ end: Int, column: Int) -> [String]? {
    if p == end {
      var items: [String] = []
      while itemStarts(column: column) {
        let line = lines[next]
        next += 1
        guard let item = scalar(line.lowerBound + column + 1, line.upperBound, column: column) else { return nil }
        items.append(item)
      }
      return items.isEmpty ? nil : items
    }
    guard end - p >= 3, b[p] == Byte.space, b[p + 1] == Byte.open, b[end - 1] == Byte.close else { return nil }
    var items: [String] = []
    var i = p + 2
    if i == end - 1 { return items }
    while true {
      let itemEnd: Int
      if b[i] == Byte.quote {
        guard let (s, close) = quoted(i, end - 1) else { return nil }
        items.append(s)
        itemEnd = close
      } else {
        var j = i
        while j < end - 1, b[j] != Byte.comma { j += 1 }
        guard plain(i..<j, flow: true) else { return nil }
        items.append(text(i..<j))
        itemEnd = j
      }
      if itemEnd == end - 1 { return items }
      guard end - 1 - itemEnd >= 3, b[itemEnd] == Byte.comma, b[itemEnd + 1] == Byte.space else { return nil }
      i = itemEnd + 2
    }
  }

  /// A sequence of mappings: `[]`, or block items whose dashes sit at `column`.
  mutating func items<T>(_ p: Int, _ end: Int, column: Int, _ item: (inout Reader, Int) -> T?) -> [T]? {
    if end - p == 3, b[p] == Byte.space, b[p + 1] == Byte.open, b[p + 2] == Byte.close { return [] }
    guard p == end else { return nil }
    var items: [T] = []
    while itemStarts(column: column) {
      guard let value = item(&self, column) else { return nil }
      items.append(value)
    }
    return items.isEmpty ? nil : items
  }

  /// One appearance, its `-` at `column` and its keys two columns further in.
  static func appearance(_ r: inout Reader, _ column: Int) -> Appearance? {
    let c = column + 2
    var source: String?
    var version: Int?
    var sentence: Int?
    var quote: String?
    var attribution: String?
    var hedges: [String]?
    var quantities: [String]?
    var dash: Int? = column
    while let (key, p, end) = r.keyLine(column: c, dash: dash) {
      dash = nil
      switch key {
      case "source":
        guard source == nil, let v = r.scalar(p, end, column: c) else { return nil }
        source = v
      case "version":
        guard version == nil, let v = r.scalar(p, end, column: c), let n = Int(v) else { return nil }
        version = n
      case "sentence":
        guard sentence == nil, let v = r.scalar(p, end, column: c), let n = Int(v) else { return nil }
        sentence = n
      case "quote":
        guard quote == nil, let v = r.scalar(p, end, column: c) else { return nil }
        quote = v
      case "attribution":
        guard attribution == nil, let v = r.scalar(p, end, column: c) else { return nil }
        attribution = v
      case "hedges":
        guard hedges == nil, let v = r.list(p, end, column: c) else { return nil }
        hedges = v
      case "quantities":
        guard quantities == nil, let v = r.list(p, end, column: c) else { return nil }
        quantities = v
      default:
        return nil
      }
    }
    guard dash == nil, let source, let quote else { return nil }
    return Appearance(
      source: source, version: version ?? 1, sentence: sentence, quote: quote, attribution: attribution,
      hedges: hedges ?? [], quantities: quantities ?? [])
  }

  /// One suggestion, its `-` at `column` and its keys two columns further in.
  static func suggestion(_ r: inout Reader, _ column: Int) -> Suggestion? {
    let c = column + 2
    var claim: String?
    var reason: String?
    var dash: Int? = column
    while let (key, p, end) = r.keyLine(column: c, dash: dash) {
      dash = nil
      switch key {
      case "claim":
        guard claim == nil, let v = r.scalar(p, end, column: c) else { return nil }
        claim = v
      case "reason":
        guard reason == nil, let v = r.scalar(p, end, column: c) else { return nil }
        reason = v
      default:
        return nil
      }
    }
    guard dash == nil, let claim, let reason else { return nil }
    return Suggestion(claim: claim, reason: reason)
  }

  /// One log entry, its `-` at `column` and its keys two columns further in.
  static func logEntry(_ r: inout Reader, _ column: Int) -> LogEntry? {
    let c = column + 2
    var id: String?
    var action: LogEntry.Action?
    var author: String?
    var date: Date?
    var status: String?
    var note: String?
    var evidence: [String]?
    var source: String?
    var version: Int?
    var drift: [String]?
    var dash: Int? = column
    while let (key, p, end) = r.keyLine(column: c, dash: dash) {
      dash = nil
      switch key {
      case "id":
        guard id == nil, let v = r.scalar(p, end, column: c) else { return nil }
        id = v
      case "action":
        guard action == nil, let v = r.scalar(p, end, column: c), let a = LogEntry.Action(rawValue: v) else {
          return nil
        }
        action = a
      case "author":
        guard author == nil, let v = r.scalar(p, end, column: c) else { return nil }
        author = v
      case "date":
        guard date == nil, let v = r.scalar(p, end, column: c), let d = ISODate.parse(v) else { return nil }
        date = d
      case "status":
        guard status == nil, let v = r.scalar(p, end, column: c) else { return nil }
        status = v
      case "note":
        guard note == nil, let v = r.scalar(p, end, column: c) else { return nil }
        note = v
      case "evidence":
        guard evidence == nil, let v = r.list(p, end, column: c) else { return nil }
        evidence = v
      case "source":
        guard source == nil, let v = r.scalar(p, end, column: c) else { return nil }
        source = v
      case "version":
        guard version == nil, let v = r.scalar(p, end, column: c), let n = Int(v) else { return nil }
        version = n
      case "drift":
        guard drift == nil, let v = r.list(p, end, column: c) else { return nil }
        drift = v
      default:
        return nil
      }
    }
    guard dash == nil, let id, let action, let author, let date else { return nil }
    return LogEntry(
      id: id, action: action, author: author, date: date, status: status, note: note, evidence: evidence ?? [],
      source: source, version: version, drift: drift ?? [])
  }
}

// MARK: - Writing

/// Writes a claim as Yams would, mirroring libyaml's emitter
/// (`yaml_emitter_analyze_scalar`, `yaml_emitter_select_scalar_style`) with
/// `allowUnicode: true` and `width: -1`, and `YAMLBuilder`'s requested styles.
private struct Writer {
  var out: [UInt8] = []
  /// Whether the last block scalar kept its trailing line breaks (`|+`):
  /// libyaml then ends the stream with `...`, which this writer leaves to Yams.
  var openEnded = false

  init() { out.reserveCapacity(1024) }

  /// The style YAMLBuilder asks for; libyaml may still overrule it.
  enum Style { case plain, single, literal }

  mutating func append(_ s: String) { out.append(contentsOf: s.utf8) }

  mutating func claim(_ c: Claim) -> Bool {
    append("---\n")
    guard field("id", c.id, column: 0), field("statement", c.statement, column: 0),
      field("status", c.status, column: 0)
    else { return false }
    if let s = c.linked, !field("linked", s, column: 0) { return false }
    if let n = c.credibility { append("credibility: \(n)\n") }
    guard flow("tags", c.tags, column: 0) else { return false }
    if !c.review.isEmpty, !block("review", c.review, column: 0) { return false }
    if !c.aliases.isEmpty, !flow("aliases", c.aliases, column: 0) { return false }
    if !c.suggestions.isEmpty {
      append("suggestions:\n")
      for s in c.suggestions {
        append("- claim:")
        guard scalar(s.claim, flow: false, indent: 4), field("reason", s.reason, column: 2) else { return false }
      }
    }
    if !c.dismissed.isEmpty, !flow("dismissed", c.dismissed, column: 0) { return false }
    // An empty block sequence is written in flow style, as libyaml does.
    append(c.appearances.isEmpty ? "appearances: []\n" : "appearances:\n")
    for a in c.appearances { guard appearance(a) else { return false } }
    append(c.log.isEmpty ? "log: []\n" : "log:\n")
    for e in c.log { guard logEntry(e) else { return false } }
    guard !openEnded else { return false }
    append("---\n")
    append(c.body)
    return true
  }

  mutating func appearance(_ a: Appearance) -> Bool {
    append("- source:")
    guard scalar(a.source, flow: false, indent: 4) else { return false }
    append("  version: \(a.version)\n")
    if let n = a.sentence { append("  sentence: \(n)\n") }
    guard field("quote", a.quote, column: 2) else { return false }
    if let s = a.attribution, !field("attribution", s, column: 2) { return false }
    return flow("hedges", a.hedges, column: 2) && flow("quantities", a.quantities, column: 2)
  }

  mutating func logEntry(_ e: LogEntry) -> Bool {
    append("- id:")
    guard scalar(e.id, flow: false, indent: 4),
      field("action", e.action.rawValue, column: 2)
    else { return false }
    append("  date:")
    guard scalar(ISODate.format(e.date), tagged: .plain, flow: false, indent: 4),
      field("author", e.author, column: 2)
    else { return false }
    if let s = e.status, !field("status", s, column: 2) { return false }
    if let s = e.source, !field("source", s, column: 2) { return false }
    if let n = e.version { append("  version: \(n)\n") }
    if let s = e.note, !field("note", s, column: 2) { return false }
    if !e.evidence.isEmpty, !block("evidence", e.evidence, column: 2) { return false }
    if !e.drift.isEmpty, !block("drift", e.drift, column: 2) { return false }
    return true
  }

  /// `key: value` with the key at `column`.
  mutating func field(_ key: String, _ value: String, column: Int) -> Bool {
    out.append(contentsOf: repeatElement(Byte.space, count: column))
    append(key)
    out.append(Byte.colon)
    return scalar(value, flow: false, indent: column + 2)
  }

  /// `key: [a, b]`, as `YAMLBuilder` writes tags, hedges and quantities.
  mutating func flow(_ key: String, _ items: [String], column: Int) -> Bool {
    out.append(contentsOf: repeatElement(Byte.space, count: column))
    append(key)
    append(": [")
    for (n, item) in items.enumerated() {
      if n > 0 { append(", ") }
      guard scalar(item, flow: true, indent: 0) else { return false }
    }
    append("]\n")
    return true
  }

  /// `key:` then `- item` lines, the dashes at the key's column (libyaml's
  /// indentless sequence in a mapping).
  mutating func block(_ key: String, _ items: [String], column: Int) -> Bool {
    out.append(contentsOf: repeatElement(Byte.space, count: column))
    append(key)
    append(":\n")
    for item in items {
      out.append(contentsOf: repeatElement(Byte.space, count: column))
      out.append(Byte.dash)
      guard scalar(item, flow: false, indent: column + 2) else { return false }
    }
    return true
  }

  /// The style `YAMLBuilder.text` asks for `value`, nil when libyaml would
  /// then choose a style this writer does not produce anyway.
  ///
  /// Decided on bytes: `String.contains` goes through Foundation's string
  /// search and cost more than all the rest of this writer. Without a CR,
  /// `contains("\n")` is an LF byte under either character or UTF-16
  /// semantics. With an LF and a trailing space byte, `hasSuffix(" ")` could
  /// go either way (a space after a Prepend character joins its cluster), but
  /// both branches end in a multi-line single-quoted or a double-quoted
  /// scalar, so such text is declined; without a trailing space byte,
  /// `hasSuffix(" ")` is false.
  static func requested(_ value: String, _ v: UnsafeBufferPointer<UInt8>) -> Style? {
    var newline = false
    for c in v {
      if c == 0x0D { return nil }
      if c == Byte.newline { newline = true }
    }
    if newline { return v.last == Byte.space ? nil : .literal }
    // Only a value of at most five scalars (20 bytes) can lowercase to one of
    // looksTyped's words: lowercasing maps each scalar to one or more, and
    // canonical equivalence cannot shrink text to plain ASCII letters.
    // Longer values skip the `lowercased()` copy and test the first scalar,
    // as looksTyped does.
    if v.count <= 20 { return YAMLBuilder.looksTyped(value) ? .single : .plain }
    guard let first = value.unicodeScalars.first else { return .single }
    return ("0"..."9").contains(first) || "+-.~=<".unicodeScalars.contains(first) ? .single : .plain
  }

  /// Appends ` value` and its line break in the style libyaml would choose.
  ///
  /// Returns false when that style is one this writer does not produce.
  /// `tagged` is the style of a non-text scalar (a date); text gets
  /// `YAMLBuilder`'s choice. `indent` is where a literal block's lines start.
  mutating func scalar(_ value: String, tagged: Style? = nil, flow: Bool, indent: Int) -> Bool {
    var value = value
    let text = value
    return value.withUTF8 { v in
      guard let a = Analysis(v), let requested = tagged ?? Writer.requested(text, v) else { return false }
      var style = requested
      if style == .plain {
        if flow ? !a.flowPlainAllowed : !a.blockPlainAllowed { style = .single }
        if v.isEmpty && flow { style = .single }
      }
      if style == .single && !a.singleQuotedAllowed { return false }
      if style == .literal && (!a.blockAllowed || flow) { return false }
      if !flow { out.append(Byte.space) }
      switch style {
      case .plain:
        out.append(contentsOf: v)
      case .single:
        // Quoted line breaks are folded and re-indented; not worth mirroring.
        guard !a.multiline else { return false }
        out.append(Byte.quote)
        for c in v {
          if c == Byte.quote { out.append(Byte.quote) }
          out.append(c)
        }
        out.append(Byte.quote)
      case .literal:
        // A leading space or break makes libyaml write an indentation indicator.
        guard let first = v.first, first != Byte.space, first != Byte.newline else { return false }
        out.append(Byte.bar)
        let n = v.count
        if v[n - 1] != Byte.newline {
          out.append(Byte.dash)
          openEnded = false
        } else if n >= 2 && v[n - 2] == Byte.newline {
          out.append(UInt8(ascii: "+"))
          openEnded = true
        } else {
          openEnded = false
        }
        out.append(Byte.newline)
        var atLineStart = true
        for c in v {
          if c == Byte.newline {
            out.append(c)
            atLineStart = true
          } else {
            if atLineStart { out.append(contentsOf: repeatElement(Byte.space, count: indent)) }
            out.append(c)
            atLineStart = false
          }
        }
        // libyaml's next indentation breaks the line only if the block did not.
        if atLineStart { return true }
      }
      if !flow { out.append(Byte.newline) }
      return true
    }
  }
}

/// `yaml_emitter_analyze_scalar`, byte for byte; nil for a scalar holding a
/// line break other than LF, which libyaml's writers copy in ways this writer
/// does not mirror.
private struct Analysis {
  var multiline = false
  var flowPlainAllowed = true
  var blockPlainAllowed = true
  var singleQuotedAllowed = true
  var blockAllowed = true

  init?(_ s: UnsafeBufferPointer<UInt8>) {
    let n = s.count
    guard n > 0 else {
      flowPlainAllowed = false
      blockAllowed = false
      return
    }
    func at(_ i: Int) -> UInt8 { i < n ? s[i] : 0 }
    func isBreak(_ i: Int) -> Bool {
      let c = at(i)
      return c == 0x0D || c == 0x0A || (c == 0xC2 && at(i + 1) == 0x85)
        || (c == 0xE2 && at(i + 1) == 0x80 && (at(i + 2) == 0xA8 || at(i + 2) == 0xA9))
    }
    // Past the end reads as NUL, as libyaml's NUL-terminated buffer does.
    func isBlankOrEnd(_ i: Int) -> Bool {
      let c = at(i)
      return c == Byte.space || c == 0x09 || c == 0 || isBreak(i)
    }
    func isPrintable(_ i: Int) -> Bool {
      let c = at(i)
      let c1 = at(i + 1)
      let c2 = at(i + 2)
      return c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c == 0xC2 && c1 >= 0xA0) || (c > 0xC2 && c < 0xED)
        || (c == 0xED && c1 < 0xA0) || c == 0xEE
        || (c == 0xEF && !(c1 == 0xBB && c2 == 0xBF) && !(c1 == 0xBF && (c2 == 0xBE || c2 == 0xBF)))
    }

    var blockIndicators = false
    var flowIndicators = false
    var lineBreaks = false
    var special = false
    var leadingSpace = false
    var leadingBreak = false
    var trailingSpace = false
    var trailingBreak = false
    var breakSpace = false
    var spaceBreak = false
    var previousSpace = false
    var previousBreak = false

    if (at(0) == Byte.dash && at(1) == Byte.dash && at(2) == Byte.dash)
      || (at(0) == UInt8(ascii: ".") && at(1) == UInt8(ascii: ".") && at(2) == UInt8(ascii: "."))
    {
      blockIndicators = true
      flowIndicators = true
    }
    var precededByWhitespace = true
    var followedByWhitespace = isBlankOrEnd(Byte.width(s[0]))
    var i = 0
    while i < n {
      let c = s[i]
      if i == 0 {
        switch c {
        case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
          UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
          UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
          UInt8(ascii: "`"):
          flowIndicators = true
          blockIndicators = true
        case UInt8(ascii: "?"), UInt8(ascii: ":"):
          flowIndicators = true
          if followedByWhitespace { blockIndicators = true }
        case UInt8(ascii: "-"):
          if followedByWhitespace {
            flowIndicators = true
            blockIndicators = true
          }
        default: break
        }
      } else {
        switch c {
        case UInt8(ascii: ","), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
          UInt8(ascii: "}"):
          flowIndicators = true
        case UInt8(ascii: ":"):
          flowIndicators = true
          if followedByWhitespace { blockIndicators = true }
        case UInt8(ascii: "#"):
          if precededByWhitespace {
            flowIndicators = true
            blockIndicators = true
          }
        default: break
        }
      }
      if !isPrintable(i) { special = true }
      let width = Byte.width(c)
      if c == Byte.space {
        if i == 0 { leadingSpace = true }
        if i + width == n { trailingSpace = true }
        if previousBreak { breakSpace = true }
        previousSpace = true
        previousBreak = false
      } else if isBreak(i) {
        guard c == Byte.newline else { return nil }
        lineBreaks = true
        if i == 0 { leadingBreak = true }
        if i + width == n { trailingBreak = true }
        if previousSpace { spaceBreak = true }
        previousSpace = false
        previousBreak = true
      } else {
        previousSpace = false
        previousBreak = false
      }
      precededByWhitespace = isBlankOrEnd(i)
      i += width
      if i < n { followedByWhitespace = isBlankOrEnd(i + Byte.width(s[i])) }
    }

    multiline = lineBreaks
    if leadingSpace || leadingBreak || trailingSpace || trailingBreak {
      flowPlainAllowed = false
      blockPlainAllowed = false
    }
    if trailingSpace { blockAllowed = false }
    if breakSpace {
      flowPlainAllowed = false
      blockPlainAllowed = false
      singleQuotedAllowed = false
    }
    if spaceBreak || special {
      flowPlainAllowed = false
      blockPlainAllowed = false
      singleQuotedAllowed = false
      blockAllowed = false
    }
    if lineBreaks {
      flowPlainAllowed = false
      blockPlainAllowed = false
    }
    if flowIndicators { flowPlainAllowed = false }
    if blockIndicators { blockPlainAllowed = false }
  }
}
