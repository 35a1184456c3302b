/// The BLAS routines on Swift arrays: each operand is an array, the offset
/// of its first entry and a leading dimension, so that callers address
/// sub-blocks (a layer's weights inside θ, a column of a panel) without
/// handling pointers. Column-major throughout, as in `BLAS`.
extension BLAS {
    /// C[c…] ← α·op(A[a…])·op(B[b…]) + β·C[c…] (DGEMM); op(A) is m×k, op(B) is k×n.
    /// - Complexity: 2·m·n·k flops.
    static func gemm(
        transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Double = 1,
        a: [Double], aOffset: Int = 0, lda: Int,
        b: [Double], bOffset: Int = 0, ldb: Int,
        beta: Double = 0, c: inout [Double], cOffset: Int = 0, ldc: Int
    ) {
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    guard let ab = ap.baseAddress, let bb = bp.baseAddress, let cb = cp.baseAddress else { return }
                    gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
                         a: ab + aOffset, lda: lda, b: bb + bOffset, ldb: ldb, beta: beta, c: cb + cOffset, ldc: ldc)
                }
            }
        }
    }

    /// y[y…] (stride `incy`) ← α·op(A[a…])·x[x…] + β·y (DGEMV).
    static func gemv(
        trans: Bool = false, m: Int, n: Int, alpha: Double = 1, a: [Double], aOffset: Int = 0, lda: Int,
        x: [Double], xOffset: Int = 0, beta: Double = 0, y: inout [Double], yOffset: Int = 0, incy: Int = 1
    ) {
        a.withUnsafeBufferPointer { ap in
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeMutableBufferPointer { yp in
                    guard let ab = ap.baseAddress, let xb = xp.baseAddress, let yb = yp.baseAddress else { return }
                    gemv(trans: trans, m: m, n: n, alpha: alpha, a: ab + aOffset, lda: lda,
                         x: xb + xOffset, beta: beta, y: yb + yOffset, incy: incy)
                }
            }
        }
    }

    /// The lower triangle of C[c…] ← α·op(A[a…])·op(A)ᵀ + β·C (DSYRK); see `syrkLower`.
    static func syrkLower(
        trans: Bool, n: Int, k: Int, alpha: Double, a: [Double], aOffset: Int = 0, lda: Int,
        beta: Double, c: inout [Double], cOffset: Int = 0, ldc: Int
    ) {
        a.withUnsafeBufferPointer { ap in
            c.withUnsafeMutableBufferPointer { cp in
                guard let ab = ap.baseAddress, let cb = cp.baseAddress else { return }
                syrkLower(trans: trans, n: n, k: k, alpha: alpha, a: ab + aOffset, lda: lda, beta: beta, c: cb + cOffset, ldc: ldc)
            }
        }
    }

    /// Euclidean norm of `n` values of `x` from `offset` (DNRM2).
    static func norm(_ x: [Double], offset: Int = 0, count n: Int) -> Double {
        x.withUnsafeBufferPointer { xp in xp.baseAddress.map { norm($0 + offset, count: n) } ?? 0 }
    }

    /// y ← α·x + y over all of x (DAXPY); y must be at least as long.
    static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
        precondition(y.count >= x.count, "axpy: y is shorter than x")
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { yp in
                guard let xb = xp.baseAddress, let yb = yp.baseAddress else { return }
                axpy(alpha, xb, yb, count: xp.count)
            }
        }
    }

    /// x ← α·x over all of x (DSCAL).
    static func scale(_ alpha: Double, _ x: inout [Double]) {
        x.withUnsafeMutableBufferPointer { xp in
            guard let xb = xp.baseAddress else { return }
            scale(alpha, xb, count: xp.count)
        }
    }
}
