import CLAPACK

/// Singular values of a dense matrix (LAPACK DGESDD, values only).
enum SingularValues {
    /// The min(m, n) singular values, descending, of the m × n column-major
    /// matrix `a`.
    /// - Complexity: O(m·n·min(m, n)) flops.
    /// - Throws: `LAPACKError` for any `info ≠ 0`.
    static func of(_ a: [Double], rows m: Int, columns n: Int) throws -> [Double] {
        guard m > 0, n > 0 else { return [] }
        guard a.count >= m * n else { throw LAPACKError.badShape("a \(m)×\(n) matrix needs \(m * n) values, got \(a.count)") }
        try LAPACKError.checkOrder(max(m, n), "a matrix")
        var copy = a
        var s = [Double](repeating: 0, count: min(m, n))
        var u = [Double](repeating: 0, count: 1), vt = [Double](repeating: 0, count: 1)
        var iwork = [Int32](repeating: 0, count: 8 * min(m, n))
        let jobz = Int8(UInt8(ascii: "N"))
        try LAPACKWorkspace.run("dgesdd") { work, lwork, _, _ in
            LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, jobz, Int32(m), Int32(n), &copy, Int32(m), &s, &u, 1, &vt, 1, work, lwork, &iwork)
        }
        return s
    }
}
