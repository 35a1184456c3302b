import Foundation
import HessianKit
import HessianRuntime

/// Lines for humans, on stderr.
struct Report {
    var quiet: Bool

    func line(_ text: String) {
        guard !quiet else { return }
        StandardStreams.writeError(TerminalText.escaped(text, keepingLineBreaks: true) + "\n")
    }

    static func seconds(_ s: Double) -> String { String(format: "%.3f s", s) }

    /// One "warning: …" line on stderr, also with --quiet: input the run
    /// accepted but the user may not have meant.
    static func warning(_ text: String) {
        StandardStreams.writeError("warning: " + TerminalText.escaped(text) + "\n")
    }
}

/// Output destinations.
enum OutputPaths {
    /// The CSV in the file at `path`, or on stdin when `path` is nil or "-".
    static func readCSV(_ path: String?) throws -> CSVDocument {
        try CSVDocument(path: path ?? "-")
    }

    /// Writes `text` to `path` whole, or to stdout when `path` is nil or "-";
    /// staged until the run has succeeded.
    static func emit(_ text: String, to path: String?) throws {
        if let path, path != "-" {
            try AtomicFile.write(text, to: path)
        } else {
            try OutputStaging.writeStandardOutput(Array(text.utf8))
        }
    }
}

/// Progress of a run with several configurations on stderr: a live bar per
/// configuration when stderr is a terminal, one line per finished
/// configuration otherwise; nothing with --quiet.
final class SweepProgress {
    private let quiet: Bool
    private let steps: Int
    private var current: ProgressReporter?
    private var label = ""

    /// `steps`: the most updates one configuration makes.
    init(quiet: Bool, steps: Int) {
        self.quiet = quiet
        self.steps = steps
    }

    func step(_ label: String, _ step: Int) {
        if label != self.label || current == nil {
            current = ProgressReporter(label: label, total: steps, quiet: quiet)
            self.label = label
        }
        current?.update(step: step)
    }

    /// Ends the current configuration with `message` (or just prints it).
    func finish(_ label: String, _ message: String) {
        if let current, self.label == label {
            current.finish(message)
        } else {
            ProgressReporter.note("\(label): \(message)", quiet: quiet)
        }
        current = nil
        self.label = ""
    }
}
