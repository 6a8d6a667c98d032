/// One entry of a tree object as stored: mode, name and object id, as bytes.
struct RawTreeEntry {
  var mode: ArraySlice<UInt8>
  var name: ArraySlice<UInt8>
  var id: ArraySlice<UInt8>

  var isTree: Bool { mode.elementsEqual(Self.treeMode) }
  static let treeMode = Array("40000".utf8)[...]

  init(mode: ArraySlice<UInt8>, name: ArraySlice<UInt8>, id: ArraySlice<UInt8>) {
    (self.mode, self.name, self.id) = (mode, name, id)
  }

  init(mode: ArraySlice<UInt8>, name: ArraySlice<UInt8>, id: ObjectID) {
    self.init(mode: mode, name: name, id: id.bytes[...])
  }

  /// The entries of a tree object's content, in the order stored; nil when it
  /// does not parse (an entry without its space, NUL or 20-byte id).
  static func parse(_ bytes: [UInt8]) -> [RawTreeEntry]? {
    var entries: [RawTreeEntry] = []
    var at = 0
    while at < bytes.count {
      guard let space = bytes[at...].firstIndex(of: UInt8(ascii: " ")),
        let nul = bytes[space...].firstIndex(of: 0), nul + 21 <= bytes.count
      else { return nil }
      entries.append(
        RawTreeEntry(mode: bytes[at..<space], name: bytes[(space + 1)..<nul], id: bytes[(nul + 1)..<(nul + 21)]))
      at = nul + 21
    }
    return entries
  }
}

/// What a tree received from elsewhere may not hold: git's `fsck` checks on
/// tree entries (`transfer.fsckObjects`) and the names its `verify_path`
/// refuses to check out, plus what a vet workspace never holds.
///
/// A workspace is files and folders: symbolic links and submodules are
/// refused outright, so no later entry can be written through a link.
public enum TreeEntryRules {
  /// Why an entry is refused: git fsck's message id where it has one, and words for a person.
  public struct Violation: Sendable, Equatable {
    public var check: String
    public var reason: String
  }

  /// Whether a path of `/`-separated names (as vet writes into a working
  /// tree) is one that git would check out: no empty, `.`, `..` or `.git`
  /// component in any spelling a filesystem folds to it, not absolute.
  public static func isSafePath(_ path: String) -> Bool {
    !path.isEmpty
      && path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).allSatisfy {
        violation(name: ArraySlice($0)) == nil
      }
  }

  /// Whether a tree object's content is certainly acceptable, read in one pass.
  ///
  /// Entries of the three common modes, in strictly increasing git order,
  /// with names of printable ASCII that start with neither "." nor "g".
  /// False means "look closer" (`violation(in:)`), not "refused": a clone
  /// reads gigabytes of trees, nearly all of them so.
  static func isPlainlySafe(_ bytes: UnsafeRawBufferPointer) -> Bool {
    let count = bytes.count
    var at = 0
    var previous = 0..<0
    var previousIsTree = false
    var hasTrees = false
    var hasFiles = false
    while at < count {
      // The mode: "100644", "100755" or "40000", then a space.
      let isTree: Bool
      if at + 6 < count, bytes[at] == 0x31, bytes[at + 1] == 0x30, bytes[at + 2] == 0x30,
        bytes[at + 3] == 0x36 || bytes[at + 3] == 0x37,
        bytes[at + 6] == 0x20
      {
        let mode = (bytes[at + 3], bytes[at + 4], bytes[at + 5])
        guard mode == (0x36, 0x34, 0x34) || mode == (0x37, 0x35, 0x35) else { return false }
        isTree = false
        at += 7
      } else if at + 5 < count, bytes[at] == 0x34, bytes[at + 1] == 0x30, bytes[at + 2] == 0x30, bytes[at + 3] == 0x30,
        bytes[at + 4] == 0x30, bytes[at + 5] == 0x20
      {
        isTree = true
        at += 6
      } else {
        return false
      }
      // The name: printable ASCII up to its NUL, no "/" or "\".
      let start = at
      guard at < count, bytes[at] != UInt8(ascii: "."), bytes[at] | 0x20 != UInt8(ascii: "g") else { return false }
      while at < count, bytes[at] != 0 {
        let byte = bytes[at]
        guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "/"), byte != UInt8(ascii: "\\") else { return false }
        at += 1
      }
      guard at < count, at > start, at + 21 <= count else { return false }
      let name = start..<at
      // The null id: its first byte is zero, and then all are.
      if bytes[at + 1] == 0 && (at + 1..<at + 21).allSatisfy({ bytes[$0] == 0 }) { return false }
      at += 21
      if !previous.isEmpty && !increases(bytes, previous, previousIsTree, name, isTree) { return false }
      previous = name
      previousIsTree = isTree
      if isTree { hasTrees = true } else { hasFiles = true }
    }
    // A file and a folder of one name can stand apart in git's order: the full check looks.
    return !(hasTrees && hasFiles)
  }

  /// Whether name `b` comes strictly after name `a` in git's tree order.
  private static func increases(
    _ bytes: UnsafeRawBufferPointer, _ a: Range<Int>, _ aIsTree: Bool, _ b: Range<Int>, _ bIsTree: Bool
  ) -> Bool {
    let shared = min(a.count, b.count)
    for i in 0..<shared where bytes[a.lowerBound + i] != bytes[b.lowerBound + i] {
      return bytes[a.lowerBound + i] < bytes[b.lowerBound + i]
    }
    // One name is a prefix of the other: the next byte, or "/" after a folder's name, decides.
    let x: UInt8? = a.count > shared ? bytes[a.lowerBound + shared] : (aIsTree ? UInt8(ascii: "/") : nil)
    let y: UInt8? = b.count > shared ? bytes[b.lowerBound + shared] : (bIsTree ? UInt8(ascii: "/") : nil)
    switch (x, y) {
    case (nil, nil): return false
    case (nil, _): return true
    case (_, nil): return false
    case (let x?, let y?): return x < y
    }
  }

  /// The first problem with the entries of one tree, or nil.
  static func violation(in entries: [RawTreeEntry]) -> (entry: Int, violation: Violation)? {
    // A file and a folder of one name are apart in git's order ("a", "a-b", "a/").
    var folders: Set<ArraySlice<UInt8>> = []
    var hasFiles = false
    for entry in entries {
      if entry.isTree { folders.insert(entry.name) } else { hasFiles = true }
    }
    for (position, entry) in entries.enumerated() {
      if hasFiles && !entry.isTree && folders.contains(entry.name) {
        return (
          position, Violation(check: "duplicateEntries", reason: "the tree holds a file and a folder of that name")
        )
      }
      if let problem = violation(name: entry.name) ?? violation(mode: entry.mode) {
        return (position, problem)
      }
      if entry.id.allSatisfy({ $0 == 0 }) {
        return (position, Violation(check: "nullSha1", reason: "it points to the null object id"))
      }
      if position > 0 {
        let previous = entries[position - 1]
        if previous.name == entry.name {
          return (position, Violation(check: "duplicateEntries", reason: "the tree holds two entries of that name"))
        }
        if !precedes(previous, entry) {
          return (position, Violation(check: "treeNotSorted", reason: "the tree's entries are out of git's order"))
        }
      }
    }
    return nil
  }

  /// What is wrong with one entry's name, or nil.
  static func violation(name: ArraySlice<UInt8>) -> Violation? {
    // Almost every name is plain ASCII starting with neither "." nor "g":
    // nothing below can refuse it (a clone checks millions of names).
    if let first = name.first, first != UInt8(ascii: "."), first | 0x20 != UInt8(ascii: "g"),
      !name.contains(where: { $0 >= 0x80 || $0 == 0 || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") })
    {
      return nil
    }
    if name.isEmpty { return Violation(check: "emptyName", reason: "the name is empty") }
    if name.contains(0) { return Violation(check: "badTree", reason: "the name holds a NUL byte") }
    if name.contains(UInt8(ascii: "/")) {
      return Violation(check: "fullPathname", reason: "the name holds a '/' (a path, not a name)")
    }
    if name.elementsEqual(".".utf8) { return Violation(check: "hasDot", reason: "the name is '.'") }
    if name.elementsEqual("..".utf8) { return Violation(check: "hasDotdot", reason: "the name is '..'") }
    // NTFS treats a backslash as a separator: each part counts as a name there.
    for part in name.split(separator: UInt8(ascii: "\\"), omittingEmptySubsequences: false) {
      if part.elementsEqual("..".utf8) && part.count != name.count {
        return Violation(check: "hasDotdot", reason: "a part of the name between backslashes is '..'")
      }
      if isNTFSDotGit(part) || isHFSDotGit(part) {
        return Violation(check: "hasDotgit", reason: "the name is '.git' as a filesystem may read it")
      }
    }
    return nil
  }

  /// What is wrong with an entry's mode for a vet workspace, or nil.
  static func violation(mode: ArraySlice<UInt8>) -> Violation? {
    if mode.elementsEqual(regularMode) || mode.elementsEqual(treeMode) { return nil }
    switch String(decoding: mode, as: UTF8.self) {
    case "100755", "100664": return nil
    case "120000":
      return Violation(
        check: "symlink", reason: "it is a symbolic link, and a vet workspace holds only files and folders")
    case "160000":
      return Violation(check: "gitlink", reason: "it is a submodule, and a vet workspace holds only files and folders")
    case let other:
      return Violation(check: "badFilemode", reason: "its mode \(other) is not one git writes")
    }
  }

  private static let regularMode = Array("100644".utf8)
  private static let treeMode = Array("40000".utf8)

  /// `.git`, or `git~1` (its 8.3 short name), in any case, followed only by
  /// dots and spaces (which NTFS drops) or by an alternate data stream (`:`).
  static func isNTFSDotGit(_ name: some Collection<UInt8>) -> Bool {
    let lowered = name.map(lowercase)
    let rest: ArraySlice<UInt8>
    if lowered.starts(with: ".git".utf8) {
      rest = lowered.dropFirst(4)
    } else if lowered.starts(with: "git~1".utf8) {
      rest = lowered.dropFirst(5)
    } else {
      return false
    }
    if rest.first == UInt8(ascii: ":") { return true }
    return rest.allSatisfy { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: " ") }
  }

  /// `.git` in any case once the code points HFS+ ignores (zero-width joiners,
  /// direction marks, the byte-order mark) are taken out.
  static func isHFSDotGit(_ name: some Collection<UInt8>) -> Bool {
    let scalars = String(decoding: Array(name), as: UTF8.self).unicodeScalars.filter { !isIgnoredByHFS($0.value) }
    guard scalars.count == 4, scalars.allSatisfy(\.isASCII) else { return false }
    return scalars.map { lowercase(UInt8($0.value)) }.elementsEqual(".git".utf8)
  }

  private static func isIgnoredByHFS(_ value: UInt32) -> Bool {
    (0x200C...0x200F).contains(value) || (0x202A...0x202E).contains(value) || (0x206A...0x206F).contains(value)
      || value == 0xFEFF
  }

  private static func lowercase(_ byte: UInt8) -> UInt8 {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
  }

  /// A name as text, with control bytes and invalid UTF-8 escaped so a message cannot drive the terminal.
  public static func printable(_ name: ArraySlice<UInt8>) -> String {
    var text = ""
    for scalar in String(decoding: name, as: UTF8.self).unicodeScalars {
      if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFFFD {
        text += "\\x" + String(scalar.value, radix: 16)
      } else {
        text.unicodeScalars.append(scalar)
      }
    }
    return text
  }

  /// Git's tree order: names compared as bytes, a subtree's as if it ended in "/".
  private static func precedes(_ a: RawTreeEntry, _ b: RawTreeEntry) -> Bool {
    var x = a.name.makeIterator()
    var y = b.name.makeIterator()
    var xTail: UInt8? = a.isTree ? UInt8(ascii: "/") : nil
    var yTail: UInt8? = b.isTree ? UInt8(ascii: "/") : nil
    while true {
      let p = x.next() ?? xTail.take()
      let q = y.next() ?? yTail.take()
      switch (p, q) {
      case (nil, nil): return false
      case (nil, _): return true
      case (_, nil): return false
      case (let p?, let q?) where p != q: return p < q
      default: continue
      }
    }
  }
}
