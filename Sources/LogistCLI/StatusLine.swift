import Foundation
import LogistCore

#if canImport(Glibc)
  import Glibc
#endif

/// The one live line a terminal shows while a phase runs: phase, elapsed time, tokens and cost so
/// far, the agent's last activity. Redrawn in place (`\r`, clear to end of line) twice a second;
/// other progress lines are printed through it so they never mix with it.
final class StatusLine: @unchecked Sendable {
  private let condition = NSCondition()
  private let activity: AgentActivity
  private var phase: String?
  private var started = Date()
  private var shown = false
  private var stopped = false

  /// A status line over the engine's activity board (start with ``begin(_:)``).
  init(activity: AgentActivity) { self.activity = activity }

  /// Whether standard error is a terminal (only then is a status line drawn).
  static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

  /// Starts showing `phase`, and the redraw thread if it is not running yet.
  func begin(_ phase: String) {
    condition.lock()
    let first = self.phase == nil && !shown && !stopped
    self.phase = phase
    started = Date()
    condition.broadcast()
    condition.unlock()
    if first {
      let thread = Thread { [self] in loop() }
      thread.stackSize = 1 << 18
      thread.start()
    }
  }

  /// Stops showing the line (it is cleared).
  func end() {
    condition.lock()
    phase = nil
    clear()
    condition.unlock()
  }

  /// Prints `text` (to standard error) above the line.
  func print(_ text: String) {
    condition.lock()
    clear()
    write(text)
    condition.unlock()
  }

  /// Ends the redraw thread.
  func close() {
    condition.lock()
    stopped = true
    phase = nil
    clear()
    condition.broadcast()
    condition.unlock()
  }

  private func loop() {
    condition.lock()
    while !stopped {
      if let phase { draw(phase) }
      _ = condition.wait(until: Date().addingTimeInterval(0.5))
    }
    condition.unlock()
  }

  private func draw(_ phase: String) {
    let seconds = Int(Date().timeIntervalSince(started))
    var parts = [phase, String(format: "%d:%02d", seconds / 60, seconds % 60)]
    if let snapshot = activity.snapshot {
      parts.append("\(Output.count(snapshot.usage.totalTokens)) tokens")
      parts.append(Output.money(snapshot.usage.costUSD))
      if let last = snapshot.lastActivity { parts.append(last) }
    }
    var line = TerminalText.visible(parts.joined(separator: " · "))
    let width = Self.width - 1
    if line.count > width { line = String(line.prefix(max(width - 1, 1))) + "…" }
    Console.control(.clearLine)
    write(line)
    shown = true
  }

  private func clear() {
    if shown { Console.control(.clearLine) }
    shown = false
  }

  private func write(_ text: String) { Console.err(text) }

  private static var width: Int {
    var size = winsize()
    guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
  }
}
