import Foundation

/// The dense path: assemble each requested matrix exactly (`ExactHessian`),
/// then hand it to LAPACK's symmetric eigensolver for all of its
/// eigenvalues.
///
/// Cost per matrix: 2·N·M² flops (assembly) + (4/3)·M³ (eigensolve);
/// 8·M² bytes for the matrix.
public struct DenseSpectrum: SpectrumSolver {
    /// The memory its own check allows and the threads of its assembly.
    public var resources: ComputeResources

    /// The solver with the resources it may use.
    public init(resources: ComputeResources = ComputeResources()) {
        self.resources = resources
    }

    /// The method this solver carries out.
    public var method: SpectrumMethod { .dense }
    /// Whether it gives all M eigenvalues.
    public var givesAllEigenvalues: Bool { true }

    /// Every network, every part.
    public func unsupportedReason(for problem: SpectrumProblem) -> String? { nil }

    /// The cost model's flops for all requested parts and the peak bytes
    /// (see the type's summary).
    public func cost(of problem: SpectrumProblem) -> CostEstimate {
        let m = Double(problem.parameterCount), n = Double(problem.examples)
        return CostEstimate(flops: Double(problem.request.parts.count) * (2 * n * m * m + 4.0 / 3.0 * pow(m, 3)),
                            bytes: Self.requiredBytes(sizes: problem.sizes, examples: problem.examples),
                            scope: .dense(parameters: problem.parameterCount))
    }

    /// The spectra of `request.parts` of `model` on `data`.
    public func compute(model: MLP, data: Dataset, request: SpectrumRequest) throws -> SolverOutput {
        if request.vectors {
            return SolverOutput(spectra: try Self.extremeEigenpairs(model: model, data: data, parts: request.parts,
                                                                    bottom: request.bottom ?? 0, top: request.top ?? 0,
                                                                    resources: resources))
        }
        return SolverOutput(spectra: try Self.compute(model: model, data: data, parts: request.parts,
                                                      driver: request.driver ?? .divideAndConquer, resources: resources))
    }

    /// Bytes the dense path needs at its peak: one M × M matrix, the
    /// assembly workspace, and the eigensolver's O(M) workspace.
    public static func requiredBytes(sizes: [Int], examples n: Int) -> Int {
        let m = ParameterLayout.parameterCount(sizes)
        // With bias-free layers the full-layout matrix is assembled before
        // its principal submatrix is taken: the full M bounds both.
        return 8 * m * m + ExactHessian.workspaceBytes(sizes: sizes, examples: n) + 8 * (4 * m + 1)
    }

    /// The spectra of `parts`, in that order; matrices are built and solved
    /// one at a time so that only one M × M buffer is alive; `resources`
    /// bound the memory and set the assembly's threads.
    /// - Throws: `MemoryError` when the matrix cannot fit, `LAPACKError`,
    ///   `SpectrumError.nonFinite`.
    public static func compute(
        model: MLP, data: Dataset, parts: [HessianPart], driver: EigenDriver = .divideAndConquer,
        resources: ComputeResources = ComputeResources()
    ) throws -> [PartSpectrum] {
        try MemoryBudget.require(requiredBytes(sizes: model.sizes, examples: data.count),
                                 for: "the dense \(model.parameterCount)×\(model.parameterCount) Hessian",
                                 available: resources.availableBytes)
        let hessian = ExactHessian(model: model, data: data, threads: resources.threads)
        var matrix = [Double](repeating: 0, count: hessian.order * hessian.order)
        var results: [PartSpectrum] = []
        for part in parts {
            let t0 = DispatchTime.now()
            let m = hessian.assembleFree(part, into: &matrix)
            let t1 = DispatchTime.now()
            if matrix.contains(where: { !$0.isFinite }) {
                throw SpectrumError.nonFinite(part: part)
            }
            let values = try SymmetricEigensolver.eigenvalues(destroying: &matrix, order: m, driver: driver, backend: resources.lapack)
            let t2 = DispatchTime.now()
            results.append(PartSpectrum(
                part: part, eigenvalues: values,
                assembleSeconds: elapsedSeconds(t0, t1), eigenSeconds: elapsedSeconds(t1, t2)))
        }
        return results
    }
}
