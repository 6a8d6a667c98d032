import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One timed run of a command: wall time and the peak memory the kernel reported.
struct Sample {
  var seconds: Double
  var peakKB: Int
  var status: Int32
}

/// Running a command with posix_spawn and reading its resource use from wait4,
/// so the timing holds nothing but the process itself.
enum Measure {
  static func run(_ argv: [String], in directory: String, environment: [String: String], quiet: Bool = true) throws
    -> Sample
  {
    var fileActions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&fileActions)
    defer { posix_spawn_file_actions_destroy(&fileActions) }
    if quiet {
      posix_spawn_file_actions_addopen(&fileActions, 1, "/dev/null", O_WRONLY, 0)
      posix_spawn_file_actions_addopen(&fileActions, 2, "/dev/null", O_WRONLY, 0)
    }
    posix_spawn_file_actions_addopen(&fileActions, 0, "/dev/null", O_RDONLY, 0)
    let cArgs = argv.map { strdup($0) } + [nil]
    let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      cArgs.forEach { free($0) }
      cEnv.forEach { free($0) }
    }
    // The tool is single-threaded, so changing folder around the spawn is safe.
    let previous = FileManager.default.currentDirectoryPath
    guard FileManager.default.changeCurrentDirectoryPath(directory) else {
      throw BenchError.failed("no folder \(directory)")
    }
    defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
    var pid: pid_t = 0
    let start = DispatchTime.now().uptimeNanoseconds
    let code = posix_spawnp(&pid, argv[0], &fileActions, nil, cArgs, cEnv)
    guard code == 0 else { throw BenchError.failed("cannot start \(argv[0]): \(String(cString: strerror(code)))") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let end = DispatchTime.now().uptimeNanoseconds
    let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return Sample(seconds: Double(end - start) / 1e9, peakKB: Int(usage.ru_maxrss), status: exitStatus)
  }

  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1
      ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }
}
