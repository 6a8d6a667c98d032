import CGit2

/// An object database backend that does one thing: receive the pack of a
/// clone and index it with vet's `PackIndexer` instead of libgit2's.
///
/// libgit2's fetch hands the received pack to the highest-priority backend
/// with a `writepack` callback; this one has nothing else (no reads, no
/// writes), so every other operation still goes to libgit2's own loose and
/// pack backends, which find the pack once it is in `objects/pack/`.
///
/// Only a clone uses it: a clone's pack is complete by itself. A fetch into
/// an existing workspace may receive a thin pack, whose deltas are based on
/// objects the workspace already has; libgit2's indexer completes those, so
/// pulls and fetches keep it (`Repository.clone` reopens the repository
/// without this backend before returning).
enum ClonePackBackend {
  /// What one clone's backend leaves for the clone to use afterwards; passed
  /// as `git_clone_options.repository_cb_payload`, kept alive by the caller
  /// for the whole `git_clone` (and by the backend while it lives).
  final class Session {
    /// The pack received and indexed, with every entry's id.
    fileprivate(set) var indexedPack: IndexedPack?
    /// The trees of that pack `TreeEntryRules` refuses; nil when no pack was indexed here.
    fileprivate(set) var refusedTrees: [RefusedTree]?
  }

  /// Creates the repository of a clone with this backend in its object database.
  ///
  /// A `git_repository_create_cb` for `git_clone_options.repository_cb`,
  /// whose payload is a `Session`.
  /// Wraps `git_repository_init`, `git_repository_odb` and `git_odb_add_backend`.
  static let createRepository: git_repository_create_cb = { out, path, bare, payload in
    guard let out, let payload else { return -1 }
    let code = git_repository_init(out, path, UInt32(bare))
    guard code >= 0, let repository = out.pointee else { return code }
    var odb: OpaquePointer?
    let found = git_repository_odb(&odb, repository)
    guard found >= 0, let odb else { return found }
    defer { git_odb_free(odb) }
    return install(
      in: odb, packDirectory: String(cString: git_repository_path(repository)) + "objects/pack/",
      session: Unmanaged<Session>.fromOpaque(payload).takeUnretainedValue())
  }

  /// The backend's state, reached from the C struct's payload.
  private final class Backend {
    let packDirectory: String
    let session: Session
    init(packDirectory: String, session: Session) {
      self.packDirectory = packDirectory
      self.session = session
    }
  }

  /// One pack being received, reached from the writepack's payload.
  private final class Writer {
    let indexer: PackIndexer
    let backend: Backend
    let odb: OpaquePointer?
    let progress: git_indexer_progress_cb?
    let progressPayload: UnsafeMutableRawPointer?
    var reportedObjects = -1

    init(
      indexer: PackIndexer, backend: Backend, odb: OpaquePointer?, progress: git_indexer_progress_cb?,
      payload: UnsafeMutableRawPointer?
    ) {
      self.indexer = indexer
      self.backend = backend
      self.odb = odb
      self.progress = progress
      self.progressPayload = payload
    }

    /// Copies the indexer's counts into libgit2's and calls the progress callback; its code, non-zero to stop.
    func report(_ counts: PackIndexer.Progress, into stats: UnsafeMutablePointer<git_indexer_progress>) -> Int32 {
      stats.pointee.total_objects = UInt32(counts.totalObjects)
      stats.pointee.received_objects = UInt32(counts.receivedObjects)
      stats.pointee.indexed_objects = UInt32(counts.indexedObjects)
      stats.pointee.total_deltas = UInt32(counts.totalDeltas)
      stats.pointee.indexed_deltas = UInt32(counts.indexedDeltas)
      // received_bytes is the transport's to count: it adds what it reads before handing it over.
      guard let progress else { return 0 }
      return progress(stats, progressPayload)
    }
  }

  /// Adds the backend to `odb`, which frees it.
  ///
  /// It goes above libgit2's own backends (priorities 1 and 2), so that its
  /// `writepack` is the one chosen.
  private static func install(in odb: OpaquePointer, packDirectory: String, session: Session) -> Int32 {
    let backend = UnsafeMutablePointer<vet_odb_backend>.allocate(capacity: 1)
    backend.initialize(to: vet_odb_backend())
    // The odb keeps this pointer: the struct's own address, its first member's.
    let parent = UnsafeMutableRawPointer(backend).assumingMemoryBound(to: git_odb_backend.self)
    let code = git_odb_init_backend(parent, UInt32(GIT_ODB_BACKEND_VERSION))
    guard code >= 0 else {
      backend.deallocate()
      return code
    }
    backend.pointee.payload = Unmanaged.passRetained(Backend(packDirectory: packDirectory, session: session)).toOpaque()
    backend.pointee.parent.writepack = writepack
    backend.pointee.parent.free = { raw in
      guard let raw else { return }
      let backend = UnsafeMutableRawPointer(raw).assumingMemoryBound(to: vet_odb_backend.self)
      if let payload = backend.pointee.payload { Unmanaged<Backend>.fromOpaque(payload).release() }
      backend.deinitialize(count: 1)
      backend.deallocate()
    }
    let added = git_odb_add_backend(odb, parent, 100)
    if added < 0 { parent.pointee.free(parent) }
    return added
  }

  /// Sets libgit2's error message, which `git_clone`'s caller reads, and returns the code.
  private static func fail(_ error: GitError) -> Int32 {
    git_error_set_str(Int32(GIT_ERROR_INDEXER.rawValue), error.message)
    return error.code < 0 ? error.code : GIT_ERROR.rawValue
  }

  private static func writer(_ raw: UnsafeMutablePointer<git_odb_writepack>?) -> Writer? {
    guard let raw else { return nil }
    let writepack = UnsafeMutableRawPointer(raw).assumingMemoryBound(to: vet_odb_writepack.self)
    guard let payload = writepack.pointee.payload else { return nil }
    return Unmanaged<Writer>.fromOpaque(payload).takeUnretainedValue()
  }

  private static let writepack:
    @convention(c) (
      UnsafeMutablePointer<UnsafeMutablePointer<git_odb_writepack>?>?, UnsafeMutablePointer<git_odb_backend>?,
      OpaquePointer?, git_indexer_progress_cb?, UnsafeMutableRawPointer?
    ) -> Int32 = { out, raw, odb, progress, payload in
      guard let out, let raw else { return -1 }
      let backend = UnsafeMutableRawPointer(raw).assumingMemoryBound(to: vet_odb_backend.self)
      guard let state = backend.pointee.payload else { return -1 }
      let owner = Unmanaged<Backend>.fromOpaque(state).takeUnretainedValue()
      let indexer: PackIndexer
      do throws(GitError) { indexer = try PackIndexer(directory: owner.packDirectory) } catch { return fail(error) }
      let writepack = UnsafeMutablePointer<vet_odb_writepack>.allocate(capacity: 1)
      writepack.initialize(to: vet_odb_writepack())
      writepack.pointee.parent.backend = raw
      writepack.pointee.payload = Unmanaged.passRetained(
        Writer(indexer: indexer, backend: owner, odb: odb, progress: progress, payload: payload)
      ).toOpaque()
      writepack.pointee.parent.append = { raw, data, size, stats in
        guard let writer = ClonePackBackend.writer(raw), let stats else { return -1 }
        guard size > 0, let data else { return 0 }
        do throws(GitError) { try writer.indexer.append(UnsafeRawBufferPointer(start: data, count: size)) } catch {
          return ClonePackBackend.fail(error)
        }
        // Once per batch of bytes the transport hands over, as long as objects arrive.
        let counts = writer.indexer.progress
        guard counts.receivedObjects != writer.reportedObjects else { return 0 }
        writer.reportedObjects = counts.receivedObjects
        return writer.report(counts, into: stats)
      }
      writepack.pointee.parent.commit = { raw, stats in
        guard let writer = ClonePackBackend.writer(raw), let stats else { return -1 }
        var stopped: Int32 = 0
        do throws(GitError) {
          let name = try writer.indexer.commit { counts in
            stopped = writer.report(counts, into: stats)
            return stopped == 0
          }
          writer.backend.session.indexedPack = IndexedPack(
            packFile: writer.backend.packDirectory + name + ".pack", entries: writer.indexer.entries)
          writer.backend.session.refusedTrees = writer.indexer.refusedTrees
        } catch {
          if stopped != 0 { return stopped }
          return ClonePackBackend.fail(error)
        }
        // libgit2 lists packs once and would not see the new one otherwise.
        if let odb = writer.odb {
          let code = git_odb_refresh(odb)
          if code < 0 { return code }
        }
        return 0
      }
      writepack.pointee.parent.free = { raw in
        guard let raw else { return }
        let writepack = UnsafeMutableRawPointer(raw).assumingMemoryBound(to: vet_odb_writepack.self)
        if let payload = writepack.pointee.payload { Unmanaged<Writer>.fromOpaque(payload).release() }
        writepack.deinitialize(count: 1)
        writepack.deallocate()
      }
      out.pointee = UnsafeMutableRawPointer(writepack).assumingMemoryBound(to: git_odb_writepack.self)
      return 0
    }
}

/// A pack vet indexed, as the checkout that follows a clone reads it.
struct IndexedPack: Sendable {
  /// The `.pack` file's path.
  var packFile: String
  /// Every entry, with its id and where it lies.
  var entries: PackEntries
}
