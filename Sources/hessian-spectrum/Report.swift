import Foundation
import HessianKit

/// Lines for humans, on stderr.
struct Report {
    var quiet: Bool

    func line(_ text: String) {
        guard !quiet else { return }
        StandardStreams.writeError(text + "\n")
    }

    static func seconds(_ s: Double) -> String { String(format: "%.3f s", s) }

    /// One "warning: …" line on stderr, also with --quiet: input the run
    /// accepted but the user may not have meant.
    static func warning(_ text: String) {
        StandardStreams.writeError("warning: " + text + "\n")
    }
}

struct Timing {
    var assemble = 0.0
    var eigen = 0.0
}

/// One measured point of a run: its model, and the figures of its Hessian
/// spectrum when one was computed there.
struct SummaryPoint {
    /// "init", "step" or "final".
    var point: String
    /// Updates made before this point; nil for a loaded model.
    var step: Int?
    var model: MLP
    var gradientNorm: Double
    var figures: SpectrumFigures?
}

/// The summary of a run: one row per point, the last the final model.
struct RunSummary {
    var split: DataSplit
    var points: [SummaryPoint]
    var timing: Timing

    static let columns = ["params", "layers", "activation", "loss", "train_loss", "train_accuracy", "test_loss", "test_accuracy",
                          "grad_norm", "steps", "assemble_seconds", "eigen_seconds",
                          "point", "trace", "max_eigenvalue", "min_eigenvalue", "gradient_overlap"]

    var csv: String {
        var table = CSVTable(columns: Self.columns)
        for p in points {
            let t = p.model.evaluate(on: split.train), e = split.test.map { p.model.evaluate(on: $0) }
            let f = p.figures
            table.append([
                String(p.model.parameterCount), p.model.sizes.map(String.init).joined(separator: "-"),
                p.model.activation.rawValue, p.model.loss.rawValue,
                CSVField.number(t.loss), CSVField.number(t.accuracy),
                e.map { CSVField.number($0.loss) } ?? "", e.map { CSVField.number($0.accuracy) } ?? "",
                CSVField.number(p.gradientNorm), p.step.map(String.init) ?? "",
                CSVField.number(timing.assemble), CSVField.number(timing.eigen),
                p.point, f.map { CSVField.number($0.trace) } ?? "",
                f?.maxEigenvalue.map(CSVField.number) ?? "", f?.minEigenvalue.map(CSVField.number) ?? "",
                f?.gradientOverlap.map(CSVField.number) ?? "",
            ])
        }
        return table.text
    }

    var humanReadable: String {
        guard let last = points.last else { return "" }
        let t = last.model.evaluate(on: split.train)
        var text = String(format: "train loss %.6g, accuracy %.4f", t.loss, t.accuracy)
        if let test = split.test {
            let e = last.model.evaluate(on: test)
            text += String(format: "; test loss %.6g, accuracy %.4f", e.loss, e.accuracy)
        }
        text += String(format: "; gradient norm %.3g; assembly %.3f s, eigensolve %.3f s", last.gradientNorm, timing.assemble, timing.eigen)
        if let f = last.figures { text += String(format: "; trace %.6g", f.trace) }
        return text
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
