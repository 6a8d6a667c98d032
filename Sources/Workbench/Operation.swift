import Foundation
import GitKit

/// What one vet command changes: files to write or remove, and how the commit reads.
struct Operation {
  /// New contents by path; nil removes the file.
  var files: [String: [UInt8]?]
  /// The commit subject, imperative and short.
  var subject: String
  /// Optional paragraphs after the subject.
  var body: String? = nil
  /// Machine-readable trailers (`Claim:`, `Status:`, `Source:`, `Entry:`, `Vet-Action:`).
  var trailers: [(String, String)] = []
  /// Commits merged in: parents after HEAD, for a merge commit.
  var parents: [ObjectID] = []
  /// When set, the branch moves to this existing commit (a fast-forward) and
  /// no commit is written; `files` must then list exactly what changes.
  var fastForward: ObjectID? = nil
  /// The claims whose files `files` writes, by path, as rendered there: the
  /// claim index records them from here once the commit lands, rather than
  /// reading and parsing the files again.
  var claims: [String: Claim] = [:]

  /// The full commit message.
  var message: String {
    var text = Operation.oneLine(subject, limit: 72) + "\n"
    if let body, !body.isEmpty {
      // git and libgit2 read a line starting "---" as the start of a patch, and
      // look for trailers only above it: such a line of a note is indented.
      let lines = body.trimmedWhitespace.split(separator: "\n", omittingEmptySubsequences: false).map {
        $0.hasPrefix("---") ? " " + $0 : $0
      }
      text += "\n" + lines.joined(separator: "\n") + "\n"
    }
    if !trailers.isEmpty {
      text += "\n" + trailers.map { "\($0.0): \(Operation.oneLine($0.1, limit: 200))" }.joined(separator: "\n") + "\n"
    }
    return text
  }

  /// Folds text to one line without control characters, shortened with an ellipsis.
  static func oneLine(_ text: String, limit: Int) -> String {
    // Most subjects and trailer values are printable ASCII with single spaces already.
    let plain = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
      guard bytes.first != 0x20, bytes.last != 0x20 else { return false }
      var previous: UInt8 = 0
      for byte in bytes {
        guard (0x20..<0x7F).contains(byte), byte != 0x20 || previous != 0x20 else { return false }
        previous = byte
      }
      return true
    }
    if plain == true {
      // One byte, one character: cut as the folded text would be.
      return text.utf8.count <= limit ? text : String(decoding: text.utf8.prefix(limit - 1), as: UTF8.self) + "…"
    }
    var line = String(
      text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) }
    ).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    if line.count > limit { line = String(line.prefix(limit - 1)) + "…" }
    return line
  }
}

/// The result of a committed operation.
public struct CommitResult: Sendable {
  /// The new commit's id.
  public let commit: String
}
