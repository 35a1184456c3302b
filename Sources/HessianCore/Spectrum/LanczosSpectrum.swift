import Foundation

/// The matrix-free path: Lanczos (`Lanczos`) over exact Hessian-vector
/// products (`HessianVectorProduct`), for the requested extremes only.
///
/// Cost per matrix: k·6·N·M flops (products) + 4·k·b·M (reorthogonalisation)
/// for k steps (the iteration limit) with a basis of b ≤ k vectors
/// (`LanczosSettings.basisLimit`; restarts keep it there); 8·M·b bytes for
/// the basis, so memory is O(b·M + N·Σh), never M × M.
public struct LanczosSpectrum: SpectrumSolver {
    /// The memory its basis may take.
    public var resources: ComputeResources

    /// The solver with the resources it may use.
    public init(resources: ComputeResources = ComputeResources()) {
        self.resources = resources
    }

    /// The method this solver carries out.
    public var method: SpectrumMethod { .lanczos }
    /// Whether it gives all M eigenvalues.
    public var givesAllEigenvalues: Bool { false }

    /// Lanczos needs a `top` and/or `bottom` count.
    public func unsupportedReason(for problem: SpectrumProblem) -> String? {
        problem.request.isPartial ? nil : Self.extremesOnly
    }

    /// Why Lanczos does not apply to a request for all eigenvalues.
    public static let extremesOnly = "Lanczos computes only the extremes"

    /// k, the most Lanczos steps per run.
    func steps(_ problem: SpectrumProblem) -> Int {
        Self.settings(problem.request).iterationLimit(order: problem.parameterCount)
    }

    /// b, the most basis vectors alive at a time.
    func basis(_ problem: SpectrumProblem) -> Int {
        Self.settings(problem.request).basisLimit(order: problem.parameterCount, wanted: wanted(problem))
    }

    func wanted(_ problem: SpectrumProblem) -> Int { (problem.request.top ?? 0) + (problem.request.bottom ?? 0) }

    /// The cost model's flops for all requested parts and the peak bytes
    /// (see the type's summary).
    public func cost(of problem: SpectrumProblem) -> CostEstimate {
        let k = steps(problem), b = basis(problem)
        let m = Double(problem.parameterCount), n = Double(problem.examples)
        return CostEstimate(
            flops: Double(problem.request.parts.count) * (Double(k) * 6 * n * m + 4 * Double(k) * Double(b) * m),
            bytes: Lanczos.requiredBytes(order: problem.parameterCount, basis: b, wanted: wanted(problem))
                + HessianVectorProduct.stateBytes(sizes: problem.sizes, examples: problem.examples)
                + HessianVectorProduct.workspaceBytes(sizes: problem.sizes, examples: problem.examples),
            scope: .lanczos(parameters: problem.parameterCount, steps: k, basis: b))
    }

    /// The spectra of `request.parts` of `model` on `data`.
    public func compute(model: MLP, data: Dataset, request: SpectrumRequest) throws -> SolverOutput {
        let t0 = DispatchTime.now()
        let products = HessianVectorProduct(model: model, data: data)
        let setup = elapsedSeconds(t0, DispatchTime.now())
        var output = SolverOutput(spectra: [])
        for part in request.parts {
            let t1 = DispatchTime.now()
            let result = try Lanczos.extremeEigenvalues(of: .curvature(products, part: part), settings: Self.settings(request),
                                                        available: resources.availableBytes, backend: resources.lapack)
            if result.values.contains(where: { !$0.isFinite }) { throw SpectrumError.nonFinite(part: part) }
            if let warning = Self.warning(result, part: part, tolerance: request.lanczosTolerance) {
                output.warnings.append(warning)
            }
            output.spectra.append(PartSpectrum(part: part, eigenvalues: result.values, assembleSeconds: setup,
                                               eigenSeconds: elapsedSeconds(t1, DispatchTime.now()),
                                               indices: result.indices, residualNorms: result.residualNorms,
                                               eigenvectors: request.vectors ? result.vectors.flatMap { $0 } : nil))
        }
        return output
    }

    /// A warning for a run that did not converge or could not complete its check.
    static func warning(_ result: LanczosResult, part: HessianPart, tolerance: Double) -> SpectrumWarning? {
        if !result.converged {
            return .lanczosNotConverged(part: part, steps: result.iterations, largestResidual: result.residualNorms.max() ?? .nan,
                                        tolerance: tolerance, scale: result.scale)
        }
        if !result.verified { return .lanczosCheckIncomplete(part: part, runs: result.runs, steps: result.iterations) }
        return nil
    }

    static func settings(_ request: SpectrumRequest) -> LanczosSettings {
        LanczosSettings(top: request.top ?? 0, bottom: request.bottom ?? 0, tolerance: request.lanczosTolerance,
                        maxIterations: request.lanczosMaxIterations, seed: request.lanczosSeed)
    }
}
