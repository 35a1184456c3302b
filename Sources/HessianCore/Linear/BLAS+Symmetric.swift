import CLAPACK

/// The symmetric rank-k update and the level-1 routines used by the
/// matrix-free and factored spectrum paths. Column-major, raw pointers, one
/// leading dimension per operand, as in `BLAS`.
extension BLAS {
    /// C ← α·A·Aᵀ + β·C (trans false, A is n×k) or C ← α·Aᵀ·A + β·C (trans
    /// true, A is k×n), lower triangle of the n×n matrix C only (DSYRK).
    /// - Complexity: n²·k flops.
    @inline(__always)
    static func syrkLower(
        trans: Bool, n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        guard n > 0 else { return }
        if k == 0 {
            for j in 0..<n { for i in j..<n { c[j * ldc + i] *= beta } }
            return
        }
        cblas_dsyrk(CblasColMajor, CblasLower, trans ? CblasTrans : CblasNoTrans,
                    Int32(n), Int32(k), alpha, a, Int32(lda), beta, c, Int32(ldc))
    }

    /// xᵀy over `n` contiguous values (DDOT).
    @inline(__always)
    static func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count n: Int) -> Double {
        n > 0 ? cblas_ddot(Int32(n), x, 1, y, 1) : 0
    }

    /// y ← α·x + y over `n` contiguous values (DAXPY).
    @inline(__always)
    static func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count n: Int) {
        if n > 0 { cblas_daxpy(Int32(n), alpha, x, 1, y, 1) }
    }

    /// x ← α·x over `n` contiguous values (DSCAL).
    @inline(__always)
    static func scale(_ alpha: Double, _ x: UnsafeMutablePointer<Double>, count n: Int) {
        if n > 0 { cblas_dscal(Int32(n), alpha, x, 1) }
    }
}
