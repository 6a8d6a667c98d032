import CGit2
import Foundation

/// How far a fetch, clone or push has got, as libgit2 reports it.
public struct TransferProgress: Sendable, Hashable {
  /// What the transfer is doing now.
  public enum Phase: Sendable, Hashable {
    /// Receiving objects from the server (fetch, clone).
    case receiving
    /// Resolving deltas of what was received.
    case resolving
    /// Finding and compressing what to send (push).
    case packing
    /// Sending objects to the server (push).
    case sending
  }

  public var phase: Phase
  /// Objects done in this phase.
  public var current: Int
  /// Objects in this phase, when known (0 while unknown).
  public var total: Int
  /// Bytes received or sent so far.
  public var bytes: Int

  public init(phase: Phase, current: Int, total: Int, bytes: Int) {
    self.phase = phase
    self.current = current
    self.total = total
    self.bytes = bytes
  }
}

/// The kinds of credential a server accepts, from libgit2's `allowed_types`.
public struct CredentialTypes: OptionSet, Sendable, Hashable {
  public let rawValue: UInt32
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// A user name and password (HTTP basic, or SSH password).
  public static let userPassword = CredentialTypes(rawValue: GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue)
  /// An SSH key, from a file or from ssh-agent.
  public static let sshKey = CredentialTypes(rawValue: GIT_CREDENTIAL_SSH_KEY.rawValue)
  /// Only a user name (SSH asks for this first when the URL has none).
  public static let username = CredentialTypes(rawValue: GIT_CREDENTIAL_USERNAME.rawValue)
  /// The platform's single sign-on (Negotiate/NTLM).
  public static let defaultCredentials = CredentialTypes(rawValue: GIT_CREDENTIAL_DEFAULT.rawValue)
}

/// What libgit2 asks for when a server wants authentication.
public struct CredentialRequest: Sendable, Hashable {
  /// The URL being connected to.
  public var url: String
  /// The user name written in the URL (`ssh://ann@host/…`), if any.
  public var usernameFromURL: String?
  /// What the server accepts.
  public var allowed: CredentialTypes
  /// The request's number in this transfer: 1 for the first, 2 after the first answer was refused, and so on.
  public var attempt: Int
}

/// An answer to a `CredentialRequest`.
public enum Credential: Sendable, Hashable {
  /// Just a user name (for SSH's first question).
  case username(String)
  /// A user name and password.
  case userPassword(username: String, password: String)
  /// Ask the running ssh-agent (`SSH_AUTH_SOCK`) to sign for `username`.
  case sshAgent(username: String)
  /// An SSH key pair on disk; `publicKey` may be nil when libssh2 can derive it.
  case sshKeyFile(username: String, publicKey: String?, privateKey: String, passphrase: String?)
}

/// The server's SSH host key, as libssh2 received it.
public struct HostKey: Sendable, Hashable {
  /// The host name as written in the URL.
  public var host: String
  /// The key type as OpenSSH names it ("ssh-ed25519", "ssh-rsa", …).
  public var type: String
  /// The key blob in SSH wire format: the base64-decoded field of a `known_hosts` line.
  public var key: [UInt8]
  /// The SHA-256 of the key, when libssh2 computed it.
  public var sha256: [UInt8]?

  public init(host: String, type: String, key: [UInt8], sha256: [UInt8]?) {
    self.host = host
    self.type = type
    self.key = key
    self.sha256 = sha256
  }

  /// The fingerprint as `ssh-keygen -l` prints it: "SHA256:" and unpadded base64.
  public var fingerprint: String {
    guard let sha256 else { return "(unknown)" }
    var text = Data(sha256).base64EncodedString()
    while text.hasSuffix("=") { text.removeLast() }
    return "SHA256:" + text
  }
}

/// Whether to trust a server's host key.
public enum HostKeyVerdict: Sendable, Hashable {
  case accept
  /// Refuse, with the reason a person should read.
  case reject(String)
}

/// The questions a transfer may ask, and where it reports progress.
///
/// Every closure is called on the thread that started the transfer, while it runs.
public struct TransferCallbacks {
  /// Answers authentication requests; nil (or returning nil) gives up.
  public var credentials: ((CredentialRequest) -> Credential?)?
  /// Decides on an SSH host key.
  ///
  /// Without it every host key is refused: a transfer never trusts an unknown server silently.
  public var hostKey: ((HostKey) -> HostKeyVerdict)?
  /// Progress; return false to cancel the transfer.
  public var progress: ((TransferProgress) -> Bool)?
  /// Lines the server prints ("remote: …"), as they arrive.
  public var remoteMessage: ((String) -> Void)?
  /// How many credential requests one transfer may make before it fails:
  /// libgit2 asks again after each refusal, for ever if allowed to.
  public var maximumCredentialAttempts = 8

  public init(
    credentials: ((CredentialRequest) -> Credential?)? = nil, hostKey: ((HostKey) -> HostKeyVerdict)? = nil,
    progress: ((TransferProgress) -> Bool)? = nil, remoteMessage: ((String) -> Void)? = nil
  ) {
    self.credentials = credentials
    self.hostKey = hostKey
    self.progress = progress
    self.remoteMessage = remoteMessage
  }
}

/// A reference the server refused to update during a push.
public struct PushRejection: Sendable, Hashable, Error {
  /// The remote reference, for example "refs/heads/main".
  public var reference: String
  /// The server's reason, for example "pre-receive hook declined".
  public var reason: String
  /// What the server printed while refusing (its hooks' output), oldest first.
  public var serverMessages: [String]
}

/// The state one transfer's callbacks share, passed to libgit2 as the payload.
///
/// The transfer holds it strongly for as long as libgit2 runs and releases it
/// only after the libgit2 call returns: libgit2 may call back many times
/// (credentials after each refusal), so no callback may ever release it.
final class TransferContext {
  let callbacks: TransferCallbacks
  private(set) var credentialAttempts = 0
  /// A failure decided by a callback, reported instead of libgit2's generic message.
  var failure: GitError?
  /// References the server refused during a push.
  var rejections: [(reference: String, reason: String)] = []
  /// The server's last lines of output, for error messages.
  private(set) var serverMessages: [String] = []
  private var partialLine = ""
  private var lastBytes = 0

  init(_ callbacks: TransferCallbacks) {
    self.callbacks = callbacks
  }

  /// Fills a `git_remote_callbacks` with trampolines into this context.
  ///
  /// The caller keeps `self` alive until the libgit2 call that uses them returns.
  func install(into raw: inout git_remote_callbacks) {
    raw.payload = Unmanaged.passUnretained(self).toOpaque()
    raw.credentials = { out, url, username, allowed, payload in
      guard let out, let payload else { return -1 }
      let context = Unmanaged<TransferContext>.fromOpaque(payload).takeUnretainedValue()
      return context.acquireCredential(
        out, url: url.map { String(cString: $0) } ?? "", username: username.map { String(cString: $0) },
        allowed: allowed)
    }
    raw.certificate_check = { cert, valid, host, payload in
      guard let cert, let payload else { return -1 }
      let context = Unmanaged<TransferContext>.fromOpaque(payload).takeUnretainedValue()
      return context.checkCertificate(cert, valid: valid != 0, host: host.map { String(cString: $0) } ?? "")
    }
    raw.transfer_progress = { stats, payload in
      guard let stats, let payload else { return 0 }
      let context = Unmanaged<TransferContext>.fromOpaque(payload).takeUnretainedValue()
      let s = stats.pointee
      let resolving = s.received_objects == s.total_objects && s.total_deltas > 0
      let progress =
        resolving
        ? TransferProgress(
          phase: .resolving, current: Int(s.indexed_deltas), total: Int(s.total_deltas), bytes: s.received_bytes)
        : TransferProgress(
          phase: .receiving, current: Int(s.received_objects), total: Int(s.total_objects), bytes: s.received_bytes)
      return context.report(progress)
    }
    raw.pack_progress = { _, current, total, payload in
      guard let payload else { return 0 }
      let context = Unmanaged<TransferContext>.fromOpaque(payload).takeUnretainedValue()
      return context.report(TransferProgress(phase: .packing, current: Int(current), total: Int(total), bytes: 0))
    }
    raw.push_transfer_progress = { current, total, bytes, payload in
      guard let payload else { return 0 }
      let context = Unmanaged<TransferContext>.fromOpaque(payload).takeUnretainedValue()
      return context.report(TransferProgress(phase: .sending, current: Int(current), total: Int(total), bytes: bytes))
    }
    raw.sideband_progress = { text, length, payload in
      guard let text, let payload, length > 0 else { return 0 }
      let context = Unmanaged<TransferContext>.fromOpaque(payload).takeUnretainedValue()
      let bytes = UnsafeRawBufferPointer(start: text, count: Int(length))
      context.receiveServerText(String(decoding: bytes, as: UTF8.self))
      return 0
    }
    // libgit2 reports a server's refusal of a pushed reference (a hook, a
    // protected branch) only here; the push call itself still succeeds.
    raw.push_update_reference = { reference, status, payload in
      guard let payload else { return 0 }
      let context = Unmanaged<TransferContext>.fromOpaque(payload).takeUnretainedValue()
      if let status {
        context.rejections.append((reference.map { String(cString: $0) } ?? "", String(cString: status)))
      }
      return 0
    }
  }

  // MARK: - Callbacks

  private func acquireCredential(
    _ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>, url: String, username: String?,
    allowed: UInt32
  ) -> Int32 {
    credentialAttempts += 1
    let request = CredentialRequest(
      url: url, usernameFromURL: username.flatMap { $0.isEmpty ? nil : $0 },
      allowed: CredentialTypes(rawValue: allowed), attempt: credentialAttempts)
    guard credentialAttempts <= callbacks.maximumCredentialAttempts else {
      return fail(GIT_EAUTH, "the server refused \(callbacks.maximumCredentialAttempts) sets of credentials")
    }
    guard let provider = callbacks.credentials, let credential = provider(request) else {
      let what =
        credentialAttempts == 1 ? "no credentials are available" : "the server refused every credential available"
      return fail(GIT_EAUTH, what)
    }
    let code: Int32
    switch credential {
    case .username(let name):
      code = git_credential_username_new(out, name)
    case .userPassword(let name, let password):
      code = git_credential_userpass_plaintext_new(out, name, password)
    case .sshAgent(let name):
      code = git_credential_ssh_key_from_agent(out, name)
    case .sshKeyFile(let name, let publicKey, let privateKey, let passphrase):
      code = git_credential_ssh_key_new(out, name, publicKey, privateKey, passphrase)
    }
    if code < 0 { failure = GitError(code: code, function: "git_credential_new") }
    return code
  }

  private func checkCertificate(_ cert: UnsafeMutablePointer<git_cert>, valid: Bool, host: String) -> Int32 {
    guard cert.pointee.cert_type == GIT_CERT_HOSTKEY_LIBSSH2 else {
      // TLS: libgit2 has checked the chain against the system's CAs; keep its verdict.
      return GIT_PASSTHROUGH.rawValue
    }
    let raw = UnsafeRawPointer(cert).assumingMemoryBound(to: git_cert_hostkey.self).pointee
    guard raw.type.rawValue & GIT_CERT_SSH_RAW.rawValue != 0, let keyPointer = raw.hostkey, raw.hostkey_len > 0 else {
      return fail(GIT_ECERTIFICATE, "the SSH server at \(host) sent no host key to check")
    }
    let key = Array(UnsafeRawBufferPointer(start: keyPointer, count: raw.hostkey_len))
    let sha256: [UInt8]? =
      raw.type.rawValue & GIT_CERT_SSH_SHA256.rawValue != 0
      ? withUnsafeBytes(of: raw.hash_sha256) { Array($0) } : nil
    let hostKey = HostKey(host: host, type: Self.keyTypeName(raw.raw_type, key: key), key: key, sha256: sha256)
    guard let decide = callbacks.hostKey else {
      return fail(GIT_ECERTIFICATE, "no host key policy is set; refusing \(host)")
    }
    switch decide(hostKey) {
    case .accept: return 0
    case .reject(let reason): return fail(GIT_ECERTIFICATE, reason)
    }
  }

  /// The OpenSSH name of a key type; read from the blob itself when libssh2 does not know it.
  static func keyTypeName(_ type: git_cert_ssh_raw_type_t, key: [UInt8]) -> String {
    switch type {
    case GIT_CERT_SSH_RAW_TYPE_RSA: return "ssh-rsa"
    case GIT_CERT_SSH_RAW_TYPE_DSS: return "ssh-dss"
    case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_256: return "ecdsa-sha2-nistp256"
    case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_384: return "ecdsa-sha2-nistp384"
    case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_521: return "ecdsa-sha2-nistp521"
    case GIT_CERT_SSH_RAW_TYPE_KEY_ED25519: return "ssh-ed25519"
    default:
      // The wire format starts with the type name as a length-prefixed string.
      guard key.count >= 4 else { return "unknown" }
      let length = Int(key[0]) << 24 | Int(key[1]) << 16 | Int(key[2]) << 8 | Int(key[3])
      guard length > 0, length <= 64, key.count >= 4 + length else { return "unknown" }
      return String(decoding: key[4..<(4 + length)], as: UTF8.self)
    }
  }

  private func report(_ progress: TransferProgress) -> Int32 {
    guard let callback = callbacks.progress else { return 0 }
    if callback(progress) { return 0 }
    failure = GitError(code: GIT_EUSER.rawValue, message: "the transfer was cancelled", function: "progress")
    return GIT_EUSER.rawValue
  }

  private func receiveServerText(_ text: String) {
    partialLine += text
    // Servers redraw progress lines with "\r"; only finished lines are kept.
    while let end = partialLine.firstIndex(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
      let line = String(partialLine[..<end]).trimmingCharacters(in: .whitespaces)
      partialLine = String(partialLine[partialLine.index(after: end)...])
      guard !line.isEmpty else { continue }
      callbacks.remoteMessage?(line)
      if !Self.isProgressLine(line) {
        serverMessages.append(line)
        if serverMessages.count > 20 { serverMessages.removeFirst() }
      }
    }
  }

  /// Whether a server line is one of git's own progress counters rather than a message.
  static func isProgressLine(_ line: String) -> Bool {
    let counters = [
      "Counting objects", "Compressing objects", "Enumerating objects", "Total ", "Resolving deltas",
      "Writing objects", "Receiving objects", "Unpacking objects",
    ]
    return counters.contains { line.hasPrefix($0) }
  }

  /// Records a failure of our own and gives libgit2 the message too.
  private func fail(_ code: git_error_code, _ message: String) -> Int32 {
    failure = GitError(code: code.rawValue, message: message, function: "transfer")
    git_error_set_str(Int32(GIT_ERROR_NET.rawValue), message)
    return code.rawValue
  }

  /// The error to report for a libgit2 call that failed with `code`: the
  /// callback's own when it decided, else libgit2's, with the server's words.
  func error(code: Int32, function: String) -> GitError {
    if let failure { return failure }
    let error = GitError(code: code, function: function)
    let said = serverMessages.suffix(5).joined(separator: "; ")
    guard !said.isEmpty, !error.message.contains(said) else { return error }
    return GitError(code: error.code, message: error.message + " (server said: \(said))", function: function)
  }

  /// The server's refusals of a push as errors, if any.
  var pushRejection: PushRejection? {
    guard let first = rejections.first else { return nil }
    return PushRejection(reference: first.reference, reason: first.reason, serverMessages: serverMessages)
  }
}
