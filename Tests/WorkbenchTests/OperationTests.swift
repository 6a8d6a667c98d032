import Testing

@testable import Workbench

@Suite("Commit messages: subjects and trailer values fold to one line")
struct OperationTests {
  @Test(
    "control characters and runs of spaces become one space, ends are trimmed, long text is cut with an ellipsis",
    arguments: [
      ("Mark 3f9a confirmed", "Mark 3f9a confirmed"),
      (" leading space", "leading space"),
      ("trailing space ", "trailing space"),
      ("two  spaces", "two spaces"),
      ("tab\there", "tab here"),
      ("line\nbreak", "line break"),
      ("escape\u{1B}[31m red", "escape [31m red"),
      ("delete\u{7F}char", "delete char"),
      ("Café in Port Halven", "Café in Port Halven"),
      (String(repeating: "x", count: 20), String(repeating: "x", count: 20)),
      (String(repeating: "y", count: 21), String(repeating: "y", count: 19) + "…"),
      ("Mark 3f9a confirmed: At least 40", "Mark 3f9a confirmed…"),
      ("Mark 3f9a confirmed:  At least 40", "Mark 3f9a confirmed…"),
      ("Mark 3f9a is now a confirmed claim", "Mark 3f9a is now a …"),
      ("Mark 3f9a — confirmed at last", "Mark 3f9a — confirm…"),
      ("", ""),
    ])
  func oneLine(_ text: String, _ folded: String) {
    #expect(Operation.oneLine(text, limit: 20) == folded)
  }
}
