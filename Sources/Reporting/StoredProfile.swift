/// A text's first sentence and its matching profile as bytes, for a caller
/// that keeps them between processes (vet's claim index), so that matching a
/// new article against thousands of recorded claims does not analyse each
/// of their texts again.
///
/// The bytes are the first sentence's length (4 bytes, little-endian) and
/// UTF-8, then each key in byte order: its length (2 bytes), its UTF-8 and
/// its weight (the 8 bytes of the `Double`). The same text always gives the
/// same bytes.
public enum StoredProfile {
  /// Changes whenever the analysis gives some text another profile.
  ///
  /// A keeper of stored profiles must throw away those stored under another
  /// version. `StoredProfileTests` holds a digest of the profiles of every
  /// example sentence, and fails when they change while this stays.
  public static let version = 2

  /// Encodes texts one after another, sharing what it works out about
  /// their words (most recur from one text to the next).
  public struct Encoder {
    private var classes: [String: SentenceProfile.WordClass] = [:]

    public init() {}

    /// `text`'s first sentence and profile, encoded; nil when `text` holds no sentence.
    public mutating func encode(_ text: String) -> [UInt8]? {
      SentenceProfile.firstSentence(of: text, classes: &classes).map(StoredProfile.encode)
    }
  }

  static func encode(_ found: (text: String, profile: SentenceProfile)) -> [UInt8] {
    var bytes: [UInt8] = []
    func append<T: FixedWidthInteger>(_ value: T) {
      withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
    append(UInt32(found.text.utf8.count))
    bytes.append(contentsOf: found.text.utf8)
    for (key, weight) in found.profile.weights.sorted(by: { Array($0.key.utf8).lexicographicallyPrecedes($1.key.utf8) })
    {
      append(UInt16(key.utf8.count))
      bytes.append(contentsOf: key.utf8)
      append(weight.bitPattern)
    }
    return bytes
  }

  /// The sentence and profile `encode` stored; nil when `bytes` are not such an encoding.
  static func decode(_ bytes: [UInt8]) -> (text: String, profile: SentenceProfile)? {
    bytes.withUnsafeBufferPointer { buffer -> (text: String, profile: SentenceProfile)? in
      var at = 0
      func integer<T: FixedWidthInteger>(_: T.Type) -> T? {
        guard buffer.count - at >= MemoryLayout<T>.size else { return nil }
        defer { at += MemoryLayout<T>.size }
        return T(littleEndian: UnsafeRawBufferPointer(buffer).loadUnaligned(fromByteOffset: at, as: T.self))
      }
      // Validated from a typed buffer: a slice of raw bytes takes the generic path, three times slower.
      func string(_ length: Int) -> String? {
        guard buffer.count - at >= length else { return nil }
        defer { at += length }
        return String(validating: UnsafeBufferPointer(rebasing: buffer[at..<(at + length)]), as: UTF8.self)
      }
      guard let length = integer(UInt32.self), let text = string(Int(length)) else { return nil }
      var weights: [String: Double] = [:]
      // Keys are mostly 6 to 10 bytes, each with 10 bytes of length and weight.
      weights.reserveCapacity((buffer.count - at) / 16)
      while at < buffer.count {
        guard let keyLength = integer(UInt16.self), let key = string(Int(keyLength)),
          let bits = integer(UInt64.self), weights.updateValue(Double(bitPattern: bits), forKey: key) == nil
        else { return nil }
      }
      return (text, SentenceProfile(weights: weights))
    }
  }
}
