/// The bytes of a file to write: runs of an existing file, kept as they are,
/// between new bytes.
///
/// At 100,000 index entries, copying the old index into a new buffer cost as
/// much as hashing it; a splice copies nothing until it is written.
struct Splice {
  private enum Run {
    case kept(Range<Int>)
    case added(Range<Int>)
  }

  /// The file the kept runs come from; nil when everything is new.
  let original: MappedFile?
  private var added: [UInt8] = []
  private var runs: [Run] = []

  init(original: MappedFile?) {
    self.original = original
  }

  /// Appends the original's bytes in `range`.
  mutating func keep(_ range: Range<Int>) {
    guard !range.isEmpty else { return }
    if case .kept(let last) = runs.last, last.upperBound == range.lowerBound {
      runs[runs.count - 1] = .kept(last.lowerBound..<range.upperBound)
    } else {
      runs.append(.kept(range))
    }
  }

  /// Appends new bytes.
  mutating func add<C: Collection>(_ bytes: C) where C.Element == UInt8 {
    guard !bytes.isEmpty else { return }
    let start = added.count
    added.append(contentsOf: bytes)
    if case .added(let last) = runs.last, last.upperBound == start {
      runs[runs.count - 1] = .added(last.lowerBound..<added.count)
    } else {
      runs.append(.added(start..<added.count))
    }
  }

  /// How many leading bytes are the original's, at the same offsets: a hash
  /// of the original up to there is a hash of this file up to there.
  var unchangedPrefix: Int {
    guard case .kept(let first) = runs.first, first.lowerBound == 0 else { return 0 }
    return first.upperBound
  }

  /// Calls `body` with the runs in order, as buffers valid only inside it.
  func withBuffers<R, E: Error>(_ body: ([UnsafeRawBufferPointer]) throws(E) -> R) throws(E) -> R {
    let source = UnsafeRawBufferPointer(original?.bytes ?? UnsafeBufferPointer(start: nil, count: 0))
    let result: Result<R, E> = added.withUnsafeBytes { new in
      let buffers = runs.map { run in
        switch run {
        case .kept(let range): UnsafeRawBufferPointer(rebasing: source[range])
        case .added(let range): UnsafeRawBufferPointer(rebasing: new[range])
        }
      }
      return withExtendedLifetime(original) { Result { () throws(E) in try body(buffers) } }
    }
    return try result.get()
  }
}
