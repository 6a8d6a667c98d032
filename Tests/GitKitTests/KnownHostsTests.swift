import Foundation
import GitKit
import TestSupport
import Testing

@Suite("Checking SSH host keys against known_hosts")
struct KnownHostsTests {
  /// An ed25519 key blob as OpenSSH writes it, and its known_hosts base64.
  static let key = "AAAAC3NzaC1lZDI1NTE5AAAAIHAjYJECg9nXd3yrb9+s8Vh2oxKi4iV7sBM8T+mdouL5"
  static let other = "AAAAC3NzaC1lZDI1NTE5AAAAIOfs0pBxhH7tUYDWdZKmzH8C5Gm6EDgHHWpH2Dp3mfZJ"

  static func hostKey(_ base64: String, host: String = "git.example.org") -> HostKey {
    HostKey(host: host, type: "ssh-ed25519", key: [UInt8](Data(base64Encoded: base64) ?? Data()), sha256: nil)
  }

  static func verdict(_ lines: String, _ key: HostKey, port: Int? = nil) throws -> HostKeyVerdict {
    let dir = TemporaryDirectory("known-hosts")
    let file = try dir.write("known_hosts", lines)
    return KnownHosts(files: [file]).verify(key, port: port)
  }

  @Test("a key recorded for the host is accepted; with another port it must be recorded as [host]:port")
  func plainEntries() throws {
    let line = "git.example.org,10.0.0.7 ssh-ed25519 \(Self.key) desk\n"
    #expect(try Self.verdict(line, Self.hostKey(Self.key)) == .accept)
    #expect(try Self.verdict(line, Self.hostKey(Self.key, host: "10.0.0.7")) == .accept)
    #expect(try Self.verdict(line, Self.hostKey(Self.key), port: 2222) != .accept)
    let ported = "[git.example.org]:2222 ssh-ed25519 \(Self.key)\n"
    #expect(try Self.verdict(ported, Self.hostKey(Self.key), port: 2222) == .accept)
  }

  @Test("hashed host names (HashKnownHosts) are matched")
  func hashedEntries() throws {
    // Made with `ssh-keygen -H` for "git.example.org".
    let dir = TemporaryDirectory("known-hosts-hashed")
    let file = try dir.write("known_hosts", "git.example.org ssh-ed25519 \(Self.key)\n")
    let hashed = try Shell.run("/usr/bin/ssh-keygen", ["-H", "-f", file])
    try #require(hashed.succeeded, "ssh-keygen -H: \(hashed.stderr)")
    let text = try String(contentsOfFile: file, encoding: .utf8)
    #expect(text.hasPrefix("|1|"))
    #expect(KnownHosts(files: [file]).verify(Self.hostKey(Self.key), port: nil) == .accept)
    #expect(KnownHosts(files: [file]).verify(Self.hostKey(Self.key, host: "evil.example.org"), port: nil) != .accept)
  }

  @Test("an unknown host, a changed key and a revoked key are refused with a message that says which")
  func refusals() throws {
    guard case .reject(let unknown) = try Self.verdict("", Self.hostKey(Self.key)) else {
      Issue.record("an unknown host was accepted")
      return
    }
    #expect(unknown.contains("unknown"))
    let recorded = "git.example.org ssh-ed25519 \(Self.other)\n"
    guard case .reject(let changed) = try Self.verdict(recorded, Self.hostKey(Self.key)) else {
      Issue.record("a changed key was accepted")
      return
    }
    #expect(changed.contains("CHANGED"))
    #expect(changed.contains("ssh-keygen -R"))
    let revoked = "@revoked * ssh-ed25519 \(Self.key)\ngit.example.org ssh-ed25519 \(Self.key)\n"
    guard case .reject(let message) = try Self.verdict(revoked, Self.hostKey(Self.key)) else {
      Issue.record("a revoked key was accepted")
      return
    }
    #expect(message.contains("@revoked"))
  }

  @Test("wildcards match and a negated pattern rules a line out")
  func patterns() throws {
    let line = "*.example.org,!evil.example.org ssh-ed25519 \(Self.key)\n"
    #expect(try Self.verdict(line, Self.hostKey(Self.key)) == .accept)
    #expect(try Self.verdict(line, Self.hostKey(Self.key, host: "evil.example.org")) != .accept)
    #expect(try Self.verdict(line, Self.hostKey(Self.key, host: "example.com")) != .accept)
  }
}
