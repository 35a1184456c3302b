import Foundation
import HessianKit

/// Lines for humans, on stderr.
struct Report {
    var quiet: Bool

    func line(_ text: String) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func seconds(_ s: Double) -> String { String(format: "%.3f s", s) }
}

struct Timing {
    var assemble = 0.0
    var eigen = 0.0
}

/// The one-row summary of a run.
struct RunSummary {
    var model: MLP
    var split: DataSplit
    var gradientNorm: Double
    var steps: Int?
    var timing: Timing

    var train: Evaluation { model.evaluate(on: split.train) }
    var test: Evaluation? { split.test.map { model.evaluate(on: $0) } }

    var csv: String {
        var table = CSVTable(columns: ["params", "layers", "activation", "loss", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "grad_norm", "steps", "assemble_seconds", "eigen_seconds"])
        let t = train, e = test
        table.append([
            String(model.parameterCount), model.sizes.map(String.init).joined(separator: "-"),
            model.activation.rawValue, model.loss.rawValue,
            CSVField.number(t.loss), CSVField.number(t.accuracy),
            e.map { CSVField.number($0.loss) } ?? "", e.map { CSVField.number($0.accuracy) } ?? "",
            CSVField.number(gradientNorm), steps.map(String.init) ?? "",
            CSVField.number(timing.assemble), CSVField.number(timing.eigen),
        ])
        return table.text
    }

    var humanReadable: String {
        let t = train
        var text = String(format: "train loss %.6g, accuracy %.4f", t.loss, t.accuracy)
        if let e = test { text += String(format: "; test loss %.6g, accuracy %.4f", e.loss, e.accuracy) }
        text += String(format: "; gradient norm %.3g; assembly %.3f s, eigensolve %.3f s", gradientNorm, timing.assemble, timing.eigen)
        return text
    }
}

/// Output destinations.
enum OutputPaths {
    /// Fails before any work when an output's folder does not exist.
    static func checkFolders(_ paths: [String?]) throws {
        guard !AtomicFile.discardsWrites else { return }
        for case let path? in paths {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw OutputError.cannotWrite(path: path, reason: "the folder \(folder) does not exist")
            }
        }
    }

    /// The CSV in the file at `path`, or on stdin when `path` is nil or "-".
    static func readCSV(_ path: String?) throws -> CSVDocument {
        if let path, path != "-" { return try CSVDocument(path: path) }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(data: data, encoding: .utf8) else {
            throw CSVError.malformed(source: "stdin", line: 1, problem: "the input is not UTF-8 text")
        }
        return try CSVDocument(text: text, source: "stdin")
    }

    /// Writes `text` to `path` atomically, or to stdout when `path` is nil or "-".
    static func emit(_ text: String, to path: String?) throws {
        if let path, path != "-" {
            try AtomicFile.write(text, to: path)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
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
