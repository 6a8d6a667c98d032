import CGit2
import Crypto
import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Resolves every delta of a received pack, as `git index-pack` does: each
/// full object is inflated once, and each delta built on it is applied while
/// the base is in memory, depth first, so no delta chain is ever walked twice.
///
/// Two workers take full objects in turn, each owning the whole family of
/// deltas below the ones it takes; entries are read back from the pack file
/// with `pread`, so memory holds at most one chain of objects per worker.
final class PackDeltaResolver: @unchecked Sendable {
  // @unchecked: after `init` the inputs are only read; each entry's type and id
  // slots are written by the one worker that resolves that entry, and read by
  // others (and the caller) only after that worker's group has finished.

  private let entries: PackEntries
  private let fd: Int32
  /// Each entry's object type; a delta's becomes its base's once resolved.
  private let types: UnsafeMutableBufferPointer<UInt8>
  private let ids: UnsafeMutableBufferPointer<UInt8>
  /// The offset deltas whose base is entry i are `children[childStart[i]..<childStart[i + 1]]`.
  private let childStart: [Int32]
  private let children: [Int32]
  /// Positions in `entries.referenceDeltas`, sorted by the base id each names.
  private let referenceOrder: [Int32]
  private let roots: [Int32]

  /// Trees whose entries `TreeEntryRules` refuses, as they were resolved.
  private let refused = Mutex<[RefusedTree]>([])

  private let nextRoot = Atomic<Int>(0)
  private let resolved = Atomic<Int>(0)
  private let stop = Atomic<Bool>(false)
  private let failure = Mutex<GitError?>(nil)

  /// - Parameters:
  ///   - entries: every entry, with the ids of full objects known and `end` set.
  ///   - fd: the pack file, readable.
  init(entries: PackEntries, fd: Int32) {
    self.entries = entries
    self.fd = fd
    let count = entries.count
    types = .allocate(capacity: count)
    _ = types.initialize(from: entries.types)
    ids = .allocate(capacity: 20 * count)
    _ = ids.initialize(from: entries.ids)
    (childStart, children) = entries.offsetChildren()
    let bases = entries.referenceBases
    referenceOrder = (0..<Int32(entries.referenceDeltas.count)).sorted { a, b in
      bases[(20 * Int(a))..<(20 * Int(a) + 20)].lexicographicallyPrecedes(bases[(20 * Int(b))..<(20 * Int(b) + 20)])
    }
    roots = entries.types.indices.filter { entries.types[$0] < 5 }.map { Int32($0) }
  }

  deinit {
    types.deallocate()
    ids.deallocate()
  }

  /// Resolves every delta on two threads while this thread reports progress.
  /// - Parameter report: called on this thread with the number of deltas
  ///   resolved so far, about ten times a second and once at the end; false cancels.
  /// - Throws: `GitError` for a corrupt entry, a delta whose base is not in the
  ///   pack, or a cancellation (`GitError.user`).
  func run(report: (Int) -> Bool) throws(GitError) {
    let group = DispatchGroup()
    let workers = roots.count < 64 ? 1 : 2
    for _ in 0..<workers {
      DispatchQueue.global().async(group: group) { self.work() }
    }
    while group.wait(timeout: .now() + .milliseconds(100)) == .timedOut {
      if !stop.load(ordering: .relaxed), !report(resolved.load(ordering: .relaxed)) {
        fail(GitError(code: GIT_EUSER.rawValue, message: "the transfer was cancelled", function: "progress"))
      }
    }
    if let failure = failure.withLock({ $0 }) { throw failure }
    let deltas = entries.count - roots.count
    if resolved.load(ordering: .relaxed) != deltas { throw unresolvedError() }
    if !report(deltas) {
      throw GitError(code: GIT_EUSER.rawValue, message: "the transfer was cancelled", function: "progress")
    }
  }

  /// The trees of the pack that hold an entry `TreeEntryRules` refuses, as
  /// `git index-pack --strict` would find them; empty when there are none.
  func refusedTrees() -> [RefusedTree] { refused.withLock { $0 } }

  /// Checks one resolved tree object: every tree of the pack passes here once,
  /// whole, so the check costs one more pass over bytes already in memory.
  private func checkTree(_ entry: Int, _ data: [UInt8]) {
    if data.withUnsafeBytes(TreeEntryRules.isPlainlySafe) { return }
    let id = ObjectID(bytes: Array(ids[(20 * entry)..<(20 * entry + 20)]))
    guard let entries = RawTreeEntry.parse(data) else {
      refused.withLock {
        $0.append(
          RefusedTree(tree: id, name: "", violation: .init(check: "badTree", reason: "the tree does not parse")))
      }
      return
    }
    if let (position, violation) = TreeEntryRules.violation(in: entries) {
      let name = TreeEntryRules.printable(entries[position].name)
      refused.withLock { $0.append(RefusedTree(tree: id, name: name, violation: violation)) }
    }
  }

  /// The entries with every id filled in.
  func resolvedEntries() -> PackEntries {
    var result = entries
    result.setIDs(Array(ids))
    return result
  }

  private func fail(_ error: GitError) {
    failure.withLock { if $0 == nil { $0 = error } }
    stop.store(true, ordering: .relaxed)
  }

  private func work() {
    let inflater: Inflater
    do { inflater = try Inflater() } catch { return fail(error) }
    var buffer = ReadBuffer()
    defer { buffer.free() }
    while !stop.load(ordering: .relaxed) {
      let next = nextRoot.wrappingAdd(1, ordering: .relaxed).oldValue
      guard next < roots.count else { return }
      do { try resolveFamily(of: Int(roots[next]), inflater: inflater, buffer: &buffer) } catch { return fail(error) }
    }
  }

  /// One object being resolved, with the children still to apply to it.
  private struct Frame {
    var entry: Int
    var data: [UInt8]
    var nextChild: Int
    var endChild: Int
    var nextReference: Int
    var endReference: Int
  }

  private func frame(_ entry: Int, _ data: [UInt8]) -> Frame {
    let references = referenceRange(of: entry)
    return Frame(
      entry: entry, data: data, nextChild: Int(childStart[entry]), endChild: Int(childStart[entry + 1]),
      nextReference: references.lowerBound, endReference: references.upperBound)
  }

  /// Resolves every delta that depends on the full object `root`, with an
  /// explicit stack: chains may be far deeper than a thread's stack allows.
  private func resolveFamily(of root: Int, inflater: Inflater, buffer: inout ReadBuffer) throws(GitError) {
    guard let data = try inflate(root, inflater: inflater, buffer: &buffer) else {
      throw PackIndexer.corrupt("the object at offset \(entries.offsets[root]) cannot be inflated")
    }
    if types[root] == Self.treeType { checkTree(root, data) }
    var stack = [frame(root, data)]
    while let top = stack.indices.last {
      let child: Int
      if stack[top].nextChild < stack[top].endChild {
        child = Int(children[stack[top].nextChild])
        stack[top].nextChild += 1
      } else if stack[top].nextReference < stack[top].endReference {
        child = Int(entries.referenceDeltas[Int(referenceOrder[stack[top].nextReference])])
        stack[top].nextReference += 1
      } else {
        stack.removeLast()
        continue
      }
      guard let delta = try inflate(child, inflater: inflater, buffer: &buffer) else {
        throw PackIndexer.corrupt("the delta at offset \(entries.offsets[child]) cannot be inflated")
      }
      guard let result = Delta.apply(delta, to: stack[top].data) else {
        throw PackIndexer.corrupt("the delta at offset \(entries.offsets[child]) does not apply to its base")
      }
      let type = types[stack[top].entry]
      types[child] = type
      var hash = Insecure.SHA1()
      hash.update(data: PackEntries.objectHeader(type: type, size: result.count))
      result.withUnsafeBytes { hash.update(bufferPointer: $0) }
      let digest = hash.finalize()
      digest.withUnsafeBytes { bytes in
        for i in 0..<20 { ids[20 * child + i] = bytes[i] }
      }
      if type == Self.treeType { checkTree(child, result) }
      resolved.add(1, ordering: .relaxed)
      if stop.load(ordering: .relaxed) { return }
      // The last child of an object no longer needs it: drop it before going deeper.
      if stack[top].nextChild == stack[top].endChild && stack[top].nextReference == stack[top].endReference {
        stack.removeLast()
      }
      stack.append(frame(child, result))
    }
  }

  /// A pack entry's type for a tree object.
  private static let treeType: UInt8 = 2

  /// The positions in `referenceOrder` of the reference deltas based on `entry`'s object.
  private func referenceRange(of entry: Int) -> Range<Int> {
    guard !referenceOrder.isEmpty else { return 0..<0 }
    let bases = entries.referenceBases
    func compare(_ position: Int) -> Int32 {
      let at = 20 * Int(referenceOrder[position])
      for i in 0..<20 where bases[at + i] != ids[20 * entry + i] {
        return bases[at + i] < ids[20 * entry + i] ? -1 : 1
      }
      return 0
    }
    var low = 0
    var high = referenceOrder.count
    while low < high {
      let mid = (low + high) / 2
      if compare(mid) < 0 { low = mid + 1 } else { high = mid }
    }
    var end = low
    while end < referenceOrder.count && compare(end) == 0 { end += 1 }
    return low..<end
  }

  private func inflate(_ entry: Int, inflater: Inflater, buffer: inout ReadBuffer) throws(GitError) -> [UInt8]? {
    try entries.inflate(entry, fd: fd, inflater: inflater, buffer: &buffer)
  }

  /// The error for deltas left unresolved: their base is in no entry of the pack.
  private func unresolvedError() -> GitError {
    for (position, entry) in entries.referenceDeltas.enumerated() where types[Int(entry)] >= 5 {
      let base = ObjectID(bytes: Array(entries.referenceBases[(20 * position)..<(20 * position + 20)]))
      return PackIndexer.corrupt(
        "the delta at offset \(entries.offsets[Int(entry)]) is based on object \(base.hex), which the pack does not hold"
      )
    }
    return PackIndexer.corrupt("some deltas could not be resolved")
  }
}

/// A worker's reusable buffer for entries read back from the pack.
struct ReadBuffer {
  private var storage = UnsafeMutableRawBufferPointer(start: nil, count: 0)

  /// Reads `count` bytes at `offset`, growing the buffer as needed.
  /// - Throws: `GitError` when the pack file cannot be read in full.
  mutating func read(fd: Int32, offset: UInt64, count: Int) throws(GitError) -> UnsafeRawBufferPointer {
    if storage.count < count {
      storage.deallocate()
      storage = .allocate(byteCount: max(count, 64 << 10), alignment: 16)
    }
    var done = 0
    while done < count, let base = storage.baseAddress {
      let n = pread(fd, base + done, count - done, off_t(offset) + off_t(done))
      guard n > 0 else {
        throw GitError(
          message: "cannot read the received pack back: \(String(cString: strerror(errno)))", function: "pread")
      }
      done += n
    }
    return UnsafeRawBufferPointer(rebasing: storage[..<count])
  }

  func free() { storage.deallocate() }
}
