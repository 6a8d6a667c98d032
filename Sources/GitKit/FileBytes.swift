#if canImport(Glibc)
  import Glibc
#endif

/// Whole files read and written with plain POSIX calls: no Foundation, no
/// sync, and the `fstat` data the index records.
public enum FileBytes {
  /// The whole file and its `fstat` data, or nil when it cannot be read in full.
  public static func read(_ path: String) -> ([UInt8], stat)? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, let bytes = read(fd, upTo: Int(info.st_size)), bytes.count == Int(info.st_size)
    else { return nil }
    return (bytes, info)
  }

  /// The first `count` bytes of the file (fewer when it is shorter), or nil when it cannot be read.
  static func readPrefix(_ path: String, count: Int) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    return read(fd, upTo: count)
  }

  /// Up to `count` bytes from the start of `fd`, fewer at its end; nil on a read error.
  private static func read(_ fd: Int32, upTo count: Int) -> [UInt8]? {
    var failed = false
    let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, done in
      done = 0
      while done < count, let base = buffer.baseAddress {
        let n = pread(fd, base + done, count - done, off_t(done))
        if n < 0 { failed = true }
        guard n > 0 else { break }
        done += n
      }
    }
    return failed ? nil : bytes
  }

  /// Writes all of `buffer` to `fd`; the reason (from `errno`) when it cannot.
  public static func write(_ buffer: UnsafeRawBufferPointer, to fd: Int32) -> String? {
    var done = 0
    while done < buffer.count, let base = buffer.baseAddress {
      let n = Glibc.write(fd, base + done, buffer.count - done)
      guard n > 0 else { return String(cString: strerror(errno)) }
      done += n
    }
    return nil
  }

  /// Writes `bytes` over the file at `target`, in place: from its first byte
  /// on, then cut to their length.
  ///
  /// Replacing a file (`replace`) gives it a new inode and frees the old
  /// one, which costs a filesystem far more than rewriting the blocks: an
  /// ingest replaced hundreds of claim files. A write cut short leaves the
  /// start of `bytes` followed by the rest of the old file
  /// (`isCutShortOverwrite` recognises it). Only a regular file with no other
  /// link is overwritten, so that no other name for it changes.
  /// - Returns: false when `target` is not such a file (missing, a link, not
  ///   writable), or a write failed part-way, which leaves that cut-short state.
  public static func overwrite(_ target: String, with bytes: [UInt8]) -> Bool {
    let fd = open(target, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1 else { return false }
    guard bytes.withUnsafeBytes({ write($0, to: fd) }) == nil else { return false }
    return Int(info.st_size) <= bytes.count || ftruncate(fd, off_t(bytes.count)) == 0
  }

  /// Whether `file` is what `overwrite` leaves when it writes `new` over
  /// `old` and is cut short: the start of `new`, then `old` from there on.
  public static func isCutShortOverwrite(_ file: [UInt8], old: [UInt8], new: [UInt8]) -> Bool {
    var written = 0
    while written < min(file.count, new.count) && file[written] == new[written] { written += 1 }
    return file.count == max(old.count, written) && file[written...].elementsEqual(old[min(written, old.count)...])
  }

  /// Writes `bytes` to `temporary`, then renames it over `target`: readers
  /// see the old file or the new one, never part of it.
  ///
  /// Nothing is synced (Foundation's `Data.write` syncs every file, which
  /// costs more than a whole commit when an ingest writes hundreds): like
  /// libgit2's object and reference writes, what reached the page cache
  /// survives a killed process.
  /// - Returns: the reason (from `errno`) when it could not; nil on success.
  public static func replace(_ target: String, with bytes: [UInt8], through temporary: String) -> String? {
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return String(cString: strerror(errno)) }
    let failure = bytes.withUnsafeBytes { write($0, to: fd) }
    close(fd)
    if let failure {
      unlink(temporary)
      return failure
    }
    guard rename(temporary, target) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      return reason
    }
    return nil
  }
}
