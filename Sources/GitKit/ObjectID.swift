import CGit2

/// A git object id (SHA-1), as a Swift value.
public struct ObjectID: Hashable, Sendable, CustomStringConvertible, Comparable {
  /// The 20 raw bytes.
  public let bytes: [UInt8]

  /// Copies an id out of libgit2.
  init(_ oid: git_oid) {
    bytes = withUnsafeBytes(of: oid.id) { Array($0) }
  }

  /// Takes 20 raw bytes as they appear in git's binary formats.
  init(bytes: [UInt8]) {
    precondition(bytes.count == 20, "an object id is 20 bytes")
    self.bytes = bytes
  }

  /// Parses a full 40-character hexadecimal id.
  /// - Returns: nil when `hex` is not exactly 40 hex digits.
  public init?(hex: String) {
    let utf8 = Array(hex.utf8)
    guard utf8.count == 40 else { return nil }
    var out = [UInt8](repeating: 0, count: 20)
    for i in 0..<20 {
      guard let hi = Self.nibble(utf8[2 * i]), let lo = Self.nibble(utf8[2 * i + 1]) else {
        return nil
      }
      out[i] = hi << 4 | lo
    }
    bytes = out
  }

  private static func nibble(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
    default: return nil
    }
  }

  /// The libgit2 representation, for calls into C.
  var raw: git_oid {
    var oid = git_oid()
    withUnsafeMutableBytes(of: &oid.id) { dst in
      for (i, b) in bytes.enumerated() { dst[i] = b }
    }
    return oid
  }

  /// The 40-character lowercase hexadecimal form.
  public var hex: String {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(40)
    for b in bytes {
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 0xf)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The first `length` hex digits, for display.
  public func abbreviated(_ length: Int = 10) -> String { String(hex.prefix(length)) }

  /// Whether this is the all-zero id libgit2 uses for "none".
  public var isZero: Bool { bytes.allSatisfy { $0 == 0 } }

  public var description: String { hex }

  public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
    lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
  }
}

extension ObjectID {
  /// The id git would give `bytes` stored as a blob, without storing them.
  ///
  /// Wraps `git_odb_hash`.
  public static func blob(hashing bytes: [UInt8]) throws(GitError) -> ObjectID {
    var oid = git_oid()
    let code = bytes.withUnsafeBytes { git_odb_hash(&oid, $0.baseAddress, $0.count, GIT_OBJECT_BLOB) }
    if code < 0 { throw GitError(code: code, function: "git_odb_hash") }
    return ObjectID(oid)
  }
}
