import Foundation

/// `--method power --top K`: the largest eigenvalues of H, G or R by power
/// iteration with deflation (`PowerIteration`) over exact Hessian-vector
/// products, with PyHessian's defaults (100 iterations, tolerance 1e-3).
/// An estimate: never chosen by `auto`.
///
/// Cost per matrix: at most K·iterations products of about 6·N·M flops;
/// 8·M·(K + 3) bytes besides the products' state.
public struct PowerSpectrum: SpectrumSolver {
    /// The solver (it holds no state).
    public init() {}

    /// The method this solver carries out.
    public var method: SpectrumMethod { .power }
    /// Only the top K.
    public var givesAllEigenvalues: Bool { false }
    /// An estimate.
    public var isEstimator: Bool { true }

    /// Power iteration needs `top` and gives no smallest eigenvalues.
    public func unsupportedReason(for problem: SpectrumProblem) -> String? {
        if (problem.request.bottom ?? 0) > 0 { return "power iteration finds the largest eigenvalues only, not the smallest" }
        if (problem.request.top ?? 0) < 1 { return "power iteration computes only the largest eigenvalues" }
        return nil
    }

    private func count(_ problem: SpectrumProblem) -> Int { min(problem.request.top ?? 1, problem.parameterCount) }

    /// The cost model's flops at the iteration limit and the peak bytes
    /// (see the type's summary).
    public func cost(of problem: SpectrumProblem) -> CostEstimate {
        let iterations = problem.request.estimators.powerIterations
        let k = Double(count(problem)) * Double(iterations)
        return CostEstimate(
            flops: Double(problem.request.parts.count) * k * 6 * Double(problem.examples) * Double(problem.parameterCount),
            bytes: PowerIteration.requiredBytes(order: problem.parameterCount, count: count(problem))
                + HessianVectorProduct.stateBytes(sizes: problem.sizes, examples: problem.examples)
                + HessianVectorProduct.workspaceBytes(sizes: problem.sizes, examples: problem.examples),
            scope: .power(parameters: problem.parameterCount, count: count(problem), iterations: iterations))
    }

    /// The top eigenvalues of each of `request.parts`, ascending, taken to
    /// be the largest (see `PowerIteration` for when they are not).
    public func compute(model: MLP, data: Dataset, request: SpectrumRequest) throws -> SolverOutput {
        let t0 = DispatchTime.now()
        let products = HessianVectorProduct(model: model, data: data)
        let setup = elapsedSeconds(t0, DispatchTime.now())
        var output = SolverOutput(spectra: [])
        let n = model.parameterCount
        for part in request.parts {
            let t1 = DispatchTime.now()
            let result = try PowerIteration.topEigenvalues(of: .curvature(products, part: part), count: min(request.top ?? 1, n),
                                                           settings: request.estimators)
            let order = result.values.indices.sorted { result.values[$0] < result.values[$1] }
            let k = order.count
            output.spectra.append(PartSpectrum(
                part: part, eigenvalues: order.map { result.values[$0] }, assembleSeconds: setup,
                eigenSeconds: elapsedSeconds(t1, DispatchTime.now()), indices: (0..<k).map { n - k + $0 },
                residualNorms: order.map { result.residualNorms[$0] },
                eigenvectors: request.vectors ? order.flatMap { result.vectors[$0] } : nil))
            if let negative = result.values.filter({ $0 < 0 }).min() {
                output.warnings.append(.powerFoundNegative(part: part, value: negative))
            }
            let stuck = result.converged.filter { !$0 }.count
            if stuck > 0 {
                output.warnings.append(.powerNotConverged(part: part, unconverged: stuck, iterations: request.estimators.powerIterations,
                                                          tolerance: request.estimators.powerTolerance))
            }
        }
        return output
    }
}
