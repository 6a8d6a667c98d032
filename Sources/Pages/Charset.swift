import Foundation

/// Which character encoding a page's bytes are in, decided as browsers do:
/// what the server said, a byte order mark, the page's own `<meta>`
/// declaration in its first kilobytes, and otherwise UTF-8 when the bytes are
/// valid UTF-8, else windows-1252 (what browsers read undeclared Western pages as).
public enum Charset {
  /// The encoding's name, as libxml2 and iconv know it ("UTF-8", "windows-1252").
  /// - Parameters:
  ///   - bytes: the page.
  ///   - declared: the `charset` parameter of the server's `Content-Type`, if any.
  public static func detect(_ bytes: [UInt8], declared: String? = nil) -> String {
    if let declared = declared.flatMap(normalized) { return declared }
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return "UTF-8" }
    if bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
    if bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
    if let meta = metaCharset(bytes.prefix(4096)).flatMap(normalized) { return meta }
    return String(validating: bytes, as: UTF8.self) != nil ? "UTF-8" : "windows-1252"
  }

  /// The `charset` parameter of a `Content-Type` value ("text/html; charset=ISO-8859-1").
  public static func parameter(ofContentType value: String) -> String? {
    for part in value.split(separator: ";").dropFirst() {
      let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      if pair.count == 2, pair[0].lowercased() == "charset" {
        return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
      }
    }
    return nil
  }

  /// The name a `charset=` in the page's head gives, found by scanning its
  /// bytes (the prescan browsers do before parsing).
  static func metaCharset(_ head: ArraySlice<UInt8>) -> String? {
    let text = String(decoding: head, as: UTF8.self).lowercased()
    var searchFrom = text.startIndex
    while let found = text.range(of: "charset", range: searchFrom..<text.endIndex) {
      searchFrom = found.upperBound
      // Only inside a <meta …> tag.
      guard let open = text[..<found.lowerBound].range(of: "<", options: .backwards),
        text[open.upperBound...].hasPrefix("meta"),
        !text[open.upperBound..<found.lowerBound].contains(">")
      else { continue }
      var rest = text[found.upperBound...].drop { $0 == " " }
      guard rest.first == "=" else { continue }
      rest = rest.dropFirst().drop { $0 == " " || $0 == "\"" || $0 == "'" }
      let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":" || $0 == "." }
      if !name.isEmpty { return String(name) }
    }
    return nil
  }

  /// A declared name as libxml2 expects it; labels browsers read as
  /// windows-1252 ("iso-8859-1", "latin1", "ascii") are read as windows-1252.
  static func normalized(_ name: String) -> String? {
    let label = name.trimmingCharacters(in: .whitespaces).lowercased()
    guard !label.isEmpty else { return nil }
    switch label {
    case "utf-8", "utf8", "unicode-1-1-utf-8": return "UTF-8"
    case "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252", "x-cp1252":
      return "windows-1252"
    default: return label
    }
  }
}
