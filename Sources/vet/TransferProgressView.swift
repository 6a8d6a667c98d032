import Foundation
import GitKit
import Workbench

#if canImport(Glibc)
  import Glibc
#endif

/// Draws transfer progress on stderr — only on a terminal, and only once a
/// transfer has taken more than a moment — and echoes the server's messages.
final class TransferProgressView {
  private let enabled: Bool
  private let start = Date()
  private var lastDraw = Date.distantPast
  private var drawn = false
  private var lastLine = ""
  private var lastPhase: TransferProgress.Phase?

  init(quiet: Bool = false) {
    enabled = !quiet && isatty(STDERR_FILENO) == 1
  }

  /// Options that report into this view.
  var options: TransferOptions {
    TransferOptions(
      progress: { [self] in self.update($0) },
      serverMessage: { [self] in self.server($0) })
  }

  private func update(_ progress: TransferProgress) {
    guard enabled else { return }
    let now = Date()
    let elapsed = now.timeIntervalSince(start)
    let phaseChanged = progress.phase != lastPhase
    let done = progress.total > 0 && progress.current >= progress.total
    guard elapsed > 0.4, phaseChanged || done || now.timeIntervalSince(lastDraw) > 0.1 else { return }
    if phaseChanged, drawn, lastPhase != nil { write("\n") }
    lastPhase = progress.phase
    lastDraw = now
    let label: String
    switch progress.phase {
    case .receiving: label = "Receiving objects"
    case .resolving: label = "Resolving deltas"
    case .packing: label = "Packing objects"
    case .sending: label = "Sending objects"
    }
    var line = label + ": "
    if progress.total > 0 {
      let percent = progress.current * 100 / max(progress.total, 1)
      line += String(format: "%3d%% (%d/%d)", percent, progress.current, progress.total)
    } else {
      line += "\(progress.current)"
    }
    // Bytes and rate belong to the network phases; resolving and packing are local work.
    if progress.bytes > 0, progress.phase == .receiving || progress.phase == .sending {
      line += ", " + Self.bytes(progress.bytes)
      line += " | " + Self.bytes(Int(Double(progress.bytes) / max(elapsed, 0.001))) + "/s"
    }
    lastLine = line
    drawn = true
    write("\r\u{1B}[K" + line)
  }

  private func server(_ line: String) {
    // Off a terminal the one-line error carries what the server said.
    guard enabled, !line.isEmpty else { return }
    // git's own counters are drawn by this view; everything else the server says is shown.
    let counters = [
      "Counting objects", "Compressing objects", "Enumerating objects", "Total ", "Resolving deltas",
      "Writing objects", "Receiving objects", "Unpacking objects",
    ]
    if counters.contains(where: line.hasPrefix) { return }
    finish()
    FileHandle.standardError.write(Data(("remote: " + Terminal.escape(line) + "\n").utf8))
  }

  /// Ends the progress line, so what follows starts on a fresh line.
  func finish() {
    if drawn { write("\n") }
    drawn = false
    lastPhase = nil
  }

  private func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  static func bytes(_ count: Int) -> String {
    let units = ["B", "KiB", "MiB", "GiB"]
    var value = Double(count)
    var unit = 0
    while value >= 1024, unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    return unit == 0 ? "\(count) B" : String(format: "%.2f %@", value, units[unit])
  }
}
