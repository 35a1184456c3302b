import CLAPACK

/// Thin Swift wrappers over the CBLAS routines the library uses. Every
/// matrix is column-major; pointers are raw so that callers can address
/// sub-blocks of larger buffers (a leading dimension `ld` per operand).
enum BLAS {
    /// C ← α·op(A)·op(B) + β·C, where op(A) is m×k and op(B) is k×n (DGEMM).
    /// - Complexity: 2·m·n·k flops.
    @inline(__always)
    static func gemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        if k == 0 {
            // BLAS leaves C untouched for k = 0 only when β = 1; scale it here.
            for j in 0..<n { for i in 0..<m { c[j * ldc + i] *= beta } }
            return
        }
        cblas_dgemm(
            CblasColMajor,
            transA ? CblasTrans : CblasNoTrans,
            transB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// y ← α·op(A)·x + β·y with a stride `incy` on y (DGEMV).
    @inline(__always)
    static func gemv(
        trans: Bool, m: Int, n: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
        x: UnsafePointer<Double>, beta: Double, y: UnsafeMutablePointer<Double>, incy: Int
    ) {
        guard m > 0, n > 0 else { return }
        cblas_dgemv(
            CblasColMajor, trans ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), alpha, a, Int32(lda), x, 1, beta, y, Int32(incy))
    }

    /// Euclidean norm of `n` contiguous values (DNRM2).
    static func norm(_ x: UnsafePointer<Double>, count n: Int) -> Double {
        n > 0 ? cblas_dnrm2(Int32(n), x, 1) : 0
    }
}
