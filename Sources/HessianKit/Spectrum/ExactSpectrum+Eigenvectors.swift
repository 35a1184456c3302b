import Foundation

extension ExactSpectrum {
    /// The `bottom` smallest and `top` largest eigenvalues of `part` with
    /// unit eigenvectors (row-major, one row of M per value, ascending):
    /// the matrix is assembled, then only the wanted pairs are computed
    /// (`SymmetricEigensolver.extremeEigenpairs`: one DSYTRD, DSTEMR with an
    /// index range, DORMTR), never all M vectors.
    /// - Complexity: 2·N·M² (assembly) + (4/3)·M³ + 2·M²·k flops.
    public static func extremeEigenpairs(model: MLP, data: Dataset, part: HessianPart, bottom: Int, top: Int)
        throws -> (pairs: SymmetricEigensolver.Eigenpairs, assembleSeconds: Double, eigenSeconds: Double) {
        let m = model.parameterCount
        try MemoryBudget.require(requiredBytes(sizes: model.sizes, examples: data.count) + 8 * m * (bottom + top + 2),
                                 for: "the dense \(m)×\(m) Hessian and its eigenvectors")
        let t0 = DispatchTime.now()
        var matrix = ExactHessian(model: model, data: data).assemble(part)
        let t1 = DispatchTime.now()
        if matrix.contains(where: { !$0.isFinite }) { throw SpectrumError.nonFinite(part: part) }
        let pairs = try SymmetricEigensolver.extremeEigenpairs(destroying: &matrix, order: m, bottom: bottom, top: top)
        return (pairs, seconds(t0, t1), seconds(t1, DispatchTime.now()))
    }
}
