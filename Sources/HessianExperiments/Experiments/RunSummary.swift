import Foundation
import HessianCore
import HessianFormats

/// One measured point of a run: its model, and the figures of its Hessian
/// spectrum when one was computed there.
public struct SummaryPoint: Sendable {
    /// "init", "step" or "final".
    public var point: String
    /// Updates made before this point; nil for a model loaded from a file.
    public var step: Int?
    /// The network at this point.
    public var model: MLP
    /// Full-batch gradient norm at this point.
    public var gradientNorm: Double
    /// The figures of its Hessian spectrum, when one was computed here.
    public var figures: SpectrumFigures?
    /// A randomised estimate of tr(H) here, when one was asked for.
    public var traceEstimate: TraceEstimate?

    /// A measured point.
    public init(point: String, step: Int?, model: MLP, gradientNorm: Double, figures: SpectrumFigures?) {
        self.point = point
        self.step = step
        self.model = model
        self.gradientNorm = gradientNorm
        self.figures = figures
    }
}

/// The summary of a run: a row per measured point (the last one the final
/// model), with how well it fits, how far training went, what the spectra
/// cost, and the figures of its Hessian spectrum.
public struct RunSummary {
    /// The data it was measured on.
    public var split: DataSplit
    /// In the order measured; the last is the final model.
    public var points: [SummaryPoint]
    /// The whole run's time in the spectra.
    public var timing: SpectrumTiming

    /// A summary of a run.
    public init(split: DataSplit, points: [SummaryPoint], timing: SpectrumTiming) {
        self.split = split
        self.points = points
        self.timing = timing
    }

    /// One row for the final model without spectrum figures.
    public init(model: MLP, split: DataSplit, gradientNorm: Double, steps: Int?, timing: SpectrumTiming) {
        self.init(split: split, points: [SummaryPoint(point: "final", step: steps, model: model, gradientNorm: gradientNorm, figures: nil)],
                  timing: timing)
    }

    /// The columns of `csv`, in order.
    public static let columns = ["params", "layers", "activation", "loss", "train_loss", "train_accuracy", "test_loss", "test_accuracy",
                                 "grad_norm", "steps", "assemble_seconds", "eigen_seconds",
                                 "point", "trace", "max_eigenvalue", "min_eigenvalue", "gradient_overlap", "negatives",
                                 "trace_estimate", "trace_estimator", "trace_matvecs"]

    /// The columns after `columns` when a point has block spectra: the W₁
    /// distance between the spectra of H and of its block-diagonal
    /// approximation, and both outlier counts (largest gap).
    public static let blockDiagonalColumns = ["block_diagonal_w1", "outliers", "block_diagonal_outliers"]

    /// A header and a row per point; the two timings are the run's totals,
    /// the figures empty where they were not measured. The block-diagonal
    /// columns only when some point has them.
    public var csv: String {
        let blocks = points.contains { $0.figures?.blockDiagonal != nil }
        var table = CSVTable(columns: Self.columns + (blocks ? Self.blockDiagonalColumns : []))
        for p in points {
            let t = p.model.evaluate(on: split.train), e = split.test.map { p.model.evaluate(on: $0) }
            let f = p.figures
            var fields: [String] = [
                String(p.model.parameterCount), p.model.sizes.map(String.init).joined(separator: "-"),
                p.model.activations.csvText, p.model.loss.rawValue,
                CSVField.number(t.loss), CSVField.number(t.accuracy),
                e.map { CSVField.number($0.loss) } ?? "", e.map { CSVField.number($0.accuracy) } ?? "",
                CSVField.number(p.gradientNorm), p.step.map(String.init) ?? "",
                CSVField.number(timing.assemble), CSVField.number(timing.eigen),
                p.point, f?.trace.map(CSVField.number) ?? "",
                f?.maxEigenvalue.map(CSVField.number) ?? "", f?.minEigenvalue.map(CSVField.number) ?? "",
                f?.gradientOverlap.map(CSVField.number) ?? "", f?.negatives.map(String.init) ?? "",
                p.traceEstimate.map { CSVField.number($0.value) } ?? "", p.traceEstimate?.estimator.rawValue ?? "",
                p.traceEstimate.map { String($0.products) } ?? "",
            ]
            if blocks { fields += Self.blockDiagonalFields(f?.blockDiagonal) }
            table.append(fields)
        }
        return table.text
    }

    private static func blockDiagonalFields(_ comparison: BlockDiagonalComparison?) -> [String] {
        [comparison?.w1.map(CSVField.number) ?? "", comparison?.outliers.map(String.init) ?? "",
         comparison.map { String($0.blockDiagonalOutliers) } ?? ""]
    }

    /// The last point in one line of text.
    public var humanReadable: String {
        guard let last = points.last else { return "" }
        let t = last.model.evaluate(on: split.train)
        var text = String(format: "train loss %.6g, accuracy %.4f", t.loss, t.accuracy)
        if let test = split.test {
            let e = last.model.evaluate(on: test)
            text += String(format: "; test loss %.6g, accuracy %.4f", e.loss, e.accuracy)
        }
        text += String(format: "; gradient norm %.3g; assembly %.3f s, eigensolve %.3f s", last.gradientNorm, timing.assemble, timing.eigen)
        if let trace = last.figures?.trace { text += String(format: "; trace %.6g", trace) }
        return text
    }
}
