import Crypto
import Foundation

/// OpenSSH's record of trusted host keys (`~/.ssh/known_hosts`,
/// `/etc/ssh/ssh_known_hosts`), read to check a server's key.
///
/// libgit2 1.5 leaves host-key checking to the caller: it hands over the raw
/// key and accepts whatever the certificate callback says. This reads the
/// files as OpenSSH does — plain and hashed (`|1|salt|hash`) host names,
/// `[host]:port` for other ports, `*`/`?` wildcards, `!` negation,
/// `@revoked` — and never accepts a key it cannot find.
public struct KnownHosts: Sendable {
  /// One key line.
  public struct Entry: Sendable, Hashable {
    public var file: String
    public var line: Int
    /// "@revoked", "@cert-authority", or nil.
    public var marker: String?
    /// The host field as written (comma-separated patterns, or one `|1|…` hash).
    public var hosts: String
    public var keyType: String
    public var key: [UInt8]
  }

  public private(set) var entries: [Entry] = []
  /// The files that were read (those that exist).
  public private(set) var files: [String] = []

  /// Reads the given files, skipping those that do not exist.
  public init(files paths: [String]) {
    for path in paths {
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
      files.append(path)
      entries += Self.parse(text, file: path)
    }
  }

  /// The files OpenSSH reads for a user: `$HOME/.ssh/known_hosts` (and `known_hosts2`), then the system's.
  public static func defaultFiles(home: String?) -> [String] {
    var files: [String] = []
    if let home, !home.isEmpty {
      files += [home + "/.ssh/known_hosts", home + "/.ssh/known_hosts2"]
    }
    return files + ["/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2"]
  }

  static func parse(_ text: String, file: String) -> [Entry] {
    var result: [Entry] = []
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = rawLine.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      var fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      var marker: String?
      if let first = fields.first, first.hasPrefix("@") {
        marker = first
        fields.removeFirst()
      }
      guard fields.count >= 3, let key = Data(base64Encoded: fields[2]) else { continue }
      result.append(
        Entry(file: file, line: index + 1, marker: marker, hosts: fields[0], keyType: fields[1], key: [UInt8](key)))
    }
    return result
  }

  /// The name a host is recorded under: "host", or "[host]:port" for a port other than 22.
  public static func lookupName(host: String, port: Int?) -> String {
    guard let port, port != 22 else { return host }
    return "[\(host)]:\(port)"
  }

  /// The entries whose host field names `name`.
  public func entries(for name: String) -> [Entry] {
    entries.filter { Self.matches($0.hosts, name: name) }
  }

  /// Decides on a server's key: accepted only when a line for this host has exactly this key.
  ///
  /// - Parameters:
  ///   - hostKey: what the server presented.
  ///   - port: the port connected to, when not 22.
  /// - Returns: `.reject` with a message that says what to check and how to record the key.
  public func verify(_ hostKey: HostKey, port: Int?) -> HostKeyVerdict {
    let name = Self.lookupName(host: hostKey.host, port: port)
    let candidates = entries(for: name).filter { $0.marker != "@cert-authority" }
    if let revoked = candidates.first(where: { $0.marker == "@revoked" && $0.key == hostKey.key }) {
      return .reject(
        "the SSH host key of \(name) (\(hostKey.type) \(hostKey.fingerprint)) is marked @revoked in \(revoked.file):\(revoked.line); refusing to connect"
      )
    }
    let trusted = candidates.filter { $0.marker == nil }
    if trusted.contains(where: { $0.key == hostKey.key }) { return .accept }
    let portOption = port.map { $0 == 22 ? "" : " -p \($0)" } ?? ""
    if let changed = trusted.first(where: { $0.keyType == hostKey.type }) {
      return .reject(
        "the SSH host key of \(name) has CHANGED: it is now \(hostKey.type) \(hostKey.fingerprint), but "
          + "\(changed.file):\(changed.line) records another key. Someone may be intercepting the connection, "
          + "or the server was reinstalled: confirm the new fingerprint with the server's administrator, then "
          + "remove the old line (ssh-keygen -R '\(name)') and connect once with `ssh\(portOption) \(hostKey.host)` to record the new key"
      )
    }
    let searched = files.isEmpty ? "no known_hosts file exists" : "it is not in \(files.joined(separator: ", "))"
    return .reject(
      "the SSH host key of \(name) is unknown (\(hostKey.type) \(hostKey.fingerprint)); \(searched). "
        + "Confirm the fingerprint with the server's administrator, then record it by connecting once with "
        + "`ssh\(portOption) \(hostKey.host)` (or `ssh-keyscan\(portOption) \(hostKey.host) >> ~/.ssh/known_hosts`)")
  }

  /// Whether a host field (patterns, or one hashed name) names `name`.
  static func matches(_ field: String, name: String) -> Bool {
    if field.hasPrefix("|1|") {
      let parts = field.split(separator: "|", omittingEmptySubsequences: true)
      guard parts.count == 3, let salt = Data(base64Encoded: String(parts[1])),
        let hash = Data(base64Encoded: String(parts[2]))
      else { return false }
      let code = HMAC<Insecure.SHA1>.authenticationCode(for: Array(name.utf8), using: SymmetricKey(data: salt))
      return Array(code) == [UInt8](hash)
    }
    var matched = false
    for pattern in field.split(separator: ",") {
      if pattern.hasPrefix("!") {
        // A negated match rules the whole line out, as in OpenSSH.
        if glob(pattern.dropFirst().lowercased(), name.lowercased()) { return false }
      } else if glob(pattern.lowercased(), name.lowercased()) {
        matched = true
      }
    }
    return matched
  }

  /// `*` and `?` wildcard matching.
  static func glob(_ pattern: String, _ text: String) -> Bool {
    let p = Array(pattern)
    let t = Array(text)
    var (pi, ti) = (0, 0)
    var star: Int?
    var mark = 0
    while ti < t.count {
      if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
        pi += 1
        ti += 1
      } else if pi < p.count, p[pi] == "*" {
        star = pi
        mark = ti
        pi += 1
      } else if let s = star {
        pi = s + 1
        mark += 1
        ti = mark
      } else {
        return false
      }
    }
    while pi < p.count, p[pi] == "*" { pi += 1 }
    return pi == p.count
  }
}
