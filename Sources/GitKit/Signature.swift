import CGit2
import Foundation

/// A person and a moment, as git records them on commits.
public struct Signature: Hashable, Sendable {
  public var name: String
  public var email: String
  /// The moment of the signature.
  public var date: Date
  /// The author's offset from UTC, in minutes.
  public var offsetMinutes: Int

  public init(name: String, email: String, date: Date, offsetMinutes: Int = 0) {
    self.name = name
    self.email = email
    self.date = date
    self.offsetMinutes = offsetMinutes
  }

  /// Copies a signature out of libgit2.
  init(_ sig: UnsafePointer<git_signature>) {
    name = String(cString: sig.pointee.name)
    email = String(cString: sig.pointee.email)
    date = Date(timeIntervalSince1970: TimeInterval(sig.pointee.when.time))
    offsetMinutes = Int(sig.pointee.when.offset)
  }

  /// "Name <email>", the form git prints.
  public var identity: String { "\(name) <\(email)>" }

  /// Makes a libgit2 signature for the duration of `body`.
  ///
  /// Wraps `git_signature_new`.
  func withRaw<R>(_ body: (UnsafePointer<git_signature>) throws -> R) throws -> R {
    var sig: UnsafeMutablePointer<git_signature>?
    try check("git_signature_new") {
      git_signature_new(&sig, name, email, git_time_t(date.timeIntervalSince1970.rounded(.down)), Int32(offsetMinutes))
    }
    defer { git_signature_free(sig) }
    guard let sig else { throw GitError(message: "no signature", function: "git_signature_new") }
    return try body(sig)
  }
}
