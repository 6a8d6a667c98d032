import Foundation
import Testing

@testable import Workbench

@Suite struct ISODateTests {
  /// Seconds spread over 1900–2200, including leap days and the ends of months and years.
  static let instants: [TimeInterval] = {
    let fixed: [TimeInterval] = [0, -1, 86_399, 86_400, 951_782_400, 951_868_799, 1_709_164_800, 4_107_542_399]
    // A prime step lands on every time of day and every day of the month.
    return fixed + stride(from: -2_208_988_800, to: 7_258_118_400, by: 1_893_617).map(TimeInterval.init)
  }()

  @Test func formatsAsFoundationDoes() {
    for t in Self.instants {
      let date = Date(timeIntervalSince1970: t + 0.75)
      #expect(ISODate.format(date) == date.formatted(.iso8601), "\(t)")
    }
  }

  @Test func parsesItsOwnFormAsFoundationDoes() throws {
    for t in Self.instants {
      let text = Date(timeIntervalSince1970: t).formatted(.iso8601)
      #expect(ISODate.parseCanonical(text) == (try Date(text, strategy: .iso8601)), "\(text)")
    }
  }

  @Test func leavesOtherFormsToFoundation() {
    #expect(ISODate.parseCanonical("2026-02-29T00:00:00Z") == nil)
    #expect(ISODate.parseCanonical("2026-11-23T14:05:00+01:00") == nil)
    #expect(ISODate.parse("2026-11-23T14:05:00+01:00") == ISODate.parse("2026-11-23T13:05:00Z"))
    #expect(ISODate.parse("2026-11-23") == ISODate.parse("2026-11-23T00:00:00Z"))
    #expect(ISODate.parse("2026-11-23T14:05:00.250Z")?.timeIntervalSince1970 == 1_795_442_700.25)
    #expect(ISODate.parse("2026-13-01T00:00:00Z") == nil)
    #expect(ISODate.parse("23 November 2026") == nil)
  }
}
