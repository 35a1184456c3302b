import CLAPACK

/// The LAPACK driver used for a dense symmetric eigenproblem.
public enum EigenDriver: String, CaseIterable, Sendable {
    /// DSYEVD: Householder tridiagonalisation, then divide and conquer
    /// (eigenvalues only: the Pal–Walker–Kahan QR variant DSTERF).
    case divideAndConquer = "syevd"
    /// DSYEVR: tridiagonalisation, then relatively robust representations.
    case relativelyRobust = "syevr"
    /// DSYEV: tridiagonalisation, then implicit QL/QR.
    case qr = "syev"
    /// DSYEVD_2STAGE: reduction to band form with BLAS-3, then band to
    /// tridiagonal, then divide and conquer; eigenvalues only.
    case twoStage = "syevd_2stage"
}

/// All eigenvalues (and optionally eigenvectors) of a dense real symmetric
/// matrix through LAPACK, with the workspace queried first and every
/// `info ≠ 0` turned into a `LAPACKError`.
///
/// - Complexity: about (4/3)·n³ flops for the reduction to tridiagonal form,
///   which dominates when only eigenvalues are asked for; half of it is
///   memory-bound matrix–vector work.
public enum SymmetricEigensolver {
    /// The eigenvalues of the symmetric `n × n` matrix in `matrix`
    /// (column-major; only its lower triangle is read), in ascending order.
    /// The buffer is overwritten.
    public static func eigenvalues(
        destroying matrix: inout [Double], order n: Int, driver: EigenDriver = .divideAndConquer
    ) throws -> [Double] {
        try solve(&matrix, order: n, vectors: false, driver: driver)
    }

    /// Eigenvalues in ascending order, and the matching orthonormal
    /// eigenvectors written over `matrix` (column `j` belongs to value `j`).
    public static func decomposition(
        _ matrix: inout [Double], order n: Int, driver: EigenDriver = .divideAndConquer
    ) throws -> [Double] {
        try solve(&matrix, order: n, vectors: true, driver: driver)
    }

    private static func solve(_ a: inout [Double], order n: Int, vectors: Bool, driver: EigenDriver) throws -> [Double] {
        guard n > 0 else { return [] }
        guard a.count >= n * n else { throw LAPACKError.badShape("a \(n)×\(n) matrix needs \(n * n) values, got \(a.count)") }
        guard n < Int(Int32.max) else {
            throw LAPACKError.badShape("order \(n) is too large for 32-bit LAPACK")
        }
        let jobz = Int8(UInt8(ascii: vectors ? "V" : "N"))
        let uplo = Int8(UInt8(ascii: "L"))
        var w = [Double](repeating: 0, count: n)
        let order = Int32(n)
        var info: Int32 = 0
        switch driver {
        case .divideAndConquer:
            var workQuery = 0.0
            var iworkQuery: Int32 = 0
            info = LAPACKE_dsyevd_work(LAPACK_COL_MAJOR, jobz, uplo, order, &a, order, &w, &workQuery, -1, &iworkQuery, -1)
            try check(info, routine: "dsyevd (workspace query)")
            var work = [Double](repeating: 0, count: max(1, Int(workQuery)))
            var iwork = [Int32](repeating: 0, count: max(1, Int(iworkQuery)))
            info = LAPACKE_dsyevd_work(LAPACK_COL_MAJOR, jobz, uplo, order, &a, order, &w, &work, Int32(work.count), &iwork, Int32(iwork.count))
            try check(info, routine: "dsyevd")
        case .twoStage:
            guard !vectors else { throw LAPACKError.badShape("the two-stage driver computes eigenvalues only; use syevd for eigenvectors") }
            var workQuery = 0.0
            var iworkQuery: Int32 = 0
            info = LAPACKE_dsyevd_2stage_work(LAPACK_COL_MAJOR, jobz, uplo, order, &a, order, &w, &workQuery, -1, &iworkQuery, -1)
            try check(info, routine: "dsyevd_2stage (workspace query)")
            var work = [Double](repeating: 0, count: max(1, Int(workQuery)))
            var iwork = [Int32](repeating: 0, count: max(1, Int(iworkQuery)))
            info = LAPACKE_dsyevd_2stage_work(LAPACK_COL_MAJOR, jobz, uplo, order, &a, order, &w, &work, Int32(work.count), &iwork, Int32(iwork.count))
            try check(info, routine: "dsyevd_2stage")
        case .qr:
            var workQuery = 0.0
            info = LAPACKE_dsyev_work(LAPACK_COL_MAJOR, jobz, uplo, order, &a, order, &w, &workQuery, -1)
            try check(info, routine: "dsyev (workspace query)")
            var work = [Double](repeating: 0, count: max(1, Int(workQuery)))
            info = LAPACKE_dsyev_work(LAPACK_COL_MAJOR, jobz, uplo, order, &a, order, &w, &work, Int32(work.count))
            try check(info, routine: "dsyev")
        case .relativelyRobust:
            let range = Int8(UInt8(ascii: "A"))
            var found: Int32 = 0
            var z = [Double](repeating: 0, count: vectors ? n * n : 1)
            var isuppz = [Int32](repeating: 0, count: 2 * n)
            var workQuery = 0.0
            var iworkQuery: Int32 = 0
            let ldz = vectors ? order : 1
            info = LAPACKE_dsyevr_work(LAPACK_COL_MAJOR, jobz, range, uplo, order, &a, order, 0, 0, 0, 0, 0,
                                       &found, &w, &z, ldz, &isuppz, &workQuery, -1, &iworkQuery, -1)
            try check(info, routine: "dsyevr (workspace query)")
            var work = [Double](repeating: 0, count: max(1, Int(workQuery)))
            var iwork = [Int32](repeating: 0, count: max(1, Int(iworkQuery)))
            info = LAPACKE_dsyevr_work(LAPACK_COL_MAJOR, jobz, range, uplo, order, &a, order, 0, 0, 0, 0, 0,
                                       &found, &w, &z, ldz, &isuppz, &work, Int32(work.count), &iwork, Int32(iwork.count))
            try check(info, routine: "dsyevr")
            if vectors { a = z }
        }
        return w
    }

    private static func check(_ info: Int32, routine: String) throws {
        if info < 0 { throw LAPACKError.illegalArgument(routine: routine, position: Int(-info)) }
        if info > 0 { throw LAPACKError.noConvergence(routine: routine, info: Int(info)) }
    }
}

/// A LAPACK call that did not succeed.
public enum LAPACKError: Error, CustomStringConvertible, Equatable {
    /// `info < 0`: argument number `position` was illegal (a bug, or a NaN in
    /// the matrix for some drivers).
    case illegalArgument(routine: String, position: Int)
    /// `info > 0`: the algorithm failed to converge.
    case noConvergence(routine: String, info: Int)
    case badShape(String)

    public var description: String {
        switch self {
        case .illegalArgument(let routine, let position):
            return "LAPACK \(routine) rejected argument \(position) (info = -\(position)); the matrix may contain NaN or Inf"
        case .noConvergence(let routine, let info):
            return "LAPACK \(routine) failed to converge (info = \(info)); try another driver with --driver"
        case .badShape(let message):
            return message
        }
    }
}
