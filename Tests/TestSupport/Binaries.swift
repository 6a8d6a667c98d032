import Foundation

/// The built `vet` binary the end-to-end tests run.
public enum Binaries {
  /// Beside the test bundle in the build folder (SwiftPM builds it first: VetTests depends on it).
  public static let vet: String = {
    if let explicit = ProcessInfo.processInfo.environment["VET_BINARY"] { return explicit }
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = folder.appendingPathComponent("vet").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      folder = folder.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("vet").path
  }()

  /// The benchmark tool, built beside vet.
  public static var vetBench: String {
    URL(fileURLWithPath: vet).deletingLastPathComponent().appendingPathComponent("vet-bench").path
  }

  /// Generates a workspace with `vet-bench generate` in `folder` (named `ws`)
  /// and returns its path; throws with the generator's stderr when it fails.
  public static func generateWorkspace(in folder: TemporaryDirectory, claims: Int, commits: Int, sources: Int) throws
    -> String
  {
    let ws = folder.file("ws")
    let arguments = ["generate", ws, "--claims", "\(claims)", "--commits", "\(commits)", "--sources", "\(sources)"]
    let result = try Shell.run(vetBench, arguments, in: folder.path)
    guard result.succeeded else { throw ShellError.failed("vet-bench generate failed: \(result.stderr)") }
    return ws
  }

  /// The package's top folder, for the bundled examples.
  public static let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url = url.deletingLastPathComponent() }
    return url.path
  }()
}
