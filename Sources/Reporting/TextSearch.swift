extension String {
  /// Byte-wise substring test on UTF-8, without Foundation.
  ///
  /// Foundation's `contains` goes through `NSString` and dominated article
  /// analysis time; lexicon lookups only ever need exact bytes.
  func includes(_ needle: String) -> Bool {
    if needle.isEmpty { return true }
    var haystack = self
    var pattern = needle
    return haystack.withUTF8 { h in
      pattern.withUTF8 { n in
        String.find(n, in: h) != nil
      }
    }
  }

  /// The first occurrence of `needle`, by UTF-8 bytes.
  func firstRangeOf(_ needle: String) -> Range<String.Index>? {
    if needle.isEmpty { return nil }
    var haystack = self
    var pattern = needle
    let offset: Int? = haystack.withUTF8 { h in
      pattern.withUTF8 { n in
        String.find(n, in: h)
      }
    }
    guard let offset else { return nil }
    let start = utf8.index(utf8.startIndex, offsetBy: offset)
    let end = utf8.index(start, offsetBy: needle.utf8.count)
    return start..<end
  }

  /// `self` with every occurrence of `target` replaced, by UTF-8 bytes.
  func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty, includes(target) else { return self }
    var out = ""
    var rest = Substring(self)
    while let r = String(rest).firstRangeOf(target) {
      let s = String(rest)
      out += s[..<r.lowerBound]
      out += replacement
      rest = Substring(s[r.upperBound...])
    }
    out += rest
    return out
  }

  /// Offset of the first occurrence of `n` in `h`: a first-byte scan, which
  /// for the short phrases and sentences searched here beats anything
  /// cleverer.
  static func find(_ n: UnsafeBufferPointer<UInt8>, in h: UnsafeBufferPointer<UInt8>) -> Int? {
    let m = n.count
    let count = h.count
    if m == 0 { return 0 }
    guard m <= count else { return nil }
    let first = n[0]
    var i = 0
    let last = count - m
    while i <= last {
      if h[i] == first {
        var k = 1
        while k < m && h[i + k] == n[k] { k += 1 }
        if k == m { return i }
      }
      i += 1
    }
    return nil
  }
}
