import Foundation

/// The extreme eigenvalues of one matrix with their unit eigenvectors.
public struct PartEigenpairs: Sendable {
    /// The values, their positions among all M, and ‖A·v − λ·v‖ for each,
    /// measured with an exact Hessian-vector product whatever the method.
    public var spectrum: PartSpectrum
    /// Row-major, one row of M per value, in the order of `spectrum`.
    public var vectors: [Double]
}

/// Eigenvectors by the method `SpectrumEngine` plans: dense through an
/// index-range LAPACK driver, factored back through the factor from the
/// core's vectors, Lanczos as Ritz vectors. Only the `top`/`bottom`
/// extremes of the request are computed. Any orthonormal basis of a
/// repeated eigenvalue's eigenspace may come back.
public enum SpectrumEigenvectors {
    /// - Throws: as `SpectrumEngine.plan`, `SpectrumEngineError.invalid`
    ///   without `top` or `bottom`, `FactoredError.unsupported` where the
    ///   factor gives no vectors (R; zero eigenvalues outside the core),
    ///   `LAPACKError`, `LanczosError`, `SpectrumError`.
    public static func compute(model: MLP, data: Dataset, request: SpectrumRequest) throws -> (results: [PartEigenpairs], plan: SpectrumPlan, warnings: [String]) {
        guard request.isPartial else {
            throw SpectrumEngineError.invalid("eigenvectors are written for the extremes only: give --top K and/or --bottom K")
        }
        let plan = try SpectrumEngine.plan(sizes: model.sizes, activation: model.activation, loss: model.loss,
                                           examples: data.count, request: request)
        let m = model.parameterCount
        let top = min(request.top ?? 0, m), bottom = min(request.bottom ?? 0, m)
        let products = HessianVectorProduct(model: model, data: data)
        var results: [PartEigenpairs] = []
        var warnings: [String] = []
        for part in request.parts {
            let pairs: SymmetricEigensolver.Eigenpairs
            var assemble = 0.0, eigen = 0.0
            switch plan.method {
            case .dense, .auto:
                (pairs, assemble, eigen) = try ExactSpectrum.extremeEigenpairs(model: model, data: data, part: part, bottom: bottom, top: top)
            case .factored:
                (pairs, assemble, eigen) = try FactoredSpectrum.extremeEigenpairs(model: model, data: data, part: part, bottom: bottom, top: top)
            case .lanczos:
                let t0 = DispatchTime.now()
                let result = try Lanczos.extremeEigenvalues(of: .curvature(products, part: part), settings: SpectrumEngine.lanczosSettings(request))
                eigen = ExactSpectrum.seconds(t0, DispatchTime.now())
                if result.values.contains(where: { !$0.isFinite }) { throw SpectrumError.nonFinite(part: part) }
                if !result.converged {
                    let worst = result.residualNorms.max() ?? .nan
                    warnings.append("\(part.rawValue): Lanczos stopped after \(result.iterations) steps with a largest residual \(worst) above \(request.lanczosTolerance) × \(result.scale); raise --lanczos-max-iter")
                }
                pairs = SymmetricEigensolver.Eigenpairs(values: result.values, indices: result.indices, vectors: result.vectors.flatMap { $0 })
            }
            let residuals = EigenvectorMeasures.residualNorms(of: part, products: products, values: pairs.values, vectors: pairs.vectors)
            let spectrum = PartSpectrum(part: part, eigenvalues: pairs.values, assembleSeconds: assemble, eigenSeconds: eigen,
                                        indices: pairs.indices, residualNorms: residuals)
            results.append(PartEigenpairs(spectrum: spectrum, vectors: pairs.vectors))
        }
        return (results, plan, warnings)
    }
}
