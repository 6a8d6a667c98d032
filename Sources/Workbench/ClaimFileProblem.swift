import Foundation

/// Something wrong in a claim file, with where it is and how to fix it.
///
/// A file that does not read as a claim is left out of listings and counts,
/// so every read that lists or counts claims reports it instead: nothing in
/// the workspace vanishes without a word.
public struct ClaimFileProblem: Codable, Sendable, Hashable {
  /// The file's path in the workspace.
  public var path: String
  /// The line at fault, when there is one.
  public var line: Int?
  /// What is wrong, and how to fix it.
  public var reason: String

  public init(path: String, line: Int?, reason: String) {
    self.path = path
    self.line = line
    self.reason = reason
  }

  /// What reading `path` threw, as a problem of that file.
  init(path: String, error: any Error) {
    if case .invalidFormat(_, let line, let reason) = error as? WorkbenchError {
      self.init(path: path, line: line, reason: reason)
    } else {
      self.init(path: path, line: nil, reason: error.localizedDescription)
    }
  }

  /// "path:line: reason", as compilers and git word it.
  public var message: String {
    WorkbenchError.invalidFormat(file: path, line: line, reason: reason).localizedDescription
  }
}
