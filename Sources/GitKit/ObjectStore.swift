import CGit2
import Foundation

/// Keeping the object database compact: libgit2 writes one loose file per
/// object and never packs, so vet packs them itself.
extension Repository {
  /// The object directory, with a trailing slash.
  public var objectsDirectory: String { gitDirectory + "objects/" }

  /// An estimate of the number of loose objects, from one fan-out folder (as `git gc --auto` does).
  public func estimatedLooseObjects() -> Int {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: objectsDirectory + "17")) ?? []
    return names.filter { $0.count == 38 }.count * 256
  }

  /// The names ("pack-<hash>") of the pack files present.
  public func packNames() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: objectsDirectory + "pack")) ?? []
    return names.filter { $0.hasSuffix(".idx") }.map { String($0.dropLast(4)) }.sorted()
  }

  /// The ids of all loose objects, read from the object folder.
  public func looseObjectIDs() -> [ObjectID] {
    let fm = FileManager.default
    var ids: [ObjectID] = []
    let hex = Array("0123456789abcdef")
    for a in hex {
      for b in hex {
        let dir = String([a, b])
        guard let names = try? fm.contentsOfDirectory(atPath: objectsDirectory + dir) else { continue }
        for name in names where name.count == 38 {
          if let id = ObjectID(hex: dir + name) { ids.append(id) }
        }
      }
    }
    return ids
  }

  /// Moves every loose object into one new pack, then deletes the loose files.
  ///
  /// Loose files are deleted only after the pack and its index are in place,
  /// so a reader always finds every object somewhere.
  /// - Returns: the number of objects packed.
  /// Wraps `git_packbuilder_insert`, `git_packbuilder_write` and `git_odb_refresh`.
  @discardableResult
  public func packLooseObjects() throws(GitError) -> Int {
    let loose = looseObjectIDs()
    guard !loose.isEmpty else { return 0 }
    let builder = try PackBuilder(repository: self)
    for id in loose { try builder.insert(id) }
    try builder.write(to: objectsDirectory + "pack")
    try refreshObjects()
    removeLooseObjects(loose)
    return loose.count
  }

  /// Deletes the loose files of `ids`, once a pack holds them.
  private func removeLooseObjects(_ ids: [ObjectID]) {
    for id in ids {
      let hex = id.hex
      unlink(objectsDirectory + String(hex.prefix(2)) + "/" + String(hex.dropFirst(2)))
    }
  }

  /// Deletes packs whose objects must not stay (what a refused transfer
  /// brought in), then has libgit2 look at the object folder again.
  ///
  /// Wraps `git_odb_refresh`.
  public func discardPacks(_ names: [String]) throws(GitError) {
    guard !names.isEmpty else { return }
    for name in names { removePack(name) }
    try refreshObjects()
  }

  /// Whether pack `name` has a `.keep` file: someone's explicit wish that it stay, as for `git gc`.
  private func isKept(_ name: String) -> Bool {
    FileManager.default.fileExists(atPath: objectsDirectory + "pack/" + name + ".keep")
  }

  /// Deletes pack `name`'s files, once its objects are in another pack.
  private func removePack(_ name: String) {
    for suffix in [".idx", ".pack", ".rev"] { unlink(objectsDirectory + "pack/" + name + suffix) }
  }

  /// The start of a version 2 `.idx`: its signature and version.
  private static let indexVersion2 = [UInt8]([0xFF, 0x74, 0x4F, 0x63, 0, 0, 0, 2])

  /// How many objects each pack holds, from the fan-out table of its `.idx`; by pack name.
  ///
  /// Only packs with a version 2 index (what git has written since 1.5.2,
  /// and libgit2 always) are listed: the others are left out of merging.
  public func packObjectCounts() -> [String: Int] {
    var counts: [String: Int] = [:]
    for name in packNames() {
      // The header and fan-out table only: a 100,000-claim pack's index is 11 MB.
      guard let bytes = FileBytes.readPrefix(objectsDirectory + "pack/" + name + ".idx", count: 1032),
        bytes.count >= 1032
      else { continue }
      // Version 2 starts with ff 74 4f 63 and its version, then the table.
      guard bytes.starts(with: Self.indexVersion2) else { continue }
      counts[name] = Int(BigEndian.uint32(bytes, 8 + 255 * 4))
    }
    return counts
  }

  /// The ids of the objects in pack `name`, from its version 2 `.idx`; nil when it cannot be read.
  func packObjectIDs(_ name: String) -> [ObjectID]? {
    guard let bytes = FileBytes.read(objectsDirectory + "pack/" + name + ".idx")?.0, bytes.count >= 1032,
      bytes.starts(with: Self.indexVersion2)
    else { return nil }
    let count = Int(BigEndian.uint32(bytes, 8 + 255 * 4))
    guard bytes.count >= 1032 + 20 * count else { return nil }
    return (0..<count).map { ObjectID(bytes: Array(bytes[(1032 + 20 * $0)..<(1032 + 20 * $0 + 20)])) }
  }

  /// Merges small packs so that, largest first, each pack holds at least
  /// twice as many objects as all smaller ones together (`git repack
  /// --geometric=2`), and rewrites everything (`repackAll`) only when the
  /// largest pack fails that too.
  ///
  /// The work is in proportion to the packs merged: rewriting a whole 100,000
  /// claim repository took minutes, and ran every few thousand marks when any
  /// nine packs were merged into one. Each object is rewritten a logarithmic
  /// number of times, and a full rewrite comes only once the repository has
  /// grown by half since the last. Merged packs are searched for deltas among
  /// themselves. Packs with a `.keep` file are left alone.
  /// - Returns: the number of packs merged (0 when the packs already form that progression).
  @discardableResult
  public func repackGeometrically() throws(GitError) -> Int {
    let packs = packObjectCounts().filter { !isKept($0.key) }.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
    var below = packs.map(\.value).reduce(0, +)
    // The smallest pack that, with every pack above it, is at least twice all those below it.
    var split = packs.count
    for k in packs.indices.reversed() {
      below -= packs[k].value
      if packs[k].value < 2 * below { break }
      split = k
    }
    let merged = packs[..<split].map(\.key)
    guard merged.count >= 2 else { return 0 }
    if split == packs.count {
      try repackAll()
      return merged.count
    }
    let builder = try PackBuilder(repository: self)
    for pack in merged {
      guard let ids = packObjectIDs(pack) else {
        throw GitError(message: "cannot read the index of \(pack)", function: "vet_repack")
      }
      for id in ids { try builder.insert(id) }
    }
    let newPack = try builder.write(to: objectsDirectory + "pack")
    try refreshObjects()
    for pack in merged where pack != newPack { removePack(pack) }
    try refreshObjects()
    return merged.count
  }

  /// Rewrites every object into a single pack with fresh deltas, then removes
  /// the older packs and loose files: what `git gc` does, minus pruning (vet keeps
  /// unreachable objects, which reflogs may still name).
  /// - Returns: the number of objects in the new pack.
  /// Wraps `git_packbuilder_insert_walk`, `git_odb_foreach` and `git_packbuilder_write`.
  @discardableResult
  public func repackAll() throws(GitError) -> Int {
    let oldPacks = packNames()
    let loose = looseObjectIDs()
    let builder = try PackBuilder(repository: self)
    // Walking from the references first lets the builder learn each blob's
    // path, which is what makes its delta search find good bases.
    let walk = try self.walk()
    for name in try referenceNames(matching: "refs/*") {
      if let id = try reference(named: name), (try? commit(id)) != nil { try walk.push(id) }
    }
    if let head = try head() { try walk.push(head) }
    try builder.insert(walk: walk)
    for id in try allObjectIDs() { try builder.insert(id) }
    let newPack = try builder.write(to: objectsDirectory + "pack")
    try refreshObjects()
    removeLooseObjects(loose)
    for pack in oldPacks where pack != newPack {
      if !isKept(pack) { removePack(pack) }
    }
    try refreshObjects()
    return builder.count
  }

  /// Every object id in the database, loose and packed.
  ///
  /// Wraps `git_odb_foreach`.
  public func allObjectIDs() throws(GitError) -> [ObjectID] {
    var odb: OpaquePointer?
    try check("git_repository_odb") { git_repository_odb(&odb, pointer) }
    defer { git_odb_free(odb) }
    final class Box { var ids: [ObjectID] = [] }
    let box = Box()
    let unmanaged = Unmanaged.passRetained(box)
    defer { unmanaged.release() }
    try check("git_odb_foreach") {
      git_odb_foreach(
        odb,
        { oid, payload in
          guard let oid, let payload else { return 0 }
          Unmanaged<Box>.fromOpaque(payload).takeUnretainedValue().ids.append(ObjectID(oid.pointee))
          return 0
        }, unmanaged.toOpaque())
    }
    return box.ids
  }

  /// Makes libgit2 notice packs written or removed since it last looked.
  ///
  /// Wraps `git_odb_refresh`.
  public func refreshObjects() throws(GitError) {
    var odb: OpaquePointer?
    try check("git_repository_odb") { git_repository_odb(&odb, pointer) }
    defer { git_odb_free(odb) }
    try check("git_odb_refresh") { git_odb_refresh(odb) }
  }
}
