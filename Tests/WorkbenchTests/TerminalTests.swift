import Testing

@testable import Workbench

@Suite("Terminal: what is escaped before it reaches the screen")
struct TerminalTests {
  @Test("the byte scan that decides what to escape agrees with the scalar rule, scalar by scalar")
  func escapingScan() {
    let ranges: [ClosedRange<UInt32>] = [0...0x33F, 0x2000...0x20FF, 0xFEFF...0xFEFF, 0x1F600...0x1F600]
    for value in ranges.joined() {
      guard let scalar = Unicode.Scalar(value) else { continue }
      for text in ["\(scalar)", "a\(scalar)b", "é\(scalar)"] {
        for keep in [false, true] {
          let expected = text.unicodeScalars.contains { Terminal.isUnsafe($0, keepNewlines: keep) }
          #expect(Terminal.needsEscaping(text, keepNewlines: keep) == expected, "U+\(String(value, radix: 16))")
        }
      }
    }
  }
}
