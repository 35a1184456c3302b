import Foundation

/// The dense path: assemble each requested matrix exactly (`ExactHessian`),
/// then hand it to LAPACK's symmetric eigensolver for all of its
/// eigenvalues.
///
/// Cost per matrix: 2·N·M² flops (assembly) + (4/3)·M³ (eigensolve);
/// 8·M² bytes for the matrix.
public struct DenseSpectrum: SpectrumSolver {
    public init() {}

    public var method: SpectrumMethod { .dense }
    public var givesAllEigenvalues: Bool { true }

    /// Every network, every part.
    public func unsupportedReason(for problem: SpectrumProblem) -> String? { nil }

    public func estimatedFlops(for problem: SpectrumProblem) -> Double {
        let m = Double(problem.parameterCount), n = Double(problem.examples)
        return Double(problem.request.parts.count) * (2 * n * m * m + 4.0 / 3.0 * pow(m, 3))
    }

    public func requiredBytes(for problem: SpectrumProblem) -> Int {
        Self.requiredBytes(sizes: problem.sizes, examples: problem.examples)
    }

    public func scope(of problem: SpectrumProblem) -> String { "M = \(problem.parameterCount)" }

    public func purpose(for problem: SpectrumProblem) -> String {
        "the dense \(problem.parameterCount)×\(problem.parameterCount) matrix"
    }

    public func compute(model: MLP, data: Dataset, request: SpectrumRequest) throws -> SolverOutput {
        SolverOutput(spectra: try Self.compute(model: model, data: data, parts: request.parts, driver: request.driver))
    }

    /// Bytes the dense path needs at its peak: one M × M matrix, the
    /// assembly workspace, and the eigensolver's O(M) workspace.
    public static func requiredBytes(sizes: [Int], examples n: Int) -> Int {
        let m = ParameterLayout.parameterCount(sizes)
        return 8 * m * m + ExactHessian.workspaceBytes(sizes: sizes, examples: n) + 8 * (4 * m + 1)
    }

    /// The spectra of `parts`, in that order; matrices are built and solved
    /// one at a time so that only one M × M buffer is alive.
    /// - Throws: `MemoryError` when the matrix cannot fit, `LAPACKError`,
    ///   `SpectrumError.nonFinite`.
    public static func compute(
        model: MLP, data: Dataset, parts: [HessianPart], driver: EigenDriver = .divideAndConquer
    ) throws -> [PartSpectrum] {
        try MemoryBudget.require(requiredBytes(sizes: model.sizes, examples: data.count),
                                 for: "the dense \(model.parameterCount)×\(model.parameterCount) Hessian")
        let hessian = ExactHessian(model: model, data: data)
        let m = hessian.order
        var matrix = [Double](repeating: 0, count: m * m)
        var results: [PartSpectrum] = []
        for part in parts {
            let t0 = DispatchTime.now()
            hessian.assemble(part, into: &matrix)
            let t1 = DispatchTime.now()
            if matrix.contains(where: { !$0.isFinite }) {
                throw SpectrumError.nonFinite(part: part)
            }
            let values = try SymmetricEigensolver.eigenvalues(destroying: &matrix, order: m, driver: driver)
            let t2 = DispatchTime.now()
            results.append(PartSpectrum(
                part: part, eigenvalues: values,
                assembleSeconds: elapsedSeconds(t0, t1), eigenSeconds: elapsedSeconds(t1, t2)))
        }
        return results
    }
}
