import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Reads chosen blobs of a pack that vet has just indexed, walking their
/// delta families base first as `PackDeltaResolver` does, on two threads.
///
/// A fresh checkout reads nearly every blob of the pack. Through libgit2 each
/// read walks the blob's delta chain back to a full object, helped only by a
/// small cache; here each base is inflated once and every delta below it is
/// applied while it is in memory. Families holding no wanted blob (trees,
/// commits, old versions) are skipped, and so are branches of a family that
/// lead to none.
final class PackBlobReader: @unchecked Sendable {
  // @unchecked: after `init` everything is only read; the workers share the
  // pack's descriptor through `pread`, and their errors through a mutex.

  private let entries: PackEntries
  private let fd: Int32
  private let childStart: [Int32]
  private let children: [Int32]

  /// Opens the indexed pack; nil when it cannot be read or holds reference
  /// deltas (a clone from a server that ignored vet's `ofs-delta`), which
  /// are left to libgit2.
  init?(packFile: String, entries: PackEntries) {
    guard entries.referenceDeltas.isEmpty, entries.end > 0 else { return nil }
    let fd = open(packFile, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    self.fd = fd
    self.entries = entries
    (childStart, children) = entries.offsetChildren()
  }

  deinit { close(fd) }

  /// Hands every wanted entry's object to `visit`, from one of two worker threads.
  /// - Parameters:
  ///   - wanted: one flag per entry of the pack.
  ///   - visit: called with the entry and its content; throwing stops the read.
  /// - Throws: the first error `visit` threw, or `GitError` for an entry that
  ///   cannot be read or inflated.
  func read(wanted: [Bool], visit: @Sendable (Int, [UInt8]) throws(GitError) -> Void) throws(GitError) {
    // A delta's base always lies before it, so one backward pass marks every
    // base on the way to a wanted entry.
    var needed = wanted
    for entry in stride(from: entries.count - 1, through: 0, by: -1) where needed[entry] {
      let base = entries.bases[entry]
      if base >= 0 { needed[Int(base)] = true }
    }
    let roots = entries.types.indices.filter { entries.types[$0] < 5 && needed[$0] }
    let next = Atomic<Int>(0)
    let failure = Mutex<GitError?>(nil)
    let needs = needed
    DispatchQueue.concurrentPerform(iterations: roots.count < 64 ? 1 : 2) { _ in
      let inflater: Inflater
      do throws(GitError) { inflater = try Inflater() } catch {
        failure.withLock { if $0 == nil { $0 = error } }
        return
      }
      var buffer = ReadBuffer()
      defer { buffer.free() }
      while failure.withLock({ $0 == nil }) {
        let root = next.wrappingAdd(1, ordering: .relaxed).oldValue
        guard root < roots.count else { return }
        do throws(GitError) {
          try walk(from: roots[root], needed: needs, wanted: wanted, inflater: inflater, buffer: &buffer, visit: visit)
        } catch {
          failure.withLock { if $0 == nil { $0 = error } }
          return
        }
      }
    }
    if let failure = failure.withLock({ $0 }) { throw failure }
  }

  /// One object whose needed children are still to be applied to it.
  private struct Frame {
    var data: [UInt8]
    var nextChild: Int
    var endChild: Int
  }

  private func walk(
    from root: Int, needed: [Bool], wanted: [Bool], inflater: Inflater, buffer: inout ReadBuffer,
    visit: (Int, [UInt8]) throws(GitError) -> Void
  ) throws(GitError) {
    guard let data = try entries.inflate(root, fd: fd, inflater: inflater, buffer: &buffer) else {
      throw PackIndexer.corrupt("the object at offset \(entries.offsets[root]) cannot be inflated")
    }
    if wanted[root] { try visit(root, data) }
    var stack = [Frame(data: data, nextChild: Int(childStart[root]), endChild: Int(childStart[root + 1]))]
    while let top = stack.indices.last {
      guard stack[top].nextChild < stack[top].endChild else {
        stack.removeLast()
        continue
      }
      let child = Int(children[stack[top].nextChild])
      stack[top].nextChild += 1
      guard needed[child] else { continue }
      guard let delta = try entries.inflate(child, fd: fd, inflater: inflater, buffer: &buffer),
        let result = Delta.apply(delta, to: stack[top].data)
      else {
        throw PackIndexer.corrupt("the delta at offset \(entries.offsets[child]) cannot be applied")
      }
      if wanted[child] { try visit(child, result) }
      stack.append(Frame(data: result, nextChild: Int(childStart[child]), endChild: Int(childStart[child + 1])))
    }
  }
}
