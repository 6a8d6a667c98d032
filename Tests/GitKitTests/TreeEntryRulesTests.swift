import Testing

@testable import GitKit

@Suite("Tree entry rules: what git refuses to check out")
struct TreeEntryRulesTests {
  @Test(
    "names a filesystem would read as ., .. or .git are refused",
    arguments: [
      ".", "..", ".git", ".GIT", ".Git", ".git.", ".git ", ".git. . ", "git~1", "GIT~1", "git~1.",
      ".git::$INDEX_ALLOCATION",
      ".g\u{200C}it", "\u{FEFF}.git", ".gi\u{200D}t", "", "a/b", "/etc", "..\\x", "a\\.git", "a\\..\\b",
    ])
  func refused(_ name: String) {
    #expect(TreeEntryRules.violation(name: ArraySlice(name.utf8)) != nil)
    // As a path component (a name with "/" is a path of safe names).
    if !name.contains("/") || name.hasPrefix("/") { #expect(!TreeEntryRules.isSafePath("claims/" + name + "/x.md")) }
  }

  @Test(
    "ordinary names, and names that only look like .git, are kept",
    arguments: [
      ".gitattributes", ".gitignore", ".git-notes", "git", "gitx", "git~2", "...", ".vet", "a..b", "claims", "ñandú.md",
    ])
  func kept(_ name: String) {
    #expect(TreeEntryRules.violation(name: ArraySlice(name.utf8)) == nil)
    #expect(TreeEntryRules.isSafePath("claims/" + name))
  }

  @Test("links, submodules, odd modes, duplicates and disorder are refused; a plain tree is not")
  func entries() {
    func entry(_ mode: String, _ name: String, id: UInt8 = 1) -> RawTreeEntry {
      RawTreeEntry(mode: ArraySlice(mode.utf8), name: ArraySlice(name.utf8), id: ArraySlice(repeating: id, count: 20))
    }
    func check(_ entries: [RawTreeEntry]) -> String? { TreeEntryRules.violation(in: entries)?.violation.check }
    #expect(check([entry("100644", "a"), entry("40000", "b"), entry("100755", "c")]) == nil)
    #expect(check([entry("120000", "notes")]) == "symlink")
    #expect(check([entry("160000", "vendor")]) == "gitlink")
    #expect(check([entry("100666", "a")]) == "badFilemode")
    #expect(check([entry("100644", "a", id: 0)]) == "nullSha1")
    #expect(check([entry("100644", "b"), entry("100644", "a")]) == "treeNotSorted")
    #expect(check([entry("100644", "a"), entry("100644", "a")]) == "duplicateEntries")
    // "a" < "a-b" < "a/" in git's order: the folder and the file of one name are not neighbours.
    #expect(check([entry("100644", "a"), entry("100644", "a-b"), entry("40000", "a")]) == "duplicateEntries")
  }
}
