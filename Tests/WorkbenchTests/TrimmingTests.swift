import Foundation
import Testing

@testable import Workbench

@Suite("Trimming notes and statements: the same as Foundation's whitespacesAndNewlines")
struct TrimmingTests {
  @Test("every scalar of the Basic Multilingual Plane, around text and alone, trims as Foundation trims it")
  func matchesFoundation() {
    for value in UInt32(0)...0xFFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      for text in ["\(scalar)", "\(scalar)note\(scalar)", " \(scalar) a b \(scalar)\n", "x\(scalar)"] {
        #expect(text.trimmedWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines), "U+\(value)")
      }
    }
    #expect(
      "\u{FEFF} a \u{FEFF}".trimmedWhitespace == "\u{FEFF} a \u{FEFF}".trimmingCharacters(in: .whitespacesAndNewlines))
  }
}
