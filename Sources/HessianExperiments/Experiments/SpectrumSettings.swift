import HessianCore

/// How an experiment obtains spectra: which matrices, and the solver
/// (the dense path by default; the command line may plug in another).
public struct SpectrumSettings: @unchecked Sendable {
    /// Which matrices of the split H = G + R.
    public var parts: [HessianPart]
    /// The spectra of `parts` of a model on a data set.
    public var solve: (MLP, Dataset, [HessianPart]) throws -> [PartSpectrum]

    /// Settings with a solver (the dense path by default).
    public init(parts: [HessianPart] = [.hessian],
                solve: @escaping (MLP, Dataset, [HessianPart]) throws -> [PartSpectrum] = { try DenseSpectrum.compute(model: $0, data: $1, parts: $2) }) {
        self.parts = parts
        self.solve = solve
    }

    func spectra(of model: MLP, on data: Dataset) throws -> [PartSpectrum] { try solve(model, data, parts) }
}
