import Foundation
import GitKit

/// Who is recording an operation, resolved the way git does it.
struct Identity {
  let author: Signature
  let committer: Signature

  /// Reads `GIT_AUTHOR_*` / `GIT_COMMITTER_*`, then `user.name` / `user.email`, then `EMAIL`.
  /// - Throws: `WorkbenchError.noIdentity` when no name or email can be found.
  static func resolve(config: Config, environment: [String: String], now: Date) throws -> Identity {
    let configName = try? config.string("user.name")
    let configEmail = try? config.string("user.email")
    func person(_ role: String) throws -> Signature {
      let name = environment["GIT_\(role)_NAME"] ?? configName ?? nil
      let email = environment["GIT_\(role)_EMAIL"] ?? configEmail ?? environment["EMAIL"]
      guard let name, !name.isEmpty, let email, !email.isEmpty else { throw WorkbenchError.noIdentity }
      var date = now
      var offset = Self.localOffsetMinutes(at: now)
      if let text = environment["GIT_\(role)_DATE"], let parsed = parseGitDate(text) {
        date = parsed.date
        offset = parsed.offsetMinutes
      }
      return Signature(name: name, email: email, date: date, offsetMinutes: offset)
    }
    return Identity(author: try person("AUTHOR"), committer: try person("COMMITTER"))
  }

  /// The local time zone's offset from UTC at `date`, as git records it.
  ///
  /// From the C library (which reads `TZ` or /etc/localtime as git does):
  /// Foundation's `TimeZone.current` cost half a millisecond of every commit.
  static func localOffsetMinutes(at date: Date) -> Int {
    var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
    var parts = tm()
    guard localtime_r(&seconds, &parts) != nil else { return 0 }
    return parts.tm_gmtoff / 60
  }

  /// Parses git's date forms: "@1700000000 +0100", "1700000000 +0100", ISO 8601.
  static func parseGitDate(_ text: String) -> (date: Date, offsetMinutes: Int)? {
    let parts = text.trimmingCharacters(in: .whitespaces).split(separator: " ")
    if let first = parts.first {
      let digits = first.hasPrefix("@") ? first.dropFirst() : first[...]
      if let seconds = Double(digits), digits.allSatisfy(\.isNumber) {
        var offset = 0
        if parts.count > 1, let tz = Int(parts[1]) {
          offset = (tz / 100) * 60 + (tz % 100)
        }
        return (Date(timeIntervalSince1970: seconds), offset)
      }
    }
    if let date = ISODate.parse(text) { return (date, 0) }
    return nil
  }
}
