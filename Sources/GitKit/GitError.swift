import CGit2

/// An error reported by libgit2, with the code, class and message it gave.
///
/// Modelled on swift-system's `Errno`: a value that callers can match
/// against the named constants (`catch GitError.notFound`) while the
/// message and the failing function travel with it for display.
public struct GitError: Error, Equatable, Sendable, CustomStringConvertible {
  /// libgit2's return code (`git_error_code`), such as `GIT_ENOTFOUND`.
  public let code: Int32
  /// libgit2's error class (`git_error_t`), such as `GIT_ERROR_ODB`.
  public let errorClass: Int32
  /// The message from `git_error_last()`, read on the failing thread.
  public let message: String
  /// The libgit2 function that failed.
  public let function: String

  /// Creates an error from the last libgit2 error on this thread.
  ///
  /// Reads `git_error_last()` at once: libgit2 keeps it per thread and the
  /// next call may replace it.
  init(code: Int32, function: String) {
    self.code = code
    self.function = function
    if let last = git_error_last() {
      errorClass = last.pointee.klass
      message = last.pointee.message.map { String(cString: $0) } ?? "unknown error"
    } else {
      errorClass = 0
      message = "error \(code)"
    }
  }

  /// Creates an error that vet itself detected while driving libgit2.
  public init(code: Int32 = GIT_ERROR.rawValue, message: String, function: String) {
    self.code = code
    self.errorClass = 0
    self.message = message
    self.function = function
  }

  public var description: String { "\(function): \(message)" }

  /// Errors compare equal when their codes do, so `catch GitError.notFound` works.
  public static func == (lhs: GitError, rhs: GitError) -> Bool { lhs.code == rhs.code }

  /// A pattern match on the code alone.
  public static func ~= (pattern: GitError, value: any Error) -> Bool {
    (value as? GitError)?.code == pattern.code
  }

  private init(constant code: git_error_code) {
    self.code = code.rawValue
    self.errorClass = 0
    self.message = ""
    self.function = ""
  }

  /// The requested object or reference does not exist (`GIT_ENOTFOUND`).
  public static let notFound = GitError(constant: GIT_ENOTFOUND)
  /// An object or reference already exists (`GIT_EEXISTS`).
  public static let exists = GitError(constant: GIT_EEXISTS)
  /// A prefix matched more than one object (`GIT_EAMBIGUOUS`).
  public static let ambiguous = GitError(constant: GIT_EAMBIGUOUS)
  /// HEAD points to a branch with no commits yet (`GIT_EUNBORNBRANCH`).
  public static let unbornBranch = GitError(constant: GIT_EUNBORNBRANCH)
  /// A lock file is held by another process (`GIT_ELOCKED`).
  public static let locked = GitError(constant: GIT_ELOCKED)
  /// A reference moved while it was being updated (`GIT_EMODIFIED`).
  public static let modified = GitError(constant: GIT_EMODIFIED)
  /// A push or fetch was not a fast-forward (`GIT_ENONFASTFORWARD`).
  public static let nonFastForward = GitError(constant: GIT_ENONFASTFORWARD)
  /// Authentication failed (`GIT_EAUTH`).
  public static let authentication = GitError(constant: GIT_EAUTH)
  /// The server's certificate or host key was rejected (`GIT_ECERTIFICATE`).
  public static let certificate = GitError(constant: GIT_ECERTIFICATE)
  /// A callback asked libgit2 to stop (`GIT_EUSER`).
  public static let user = GitError(constant: GIT_EUSER)
  /// A merge or checkout met a conflict (`GIT_ECONFLICT`).
  public static let conflict = GitError(constant: GIT_ECONFLICT)
}

/// Calls a libgit2 function that returns a status code and throws on failure.
///
/// - Parameters:
///   - function: the name of the libgit2 function, for the error.
///   - body: the call; its negative return codes become a `GitError`.
/// - Returns: the non-negative return code.
@discardableResult
func check(_ function: String, _ body: () -> Int32) throws(GitError) -> Int32 {
  let code = body()
  if code < 0 { throw GitError(code: code, function: function) }
  return code
}
