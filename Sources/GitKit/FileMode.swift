import CGit2

/// The mode of a tree entry.
public enum FileMode: Sendable, Hashable {
  case blob
  case executable
  case tree
  case link
  case commit

  init(_ raw: git_filemode_t) {
    switch raw {
    case GIT_FILEMODE_BLOB_EXECUTABLE: self = .executable
    case GIT_FILEMODE_TREE: self = .tree
    case GIT_FILEMODE_LINK: self = .link
    case GIT_FILEMODE_COMMIT: self = .commit
    default: self = .blob
    }
  }

  var raw: git_filemode_t {
    switch self {
    case .blob: GIT_FILEMODE_BLOB
    case .executable: GIT_FILEMODE_BLOB_EXECUTABLE
    case .tree: GIT_FILEMODE_TREE
    case .link: GIT_FILEMODE_LINK
    case .commit: GIT_FILEMODE_COMMIT
    }
  }
}

/// One change to apply when writing a tree: set a path to a blob, or remove it.
public struct TreeUpdate: Sendable, Hashable {
  public let path: String
  public let id: ObjectID?
  public let mode: FileMode

  /// Sets `path` to the blob `id`.
  public static func upsert(_ path: String, _ id: ObjectID, mode: FileMode = .blob) -> TreeUpdate {
    TreeUpdate(path: path, id: id, mode: mode)
  }

  /// Removes `path`.
  public static func remove(_ path: String) -> TreeUpdate {
    TreeUpdate(path: path, id: nil, mode: .blob)
  }

  var isRemoval: Bool { id == nil }
}
