import HessianCore

/// How an experiment obtains the K largest Hessian eigenvalues of a model.
///
/// By default through `SpectrumEngine` with a `top` request, so the method
/// rules apply: Lanczos where it is the cheap exact way to a few extremes,
/// dense or factored where those cost less. The command line plugs in its
/// own method, tolerances and report.
public struct TopEigenvalues: @unchecked Sendable {
    /// The K largest eigenvalues of H for (model, data, K), largest first.
    public var solve: (MLP, Dataset, Int) throws -> [Double]

    /// A solver of the K largest eigenvalues (the engine's by default).
    public init(solve: @escaping (MLP, Dataset, Int) throws -> [Double] = TopEigenvalues.engine) {
        self.solve = solve
    }

    /// The choice of an engine with this machine's resources for `SpectrumRequest(top: k)`.
    public static func engine(_ model: MLP, _ data: Dataset, _ k: Int) throws -> [Double] {
        let run = try SpectrumEngine().compute(model: model, data: data, request: SpectrumRequest(top: k))
        return largestFirst(run.spectra[0], k)
    }

    /// The `k` largest of an ascending spectrum (full or extremes), largest first.
    public static func largestFirst(_ spectrum: PartSpectrum, _ k: Int) -> [Double] {
        Array(spectrum.eigenvalues.reversed().prefix(k))
    }
}
