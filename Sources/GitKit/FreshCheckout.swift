import CGit2
import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Writes the files of a freshly cloned tree into an empty working directory,
/// and git's index for them.
///
/// libgit2's checkout reads blobs in path order. A pack made by `git gc`
/// stores claim files as long delta chains in its own order, so reading in
/// path order inflates most chains again for every file: at 100,000 claims
/// that was half of `vet clone`. Here blobs are read in the order they lie in
/// the pack (a delta's base comes before it, so it is usually still in the
/// delta-base cache), by two threads with a repository handle each, and the
/// index is written in one piece. After a clone indexed by vet, blobs come
/// straight from the new pack (`PackBlobReader`), each delta family resolved
/// once.
struct FreshCheckout {
  /// One file to write.
  struct File: Sendable {
    var path: String
    var id: ObjectID
    var executable: Bool
  }

  let repository: Repository
  let workdir: String
  /// The pack a clone just indexed; when given, blobs are read from it by
  /// `PackBlobReader` rather than through libgit2.
  var pack: IndexedPack? = nil

  /// Writes every file of `tree`; false (having written nothing) when the
  /// tree holds something only libgit2's checkout handles (symbolic links,
  /// submodules).
  /// - Throws: `GitError` naming the file that could not be read or written,
  ///   or an entry whose name git refuses to check out (`TreeEntryRules`).
  func run(tree: ObjectID) throws(GitError) -> Bool {
    var files: [File] = []
    var folders: [String] = []
    guard try collect(tree, prefix: "", files: &files, folders: &folders) else { return false }
    for folder in folders where mkdir(workdir + folder, 0o755) != 0 && errno != EEXIST {
      throw GitError(
        message: "cannot create \(workdir + folder): \(String(cString: strerror(errno)))", function: "mkdir")
    }
    let written: [Written]
    if let pack, let fromPack = try writeFromPack(files, pack: pack) {
      written = fromPack
    } else {
      let offsets = PackOffsets(objectsDirectory: repository.gitDirectory + "objects/pack/")
      // Each position looked up once, not once per comparison of the sort.
      let positions = files.map { offsets.position($0.id) }
      let inPackOrder = files.indices.sorted { positions[$0] < positions[$1] }
      written = try write(inPackOrder.map { files[$0] })
    }
    let entries = written.sorted { $0.path.lexicographicallyPrecedes($1.path) }.map { entry in
      IndexFile.entry(path: entry.path, id: entry.id, stat: entry.stat, executable: entry.executable)
    }
    let (index, checksum) = IndexFile.fresh(entries: entries)
    try StagingArea.replace(repository.gitDirectory + "index", with: index, checksum: { checksum })
    return true
  }

  /// The files and folders below `id`, depth first; false on a link or submodule.
  private func collect(_ id: ObjectID, prefix: String, files: inout [File], folders: inout [String]) throws(GitError)
    -> Bool
  {
    for entry in try repository.tree(id).entries {
      let path = prefix + entry.name
      // What git's checkout refuses is never written, whoever called.
      if let violation = TreeEntryRules.violation(name: ArraySlice(entry.name.utf8)) {
        throw GitError(
          code: GIT_EINVALID.rawValue, message: "refusing to check out '\(path)': \(violation.reason)",
          function: "FreshCheckout")
      }
      switch entry.mode {
      case .tree:
        folders.append(path)
        guard try collect(entry.id, prefix: path + "/", files: &files, folders: &folders) else { return false }
      case .blob, .executable:
        files.append(File(path: path, id: entry.id, executable: entry.mode == .executable))
      case .link, .commit:
        return false
      }
    }
    return true
  }

  /// A written file, with the `lstat` data its index entry records.
  struct Written: Sendable {
    var path: [UInt8]
    var id: ObjectID
    var executable: Bool
    var stat: FileStat
  }

  /// Writes `files` with two workers, each taking one contiguous half (so each reads along its part of the pack).
  private func write(_ files: [File]) throws(GitError) -> [Written] {
    let workers = files.count < 256 ? 1 : 2
    let results = Mutex<[Result<[Written], GitError>]>([])
    let gitDirectory = repository.gitDirectory
    let workdir = self.workdir
    let share = (files.count + workers - 1) / workers
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      let part = files[min(files.count, worker * share)..<min(files.count, (worker + 1) * share)]
      let result = Result { () throws(GitError) -> [Written] in
        // libgit2 handles are not shared between threads: each worker opens its own.
        let repository = try Repository.open(at: gitDirectory)
        return try part.map { file throws(GitError) in try Self.write(file, from: repository, into: workdir) }
      }
      results.withLock { $0.append(result) }
    }
    var written: [Written] = []
    written.reserveCapacity(files.count)
    for result in results.withLock({ $0 }) { written += try result.get() }
    return written
  }

  /// Writes `files` with the blobs read straight from the pack the clone
  /// indexed; nil (having written nothing) when that pack cannot be read so.
  ///
  /// A file whose blob is in no entry of it is written through libgit2.
  private func writeFromPack(_ files: [File], pack: IndexedPack) throws(GitError) -> [Written]? {
    guard let reader = PackBlobReader(packFile: pack.packFile, entries: pack.entries) else { return nil }
    var byID: [ObjectID: [Int]] = [:]
    for (index, file) in files.enumerated() { byID[file.id, default: []].append(index) }
    let count = pack.entries.count
    var entryFiles = [[Int]?](repeating: nil, count: count)
    var wanted = [Bool](repeating: false, count: count)
    pack.entries.ids.withUnsafeBufferPointer { ids in
      for entry in 0..<count {
        let id = ObjectID(bytes: Array(ids[(20 * entry)..<(20 * entry + 20)]))
        // Removed once matched: a blob stored twice in the pack is written once.
        if let indices = byID.removeValue(forKey: id) {
          entryFiles[entry] = indices
          wanted[entry] = true
        }
      }
    }
    let results = Mutex<[Written]>([])
    let workdir = self.workdir
    let matched = entryFiles
    try reader.read(wanted: wanted) { entry, bytes throws(GitError) in
      guard let indices = matched[entry] else { return }
      for index in indices {
        let done = try Self.write(files[index], bytes: bytes, into: workdir)
        results.withLock { $0.append(done) }
      }
    }
    var written = results.withLock { $0 }
    for indices in byID.values {
      for index in indices { written.append(try Self.write(files[index], from: repository, into: workdir)) }
    }
    return written
  }

  private static func write(_ file: File, from repository: Repository, into workdir: String) throws(GitError) -> Written
  {
    try write(file, bytes: try repository.blob(file.id), into: workdir)
  }

  private static func write(_ file: File, bytes: [UInt8], into workdir: String) throws(GitError) -> Written {
    let full = workdir + file.path
    func failure(_ call: String) -> GitError {
      GitError(message: "cannot write \(full): \(String(cString: strerror(errno)))", function: call)
    }
    let fd = open(full, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, file.executable ? 0o755 : 0o644)
    guard fd >= 0 else { throw failure("open") }
    defer { close(fd) }
    if bytes.withUnsafeBytes({ FileBytes.write($0, to: fd) }) != nil { throw failure("write") }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw failure("fstat") }
    return Written(path: Array(file.path.utf8), id: file.id, executable: file.executable, stat: FileStat(info))
  }
}

/// Where objects lie in the repository's packs, read from their `.idx` files
/// (version 2), to order reads by.
struct PackOffsets {
  private var indexes: [[UInt8]] = []

  init(objectsDirectory: String) {
    guard let folder = opendir(objectsDirectory) else { return }
    defer { closedir(folder) }
    var names: [String] = []
    while let item = readdir(folder) {
      let name = withUnsafeBytes(of: item.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      if name.hasPrefix("pack-") && name.hasSuffix(".idx") { names.append(name) }
    }
    for name in names.sorted() {
      guard let bytes = FileBytes.read(objectsDirectory + name)?.0, bytes.count >= 8 + 1024,
        bytes[0..<8] == [0xFF, 0x74, 0x4F, 0x63, 0, 0, 0, 2]
      else { continue }
      indexes.append(bytes)
    }
  }

  /// A sort key: the pack's number, then the object's offset in it; objects in no pack last.
  func position(_ id: ObjectID) -> UInt64 {
    for (number, index) in indexes.enumerated() {
      if let offset = Self.offset(of: id, in: index) { return UInt64(number) << 48 | offset }
    }
    return .max
  }

  /// Looks `id` up in one `.idx`: the fan-out table narrows the range, then binary search.
  private static func offset(of id: ObjectID, in index: [UInt8]) -> UInt64? {
    func uint32(_ at: Int) -> UInt32 { BigEndian.uint32(index, at) }
    let first = Int(id.bytes[0])
    let count = Int(uint32(8 + 255 * 4))
    let namesStart = 8 + 1024
    let offsetsStart = namesStart + 24 * count  // after the names (20 bytes each) and CRCs (4 each)
    guard index.count >= offsetsStart + 4 * count else { return nil }
    var low = first == 0 ? 0 : Int(uint32(8 + (first - 1) * 4))
    var high = Int(uint32(8 + first * 4))
    while low < high {
      let mid = (low + high) / 2
      let name = namesStart + 20 * mid
      let candidate = index[name..<(name + 20)]
      if candidate.elementsEqual(id.bytes) {
        let small = uint32(offsetsStart + 4 * mid)
        guard small & 0x8000_0000 != 0 else { return UInt64(small) }
        // Offsets past 2 GiB live in the 64-bit table that follows.
        let large = offsetsStart + 4 * count + 8 * Int(small & 0x7FFF_FFFF)
        guard index.count >= large + 8 else { return nil }
        return UInt64(uint32(large)) << 32 | UInt64(uint32(large + 4))
      }
      if candidate.lexicographicallyPrecedes(id.bytes) { low = mid + 1 } else { high = mid }
    }
    return nil
  }
}
