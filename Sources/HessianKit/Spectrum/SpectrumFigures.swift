/// The figures of a Hessian beside its eigenvalues that researchers ask
/// for: the exact trace, the extreme eigenvalues, and — with eigenvectors —
/// the fraction of the gradient in the top-k eigenspace
/// ‖P_k·g‖² / ‖g‖² (Gur-Ari, Roberts & Dyer 2018, "Gradient descent happens
/// in a tiny subspace").
public struct SpectrumFigures: Sendable, Equatable {
    /// tr(H), the sum of the diagonal (`HessianTrace`), not of the
    /// computed eigenvalues, so also exact for a partial spectrum.
    public var trace: Double
    /// λ_max, when the spectrum includes the largest eigenvalue.
    public var maxEigenvalue: Double?
    /// λ_min, when the spectrum includes the smallest eigenvalue.
    public var minEigenvalue: Double?
    /// ‖P_k·g‖² / ‖g‖² with P_k the projector onto the top-k eigenvectors;
    /// nil without eigenvectors.
    public var gradientOverlap: Double?

    public init(trace: Double, maxEigenvalue: Double?, minEigenvalue: Double?, gradientOverlap: Double? = nil) {
        self.trace = trace
        self.maxEigenvalue = maxEigenvalue
        self.minEigenvalue = minEigenvalue
        self.gradientOverlap = gradientOverlap
    }

    /// The figures of the Hessian `spectrum` of `model` on `data`.
    /// - Complexity: that of `HessianTrace.trace`.
    public static func measure(model: MLP, data: Dataset, spectrum: PartSpectrum) -> SpectrumFigures {
        let m = model.parameterCount
        let values = spectrum.eigenvalues
        let first = values.indices.first.map { spectrum.index($0) }
        let last = values.indices.last.map { spectrum.index($0) }
        return SpectrumFigures(
            trace: HessianTrace.trace(of: spectrum.part, model: model, data: data),
            maxEigenvalue: last == m - 1 ? values.last : nil,
            minEigenvalue: first == 0 ? values.first : nil)
    }
}
