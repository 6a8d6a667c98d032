/// A word-level diff of two sentences, for highlighting what changed.
public enum WordDiff {
  /// A run of text that both sides share, or that only one side has.
  public struct Segment: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable { case equal, removed, added }
    public var kind: Kind
    /// The text of the run, including the spaces between its words.
    public var text: String

    /// Creates a segment.
    public init(kind: Kind, text: String) {
      self.kind = kind
      self.text = text
    }
  }

  /// The segments that turn `a` into `b`: equal runs, runs removed from `a`,
  /// runs added in `b`, in reading order (a removal before its replacement).
  ///
  /// Compares words and punctuation marks; runs of the same kind are merged.
  /// Concatenating the equal and removed texts gives `a` back, and the equal
  /// and added texts give `b`, up to spacing.
  public static func diff(_ a: String, _ b: String) -> [Segment] {
    let ta = pieces(a)
    let tb = pieces(b)
    let ops = lcsOps(ta.map(\.key), tb.map(\.key))
    var out: [Segment] = []
    func push(_ kind: Segment.Kind, _ text: String) {
      if let last = out.last, last.kind == kind {
        out[out.count - 1].text += text
      } else {
        out.append(Segment(kind: kind, text: text))
      }
    }
    var i = 0
    var j = 0
    for op in ops {
      switch op {
      case .equal:
        push(.equal, tb[j].text)
        i += 1
        j += 1
      case .delete:
        push(.removed, ta[i].text)
        i += 1
      case .insert:
        push(.added, tb[j].text)
        j += 1
      }
    }
    return out
  }

  private struct Piece {
    var key: String
    var text: String
  }

  /// Words and punctuation, each with the spaces that precede it.
  private static func pieces(_ s: String) -> [Piece] {
    // In plain ASCII every character is one byte (bar CR-LF, hence no CR),
    // and walking bytes is several times cheaper than walking Characters.
    if s.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) { return asciiPieces(Array(s.utf8)) }
    return characterPieces(s)
  }

  /// `pieces` by Characters, for text beyond ASCII.
  private static func characterPieces(_ s: String) -> [Piece] {
    var out: [Piece] = []
    var lead = ""
    var current = ""
    var currentIsWord = false
    func flush() {
      if !current.isEmpty {
        out.append(Piece(key: current, text: lead + current))
        lead = ""
        current = ""
      }
    }
    for ch in s {
      if ch == " " || ch == "\n" || ch == "\t" {
        flush()
        lead.append(ch)
      } else if ch.isLetter || ch.isNumber
        || (currentIsWord && (ch == "'" || ch == "-" || ch == "." && current.last?.isNumber == true))
      {
        if !currentIsWord { flush() }
        current.append(ch)
        currentIsWord = true
      } else {
        flush()
        current.append(ch)
        currentIsWord = false
        flush()
      }
    }
    flush()
    if !lead.isEmpty, !out.isEmpty { out[out.count - 1].text += lead }
    return out
  }

  /// `characterPieces` over the bytes of an ASCII text, step for step.
  ///
  /// A piece's text is its leading spaces and its key, so the pieces cut the
  /// text into consecutive stretches: each is a slice from where the
  /// previous one ended.
  private static func asciiPieces(_ s: [UInt8]) -> [Piece] {
    func isLetterOrDigit(_ c: UInt8) -> Bool {
      (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
        || isDigit(c)
    }
    func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
    func text(_ r: Range<Int>) -> String { String(decoding: s[r], as: UTF8.self) }
    var out: [Piece] = []
    var pieceStart = 0
    var currentStart = 0
    var currentEnd = 0
    var currentIsWord = false
    func flush() {
      if currentEnd > currentStart {
        out.append(Piece(key: text(currentStart..<currentEnd), text: text(pieceStart..<currentEnd)))
        pieceStart = currentEnd
      }
    }
    for (k, c) in s.enumerated() {
      if c == UInt8(ascii: " ") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\t") {
        flush()
        currentStart = k + 1
        currentEnd = k + 1
      } else if isLetterOrDigit(c)
        || (currentIsWord
          && (c == UInt8(ascii: "'") || c == UInt8(ascii: "-")
            || c == UInt8(ascii: ".") && currentEnd > currentStart && isDigit(s[currentEnd - 1])))
      {
        if !currentIsWord {
          flush()
          currentStart = k
        }
        currentEnd = k + 1
        currentIsWord = true
      } else {
        flush()
        out.append(Piece(key: text(k..<k + 1), text: text(pieceStart..<k + 1)))
        pieceStart = k + 1
        currentStart = k + 1
        currentEnd = k + 1
        currentIsWord = false
      }
    }
    flush()
    if pieceStart < s.count, !out.isEmpty { out[out.count - 1].text += text(pieceStart..<s.count) }
    return out
  }

  private enum Op { case equal, delete, insert }

  /// Edit script by longest common subsequence over the tokens, with common
  /// prefix and suffix trimmed first so long identical sentences stay cheap.
  private static func lcsOps(_ a: [String], _ b: [String]) -> [Op] {
    var prefix = 0
    while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < a.count - prefix && suffix < b.count - prefix
      && a[a.count - 1 - suffix] == b[b.count - 1 - suffix]
    {
      suffix += 1
    }
    // The middle's keys as small integers: the table compares every piece of
    // one side with every piece of the other, and comparing Strings there
    // was most of its cost.
    var ids: [String: Int] = [:]
    func id(_ key: String) -> Int {
      if let known = ids[key] { return known }
      let new = ids.count
      ids[key] = new
      return new
    }
    let ma = a[prefix..<(a.count - suffix)].map(id)
    let mb = b[prefix..<(b.count - suffix)].map(id)
    var middle: [Op] = []
    let n = ma.count
    let m = mb.count
    if n == 0 {
      middle = Array(repeating: .insert, count: m)
    } else if m == 0 {
      middle = Array(repeating: .delete, count: n)
    } else if n * m > 4_000_000 {
      // Too long to compare word by word: show as replaced.
      middle = Array(repeating: .delete, count: n) + Array(repeating: .insert, count: m)
    } else {
      var table = [Int32](repeating: 0, count: (n + 1) * (m + 1))
      for i in stride(from: n - 1, through: 0, by: -1) {
        for j in stride(from: m - 1, through: 0, by: -1) {
          table[i * (m + 1) + j] =
            ma[i] == mb[j]
            ? table[(i + 1) * (m + 1) + j + 1] + 1
            : max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1])
        }
      }
      var i = 0
      var j = 0
      while i < n && j < m {
        if ma[i] == mb[j] {
          middle.append(.equal)
          i += 1
          j += 1
        } else if table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1] {
          middle.append(.delete)
          i += 1
        } else {
          middle.append(.insert)
          j += 1
        }
      }
      middle += Array(repeating: .delete, count: n - i)
      middle += Array(repeating: .insert, count: m - j)
    }
    return Array(repeating: .equal, count: prefix) + middle + Array(repeating: .equal, count: suffix)
  }
}
