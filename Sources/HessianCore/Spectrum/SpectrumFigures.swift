/// The figures of a Hessian beside its eigenvalues that researchers ask
/// for: the exact trace, the extreme eigenvalues, and — with eigenvectors —
/// the fraction of the gradient in the top-k eigenspace
/// ‖P_k·g‖² / ‖g‖² (Gur-Ari, Roberts & Dyer 2018, "Gradient descent happens
/// in a tiny subspace").
public struct SpectrumFigures: Sendable, Equatable {
    /// tr(H), the sum of the diagonal (`JacobianTrace` or `HessianTrace`),
    /// not of the computed eigenvalues, so also exact for a partial
    /// spectrum; nil when its plan left it out (`TracePlan`).
    public var trace: Double?
    /// λ_max, when the spectrum includes the largest eigenvalue.
    public var maxEigenvalue: Double?
    /// λ_min, when the spectrum includes the smallest eigenvalue.
    public var minEigenvalue: Double?
    /// ‖P_k·g‖² / ‖g‖² with P_k the projector onto the top-k eigenvectors;
    /// nil without eigenvectors.
    public var gradientOverlap: Double?
    /// The eigenvalues below −z, z = 1e-6·max|λ| (`negativeCount`, the
    /// count of `outliers`), when the spectrum has all M eigenvalues.
    public var negatives: Int?
    /// With block spectra: how far the block-diagonal approximation's
    /// spectrum is from H's.
    public var blockDiagonal: BlockDiagonalComparison?

    /// Figures as measured; nil where not known.
    public init(trace: Double?, maxEigenvalue: Double?, minEigenvalue: Double?, gradientOverlap: Double? = nil,
                negatives: Int? = nil) {
        self.trace = trace
        self.maxEigenvalue = maxEigenvalue
        self.minEigenvalue = minEigenvalue
        self.gradientOverlap = gradientOverlap
        self.negatives = negatives
    }

    /// The figures of the Hessian `spectrum` of `model` on `data`; with its
    /// eigenvectors and k, the overlap of the loss gradient with the top-k
    /// of them, which must all be among the vectors. The trace follows
    /// `trace`, by default the cheapest exact path whatever it costs.
    /// - Complexity: that of the trace's plan, plus a gradient and
    ///   2·M·k flops for the overlap.
    public static func measure(model: MLP, data: Dataset, spectrum: PartSpectrum,
                               overlapDimension k: Int? = nil, trace: TracePlan? = nil) -> SpectrumFigures {
        let plan = trace ?? TracePlan.plan(part: spectrum.part, sizes: model.sizes, activations: model.activations, loss: model.loss,
                                           examples: data.count, givesAllEigenvalues: true, asked: true)
        let m = model.parameterCount
        let values = spectrum.eigenvalues
        let first = values.indices.first.map { spectrum.index($0) }
        let last = values.indices.last.map { spectrum.index($0) }
        var figures = SpectrumFigures(
            trace: plan.trace(of: spectrum.part, model: model, data: data),
            maxEigenvalue: last == m - 1 ? values.last : nil,
            minEigenvalue: first == 0 ? values.first : nil,
            negatives: values.count == m ? negativeCount(values) : nil)
        if let vectors = spectrum.eigenvectors, let k, k > 0, k <= values.count,
           (values.count - k..<values.count).allSatisfy({ spectrum.index($0) >= m - k }) {
            let gradient = model.restricted(model.lossAndGradient(on: data).gradient)
            figures.gradientOverlap = EigenvectorMeasures.overlap(of: gradient, withRows: (values.count - k)..<values.count, of: vectors)
        }
        return figures
    }
}
