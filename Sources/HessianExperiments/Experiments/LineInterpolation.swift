import HessianCore
import HessianFormats

/// Fig 8: the loss on the straight line between two solutions,
/// w(α) = A + α·(B − A), evaluated as (1 − α)·A + α·B so that α = 0 and
/// α = 1 give the endpoints' parameters exactly.
public struct LineInterpolation: Sendable {
    /// A, the model at α = 0.
    public var from: MLP
    /// B, the model at α = 1.
    public var to: MLP
    /// The values of α.
    public var alphas: [Double]
    /// Also the `top` largest Hessian eigenvalues at each α (0: none).
    public var top: Int
    /// How those are computed (the spectrum-method rules by default).
    public var spectrum: SpectrumSettings

    public init(from: MLP, to: MLP, alphas: [Double], top: Int = 0,
                spectrum: SpectrumSettings = SpectrumSettings(request: SpectrumRequest())) throws {
        guard from.sizes == to.sizes else {
            throw ExperimentError.layersDiffer(from: from.sizes, to: to.sizes)
        }
        guard from.activations == to.activations, from.loss == to.loss else {
            throw ExperimentError.activationOrLossDiffer
        }
        guard from.hasBias == to.hasBias else {
            func biasFree(_ model: MLP) -> [Int] { zip(1..., model.hasBias).filter { !$0.1 }.map(\.0) }
            throw ExperimentError.biasFreeLayersDiffer(from: biasFree(from), to: biasFree(to))
        }
        guard !alphas.isEmpty else { throw ExperimentError.noAlphas }
        guard top >= 0 else { throw SettingError(.top, .nonNegative) }
        self.from = from
        self.to = to
        self.alphas = alphas
        self.top = top
        self.spectrum = spectrum
    }

    /// The line at one α.
    public typealias Point = InterpolationPoint

    /// The model at α.
    public func model(at alpha: Double) -> MLP {
        var model = from
        for t in 0..<model.parameters.count {
            model.parameters[t] = (1 - alpha) * from.parameters[t] + alpha * to.parameters[t]
        }
        return model
    }

    /// Evaluates (1 − α)·A + α·B at every α (and its top eigenvalues when asked); `finished` sees each point.
    /// - Throws: `ExperimentError.parametersOverflow` when the parameters at an α overflow.
    public func run(on split: DataSplit, finished: (Point) -> Void = { _ in }) throws -> [Point] {
        var points: [Point] = []
        for alpha in alphas {
            let model = model(at: alpha)
            // (1 − α)·A + α·B overflows for |α| near 1e308/|w|: a row of inf or nan would not be the line.
            guard model.parameters.allSatisfy(\.isFinite) else {
                throw ExperimentError.parametersOverflow(alpha: alpha)
            }
            let topValues = top > 0 ? try spectrum.largest(top, of: model, on: split.train) : []
            let point = Point(alpha: alpha, train: model.evaluate(on: split.train),
                              test: split.test.map { model.evaluate(on: $0) }, topEigenvalues: topValues)
            finished(point)
            points.append(point)
        }
        return points
    }

    /// `alpha,train_loss,train_accuracy,test_loss,test_accuracy`, then
    /// `top_1…top_k` when eigenvalues were asked for.
    public func table(_ points: [Point]) -> CSVTable {
        InterpolationPoint.schema(top: top).table(points)
    }

    /// The columns of `table` for the `top` largest eigenvalues.
    public static func columns(top: Int) -> [String] { InterpolationPoint.schema(top: max(0, top)).names }

    /// Parses `start:stop:count` (inclusive, count ≥ 2, or count 1 with
    /// start = stop) into evenly spaced values, the last exactly `stop`.
    public static func parseRange(_ text: String) throws -> [Double] {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 3, let start = Double(parts[0]), let stop = Double(parts[1]), let count = Int(parts[2]),
              start.isFinite, stop.isFinite else {
            throw SettingError(.alphas, .rule("takes start:stop:count, e.g. -1:2:61"), got: "'\(text)'")
        }
        guard count >= 1 else { throw SettingError(.alphas, .rule("needs a count of at least 1"), got: count) }
        if count == 1 {
            guard start == stop else { throw SettingError(.alphas, .rule("with count 1 needs start = stop")) }
            return [start]
        }
        guard stop > start else { throw SettingError(.alphas, .rule("needs start < stop"), got: "'\(text)'") }
        // (start·(n − i) + stop·i)/n is exact at both ends and rounds each
        // value once, so -1:2:61 gives -0.45 rather than -0.44999999999999996.
        // Near ±1.8e308 the products overflow: then the weights are divided
        // first, (n − i)/n·start + i/n·stop, which stays within the ends.
        let n = Double(count - 1)
        let values = (0..<count).map { i -> Double in
            let exact = (start * (n - Double(i)) + stop * Double(i)) / n
            return exact.isFinite ? exact : start * ((n - Double(i)) / n) + stop * (Double(i) / n)
        }
        guard values.allSatisfy(\.isFinite) else { throw SettingError(.alphas, .rule("gives values beyond the range of doubles"), got: "'\(text)'") }
        return values
    }
}
