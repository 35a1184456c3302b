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

    /// The columns of `table`, in order.
    public static var columns: [String] { RunSummaryRow.schema.names }

    /// A row per point; the two timings are the run's totals, the figures
    /// empty where they were not measured.
    public var rows: [RunSummaryRow] {
        points.map { p in
            let t = p.model.evaluate(on: split.train), e = split.test.map { p.model.evaluate(on: $0) }
            var row = RunSummaryRow(
                params: p.model.parameterCount, layers: p.model.sizes.map(String.init).joined(separator: "-"),
                activation: p.model.activations.csvText, loss: p.model.loss.rawValue, trainLoss: t.loss, trainAccuracy: t.accuracy,
                testLoss: e?.loss, testAccuracy: e?.accuracy, gradientNorm: p.gradientNorm, steps: p.step,
                assembleSeconds: timing.assemble, eigenSeconds: timing.eigen, point: p.point)
            row.trace = p.figures?.trace
            row.maxEigenvalue = p.figures?.maxEigenvalue
            row.minEigenvalue = p.figures?.minEigenvalue
            row.gradientOverlap = p.figures?.gradientOverlap
            row.negatives = p.figures?.negatives
            row.traceEstimate = p.traceEstimate?.value
            row.traceEstimator = p.traceEstimate?.estimator.rawValue
            row.traceMatvecs = p.traceEstimate?.products
            if let comparison = p.figures?.blockDiagonal {
                row.blockDiagonalW1 = comparison.w1
                row.outliers = comparison.outliers
                row.blockDiagonalOutliers = comparison.blockDiagonalOutliers
            }
            return row
        }
    }

    /// A header and a row per point; the block-diagonal columns only when
    /// some point has block spectra.
    public var table: CSVTable {
        RunSummaryRow.schema(blockDiagonal: points.contains { $0.figures?.blockDiagonal != nil }).table(rows)
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
