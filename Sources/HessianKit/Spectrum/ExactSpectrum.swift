import Foundation

/// All eigenvalues of one matrix of the split, with what they cost.
public struct PartSpectrum: Sendable {
    public var part: HessianPart
    /// Ascending.
    public var eigenvalues: [Double]
    /// Wall-clock seconds to assemble the matrix.
    public var assembleSeconds: Double
    /// Wall-clock seconds in LAPACK.
    public var eigenSeconds: Double
    /// For a partial spectrum (Lanczos, or `--top`/`--bottom`): each value's
    /// 0-based position in the ascending order of all M eigenvalues. Nil
    /// when `eigenvalues` holds all M of them.
    public var indices: [Int]? = nil
    /// ‖H·x − λ·x‖ for each value's unit Ritz vector x (Lanczos only).
    public var residualNorms: [Double]? = nil

    /// Position of `eigenvalues[i]` in the ascending order of all M eigenvalues.
    public func index(_ i: Int) -> Int { indices?[i] ?? i }
}

/// The dense path: assemble each requested matrix exactly, then hand it to
/// LAPACK's symmetric eigensolver for all of its eigenvalues.
public enum ExactSpectrum {
    /// Bytes the dense path needs at its peak: one M × M matrix, the
    /// assembly workspace, and the eigensolver's O(M) workspace.
    public static func requiredBytes(sizes: [Int], examples n: Int) -> Int {
        let m = ParameterLayout.parameterCount(sizes)
        return 8 * m * m + ExactHessian.workspaceBytes(sizes: sizes, examples: n) + 8 * (4 * m + 1)
    }

    /// The spectra of `parts`, in that order; matrices are built and solved
    /// one at a time so that only one M × M buffer is alive.
    /// - Throws: `MemoryError` when the matrix cannot fit, `LAPACKError`.
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
                assembleSeconds: seconds(t0, t1), eigenSeconds: seconds(t1, t2)))
        }
        return results
    }

    static func seconds(_ a: DispatchTime, _ b: DispatchTime) -> Double {
        Double(b.uptimeNanoseconds - a.uptimeNanoseconds) / 1e9
    }
}

public enum SpectrumError: Error, CustomStringConvertible, Equatable {
    case nonFinite(part: HessianPart)
    public var description: String {
        switch self {
        case .nonFinite(let part): return "the \(part.rawValue) matrix has NaN or Inf entries; the model's outputs overflow"
        }
    }
}
