import CGit2
import CGit2Certificates
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Process-wide libgit2 setup.
public enum Git {
  private static let initialized: Result<Void, GitError> = {
    // The CA bundle is parsed when a transfer first needs it (`loadCertificates`), not in every process.
    vet_certificates_defer(1)
    let code = git_libgit2_init()
    vet_certificates_defer(0)
    if code < 0 { return .failure(GitError(code: code, function: "git_libgit2_init")) }
    // Objects vet reads must be what they claim to be.
    _ = vet_opts_strict_hash_verification(1)
    // Walking 100,000 commits otherwise caches every one (up to 256 MB).
    _ = vet_opts_set_cache_max_size(32 << 20)
    // Trees up to 256 KB are cached (libgit2 caches none over 4 KB): a claim's
    // shard folder holds hundreds of entries at 100,000 claims, and without
    // this every path lookup reads and parses it again.
    _ = vet_opts_set_cache_object_limit(GIT_OBJECT_TREE, 256 << 10)
    return .success(())
  }()

  /// Initializes libgit2 once for the process.
  ///
  /// Safe to call many times; only the first call does the work.
  /// - Throws: `GitError` when libgit2 cannot start (e.g. no TLS or threads).
  /// Wraps `git_libgit2_init`.
  public static func bootstrap() throws(GitError) {
    try initialized.get()
  }

  /// Runs `body` with packs mapped in small windows (the least used unmapped
  /// beyond 32 MB) and at most 16 MB of parsed objects cached, then puts
  /// libgit2's previous limits back.
  ///
  /// For reading every object of a large repository (building the claim
  /// index of 100,000 claims), where libgit2 would otherwise map the whole
  /// pack as one window (over 300 MB resident); every mapped page counts
  /// towards the process's memory, though the kernel caches the file anyway.
  /// The limits are process-wide: the rest of the command keeps the defaults.
  /// Wraps `git_libgit2_opts` with `GIT_OPT_GET_MWINDOW_SIZE`, `GIT_OPT_GET_MWINDOW_MAPPED_LIMIT`,
  /// `GIT_OPT_GET_CACHED_MEMORY` and their setters.
  public static func withBoundedPackWindows<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
    let saved = readPackWindowLimits()
    setPackWindowLimits((window: 16 << 20, mapped: 32 << 20, cache: 16 << 20))
    defer { if let saved { setPackWindowLimits(saved) } }
    return try body()
  }

  /// The limits `withBoundedPackWindows` changes, in bytes: pack window size, mapped windows, object cache.
  public static var packWindowLimits: (window: Int, mapped: Int, cache: Int) {
    // Before start-up they are libgit2's, not the ones vet sets.
    _ = try? bootstrap()
    return readPackWindowLimits() ?? (0, 0, 0)
  }

  private static func readPackWindowLimits() -> (window: Int, mapped: Int, cache: Int)? {
    var window = 0
    var mapped = 0
    var cache = 0
    guard
      vet_opts_get_mwindow_size(&window) == 0 && vet_opts_get_mwindow_mapped_limit(&mapped) == 0
        && vet_opts_get_cache_max_size(&cache) == 0
    else { return nil }
    return (window, mapped, cache)
  }

  private static func setPackWindowLimits(_ limits: (window: Int, mapped: Int, cache: Int)) {
    _ = vet_opts_set_mwindow_size(limits.window)
    _ = vet_opts_set_mwindow_mapped_limit(limits.mapped)
    _ = vet_opts_set_cache_max_size(limits.cache)
  }

  /// The version of the linked libgit2, as "major.minor.revision".
  ///
  /// Wraps `git_libgit2_version`.
  public static var libraryVersion: String {
    var major: Int32 = 0
    var minor: Int32 = 0
    var revision: Int32 = 0
    git_libgit2_version(&major, &minor, &revision)
    return "\(major).\(minor).\(revision)"
  }

  /// Turns `fsync` on for files libgit2 writes in the git directory.
  ///
  /// Makes objects, the index and references durable before vet reports success.
  /// Wraps `git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR)`.
  public static func setFsync(_ on: Bool) {
    _ = vet_opts_fsync_gitdir(on ? 1 : 0)
  }

  /// Points libgit2's global, XDG and system configuration search paths at `path`.
  ///
  /// Tests use this to keep a developer's own git configuration out.
  /// Wraps `git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH)`.
  public static func setConfigSearchPath(_ path: String?) throws(GitError) {
    for level in [GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_SYSTEM] {
      try check("git_libgit2_opts") { vet_opts_set_search_path(level, path) }
    }
  }

  /// Loads the CA certificates TLS connections are verified against, once per process.
  ///
  /// By default the system bundle libgit2 was built to use (its loading is
  /// deferred from `bootstrap`); `GIT_SSL_CAINFO`, or else the git
  /// configuration's `http.sslCAInfo`, names a bundle to use instead, as
  /// with the git CLI. Until this runs, libgit2 trusts no certificate.
  /// - Parameter config: the configuration to read `http.sslCAInfo` from.
  /// - Throws: `GitError` (naming the file) when the bundle cannot be read.
  /// Wraps `git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS)`.
  public static func loadCertificates(config: Config?) throws(GitError) {
    try bootstrap()
    let variable = getenv("GIT_SSL_CAINFO").map { String(cString: $0) }
    let chosen = variable.flatMap { $0.isEmpty ? nil : $0 } ?? (try? config?.string("http.sslcainfo")) ?? nil
    let location: (file: String?, path: String?)
    if let chosen {
      location = (chosen, nil)
    } else {
      location = (
        vet_certificates_deferred_file().map { String(cString: $0) },
        vet_certificates_deferred_path().map { String(cString: $0) }
      )
    }
    guard location.file != nil || location.path != nil else { return }
    if loadedCertificates.withLock({ $0 == "\(location)" }) { return }
    let code = vet_opts_set_ssl_cert_locations(location.file, location.path)
    if code < 0 {
      let reason = GitError(code: code, function: "git_libgit2_opts").message
      throw GitError(
        code: code, message: "cannot load CA certificates from \(location.file ?? location.path ?? ""): \(reason)",
        function: "git_libgit2_opts")
    }
    loadedCertificates.withLock { $0 = "\(location)" }
  }

  /// Whether a transfer from `url` may need TLS: https://, and http:// since a server may redirect it to https://.
  static func mayUseTLS(_ url: String) -> Bool {
    let lowered = url.lowercased()
    return lowered.hasPrefix("https://") || lowered.hasPrefix("http://")
  }

  /// The certificate location last loaded, so a second transfer in one process does not parse it again.
  private static let loadedCertificates = Mutex<String?>(nil)
}
