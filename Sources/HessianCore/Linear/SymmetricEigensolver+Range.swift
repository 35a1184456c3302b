import CLAPACK

extension SymmetricEigensolver {
    /// Eigenpairs of a symmetric matrix picked by their positions in the
    /// ascending order: values ascending, and the matching orthonormal
    /// eigenvectors as an n × k column-major block (column c for value c).
    public struct Eigenpairs: Sendable, Equatable {
        /// Ascending.
        public var values: [Double]
        /// 0-based position of each value among all n, ascending.
        public var indices: [Int]
        /// n × k, column-major.
        public var vectors: [Double]

        public init(values: [Double], indices: [Int], vectors: [Double]) {
            self.values = values
            self.indices = indices
            self.vectors = vectors
        }
    }

    /// The eigenpairs at the 0-based ascending positions of `ranges`
    /// (disjoint, increasing) of the symmetric n × n matrix in the lower
    /// triangle of `a` (leading dimension `lda`), which is overwritten.
    ///
    /// Through `backend`. One reduction to tridiagonal
    /// form T = QᵀAQ (LAPACK DSYTRD), then for
    /// each range the eigenpairs of T by relatively robust representations
    /// (DSTEMR with RANGE = 'I', the kernel of DSYEVR), then the vectors
    /// back through Q (DORMTR): only the k wanted vectors are ever formed.
    /// Any orthonormal basis of a repeated eigenvalue's eigenspace may come
    /// back.
    /// - Complexity: (4/3)·n³ for the reduction, O(n·k) per range for the
    ///   tridiagonal vectors, 2·n²·k for the back-transformation.
    static func eigenpairs(lowerOf a: inout [Double], order n: Int, leadingDimension lda: Int,
                           ranges: [ClosedRange<Int>], backend: LAPACKBackend) throws -> Eigenpairs {
        guard n > 0, !ranges.isEmpty else { return Eigenpairs(values: [], indices: [], vectors: []) }
        try LAPACKError.checkOrder(lda, "a symmetric matrix")
        guard lda >= n, a.count >= lda * (n - 1) + n else {
            throw LAPACKError.badShape("a \(n)×\(n) matrix with leading dimension \(lda) needs \(lda * (n - 1) + n) values, got \(a.count)")
        }
        for (range, next) in zip(ranges, ranges.dropFirst()) where next.lowerBound <= range.upperBound {
            throw LAPACKError.badShape("eigenpair ranges must be disjoint and increasing")
        }
        guard ranges[0].lowerBound >= 0, ranges[ranges.count - 1].upperBound < n else {
            throw LAPACKError.badShape("eigenpair positions must lie in 0..<\(n)")
        }
        let uplo = Int8(UInt8(ascii: "L"))
        let order = Int32(n), leading = Int32(lda)
        var diagonal = [Double](repeating: 0, count: n)
        var offDiagonal = [Double](repeating: 0, count: n)
        var tau = [Double](repeating: 0, count: max(1, n - 1))
        try LAPACKWorkspace.run("dsytrd") { work, lwork, _, _ in
            backend.dsytrd(LAPACK_COL_MAJOR, uplo, order, &a, leading, &diagonal, &offDiagonal, &tau, work, lwork)
        }

        var pairs = try tridiagonalEigenpairs(diagonal: diagonal, offDiagonal: offDiagonal, ranges: ranges, backend: backend)
        let k = pairs.values.count

        // Back through Q: Z ← Q·Z.
        let side = Int8(UInt8(ascii: "L")), trans = Int8(UInt8(ascii: "N"))
        try LAPACKWorkspace.run("dormtr") { work, lwork, _, _ in
            backend.dormtr(LAPACK_COL_MAJOR, side, uplo, trans, order, Int32(k), a, leading, tau, &pairs.vectors, order, work, lwork)
        }
        return pairs
    }

    /// The eigenpairs at the 0-based ascending positions of `ranges`
    /// (disjoint, increasing, within 0..<n) of the symmetric tridiagonal
    /// matrix T with `diagonal` (n values) and `offDiagonal` (T[i, i+1],
    /// n − 1 values; more are ignored): for each range DSTEMR with RANGE = 'I'
    /// (relatively robust representations) of `backend`, vectors n × k
    /// column-major.
    /// - Complexity: O(n·k) per range.
    public static func tridiagonalEigenpairs(diagonal: [Double], offDiagonal: [Double], ranges: [ClosedRange<Int>],
                                             backend: LAPACKBackend = .openBLAS) throws -> Eigenpairs {
        let n = diagonal.count
        guard n > 0, !ranges.isEmpty else { return Eigenpairs(values: [], indices: [], vectors: []) }
        try LAPACKError.checkOrder(n, "a tridiagonal matrix")
        guard offDiagonal.count >= n - 1 else {
            throw LAPACKError.badShape("a tridiagonal matrix of order \(n) needs \(n - 1) off-diagonal values, got \(offDiagonal.count)")
        }
        guard ranges.allSatisfy({ $0.lowerBound >= 0 && $0.upperBound < n }) else {
            throw LAPACKError.badShape("eigenpair positions must lie in 0..<\(n)")
        }
        let order = Int32(n)
        let k = ranges.reduce(0) { $0 + $1.count }
        var values: [Double] = []
        var indices: [Int] = []
        var vectors = [Double](repeating: 0, count: n * k)
        var column = 0
        for range in ranges {
            // DSTEMR overwrites d and e; e needs n entries (the last is workspace).
            var d = diagonal, e = Array(offDiagonal.prefix(n - 1)) + [0]
            var found: Int32 = 0
            var w = [Double](repeating: 0, count: n)
            var support = [Int32](repeating: 0, count: 2 * range.count)
            var tryRelative: Int32 = 1
            let jobz = Int8(UInt8(ascii: "V")), which = Int8(UInt8(ascii: "I"))
            let il = Int32(range.lowerBound + 1), iu = Int32(range.upperBound + 1)
            var block = [Double](repeating: 0, count: n * range.count)
            try LAPACKWorkspace.run("dstemr") { work, lwork, iwork, liwork in
                backend.dstemr(LAPACK_COL_MAJOR, jobz, which, order, &d, &e, 0, 0, il, iu, &found, &w,
                                    &block, order, Int32(range.count), &support, &tryRelative, work, lwork, iwork, liwork)
            }
            guard Int(found) == range.count else {
                throw LAPACKError.badShape("dstemr found \(found) eigenpairs for the \(range.count) positions \(range.lowerBound)…\(range.upperBound)")
            }
            vectors.replaceSubrange((column * n)..<((column + range.count) * n), with: block)
            values += w[0..<range.count]
            indices += Array(range)
            column += range.count
        }
        return Eigenpairs(values: values, indices: indices, vectors: vectors)
    }

    /// The eigenpairs at the `bottom` smallest and `top` largest positions of
    /// the symmetric n × n column-major `matrix` (lower triangle read,
    /// overwritten), as `eigenpairs(lowerOf:…)`; positions wanted by both
    /// ends appear once.
    public static func extremeEigenpairs(destroying matrix: inout [Double], order n: Int, bottom: Int, top: Int,
                                         backend: LAPACKBackend = .openBLAS) throws -> Eigenpairs {
        guard matrix.count >= n * n else { throw LAPACKError.badShape("a \(n)×\(n) matrix needs \(n * n) values, got \(matrix.count)") }
        return try eigenpairs(lowerOf: &matrix, order: n, leadingDimension: n, ranges: extremeRanges(order: n, bottom: bottom, top: top),
                              backend: backend)
    }

    /// The positions 0…bottom−1 and n−top…n−1, merged where they meet.
    public static func extremeRanges(order n: Int, bottom: Int, top: Int) -> [ClosedRange<Int>] {
        let low = min(max(0, bottom), n), high = min(max(0, top), n)
        if low + high >= n { return n > 0 && low + high > 0 ? [0...(n - 1)] : [] }
        var ranges: [ClosedRange<Int>] = []
        if low > 0 { ranges.append(0...(low - 1)) }
        if high > 0 { ranges.append((n - high)...(n - 1)) }
        return ranges
    }
}
