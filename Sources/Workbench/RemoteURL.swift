import Foundation

/// The parts of a remote URL vet needs: where to connect, and how to show it.
///
/// Understands what git does: `scheme://[user[:password]@]host[:port]/path`,
/// scp-style `[user@]host:path`, and local paths.
struct RemoteURL: Hashable {
  /// "ssh", "git", "http", "https", "file", or "local" for a path.
  var scheme: String
  var user: String?
  var password: String?
  var host: String?
  var port: Int?
  var path: String
  let original: String

  init(_ text: String) {
    original = text
    if let range = text.range(of: "://") {
      scheme = text[..<range.lowerBound].lowercased()
      var rest = text[range.upperBound...]
      let slash = rest.firstIndex(of: "/") ?? rest.endIndex
      var authority = rest[..<slash]
      path = String(rest[slash...])
      rest = authority
      if let at = authority.lastIndex(of: "@") {
        let userInfo = authority[..<at]
        authority = authority[authority.index(after: at)...]
        if let colon = userInfo.firstIndex(of: ":") {
          user = String(userInfo[..<colon]).removingPercentEncoding
          password = String(userInfo[userInfo.index(after: colon)...]).removingPercentEncoding
        } else {
          user = String(userInfo).removingPercentEncoding
        }
      }
      if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
        host = String(authority[authority.index(after: authority.startIndex)..<close])
        let after = authority[authority.index(after: close)...]
        if after.hasPrefix(":") { port = Int(after.dropFirst()) }
      } else if let colon = authority.lastIndex(of: ":") {
        host = String(authority[..<colon])
        port = Int(authority[authority.index(after: colon)...])
      } else {
        host = authority.isEmpty ? nil : String(authority)
      }
      return
    }
    // scp-style user@host:path — a colon before any slash, and not a Windows drive.
    if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("/"),
      text.distance(from: text.startIndex, to: colon) > 1
    {
      scheme = "ssh"
      let authority = text[..<colon]
      path = String(text[text.index(after: colon)...])
      if let at = authority.lastIndex(of: "@") {
        user = String(authority[..<at])
        host = String(authority[authority.index(after: at)...])
      } else {
        host = String(authority)
      }
      return
    }
    scheme = "local"
    path = text
  }

  /// Whether the transport talks to another machine (and so can need credentials).
  var isNetwork: Bool { !["local", "file"].contains(scheme) }

  /// The URL with any password removed, safe to print or store.
  var redacted: String {
    guard password != nil, let range = original.range(of: "://") else { return original }
    let rest = original[range.upperBound...]
    guard let at = rest.lastIndex(of: "@"), rest[..<at].contains(":") else { return original }
    let userPart = rest[..<at].split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
    return original[..<range.upperBound] + userPart + rest[at...]
  }

  /// The `protocol`/`host`/`path` lines `git credential` reads.
  var credentialDescription: String {
    var lines = ["protocol=\(scheme)"]
    if let host { lines.append("host=\(host)" + (port.map { ":\($0)" } ?? "")) }
    let trimmed = path.hasPrefix("/") ? String(path.dropFirst()) : path
    if !trimmed.isEmpty { lines.append("path=\(trimmed)") }
    if let user { lines.append("username=\(user)") }
    return lines.joined(separator: "\n") + "\n"
  }
}
