import CGit2

/// A commit, copied out of libgit2 as a value.
public struct Commit: Hashable, Sendable {
  public let id: ObjectID
  public let tree: ObjectID
  public let parents: [ObjectID]
  public let author: Signature
  public let committer: Signature
  /// The full message, subject first.
  public let message: String

  /// Copies a borrowed `git_commit`.
  init(_ commit: OpaquePointer) {
    id = ObjectID(git_commit_id(commit).pointee)
    tree = ObjectID(git_commit_tree_id(commit).pointee)
    parents = (0..<git_commit_parentcount(commit)).compactMap { i in
      git_commit_parent_id(commit, i).map { ObjectID($0.pointee) }
    }
    author = Signature(git_commit_author(commit))
    committer = Signature(git_commit_committer(commit))
    message = git_commit_message(commit).map { String(cString: $0) } ?? ""
  }

  /// The first line of the message.
  public var subject: String {
    String(message.prefix { $0 != "\n" })
  }

  /// The `Key: value` trailers at the end of the message, in order.
  ///
  /// Wraps `git_message_trailers`.
  public var trailers: [(key: String, value: String)] {
    Commit.trailers(of: message)
  }

  /// Parses the trailers of a commit message.
  ///
  /// Wraps `git_message_trailers`.
  public static func trailers(of message: String) -> [(key: String, value: String)] {
    guard (try? Git.bootstrap()) != nil else { return [] }
    var array = git_message_trailer_array()
    guard git_message_trailers(&array, message) == 0 else { return [] }
    defer { git_message_trailer_array_free(&array) }
    return (0..<array.count).map { i in
      let trailer = array.trailers[i]
      return (String(cString: trailer.key), String(cString: trailer.value))
    }
  }

  public static func == (lhs: Commit, rhs: Commit) -> Bool { lhs.id == rhs.id }
  public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}
