import CGit2

/// A git configuration; owns its `git_config`.
public final class Config {
  let pointer: OpaquePointer

  /// Takes ownership of a `git_config` handle.
  init(owning pointer: OpaquePointer) {
    self.pointer = pointer
  }

  deinit { git_config_free(pointer) }

  /// The user's global, XDG and system configuration, as read outside any repository.
  ///
  /// Wraps `git_config_open_default`.
  public static func openDefault() throws(GitError) -> Config {
    try Git.bootstrap()
    var out: OpaquePointer?
    try check("git_config_open_default") { git_config_open_default(&out) }
    guard let out else { throw GitError(message: "no configuration", function: "git_config_open_default") }
    return Config(owning: out)
  }

  /// The value of `key`, or nil when it is not set.
  ///
  /// Wraps `git_config_get_string_buf`.
  public func string(_ key: String) throws(GitError) -> String? {
    var buf = git_buf()
    let code = git_config_get_string_buf(&buf, pointer, key)
    if code == GIT_ENOTFOUND.rawValue { return nil }
    if code < 0 { throw GitError(code: code, function: "git_config_get_string_buf") }
    defer { git_buf_dispose(&buf) }
    return String(cString: buf.ptr)
  }

  /// The value of a boolean `key`, or nil when it is not set.
  ///
  /// Wraps `git_config_get_bool`.
  public func bool(_ key: String) throws(GitError) -> Bool? {
    var value: Int32 = 0
    let code = git_config_get_bool(&value, pointer, key)
    if code == GIT_ENOTFOUND.rawValue { return nil }
    if code < 0 { throw GitError(code: code, function: "git_config_get_bool") }
    return value != 0
  }

  /// Sets `key` to `value` in this configuration's file.
  ///
  /// Wraps `git_config_set_string`.
  public func set(_ key: String, _ value: String) throws(GitError) {
    try check("git_config_set_string") { git_config_set_string(pointer, key, value) }
  }

  /// Removes `key`.
  ///
  /// Wraps `git_config_delete_entry`.
  public func remove(_ key: String) throws(GitError) {
    try check("git_config_delete_entry") { git_config_delete_entry(pointer, key) }
  }

  /// The keys and values matching a regular expression, in file order.
  ///
  /// Wraps `git_config_iterator_glob_new`.
  public func entries(matching regex: String) throws(GitError) -> [(name: String, value: String)] {
    var iterator: OpaquePointer?
    try check("git_config_iterator_glob_new") { git_config_iterator_glob_new(&iterator, pointer, regex) }
    defer { git_config_iterator_free(iterator) }
    var result: [(String, String)] = []
    var entry: UnsafeMutablePointer<git_config_entry>?
    while git_config_next(&entry, iterator) == 0, let entry {
      result.append((String(cString: entry.pointee.name), String(cString: entry.pointee.value)))
    }
    return result
  }
}
