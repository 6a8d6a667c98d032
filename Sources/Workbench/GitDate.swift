import Foundation

/// Dates as people give them to git: ISO 8601, `2026-11-20 18:00`, `@1700000000`,
/// `yesterday`, `3 hours ago`, and the forms `git log` prints (`Fri Nov 20 18:00:00 2026 +0100`, RFC 2822).
///
/// The forms `git log --since` takes that a desk uses, not all of git's
/// approxidate: text it does not know is not a date (and may be a revision).
enum GitDate {
  /// The moment `text` names, `now` being the present; nil when it is not a date vet reads.
  static func parse(_ text: String, now: Date) -> Date? {
    let text = text.trimmingCharacters(in: .whitespaces)
    // Most revisions (HEAD~3, main, a tag) are no date: spare them Foundation's parsers.
    if text.first?.isNumber == true, let date = ISODate.parse(text) { return date }
    if text.hasPrefix("@"), let seconds = Int(text.dropFirst()) {
      return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
    if let date = spaced(text) { return date }
    if let date = printed(text) { return date }
    return relative(text.lowercased(), now: now)
  }

  /// The dates `git log` prints: its default (`Fri Nov 20 18:00:00 2026 +0100`) and RFC 2822
  /// (`Fri, 20 Nov 2026 18:00:00 +0100`), so a date copied from a log reads.
  private static func printed(_ text: String) -> Date? {
    guard text.contains(where: \.isLetter), text.contains(":") else { return nil }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    for format in ["EEE MMM d HH:mm:ss yyyy Z", "EEE, d MMM yyyy HH:mm:ss Z", "d MMM yyyy HH:mm:ss Z"] {
      formatter.dateFormat = format
      if let date = formatter.date(from: text) { return date }
    }
    return nil
  }

  /// `2026-11-20 18:00[:SS][ +0100]` in local time, or with the zone given.
  private static func spaced(_ text: String) -> Date? {
    let parts = text.split(separator: " ")
    guard parts.count == 2 || parts.count == 3 else { return nil }
    var time = String(parts[1])
    if time.split(separator: ":").count == 2 { time += ":00" }
    let zone: String
    if parts.count == 3 {
      let z = parts[2]
      guard z.count == 5, z.first == "+" || z.first == "-", z.dropFirst().allSatisfy(\.isNumber) else { return nil }
      zone = z.prefix(3) + ":" + z.suffix(2)
    } else {
      zone = offset(at: Date())
    }
    return ISODate.parse("\(parts[0])T\(time)\(zone)")
  }

  /// The local zone's offset as `+01:00`.
  private static func offset(at date: Date) -> String {
    let minutes = Identity.localOffsetMinutes(at: date)
    let sign = minutes < 0 ? "-" : "+"
    let (h, m) = (abs(minutes) / 60, abs(minutes) % 60)
    return sign + (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
  }

  /// `now`, `today` (midnight, local time), `yesterday`, and `N units ago`.
  private static func relative(_ text: String, now: Date) -> Date? {
    switch text {
    case "now": return now
    case "yesterday": return now.addingTimeInterval(-86_400)
    case "today":
      var calendar = Calendar(identifier: .gregorian)
      calendar.timeZone = TimeZone(secondsFromGMT: Identity.localOffsetMinutes(at: now) * 60) ?? .gmt
      return calendar.startOfDay(for: now)
    default: break
    }
    let words = text.split(separator: " ")
    guard words.count == 3, words[2] == "ago", let count = Int(words[0]), count >= 0 else { return nil }
    var unit = words[1]
    if unit.hasSuffix("s") { unit = unit.dropLast() }
    let seconds: Int
    switch unit {
    case "second": seconds = 1
    case "minute": seconds = 60
    case "hour": seconds = 3600
    case "day": seconds = 86_400
    case "week": seconds = 7 * 86_400
    case "month": seconds = 30 * 86_400
    case "year": seconds = 365 * 86_400
    default: return nil
    }
    return now.addingTimeInterval(-TimeInterval(count * seconds))
  }
}
