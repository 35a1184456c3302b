import CLAPACK

/// Eigenvalues and eigenvectors of a real symmetric tridiagonal matrix T
/// (diagonal α, off-diagonal β), as Lanczos produces, through LAPACK's
/// divide-and-conquer DSTEVD with the workspace queried first.
public enum TridiagonalEigensolver {
    /// The eigenvalues of T in ascending order and the matching orthonormal
    /// eigenvectors, column j of the n × n column-major `vectors` for value j.
    ///
    /// - Parameters:
    ///   - diagonal: α_0 … α_{n−1}.
    ///   - offDiagonal: β_0 … β_{n−2} (T[i+1, i] = T[i, i+1] = β_i); extra
    ///     trailing values are ignored.
    /// - Complexity: O(n³) flops at worst, usually far less (DSTEVD).
    /// - Throws: `LAPACKError` for any `info ≠ 0`.
    public static func decomposition(diagonal: [Double], offDiagonal: [Double]) throws -> (values: [Double], vectors: [Double]) {
        let n = diagonal.count
        guard n > 0 else { return ([], []) }
        guard offDiagonal.count >= n - 1 else {
            throw LAPACKError.badShape("a tridiagonal matrix of order \(n) needs \(n - 1) off-diagonal values, got \(offDiagonal.count)")
        }
        try LAPACKError.checkOrder(n, "a tridiagonal matrix")
        var d = diagonal
        var e = Array(offDiagonal.prefix(max(0, n - 1))) + [0]
        var z = [Double](repeating: 0, count: n * n)
        let jobz = Int8(UInt8(ascii: "V"))
        try LAPACKWorkspace.run("dstevd") { work, lwork, iwork, liwork in
            LAPACKE_dstevd_work(LAPACK_COL_MAJOR, jobz, Int32(n), &d, &e, &z, Int32(n), work, lwork, iwork, liwork)
        }
        return (d, z)
    }
}
