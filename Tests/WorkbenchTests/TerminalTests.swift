import Testing

@testable import Workbench

@Suite("Terminal: what is escaped before it reaches the screen")
struct TerminalTests {
  @Test("the byte scan that decides what to escape agrees with the scalar rule, scalar by scalar")
  func escapingScan() {
    let ranges: [ClosedRange<UInt32>] = [0...0x33F, 0x2000...0x20FF, 0xFEFF...0xFEFF, 0x1F600...0x1F600]
    for value in ranges.joined() {
      guard let scalar = Unicode.Scalar(value) else { continue }
      // Long texts too, the scalar at each end and between: the scan takes printable ASCII in wide steps.
      let long = String(repeating: "plain text ", count: 7)
      for text in [
        "\(scalar)", "a\(scalar)b", "é\(scalar)", long + "\(scalar)", "\(scalar)" + long, long + "\(scalar)" + long,
      ] {
        for keep in [false, true] {
          let expected = text.unicodeScalars.contains { Terminal.isUnsafe($0, keepNewlines: keep) }
          #expect(Terminal.needsEscaping(text, keepNewlines: keep) == expected, "U+\(String(value, radix: 16))")
        }
      }
    }
  }
}
