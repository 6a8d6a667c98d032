import Testing

@testable import Workbench

@Suite("Workspace config: the quick reader agrees with the YAML reader")
struct WorkspaceConfigTests {
  /// Configs in the layout vet writes, with the variations a desk's edit may bring.
  static let simple: [String] = [
    WorkspaceConfig().rendered(),
    WorkspaceConfig(scale: ["pending", "verified", "false", "null", "true", "in-review", "2nd-source"]).rendered(),
    "format: 1\nscale:\n  - a\n  - b",
    "scale:\n  - unverified\n  - confirmed\nformat: 1\n",
    "# top\n\nformat: 1\n\n# the scale\nscale:\n\n  - one\n# between items\n  - two\n\n",
  ]

  /// Texts the quick reader must leave to YAML: other layouts, and anything it would read differently.
  static let others: [String] = [
    "format: 1\nscale: [unverified, confirmed]\n",
    "format: 1\nscale:\n  - \"unverified\"\n  - confirmed\n",
    "format: 1\r\nscale:\r\n  - unverified\r\n",
    "format: 1\nscale:\n\t- unverified\n",
    "format: 1\nscale:\n  - unverified # the first\n",
    "format: 1\nscale:\n- unverified\n- confirmed\n",
    "format: 1\n  # indented comment\nscale:\n  - unverified\n",
    "format: 1\nscale:\n  - unverified\ncolour: blue\n",
    "format: 1\nformat: 1\nscale:\n  - unverified\n",
    "format: 1\nscale:\n  - unverified\n  - unverified\n",
    "format: 01\nscale:\n  - unverified\n",
    "format: 2\nscale:\n  - unverified\n",
    "\u{FEFF}format: 1\nscale:\n  - unverified\n",
    "format: 1\nscale:\n  - Unverified\n",
    "format: 1\nscale:\n",
    "scale:\n  - unverified\n",
    "",
  ]

  @Test("a config in vet's own layout reads the same without the YAML parser", arguments: simple)
  func simpleLayout(_ text: String) throws {
    let quick = try #require(WorkspaceConfig.simpleForm(text))
    #expect(quick == (try WorkspaceConfig(parsingYAML: text)))
    #expect(try WorkspaceConfig(parsing: text) == quick)
  }

  @Test("any other config goes to the YAML reader, with its result or its error", arguments: others)
  func otherLayouts(_ text: String) {
    #expect(WorkspaceConfig.simpleForm(text) == nil)
    func outcome(_ read: () throws -> WorkspaceConfig) -> String {
      do { return "\(try read())" } catch { return "error: \(error)" }
    }
    #expect(outcome { try WorkspaceConfig(parsing: text) } == outcome { try WorkspaceConfig(parsingYAML: text) })
  }
}
