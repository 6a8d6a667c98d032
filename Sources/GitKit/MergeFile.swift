import CGit2
import Foundation

/// The result of merging three versions of one text file.
public struct FileMergeResult: Sendable, Hashable {
  /// The merged text; with conflict markers (`<<<<<<<`) where both sides changed the same lines.
  public var bytes: [UInt8]
  /// Whether the merge needed no conflict markers.
  public var isClean: Bool
}

/// Three-way merge of file contents, as `git merge-file` does it.
public enum FileMerge {
  /// Merges `ours` and `theirs`, both descended from `base`.
  ///
  /// - Parameters:
  ///   - base: the common ancestor's content; nil when the file is new on both sides.
  ///   - ours: our content.
  ///   - theirs: their content.
  ///   - labels: the names conflict markers carry (ancestor, ours, theirs).
  /// Wraps `git_merge_file` with `git_merge_file_input_init` and `git_merge_file_options_init`.
  public static func merge(
    base: [UInt8]?, ours: [UInt8], theirs: [UInt8], labels: (String, String, String) = ("base", "ours", "theirs")
  ) throws(GitError) -> FileMergeResult {
    try Git.bootstrap()
    var options = git_merge_file_options()
    try check("git_merge_file_options_init") {
      git_merge_file_options_init(&options, UInt32(GIT_MERGE_FILE_OPTIONS_VERSION))
    }
    let names: [UnsafeMutablePointer<CChar>?] = [strdup(labels.0), strdup(labels.1), strdup(labels.2)]
    defer { names.forEach { free($0) } }
    options.ancestor_label = UnsafePointer(names[0])
    options.our_label = UnsafePointer(names[1])
    options.their_label = UnsafePointer(names[2])
    var result = git_merge_file_result()
    let ancestor = base ?? []
    let code = ancestor.withUnsafeBufferPointer { a in
      ours.withUnsafeBufferPointer { o in
        theirs.withUnsafeBufferPointer { t in
          var inputs = [git_merge_file_input(), git_merge_file_input(), git_merge_file_input()]
          for i in 0..<3 { git_merge_file_input_init(&inputs[i], UInt32(GIT_MERGE_FILE_INPUT_VERSION)) }
          for (i, buffer) in [a, o, t].enumerated() {
            inputs[i].ptr = UnsafeRawPointer(buffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
            inputs[i].size = buffer.count
          }
          return git_merge_file(&result, &inputs[0], &inputs[1], &inputs[2], &options)
        }
      }
    }
    if code < 0 { throw GitError(code: code, function: "git_merge_file") }
    defer { git_merge_file_result_free(&result) }
    let bytes = result.ptr.map { Array(UnsafeRawBufferPointer(start: $0, count: result.len)) } ?? []
    return FileMergeResult(bytes: bytes, isClean: result.automergeable != 0)
  }
}
