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
    /// tridiagonal, then divide and conquer; eigenvalues only. Most of the
    /// (4/3)·n³ flops of the reduction are then BLAS-3 rather than the
    /// memory-bound matrix–vector products of the one-stage DSYTRD.
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
    /// The buffer is overwritten. `backend`: the LAPACK library to call.
    public static func eigenvalues(
        destroying matrix: inout [Double], order n: Int, driver: EigenDriver = .divideAndConquer,
        backend: LAPACKBackend = .openBLAS
    ) throws -> [Double] {
        try solve(&matrix, order: n, leadingDimension: n, vectors: false, driver: driver, backend: backend)
    }

    /// Eigenvalues in ascending order, and the matching orthonormal
    /// eigenvectors written over `matrix` (column `j` belongs to value `j`).
    public static func decomposition(
        _ matrix: inout [Double], order n: Int, driver: EigenDriver = .divideAndConquer,
        backend: LAPACKBackend = .openBLAS
    ) throws -> [Double] {
        try solve(&matrix, order: n, leadingDimension: n, vectors: true, driver: driver, backend: backend)
    }

    /// The eigenvalues, ascending, of the symmetric n × n matrix stored in
    /// the lower triangle of `a` with leading dimension `lda` ≥ n (a leading
    /// block of a larger buffer), which is overwritten.
    static func eigenvalues(
        lowerOf a: inout [Double], order n: Int, leadingDimension lda: Int, driver: EigenDriver,
        backend: LAPACKBackend
    ) throws -> [Double] {
        try solve(&a, order: n, leadingDimension: lda, vectors: false, driver: driver, backend: backend)
    }

    private static func solve(
        _ a: inout [Double], order n: Int, leadingDimension lda: Int, vectors: Bool, driver: EigenDriver,
        backend: LAPACKBackend
    ) throws -> [Double] {
        guard n > 0 else { return [] }
        guard lda >= n, a.count >= lda * (n - 1) + n else {
            throw LAPACKError.badShape("a \(n)×\(n) matrix needs \(n * n) values, got \(a.count)")
        }
        try LAPACKError.checkOrder(lda, "a symmetric matrix")
        if driver == .twoStage && vectors {
            throw LAPACKError.badShape("the two-stage driver computes eigenvalues only; use syevd for eigenvectors")
        }
        let jobz = Int8(UInt8(ascii: vectors ? "V" : "N"))
        let uplo = Int8(UInt8(ascii: "L"))
        let order = Int32(n), ld = Int32(lda)
        var w = [Double](repeating: 0, count: n)
        var z = [Double](repeating: 0, count: driver == .relativelyRobust && vectors ? n * n : 1)
        try a.withUnsafeMutableBufferPointer { buffer in
            let matrix = buffer.baseAddress.unsafelyUnwrapped
            try w.withUnsafeMutableBufferPointer { values in
                let w = values.baseAddress.unsafelyUnwrapped
                switch driver {
                case .divideAndConquer:
                    try LAPACKWorkspace.run("dsyevd") { work, lwork, iwork, liwork in
                        backend.dsyevd(LAPACK_COL_MAJOR, jobz, uplo, order, matrix, ld, w, work, lwork, iwork, liwork)
                    }
                case .twoStage:
                    try LAPACKWorkspace.run("dsyevd_2stage") { work, lwork, iwork, liwork in
                        backend.dsyevd2stage(LAPACK_COL_MAJOR, jobz, uplo, order, matrix, ld, w, work, lwork, iwork, liwork)
                    }
                case .qr:
                    try LAPACKWorkspace.run("dsyev") { work, lwork, _, _ in
                        backend.dsyev(LAPACK_COL_MAJOR, jobz, uplo, order, matrix, ld, w, work, lwork)
                    }
                case .relativelyRobust:
                    try relativelyRobust(matrix, order: order, leadingDimension: ld, jobz: jobz, values: w, vectors: &z, backend: backend)
                }
            }
        }
        if driver == .relativelyRobust && vectors {
            for j in 0..<n { for i in 0..<n { a[j * lda + i] = z[j * n + i] } }
        }
        return w
    }

    /// DSYEVR over the whole range; eigenvectors (when `jobz` asks) go to `z`.
    private static func relativelyRobust(
        _ a: UnsafeMutablePointer<Double>, order: Int32, leadingDimension ld: Int32, jobz: Int8,
        values w: UnsafeMutablePointer<Double>, vectors z: inout [Double], backend: LAPACKBackend
    ) throws {
        let n = Int(order)
        let range = Int8(UInt8(ascii: "A")), uplo = Int8(UInt8(ascii: "L"))
        let ldz = z.count > 1 ? order : 1
        var found: Int32 = 0
        var isuppz = [Int32](repeating: 0, count: 2 * n)
        try LAPACKWorkspace.run("dsyevr") { work, lwork, iwork, liwork in
            backend.dsyevr(LAPACK_COL_MAJOR, jobz, range, uplo, order, a, ld, 0, 0, 0, 0, 0,
                                &found, w, &z, ldz, &isuppz, work, lwork, iwork, liwork)
        }
    }
}

/// A LAPACK call that did not succeed.
public enum LAPACKError: Error, CustomStringConvertible, Equatable {
    /// `info < 0`: argument number `position` was illegal (a bug, or a NaN in
    /// the matrix for some drivers).
    case illegalArgument(routine: String, position: Int)
    /// `info > 0`: the algorithm failed to converge.
    case noConvergence(routine: String, info: Int)
    /// A matrix whose size or buffer does not fit the call.
    case badShape(String)

    /// The routine, what it reported and what may help.
    public var description: String {
        switch self {
        case .illegalArgument(let routine, let position):
            return "LAPACK \(routine) rejected argument \(position) (info = -\(position)); the matrix may contain NaN or Inf"
        case .noConvergence(let routine, let info):
            return "LAPACK \(routine) failed to converge (info = \(info)); try another driver"
        case .badShape(let message):
            return message
        }
    }
}
