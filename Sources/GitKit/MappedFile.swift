#if canImport(Glibc)
  import Glibc
#endif

/// A file's bytes, mapped read-only, and its `fstat` data when it was opened.
///
/// Reading git's 9 MB index into an array cost more than anything else a mark
/// does at 100,000 claims: the copy and a page fault for every 4 KB of fresh
/// memory. git maps its index the same way. Every writer replaces the index by
/// renaming a new file over it, never rewriting it in place, so the mapped
/// bytes do not change while they are read.
final class MappedFile: @unchecked Sendable {  // immutable after init
  let bytes: UnsafeBufferPointer<UInt8>
  let info: stat
  private let mapped: Bool

  /// Maps the file at `path`; nil when it cannot be opened or mapped.
  /// - Parameter populate: whether every page is read in at once, for a
  ///   file that is read through (not for one only looked up in).
  init?(path: String, populate: Bool = true) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { return nil }
    self.info = info
    let size = Int(info.st_size)
    guard size > 0 else {
      (bytes, mapped) = (UnsafeBufferPointer(start: nil, count: 0), false)
      return
    }
    // Every page is read (walked, then hashed): mapping them all at once costs
    // a third of faulting them in one by one.
    let flags = MAP_PRIVATE | (populate ? MAP_POPULATE : 0)
    guard let base = mmap(nil, size, PROT_READ, flags, fd, 0), base != MAP_FAILED else {
      return nil
    }
    (bytes, mapped) = (UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: size), true)
  }

  /// A copy of `array`, for bytes that are not in a file.
  init(copying array: [UInt8]) {
    let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: array.count)
    _ = buffer.initialize(from: array)
    (bytes, mapped, info) = (UnsafeBufferPointer(buffer), false, stat())
  }

  /// Asks the kernel to read every page in ahead of use.
  func prefetch() {
    guard mapped else { return }
    madvise(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count, MADV_WILLNEED)
  }

  deinit {
    if mapped {
      munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
    } else {
      bytes.deallocate()
    }
  }
}
