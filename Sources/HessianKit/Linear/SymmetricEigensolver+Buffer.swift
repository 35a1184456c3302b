import CLAPACK

extension SymmetricEigensolver {
    /// The eigenvalues, ascending, of the symmetric n × n matrix stored in
    /// the lower triangle of `a` with leading dimension `lda` ≥ n, which is
    /// overwritten. LAPACK DSYEVD_2STAGE (eigenvalues only, workspace
    /// queried): the reduction to tridiagonal form goes through a band
    /// matrix, so most of its (4/3)·n³ flops are BLAS-3 rather than the
    /// memory-bound matrix–vector products of the one-stage DSYTRD.
    /// - Complexity: about (4/3)·n³ flops.
    static func eigenvalues(lowerOf a: UnsafeMutablePointer<Double>, order n: Int, leadingDimension lda: Int) throws -> [Double] {
        guard n > 0 else { return [] }
        try LAPACKError.checkOrder(lda, "a symmetric matrix")
        let jobz = Int8(UInt8(ascii: "N")), uplo = Int8(UInt8(ascii: "L"))
        var w = [Double](repeating: 0, count: n)
        var workQuery = 0.0
        var iworkQuery: Int32 = 0
        var info = LAPACKE_dsyevd_2stage_work(LAPACK_COL_MAJOR, jobz, uplo, Int32(n), a, Int32(lda), &w, &workQuery, -1, &iworkQuery, -1)
        try LAPACKError.check(info, routine: "dsyevd_2stage (workspace query)")
        var work = [Double](repeating: 0, count: max(1, Int(workQuery)))
        var iwork = [Int32](repeating: 0, count: max(1, Int(iworkQuery)))
        info = LAPACKE_dsyevd_2stage_work(LAPACK_COL_MAJOR, jobz, uplo, Int32(n), a, Int32(lda), &w, &work, Int32(work.count), &iwork, Int32(iwork.count))
        try LAPACKError.check(info, routine: "dsyevd_2stage")
        return w
    }
}
