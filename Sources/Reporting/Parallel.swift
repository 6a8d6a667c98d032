import Dispatch

#if canImport(Glibc)
  import Glibc
#endif

/// Independent work shared between the machine's cores.
public enum Parallel {
  /// The cores this process may run on.
  public static let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

  /// `(0..<count).map(transform)`, computed on every core when there is enough
  /// work to share: the results are in order, whichever core made them.
  ///
  /// - Parameter grain: the fewest items worth handing to a core; below twice
  ///   that, everything runs on the caller's thread.
  public static func map<T: Sendable>(_ count: Int, grain: Int = 32, _ transform: @Sendable (Int) -> T) -> [T] {
    // Several chunks per core, so one slow stretch of text does not leave a core idle.
    let chunks = min(count / max(grain, 1), cores * 4)
    guard cores > 1, chunks > 1 else { return (0..<count).map(transform) }
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      guard let base = buffer.baseAddress else { return }
      let slots = Slots(base: base)
      DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        for i in (count * chunk / chunks)..<(count * (chunk + 1) / chunks) {
          (slots.base + i).initialize(to: transform(i))
        }
      }
      initialized = count
    }
  }

  /// `(0..<count).map(transform)` made by `run` in a few runs of
  /// consecutive indices per core, so that each run can share what it
  /// works out along the way (`run` maps the indices it is given, in order).
  public static func mapRuns<T: Sendable>(_ count: Int, _ run: @Sendable (Range<Int>) -> [T]) -> [T] {
    let runs = min(count, count < 64 ? 1 : cores * 4)
    return Array(map(runs, grain: 1) { r in run(count * r / runs..<count * (r + 1) / runs) }.joined())
  }

  /// The result buffer, which the chunks fill at disjoint indices.
  private struct Slots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
  }
}
