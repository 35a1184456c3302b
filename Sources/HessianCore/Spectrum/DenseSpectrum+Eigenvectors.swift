import Foundation

extension DenseSpectrum {
    /// The `bottom` smallest and `top` largest eigenvalues of each of
    /// `parts` with unit eigenvectors (`PartSpectrum.eigenvectors`): the
    /// matrix is assembled, then only the wanted pairs are computed
    /// (`SymmetricEigensolver.extremeEigenpairs`: one DSYTRD, DSTEMR with an
    /// index range, DORMTR), never all M vectors.
    /// - Complexity: per part 2·N·M² (assembly) + (4/3)·M³ + 2·M²·k flops.
    /// - Throws: `MemoryError`, `LAPACKError`, `SpectrumError.nonFinite`.
    public static func extremeEigenpairs(model: MLP, data: Dataset, parts: [HessianPart], bottom: Int, top: Int,
                                         resources: ComputeResources = ComputeResources()) throws -> [PartSpectrum] {
        let m = model.parameterCount
        try MemoryBudget.require(requiredBytes(sizes: model.sizes, examples: data.count) + 8 * m * (bottom + top + 2),
                                 for: "the dense \(m)×\(m) Hessian and its eigenvectors", available: resources.availableBytes)
        let hessian = ExactHessian(model: model, data: data, threads: resources.threads)
        var matrix = [Double](repeating: 0, count: hessian.order * hessian.order)
        return try parts.map { part in
            let t0 = DispatchTime.now()
            let m = hessian.assembleFree(part, into: &matrix)
            let t1 = DispatchTime.now()
            if matrix.contains(where: { !$0.isFinite }) { throw SpectrumError.nonFinite(part: part) }
            let pairs = try SymmetricEigensolver.extremeEigenpairs(destroying: &matrix, order: m, bottom: bottom, top: top,
                                                                   backend: resources.lapack)
            return PartSpectrum(part: part, eigenvalues: pairs.values, assembleSeconds: elapsedSeconds(t0, t1),
                                eigenSeconds: elapsedSeconds(t1, DispatchTime.now()), indices: pairs.indices, eigenvectors: pairs.vectors)
        }
    }
}
