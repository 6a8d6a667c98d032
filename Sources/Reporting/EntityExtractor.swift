/// Finds named entities: runs of capitalised words ("Port Elara", "Ministry
/// of Transport", "Maria Lopez") and acronyms ("UN").
///
/// English capitalises the first word of every sentence, so a capitalised
/// sentence opener counts only if it continues into a longer name or the
/// article also capitalises it mid-sentence (`known`).
enum EntityExtractor {
  private static let connectors: Set<String> = [
    "of", "de", "del", "la", "le", "van", "von", "al", "bin", "and", "for", "the",
  ]
  private static let leadingDeterminers: Set<String> = ["the", "a", "an"]
  private static let notNames: Set<String> = [
    "i", "mr", "mrs", "ms", "dr", "a", "an", "the", "he", "she", "it", "they", "we", "you", "this",
    "that", "these", "those", "there", "but", "and", "or", "so", "yet", "in", "on", "at", "by", "for",
    "from", "with", "after", "before", "when", "while", "as", "if", "although", "however",
    "meanwhile", "according", "officials", "authorities", "police", "one", "two", "three", "some",
    "many", "most", "no", "not", "his", "her", "its", "their", "our", "my", "all", "several",
  ]

  /// Lowercased words the article capitalises somewhere other than at a
  /// sentence start; collected before entities are extracted.
  static func midSentenceCapitals(_ tokens: [Token]) -> [String] {
    var out: [String] = []
    for (k, t) in tokens.enumerated() where k > 0 && t.isWord && t.isCapitalized {
      let prev = tokens[k - 1]
      if prev.isPunctuation && (prev.text == "\"" || prev.text == "(" || prev.text == ":" || prev.text == "—") {
        continue
      }
      out.append(t.lower)
    }
    return out
  }

  static func extract(_ tokens: [Token], text: String, known: Set<String>, skip: [Bool]) -> [String] {
    var entities: [String] = []
    var i = 0
    let n = tokens.count
    while i < n {
      let t = tokens[i]
      guard t.isWord, t.isCapitalized, !skip[i] else {
        i += 1
        continue
      }
      var end = i + 1
      while end < n {
        let u = tokens[end]
        if u.isWord && u.isCapitalized && !skip[end] {
          end += 1
        } else if u.isWord, connectors.contains(u.lower), end + 1 < n, tokens[end + 1].isWord,
          tokens[end + 1].isCapitalized, !skip[end + 1], end > i
        {
          end += 2
        } else {
          break
        }
      }
      var start = i
      let atSentenceStart = isSentenceStart(tokens, i)
      while start < end,
        leadingDeterminers.contains(tokens[start].lower)
          || notNames.contains(tokens[start].lower.trimming(chars: "."))
            && (start == i && atSentenceStart || tokens[start].lower == "i")
      {
        start += 1
      }
      if start < end {
        let single = end - start == 1
        let first = tokens[start]
        let keep: Bool
        if single && start == i && atSentenceStart {
          keep = known.contains(first.lower) || first.isAllCaps
        } else {
          keep = !(single && notNames.contains(first.lower))
        }
        if keep {
          entities.append(String(text[tokens[start].range.lowerBound..<tokens[end - 1].range.upperBound]))
        }
      }
      i = end
    }
    return entities
  }

  private static func isSentenceStart(_ tokens: [Token], _ i: Int) -> Bool {
    if i == 0 { return true }
    let p = tokens[i - 1]
    return p.isPunctuation && ["\"", "(", ":", "—", "'", "["].contains(p.text)
  }
}
