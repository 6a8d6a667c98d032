import CGit2
import Crypto

#if canImport(Glibc)
  import Glibc
#endif

/// Receives a pack as it streams in, then indexes it as `git index-pack` does,
/// and moves the pack and its `.idx` into place.
///
/// libgit2's own indexer resolves each delta by walking its chain back to a
/// full object through a small cache, which on a pack of long chains (100,000
/// claims edited one commit at a time) inflates most chains again for every
/// object, on one thread. Here, while the pack arrives, every entry is parsed
/// and inflated once to find where it ends, with its CRC32 and, for full
/// objects, its SHA-1; then (`PackDeltaResolver`) each full object is inflated
/// again once and every delta built on it is applied while it is in memory,
/// depth first, on two threads. The `.idx` written is byte for byte the one
/// `git index-pack` writes (`PackIndexWriter`).
///
/// Only for packs that are complete by themselves (a clone's): a delta whose
/// base is not in the pack is an error, not something to fetch locally.
final class PackIndexer {
  /// Counts in the shape of libgit2's `git_indexer_progress`.
  struct Progress: Sendable, Equatable {
    var totalObjects = 0
    var receivedObjects = 0
    var indexedObjects = 0
    var totalDeltas = 0
    var indexedDeltas = 0
    var receivedBytes = 0
  }

  private(set) var progress = Progress()

  private let directory: String
  private var temporaryPack: String
  private let fd: Int32
  private var committed = false

  private enum State {
    case packHeader
    case entryHeader
    case inflating
    case trailer
  }
  private var state = State.packHeader
  /// Received bytes not parsed yet, starting at stream offset `pendingOffset`.
  private var pending: [UInt8] = []
  private var pendingOffset: UInt64 = 0
  private var packHash = Insecure.SHA1()
  private let inflater: Inflater
  private let scratch: UnsafeMutableRawBufferPointer

  // The entry being inflated.
  private var entryCRC: uLong = 0
  private var entryInflated = 0
  private var objectHash = Insecure.SHA1()

  /// What is known of every entry, in pack order; once committed, every id.
  private(set) var entries = PackEntries()
  /// The trees that hold an entry `TreeEntryRules` refuses, known once `commit` has resolved the pack.
  private(set) var refusedTrees: [RefusedTree] = []

  /// Starts a pack in `directory` (normally `objects/pack/`, with a trailing slash).
  /// - Throws: `GitError` when the temporary pack file cannot be created.
  init(directory: String) throws(GitError) {
    self.directory = directory
    guard let (fd, path) = PackFiles.temporaryFile(directory + "tmp_pack_") else {
      throw GitError(
        message: "cannot create a pack file in \(directory): \(String(cString: strerror(errno)))", function: "mkstemp")
    }
    self.fd = fd
    temporaryPack = path
    inflater = try Inflater()
    scratch = .allocate(byteCount: 64 << 10, alignment: 16)
  }

  deinit {
    close(fd)
    if !committed { unlink(temporaryPack) }
    scratch.deallocate()
  }

  /// Stores the next bytes of the pack and parses every entry they complete.
  /// - Throws: `GitError` when the bytes cannot be stored or are not a valid pack.
  func append(_ data: UnsafeRawBufferPointer) throws(GitError) {
    if let reason = FileBytes.write(data, to: fd) {
      throw GitError(message: "cannot write the received pack to \(temporaryPack): \(reason)", function: "write")
    }
    progress.receivedBytes += data.count
    pending.append(contentsOf: data)
    let parsed = try pending.withUnsafeBufferPointer { buffer in
      Result { () throws(GitError) -> Int in try parse(buffer) }
    }.get()
    // The trailing checksum covers everything before it, so only parsed bytes are hashed.
    pending.withUnsafeBytes { packHash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[..<parsed])) }
    pending.removeFirst(parsed)
    pendingOffset += UInt64(parsed)
  }

  /// Parses as much of `buffer` (which starts at `pendingOffset`) as is complete.
  /// - Returns: how many bytes were parsed.
  private func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws(GitError) -> Int {
    var at = 0
    while true {
      switch state {
      case .packHeader:
        guard buffer.count - at >= 12 else { return at }
        guard buffer[0] == 0x50, buffer[1] == 0x41, buffer[2] == 0x43, buffer[3] == 0x4B else {
          throw Self.corrupt("it does not start with a pack signature")
        }
        let version = BigEndian.uint32(buffer, 4)
        guard version == 2 || version == 3 else { throw Self.corrupt("pack version \(version) is not supported") }
        progress.totalObjects = Int(BigEndian.uint32(buffer, 8))
        entries.reserve(progress.totalObjects)
        at = 12
        state = progress.totalObjects == 0 ? .trailer : .entryHeader
      case .entryHeader:
        let offset = pendingOffset + UInt64(at)
        guard let header = try parseEntryHeader(buffer, at: at, offset: offset) else { return at }
        entryCRC = Self.crc(0, UnsafeBufferPointer(rebasing: buffer[at..<(at + header.length)]))
        entryInflated = 0
        if header.type < 5 {
          objectHash = Insecure.SHA1()
          objectHash.update(data: PackEntries.objectHeader(type: header.type, size: header.size))
        }
        inflater.reset()
        entries.append(
          offset: offset, headerLength: header.length, type: header.type, size: header.size, base: header.base)
        if let refBase = header.refBase { entries.addReferenceDelta(entries.count - 1, base: refBase) }
        at += header.length
        state = .inflating
      case .inflating:
        let entry = entries.count - 1
        let input = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[at...])
        guard let step = inflater.step(input, into: scratch) else {
          throw Self.corrupt("the object at offset \(entries.offsets[entry]) is not valid zlib data")
        }
        if step.consumed > 0 {
          entryCRC = Self.crc(entryCRC, UnsafeBufferPointer(rebasing: buffer[at..<(at + step.consumed)]))
          at += step.consumed
        }
        entryInflated += step.produced
        guard entryInflated <= entries.sizes[entry] else {
          throw Self.corrupt("the object at offset \(entries.offsets[entry]) inflates to more than its declared size")
        }
        if entries.types[entry] < 5, step.produced > 0 {
          objectHash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: scratch[..<step.produced]))
        }
        if step.ended {
          guard entryInflated == entries.sizes[entry] else {
            throw Self.corrupt("the object at offset \(entries.offsets[entry]) inflates to less than its declared size")
          }
          entries.crcs[entry] = UInt32(entryCRC)
          if entries.types[entry] < 5 {
            entries.setID(entry, Array(objectHash.finalize()))
            progress.indexedObjects += 1
          }
          progress.receivedObjects += 1
          state = progress.receivedObjects == progress.totalObjects ? .trailer : .entryHeader
        } else if step.consumed == 0 && step.produced == 0 {
          return at
        }
      case .trailer:
        return at
      }
    }
  }

  private struct EntryHeader {
    var length: Int
    var type: UInt8
    var size: Int
    /// The base entry of an offset delta.
    var base: Int32
    /// The base object id of a reference delta.
    var refBase: [UInt8]?
  }

  /// An entry's type, size and delta base; nil when `buffer` ends before the header does.
  private func parseEntryHeader(_ buffer: UnsafeBufferPointer<UInt8>, at start: Int, offset: UInt64) throws(GitError)
    -> EntryHeader?
  {
    var at = start
    guard at < buffer.count else { return nil }
    var byte = buffer[at]
    at += 1
    let type = (byte >> 4) & 7
    var size = Int(byte & 0x0F)
    var shift = 4
    while byte & 0x80 != 0 {
      guard at < buffer.count else { return nil }
      guard shift < 60 else { throw Self.corrupt("the object at offset \(offset) declares an impossible size") }
      byte = buffer[at]
      at += 1
      size |= Int(byte & 0x7F) << shift
      shift += 7
    }
    switch type {
    case 1, 2, 3, 4:
      return EntryHeader(length: at - start, type: type, size: size, base: -1, refBase: nil)
    case 6:
      // The base's distance back, in git's base-128 form where each continuation adds one.
      guard at < buffer.count else { return nil }
      byte = buffer[at]
      at += 1
      var distance = UInt64(byte & 0x7F)
      while byte & 0x80 != 0 {
        guard at < buffer.count else { return nil }
        guard distance < (1 << 56) else {
          throw Self.corrupt("the delta at offset \(offset) has an impossible base offset")
        }
        byte = buffer[at]
        at += 1
        distance = ((distance + 1) << 7) | UInt64(byte & 0x7F)
      }
      guard distance > 0, distance <= offset, let base = entries.index(ofOffset: offset - distance) else {
        throw Self.corrupt("the delta at offset \(offset) names a base at no object's offset")
      }
      return EntryHeader(length: at - start, type: type, size: size, base: Int32(base), refBase: nil)
    case 7:
      guard buffer.count - at >= 20 else { return nil }
      let base = Array(buffer[at..<(at + 20)])
      return EntryHeader(length: at + 20 - start, type: type, size: size, base: -1, refBase: base)
    default:
      throw Self.corrupt("the object at offset \(offset) has the unknown type \(type)")
    }
  }

  /// Checks that the whole pack arrived intact, resolves its deltas, writes
  /// its `.idx` and moves both into place as `pack-<checksum>`.
  /// - Parameter report: called on this thread with the counts while deltas
  ///   are resolved; returning false cancels.
  /// - Returns: the pack's name, "pack-<checksum>".
  /// - Throws: `GitError` for a truncated or corrupt pack, a missing delta
  ///   base, a cancellation or a file that cannot be written.
  func commit(report: (Progress) -> Bool) throws(GitError) -> String {
    guard state == .trailer else {
      throw Self.corrupt(
        "it is truncated: it ended after \(progress.receivedObjects) of \(progress.totalObjects) objects")
    }
    guard pending.count >= 20 else { throw Self.corrupt("it is truncated: its closing checksum is missing") }
    guard pending.count == 20 else { throw Self.corrupt("\(pending.count - 20) bytes follow its closing checksum") }
    let checksum = Array(packHash.finalize())
    guard checksum == pending else {
      throw Self.corrupt("its closing checksum does not match its content: it was damaged on the way")
    }
    progress.totalDeltas = progress.totalObjects - progress.indexedObjects
    entries.end = pendingOffset
    let resolver = PackDeltaResolver(entries: entries, fd: fd)
    try resolver.run { resolved in
      progress.indexedDeltas = resolved
      progress.indexedObjects = progress.totalObjects - progress.totalDeltas + resolved
      return report(progress)
    }
    entries = resolver.resolvedEntries()
    refusedTrees = resolver.refusedTrees()
    let index = PackIndexWriter.index(of: entries, packChecksum: checksum)
    let name = "pack-" + ObjectID(bytes: checksum).hex
    try install(index: index, name: name)
    return name
  }

  /// Writes the `.idx`, then moves the pack and the index into place (`PackFiles.install`).
  private func install(index: [UInt8], name: String) throws(GitError) {
    try PackFiles.install(pack: fd, at: temporaryPack, index: index, directory: directory, name: name)
    committed = true
  }

  /// Continues a CRC32 over `bytes`.
  ///
  /// Wraps zlib's `crc32`.
  private static func crc(_ crc: uLong, _ bytes: UnsafeBufferPointer<UInt8>) -> uLong {
    crc32(crc, bytes.baseAddress, uInt(bytes.count))
  }

  /// An error for a pack that cannot be indexed.
  static func corrupt(_ reason: String) -> GitError {
    GitError(code: GIT_ERROR.rawValue, message: "the received pack is unusable: \(reason)", function: "index-pack")
  }
}
