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

  @Test("the one-pass check never passes a tree the full check refuses (seeded random trees)")
  func quickCheckAgrees() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return state
    }
    let alphabet = Array("abgGt.-_ 09".utf8) + [UInt8(ascii: "/"), UInt8(ascii: "\\"), 0xC3, 0xA9, 0x7F]
    let modes = ["100644", "100755", "40000", "120000", "160000", "100664", "040000"]
    var plainlySafe = 0
    for _ in 0..<20_000 {
      var names: [[UInt8]] = []
      for _ in 0..<(1 + Int(next() % 5)) {
        names.append((0..<(1 + Int(next() % 4))).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] })
      }
      if next() % 2 == 0 { names.sort { $0.lexicographicallyPrecedes($1) } }
      var bytes: [UInt8] = []
      for name in names {
        let mode = modes[Int(next() % 8) % modes.count]
        let id: [UInt8] = next() % 50 == 0 ? Array(repeating: 0, count: 20) : Array(repeating: 7, count: 20)
        bytes += Array(mode.utf8) + [0x20] + name + [0] + id
      }
      let quick = bytes.withUnsafeBytes(TreeEntryRules.isPlainlySafe)
      let full = RawTreeEntry.parse(bytes).map { TreeEntryRules.violation(in: $0) == nil } ?? false
      if quick {
        plainlySafe += 1
        #expect(full, "passed by the quick check, refused by the full one: \(bytes)")
      }
    }
    #expect(plainlySafe > 100, "the quick check passes ordinary trees (\(plainlySafe) did)")
  }
}
