import HessianCore

/// How an experiment obtains spectra: the one way to give it a spectrum
/// computation. Every computation goes through `engine`, which plans it
/// (method, memory) for `request`; `observe` sees each one with its model
/// and data (to report the plan, measure more) and may add spectra of the
/// same model after the planned ones.
public struct SpectrumSettings: @unchecked Sendable {
    /// The planner and its resources.
    public var engine: SpectrumEngine
    /// What each computation asks for: the matrices, the method (dense by
    /// default), tolerances; `largest(_:of:on:)` asks for H's top k.
    public var request: SpectrumRequest
    /// Sees every computation; returns more spectra of the same model to
    /// put after the planned ones (none by default).
    public var observe: (SpectrumComputation, MLP, Dataset) throws -> [PartSpectrum]

    /// Settings planned by `engine` for `request` (the dense method on this
    /// machine's resources by default).
    public init(engine: SpectrumEngine = SpectrumEngine(), request: SpectrumRequest = SpectrumRequest(method: .dense),
                observe: @escaping (SpectrumComputation, MLP, Dataset) throws -> [PartSpectrum] = { _, _, _ in [] }) {
        self.engine = engine
        self.request = request
        self.observe = observe
    }

    /// Which matrices of the split H = G + R.
    public var parts: [HessianPart] { request.parts }

    /// The spectra of `request.parts` of `model` on `data`, and what
    /// `observe` adds.
    public func spectra(of model: MLP, on data: Dataset) throws -> [PartSpectrum] {
        let run = try engine.compute(model: model, data: data, request: request)
        return run.spectra + (try observe(run, model, data))
    }

    /// The `k` largest eigenvalues of H, largest first: `request` asking
    /// for H's top k, so the method rules apply (Lanczos where it is the
    /// cheap exact way to a few extremes).
    public func largest(_ k: Int, of model: MLP, on data: Dataset) throws -> [Double] {
        var top = request
        top.parts = [.hessian]
        top.top = k
        top.bottom = nil
        top.vectors = false
        let run = try engine.compute(model: model, data: data, request: top)
        _ = try observe(run, model, data)
        return Array(run.spectra[0].eigenvalues.reversed().prefix(k))
    }
}
