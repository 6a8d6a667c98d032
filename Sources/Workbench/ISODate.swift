import Foundation

/// ISO 8601 dates as vet writes them: UTC, to the second.
///
/// Every claim carries a date per log entry, so reading and writing a workspace
/// formats and parses them by the thousand. vet's own form,
/// `2026-11-23T14:05:00Z`, is handled with calendar arithmetic; anything else
/// goes to Foundation's ISO 8601 parser.
enum ISODate {
  /// `2026-11-23T14:05:00Z`, the seconds truncated.
  static func format(_ date: Date) -> String {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down))
    let (days, time) = seconds.quotientAndRemainder(dividingBy: 86_400)
    let (day, secondOfDay) = time < 0 ? (days - 1, time + 86_400) : (days, time)
    let (year, month, dayOfMonth) = civil(fromDays: day)
    guard (0...9999).contains(year) else { return date.formatted(.iso8601) }
    var out = [UInt8]()
    out.reserveCapacity(20)
    func digits(_ value: Int, _ count: Int) {
      var divisor = 1
      for _ in 1..<count { divisor *= 10 }
      while divisor > 0 {
        out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
        divisor /= 10
      }
    }
    digits(year, 4)
    out.append(UInt8(ascii: "-"))
    digits(month, 2)
    out.append(UInt8(ascii: "-"))
    digits(dayOfMonth, 2)
    out.append(UInt8(ascii: "T"))
    digits(secondOfDay / 3600, 2)
    out.append(UInt8(ascii: ":"))
    digits(secondOfDay / 60 % 60, 2)
    out.append(UInt8(ascii: ":"))
    digits(secondOfDay % 60, 2)
    out.append(UInt8(ascii: "Z"))
    return String(decoding: out, as: UTF8.self)
  }

  /// A date in any ISO 8601 form vet accepts: with or without fractional
  /// seconds or a zone offset, or a date alone (midnight UTC).
  static func parse(_ text: String) -> Date? {
    if let d = parseCanonical(text) { return d }
    if let d = try? Date(text, strategy: .iso8601) { return d }
    if let d = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return d }
    if let d = try? Date(text + "T00:00:00Z", strategy: .iso8601) { return d }
    return nil
  }

  /// `YYYY-MM-DDTHH:MM:SSZ` exactly, or nil.
  static func parseCanonical(_ text: String) -> Date? {
    var text = text
    return text.withUTF8 { b -> Date? in
      guard b.count == 20 else { return nil }
      func number(_ from: Int, _ count: Int) -> Int? {
        var value = 0
        for i in from..<(from + count) {
          let digit = Int(b[i]) - 48
          guard (0...9).contains(digit) else { return nil }
          value = value * 10 + digit
        }
        return value
      }
      guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
        b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b[19] == UInt8(ascii: "Z"),
        let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
        let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
        (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
        hour < 24, minute < 60, second < 60
      else { return nil }
      let seconds = days(fromCivil: year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
      return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  // Days since 1970-01-01 in the proleptic Gregorian calendar, and back
  // (Howard Hinnant's civil-calendar algorithms).
  static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}
