import Foundation
import HessianKit
import HessianRuntime

/// Progress of one long piece of work (a training, one configuration of a
/// sweep), written to stderr only so it never mixes with data on stdout.
///
/// When stderr is a terminal, `update(step:)` redraws one line in place
/// (`\r`) with the label, a bar, step/total, the percentage and the
/// estimated time left, at most `redrawInterval` apart; `finish(_:)` replaces
/// that line with a final one. When stderr is a file or a pipe, only
/// `finish(_:)` writes, one line per finished piece, so logs stay short.
/// `quiet` silences everything. Meant for use from one thread.
final class ProgressReporter {
    let label: String
    /// Steps in the whole piece of work; 0 or less when unknown.
    let total: Int
    let quiet: Bool

    /// Redraws closer together than this (seconds) are skipped.
    static let redrawInterval = 0.1

    private let live: Bool
    private let write: (String) -> Void
    private let clock: () -> Double
    private let start: Double
    private var lastDraw: Double?
    private var barShown = false

    /// A reporter writing to stderr, drawing a live bar when stderr is a terminal.
    convenience init(label: String, total: Int, quiet: Bool = false) {
        self.init(label: label, total: total, quiet: quiet, live: isatty(2) == 1,
                  write: { StandardStreams.writeError($0) },
                  clock: { ProcessInfo.processInfo.systemUptime })
    }

    /// A reporter with its output, its terminal test and its clock (seconds) given.
    init(label: String, total: Int, quiet: Bool, live: Bool, write: @escaping (String) -> Void, clock: @escaping () -> Double) {
        self.label = label
        self.total = total
        self.quiet = quiet
        self.live = live
        self.write = write
        self.clock = clock
        self.start = clock()
    }

    deinit {
        // Never leave the cursor at the end of an unfinished bar.
        if barShown { write("\n") }
    }

    /// Reports that `step` steps are done; redraws the bar when live and the
    /// last redraw is at least `redrawInterval` old, or the work is complete.
    func update(step: Int) {
        guard live, !quiet else { return }
        let now = clock()
        if let lastDraw, now - lastDraw < Self.redrawInterval, total <= 0 || step < total { return }
        lastDraw = now
        barShown = true
        write("\r" + Self.barLine(label: label, step: step, total: total, elapsed: now - start) + Self.clearToEnd)
    }

    /// Ends the work with a line "label: message (elapsed m:ss)", replacing
    /// the bar when live.
    func finish(_ message: String) {
        guard !quiet else { return }
        let line = "\(label): \(message) (\(Self.duration(clock() - start)))"
        write((barShown ? "\r" : "") + line + (barShown ? Self.clearToEnd : "") + "\n")
        barShown = false
    }

    /// One line on stderr, outside any bar, unless `quiet`.
    static func note(_ message: String, quiet: Bool) {
        guard !quiet else { return }
        StandardStreams.writeError(TerminalText.escaped(message, keepingLineBreaks: true) + "\n")
    }

    /// ANSI "erase to the end of the line", for a redraw shorter than the last.
    static let clearToEnd = "\u{1B}[K"

    static let barWidth = 24

    /// "label [#########...............] 37/100 37% ETA 0:12"; without a known
    /// total, "label 37 steps, 0:05". The estimate assumes the remaining
    /// steps take as long as the finished ones did on average.
    static func barLine(label: String, step: Int, total: Int, elapsed: Double) -> String {
        guard total > 0 else { return "\(label) \(step) steps, \(duration(elapsed))" }
        let done = min(max(step, 0), total)
        let fraction = Double(done) / Double(total)
        let filled = Int((fraction * Double(barWidth)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled)
        let percent = Int((fraction * 100).rounded(.down))
        let eta = done > 0 ? duration(elapsed / Double(done) * Double(total - done)) : "--:--"
        return "\(label) [\(bar)] \(done)/\(total) \(percent)% ETA \(eta)"
    }

    /// A duration as m:ss, or h:mm:ss from an hour on; "--:--" when it is
    /// negative, not finite or 1000 hours or more (an estimate from a first
    /// step that says nothing).
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0, seconds < 3_600_000 else { return "--:--" }
        let whole = Int(seconds.rounded())
        let (hours, minutes, secs) = (whole / 3600, whole / 60 % 60, whole % 60)
        func twoDigits(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }
        return hours > 0 ? "\(hours):\(twoDigits(minutes)):\(twoDigits(secs))" : "\(minutes):\(twoDigits(secs))"
    }
}
