import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Real git servers for the sharing tests, started on loopback in a test's
/// own folder: `git daemon` (git://), nginx + fcgiwrap in front of
/// `git http-backend` (http://), and OpenSSH's sshd (ssh://).
///
/// Each listens only on 127.0.0.1, on a free high port, and runs under
/// `timeout`, so it stops by itself even if the test process dies; a server is
/// also stopped (its whole process group killed) when its value goes away.
public final class ServerProcess: @unchecked Sendable {
  public let name: String
  public let port: Int
  private let process: Process
  public let log: String

  /// Starts `executable` under `timeout` in its own process group and waits until `port` accepts connections.
  public init(
    name: String, executable: String, arguments: [String], port: Int, environment: [String: String]? = nil,
    readiness: (() -> Bool)? = nil, log: String, lifetime: Int = 600
  ) throws {
    self.name = name
    self.port = port
    self.log = log
    process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
    // timeout puts itself and the server in a new process group: one kill stops them all.
    process.arguments = ["-k", "5", String(lifetime), executable] + arguments
    process.environment = environment ?? Shell.environment
    FileManager.default.createFile(atPath: log, contents: nil)
    let handle = FileHandle(forWritingAtPath: log)
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let ready = readiness ?? { Self.canConnect(port) }
    guard Self.wait(seconds: 10, until: ready) else {
      stop()
      let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
      throw ShellError.failed("\(name) did not start on port \(port): \(text.suffix(2000))")
    }
  }

  deinit { stop() }

  /// Kills the server and everything it started (SIGKILL to its process group), and waits.
  public func stop() {
    guard process.isRunning else { return }
    kill(-process.processIdentifier, SIGKILL)
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    // Give the kernel a moment to release the port for a restart.
    if port > 0 { _ = Self.wait(seconds: 5) { !Self.canConnect(self.port) } }
  }

  public var isRunning: Bool { process.isRunning }

  /// A TCP port on 127.0.0.1 that nothing listens on now.
  public static func freePort() -> Int {
    let (fd, port) = boundSocket()
    close(fd)
    return port
  }

  /// A server that hangs: a socket that accepts connections on 127.0.0.1 and never answers.
  ///
  /// - Returns: the socket (close it when done) and its port.
  public static func silentListener() -> (fd: Int32, port: Int) {
    let (fd, port) = boundSocket()
    listen(fd, 4)
    return (fd, port)
  }

  /// A socket bound to a port the system chose on 127.0.0.1, and that port.
  private static func boundSocket() -> (fd: Int32, port: Int) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return (fd, Int(UInt16(bigEndian: address.sin_port)))
  }

  static func canConnect(_ port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
  }

  static func wait(seconds: Double, until condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if condition() { return true }
      usleep(50_000)
    }
    return false
  }
}

/// Which server programs this machine has (installed by Scripts/install-deps.sh).
public enum ServerPrograms {
  public static let gitDaemon = "/usr/lib/git-core/git-daemon"
  public static let httpBackend = "/usr/lib/git-core/git-http-backend"
  public static let nginx = "/usr/sbin/nginx"
  public static let fcgiwrap = "/usr/sbin/fcgiwrap"
  public static let sshd = "/usr/sbin/sshd"
  public static let sshKeygen = "/usr/bin/ssh-keygen"
  public static let openssl = "/usr/bin/openssl"

  static func present(_ paths: String...) -> Bool {
    paths.allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
      && FileManager.default.isExecutableFile(atPath: "/usr/bin/timeout")
  }

  public static var hasGitDaemon: Bool { present(gitDaemon) }
  public static var hasHTTP: Bool { present(nginx, fcgiwrap, httpBackend) }
  public static var hasSSH: Bool { present(sshd, sshKeygen) }
  public static var hasHTTPS: Bool { hasHTTP && present(openssl) }
}

/// A private certificate authority and a server certificate it signed for
/// `localhost`, made with the openssl CLI: what a newsroom's internal git host has.
public struct TestCertificates: Sendable {
  /// The authority's certificate (PEM): the bundle a client must be told to trust.
  public let authority: String
  public let certificate: String
  public let key: String

  public init(folder: String) throws {
    let dir = folder + "/tls-\(UUID().uuidString.prefix(6))"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    authority = dir + "/ca.pem"
    certificate = dir + "/server.pem"
    key = dir + "/server.key"
    try "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n".write(
      toFile: dir + "/server.ext", atomically: true, encoding: .utf8)
    for arguments in [
      [
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir + "/ca.key", "-out", authority, "-days", "2",
        "-subj", "/CN=vet test authority",
      ],
      ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", dir + "/server.csr", "-subj", "/CN=localhost"],
      [
        "x509", "-req", "-in", dir + "/server.csr", "-CA", authority, "-CAkey", dir + "/ca.key", "-CAcreateserial",
        "-out", certificate, "-days", "2", "-extfile", dir + "/server.ext",
      ],
    ] {
      let result = try Shell.run(ServerPrograms.openssl, arguments, in: dir)
      guard result.succeeded else { throw ShellError.failed("openssl \(arguments[0]): \(result.stderr)") }
    }
  }
}

/// A folder of bare repositories served over git://, with pushes enabled.
public final class GitDaemonServer: @unchecked Sendable {
  public let root: String
  public let port: Int
  public private(set) var server: ServerProcess?
  private let folder: String

  /// - Parameters:
  ///   - root: the folder whose repositories are served (`git://127.0.0.1:PORT/NAME.git`).
  ///   - folder: where logs go.
  public init(root: String, folder: String, port: Int = ServerProcess.freePort()) throws {
    self.root = root
    self.folder = folder
    self.port = port
    try start()
  }

  /// Starts (or restarts) the daemon; `globalConfig` becomes its `GIT_CONFIG_GLOBAL`
  /// (settings such as `uploadpack.packObjectsHook` are only read from there).
  public func start(globalConfig: String? = nil) throws {
    server?.stop()
    var env = Shell.environment
    if let globalConfig { env["GIT_CONFIG_GLOBAL"] = globalConfig }
    server = try ServerProcess(
      name: "git daemon", executable: ServerPrograms.gitDaemon,
      arguments: [
        "--reuseaddr", "--listen=127.0.0.1", "--port=\(port)", "--base-path=\(root)", "--export-all",
        "--enable=receive-pack", "--informative-errors", root,
      ],
      port: port, environment: env, log: folder + "/git-daemon-\(UUID().uuidString.prefix(6)).log")
  }

  public func stop() { server?.stop() }

  public func url(_ name: String) -> String { "git://127.0.0.1:\(port)/\(name)" }
}

/// `git http-backend` behind nginx and fcgiwrap, as a newsroom would deploy it.
///
/// nginx accepts the chunked request bodies libgit2 sends for pushes.
public final class HTTPGitServer: @unchecked Sendable {
  public let root: String
  public let port: Int
  public let tls: TestCertificates?
  private var fcgi: ServerProcess?
  private var nginx: ServerProcess?

  /// - Parameters:
  ///   - root: the folder of bare repositories (`http://127.0.0.1:PORT/NAME.git`).
  ///   - folder: where the server's config, sockets and logs go.
  ///   - user: when set with `password`, every request needs HTTP basic authentication.
  ///   - tls: serve https:// with this certificate instead of http://.
  public init(
    root: String, folder: String, user: String? = nil, password: String? = nil, tls: TestCertificates? = nil
  ) throws {
    self.root = root
    self.tls = tls
    port = ServerProcess.freePort()
    let dir = folder + "/nginx-\(UUID().uuidString.prefix(6))"
    try FileManager.default.createDirectory(atPath: dir + "/tmp", withIntermediateDirectories: true)
    let socket = dir + "/fcgi.sock"
    var auth = ""
    if let user, let password {
      try "\(user):{PLAIN}\(password)\n".write(toFile: dir + "/htpasswd", atomically: true, encoding: .utf8)
      auth = "auth_basic \"vet test\";\n      auth_basic_user_file \(dir)/htpasswd;"
    }
    let config = nginxConfig(
      dir: dir,
      http: """
          client_max_body_size 0;
          server {
            listen 127.0.0.1:\(port)\(tls == nil ? "" : " ssl");
            \(tls.map { "ssl_certificate \($0.certificate);\n      ssl_certificate_key \($0.key);" } ?? "")
            location / {
              \(auth)
              fastcgi_pass unix:\(socket);
              include /etc/nginx/fastcgi_params;
              fastcgi_param SCRIPT_FILENAME \(ServerPrograms.httpBackend);
              fastcgi_param GIT_PROJECT_ROOT \(root);
              fastcgi_param GIT_HTTP_EXPORT_ALL "";
              fastcgi_param GIT_CONFIG_NOSYSTEM 1;
              fastcgi_param PATH_INFO $uri;
              fastcgi_param REMOTE_USER $remote_user;
            }
          }
        """)
    try config.write(toFile: dir + "/nginx.conf", atomically: true, encoding: .utf8)
    fcgi = try Self.startFcgiwrap(socket: socket, log: dir + "/fcgiwrap.log")
    nginx = try ServerProcess(
      name: "nginx", executable: ServerPrograms.nginx, arguments: ["-c", dir + "/nginx.conf", "-p", dir],
      port: port, log: dir + "/nginx.out")
  }

  /// fcgiwrap listens on a Unix socket, so it is ready when the socket appears.
  private static func startFcgiwrap(socket: String, log: String) throws -> ServerProcess {
    try ServerProcess(
      name: "fcgiwrap", executable: ServerPrograms.fcgiwrap, arguments: ["-c", "4", "-s", "unix:" + socket],
      port: 0, readiness: { FileManager.default.fileExists(atPath: socket) }, log: log)
  }

  public func stop() {
    nginx?.stop()
    fcgi?.stop()
  }

  deinit { stop() }

  /// With TLS the host is `localhost`, the name the certificate was made for.
  public func url(_ name: String) -> String {
    tls == nil ? "http://127.0.0.1:\(port)/\(name)" : "https://localhost:\(port)/\(name)"
  }
}

/// OpenSSH's sshd with a fresh ed25519 host key, accepting one ed25519 client
/// key; and a home folder for the client holding that key and a `known_hosts`.
public final class SSHGitServer: @unchecked Sendable {
  public let port: Int
  /// The client's `HOME`: `.ssh/id_ed25519` and `.ssh/known_hosts` are here.
  public let clientHome: String
  /// The host key's public half, as `known_hosts` records it ("ssh-ed25519 AAAA…").
  public let hostPublicKey: String
  /// `ssh-keygen -l` of the host key: "SHA256:…".
  public let hostFingerprint: String
  public let user: String
  private var server: ServerProcess?

  public init(folder: String) throws {
    let dir = folder + "/sshd-\(UUID().uuidString.prefix(6))"
    clientHome = dir + "/home"
    try FileManager.default.createDirectory(atPath: clientHome + "/.ssh", withIntermediateDirectories: true)
    port = ServerProcess.freePort()
    user = getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) } ?? "root"
    for (key, path) in [("host", dir + "/host_ed25519"), ("client", clientHome + "/.ssh/id_ed25519")] {
      let made = try Shell.run(ServerPrograms.sshKeygen, ["-q", "-t", "ed25519", "-N", "", "-C", key, "-f", path])
      guard made.succeeded else { throw ShellError.failed("ssh-keygen: \(made.stderr)") }
    }
    let hostPub = try String(contentsOfFile: dir + "/host_ed25519.pub", encoding: .utf8)
    hostPublicKey = hostPub.split(separator: " ").prefix(2).joined(separator: " ")
    let listed = try Shell.run(ServerPrograms.sshKeygen, ["-l", "-f", dir + "/host_ed25519.pub"])
    hostFingerprint = String(listed.stdout.split(separator: " ").dropFirst().first ?? "")
    try FileManager.default.copyItem(atPath: clientHome + "/.ssh/id_ed25519.pub", toPath: dir + "/authorized_keys")
    try knownHosts(trusting: true)
    // sshd, started as root, insists on its privilege-separation folder.
    if getuid() == 0 {
      try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
    }
    let config = """
      Port \(port)
      ListenAddress 127.0.0.1
      HostKey \(dir)/host_ed25519
      AuthorizedKeysFile \(dir)/authorized_keys
      PasswordAuthentication no
      KbdInteractiveAuthentication no
      PubkeyAuthentication yes
      UsePAM no
      StrictModes no
      PermitRootLogin prohibit-password
      PidFile \(dir)/sshd.pid
      SetEnv GIT_CONFIG_NOSYSTEM=1
      AcceptEnv LANG LC_*

      """
    try config.write(toFile: dir + "/sshd_config", atomically: true, encoding: .utf8)
    server = try ServerProcess(
      name: "sshd", executable: ServerPrograms.sshd, arguments: ["-D", "-e", "-f", dir + "/sshd_config"], port: port,
      log: dir + "/sshd.log")
  }

  /// Writes the client's `known_hosts`: with the server's real key, or empty.
  public func knownHosts(trusting: Bool) throws {
    let line = trusting ? "[127.0.0.1]:\(port) \(hostPublicKey)\n" : ""
    try line.write(toFile: clientHome + "/.ssh/known_hosts", atomically: true, encoding: .utf8)
  }

  /// Writes a `known_hosts` that records a different key for this server.
  public func knownHostsWithWrongKey() throws {
    let other = clientHome + "/other_host_key"
    try? FileManager.default.removeItem(atPath: other)
    try? FileManager.default.removeItem(atPath: other + ".pub")
    _ = try Shell.run(ServerPrograms.sshKeygen, ["-q", "-t", "ed25519", "-N", "", "-f", other])
    let pub = try String(contentsOfFile: other + ".pub", encoding: .utf8).split(separator: " ").prefix(2).joined(
      separator: " ")
    try "[127.0.0.1]:\(port) \(pub)\n".write(
      toFile: clientHome + "/.ssh/known_hosts", atomically: true, encoding: .utf8)
  }

  public func stop() { server?.stop() }

  deinit { stop() }

  /// The URL of the repository at the absolute `path`: `ssh://user@127.0.0.1:PORT/absolute/path`.
  public func url(_ path: String) -> String { "ssh://\(user)@127.0.0.1:\(port)\(path)" }

  /// The environment a client needs: this HOME, and no ssh-agent.
  public func clientEnvironment(_ base: [String: String] = Shell.environment) -> [String: String] {
    var env = base
    env["HOME"] = clientHome
    env["SSH_AUTH_SOCK"] = nil
    return env
  }
}

/// nginx serving a folder of web pages on loopback, with the faults a news
/// site can show: a redirect, a redirect loop, a server error, a page sent
/// gzip-compressed, a page declared windows-1252 by its `Content-Type`.
public final class WebPageServer: @unchecked Sendable {
  public let root: String
  public let port: Int
  private var nginx: ServerProcess?

  /// - Parameters:
  ///   - root: the folder served at `/`; `gz/` in it holds gzip-compressed
  ///     pages sent with `Content-Encoding: gzip`; `latin1/` pages are
  ///     declared `charset=windows-1252`.
  ///   - folder: where the server's config and logs go.
  public let tls: TestCertificates?

  ///   - tls: serve https:// with this certificate instead of http://.
  public init(root: String, folder: String, tls: TestCertificates? = nil) throws {
    self.root = root
    self.tls = tls
    port = ServerProcess.freePort()
    let dir = folder + "/web-\(UUID().uuidString.prefix(6))"
    try FileManager.default.createDirectory(atPath: dir + "/tmp", withIntermediateDirectories: true)
    let config = nginxConfig(
      dir: dir,
      http: """
          include /etc/nginx/mime.types;
          server {
            listen 127.0.0.1:\(port)\(tls == nil ? "" : " ssl");
            \(tls.map { "ssl_certificate \($0.certificate);\n      ssl_certificate_key \($0.key);" } ?? "")
            root \(root);
            location = /moved { return 301 /article.html; }
            location = /loop-a { return 302 /loop-b; }
            location = /loop-b { return 302 /loop-a; }
            location = /broken { return 503; }
            location /gz/ { default_type text/html; types { } add_header Content-Encoding gzip; }
            location /latin1/ { charset windows-1252; }
          }
        """)
    try config.write(toFile: dir + "/nginx.conf", atomically: true, encoding: .utf8)
    nginx = try ServerProcess(
      name: "nginx", executable: ServerPrograms.nginx, arguments: ["-c", dir + "/nginx.conf", "-p", dir],
      port: port, log: dir + "/nginx.out")
  }

  public func stop() { nginx?.stop() }

  deinit { stop() }

  /// With TLS the host is `localhost`, the name the certificate was made for.
  public func url(_ path: String) -> String {
    tls == nil ? "http://127.0.0.1:\(port)/\(path)" : "https://localhost:\(port)/\(path)"
  }
}

/// An nginx configuration for a test server in `dir`: one worker in the
/// foreground, logs and temporary files in `dir`, and `http` inside the http block.
func nginxConfig(dir: String, http: String) -> String {
  """
  worker_processes 1;
  daemon off;
  \(getuid() == 0 ? "user root;" : "")
  error_log \(dir)/error.log;
  pid \(dir)/nginx.pid;
  events { worker_connections 64; }
  http {
    access_log \(dir)/access.log;
    client_body_temp_path \(dir)/tmp/body;
    fastcgi_temp_path \(dir)/tmp/fastcgi;
    proxy_temp_path \(dir)/tmp/proxy;
    uwsgi_temp_path \(dir)/tmp/uwsgi;
    scgi_temp_path \(dir)/tmp/scgi;
  \(http)
  }

  """
}
