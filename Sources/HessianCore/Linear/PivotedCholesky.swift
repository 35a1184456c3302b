import CLAPACK

/// Cholesky factorisation with complete pivoting of a symmetric positive
/// semi-definite matrix, which reveals its numerical rank:
/// Pᵀ·K·P ≈ L·Lᵀ with L lower trapezoidal, n × rank (LAPACK DPSTRF).
enum PivotedCholesky {
    /// The rank and the permutation found by factoring the lower triangle
    /// of the n × n matrix in `a` (leading dimension `lda`) in place: on
    /// return columns 0..<rank of the lower triangle hold L, and row i of
    /// P·L is row `position[i]` of L (`position` inverts the pivots).
    ///
    /// Stops when every remaining pivot is below `tolerance` (LAPACK's own
    /// default, n·ε·max K_ii, when nil), through `backend`. A rank below n is the expected
    /// outcome for a singular Gram matrix, not an error.
    /// - Complexity: about n³/3 flops (blocked, level 3).
    /// - Throws: `LAPACKError.illegalArgument`, e.g. for a NaN.
    static func factor(
        _ a: inout [Double], order n: Int, leadingDimension lda: Int, tolerance: Double? = nil, backend: LAPACKBackend
    ) throws -> (rank: Int, position: [Int]) {
        guard n > 0 else { return (0, []) }
        try LAPACKError.checkOrder(lda, "a Gram matrix")
        var pivots = [Int32](repeating: 0, count: n)
        var rank: Int32 = 0
        var work = [Double](repeating: 0, count: 2 * n)
        let info = backend.dpstrf(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), &a, Int32(lda),
                                       &pivots, &rank, tolerance ?? -1, &work)
        // info = 1 reports a rank-deficient (or indefinite) matrix: the rank says which.
        if info < 0 { throw LAPACKError.illegalArgument(routine: "dpstrf", position: Int(-info)) }
        var position = [Int](repeating: 0, count: n)
        for (k, p) in pivots.enumerated() { position[Int(p) - 1] = k }
        return (Int(rank), position)
    }

    /// Overwrites the lower triangle of the n × n lower-triangular L in `a`
    /// with Lᵀ·L (LAPACK DLAUUM of `backend`).
    /// - Complexity: about n³/3 flops.
    static func gramOfFactor(_ a: inout [Double], order n: Int, leadingDimension lda: Int, backend: LAPACKBackend) throws {
        guard n > 0 else { return }
        try LAPACKError.checkOrder(lda, "a triangular factor")
        let info = backend.dlauum(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), &a, Int32(lda))
        try LAPACKError.check(info, routine: "dlauum")
    }
}
