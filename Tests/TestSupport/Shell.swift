import Foundation

/// What a finished process left behind.
public struct ProcessResult: Sendable {
  public let status: Int32
  public let stdout: String
  public let stderr: String
  /// Whether it was ended by a signal (such as SIGKILL) rather than exiting.
  public let signaled: Bool

  public var succeeded: Bool { status == 0 && !signaled }
}

/// Running programs the way a user's shell would.
public enum Shell {
  /// The environment tests run commands in: a fixed git identity, no user or
  /// system git configuration, no colour.
  public static var environment: [String: String] {
    var env = ProcessInfo.processInfo.environment
    env["GIT_AUTHOR_NAME"] = "Ada Analyst"
    env["GIT_AUTHOR_EMAIL"] = "ada@example.org"
    env["GIT_COMMITTER_NAME"] = "Ada Analyst"
    env["GIT_COMMITTER_EMAIL"] = "ada@example.org"
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env["GIT_CONFIG_GLOBAL"] = "/dev/null"
    env["NO_COLOR"] = "1"
    env["LC_ALL"] = "C.UTF-8"
    return env
  }

  /// Runs `executable` with `arguments` and waits for it.
  @discardableResult
  public static func run(
    _ executable: String, _ arguments: [String], in directory: String? = nil, environment: [String: String]? = nil,
    input: [UInt8]? = nil
  ) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = environment ?? Self.environment
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe()
    let err = Pipe()
    let inPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inPipe
    try process.run()
    if let input { inPipe.fileHandleForWriting.write(Data(input)) }
    try? inPipe.fileHandleForWriting.close()
    // Read both pipes while the process runs, so a large output cannot block it.
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ProcessResult(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self), signaled: process.terminationReason == .uncaughtSignal)
  }

  /// Runs the git CLI.
  @discardableResult
  public static func git(_ arguments: [String], in directory: String, environment: [String: String]? = nil) throws
    -> ProcessResult
  {
    try run(gitPath, arguments, in: directory, environment: environment)
  }

  /// Runs git and returns its trimmed output, failing when git does.
  public static func gitOutput(_ arguments: [String], in directory: String) throws -> String {
    let result = try git(arguments, in: directory)
    guard result.succeeded else {
      throw ShellError.failed("git \(arguments.joined(separator: " ")): \(result.stderr)")
    }
    return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  public static let gitPath: String = {
    for candidate in ["/usr/bin/git", "/usr/local/bin/git", "/bin/git"]
    where FileManager.default.isExecutableFile(atPath: candidate) {
      return candidate
    }
    return "/usr/bin/git"
  }()
}

public enum ShellError: Error, CustomStringConvertible {
  case failed(String)
  public var description: String {
    switch self {
    case .failed(let message): message
    }
  }
}
