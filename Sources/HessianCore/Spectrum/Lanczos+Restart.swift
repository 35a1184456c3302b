extension Lanczos {
    /// One thick-restart Lanczos run (Krylov–Schur for a symmetric operator:
    /// Wu & Simon 2000, Stewart 2001) on the complement of the `locked`
    /// vectors, with at most `capacity` basis vectors alive at a time.
    ///
    /// The basis keeps the relation A·Q_m = Q_m·T_m + β·q_m·e_mᵀ, where
    /// T_m = Q_mᵀ·A·Q_m is kept whole (m × m): each step takes w = A·q_j,
    /// h = Qᵀ·w by classical Gram–Schmidt against every column (locked
    /// ones included), repeated once when it cancelled more than 30 % of w,
    /// writes h into column and row j of T, and sets β = ‖w‖, q = w/β.
    /// When the basis is full and the wanted Ritz pairs have not met the
    /// tolerance, T_m = Y·Θ·Yᵀ (LAPACK DSYEVD) and the basis restarts from
    /// the p Ritz vectors nearest the wanted ends, Q_p ← Q_m·Y_p (row
    /// blocks, no second n × p buffer), and the last vector q: then
    /// T_p = diag(θ) bordered by s = β·(last row of Y_p), and the relation
    /// holds again. Ritz residual estimates are |β·y_{m,i}|; converged
    /// pairs are formed and ‖A·x − θ·x‖ measured with real products, as in
    /// the unrestarted `Run`.
    ///
    /// - Complexity: one product per step; about 4·n·m flops of
    ///   reorthogonalisation per step with m ≤ capacity vectors (rather
    ///   than 4·n·k for the k-th step of an unrestarted run) and
    ///   2·n·capacity·p per restart; n·(locked + capacity + 1) doubles.
    struct RestartedRun: RunOutcome {
        var pairs: [RitzPair] = []
        var iterations = 0
        var products = 0
        var converged = false
        var exhausted = false
        var scale = 0.0
        /// Restarts made.
        var restarts = 0

        private let n: Int
        private let offset: Int
        private let capacity: Int
        /// The LAPACK library of the restarts' DSYEVD.
        private let backend: LAPACKBackend
        /// Columns 0..<offset: the locked vectors; then q_0, …, q_m (q_m the next).
        private var basis: [Double]
        /// T_m (capacity × capacity, column-major, leading dimension capacity).
        private var projected: [Double]
        /// β of the relation.
        private var coupling = 0.0
        /// m, the vectors of the basis besides the locked ones.
        private var size = 0
        private var w: [Double]
        private var coefficients: [Double]
        private var rotated: [Double]
        private var normEstimate = 0.0

        /// Rows per block when the basis is rotated at a restart.
        static let rotationRows = 4096

        init(operator a: SymmetricOperator, locked: [[Double]], top: Int, bottom: Int, limit: Int, capacity: Int,
             tolerance: Double, backend: LAPACKBackend, random: inout RandomSource) throws {
            n = a.order
            self.backend = backend
            offset = locked.count
            self.capacity = capacity
            basis = [Double](repeating: 0, count: n * (offset + capacity + 1))
            projected = [Double](repeating: 0, count: capacity * capacity)
            w = [Double](repeating: 0, count: n)
            coefficients = [Double](repeating: 0, count: 2 * (offset + capacity + 1))
            rotated = [Double](repeating: 0, count: Self.rotationRows * capacity)
            for (c, x) in locked.enumerated() {
                for i in 0..<n { basis[c * n + i] = x[i] }
            }
            guard startVector(at: offset, random: &random) else {
                exhausted = true
                converged = true
                return
            }
            try iterate(a, top: top, bottom: bottom, limit: limit, tolerance: tolerance, random: &random)
        }

        /// Steps, checks and restarts until the wanted pairs converge or
        /// `limit` steps are taken.
        private mutating func iterate(
            _ a: SymmetricOperator, top: Int, bottom: Int, limit: Int, tolerance: Double, random: inout RandomSource
        ) throws {
            let wanted = top + bottom
            var lastCheck = 0
            while true {
                try step(a)
                iterations += 1
                if !advance(random: &random) { exhausted = true }
                let final = exhausted || iterations == limit
                let full = size == capacity
                if final || full || (size >= wanted && iterations - lastCheck >= max(5, size / 10)) {
                    lastCheck = iterations
                    let ritz = try RitzValues(projected, order: size, leadingDimension: capacity, backend: backend)
                    if try ritzPairs(a, ritz, top: top, bottom: bottom, tolerance: tolerance, final: final) { return }
                    if full { restart(ritz, top: top, bottom: bottom) }
                }
            }
        }

        /// Step j = m: w = A·q_m, T's column and row m from the Gram–Schmidt
        /// coefficients, β = ‖w‖.
        private mutating func step(_ a: SymmetricOperator) throws {
            let n = self.n, offset = self.offset, j = size, columns = offset + size + 1
            let beta = try basis.withUnsafeMutableBufferPointer { qBuffer in
                let q = qBuffer.baseAddress.unsafelyUnwrapped
                return try w.withUnsafeMutableBufferPointer { wBuffer in
                    let wp = wBuffer.baseAddress.unsafelyUnwrapped
                    try a.product(q + (offset + j) * n, wp)
                    coefficients.withUnsafeMutableBufferPointer { h in
                        Lanczos.projectOut(wp, against: q, columns: columns, order: n, coefficients: h.baseAddress.unsafelyUnwrapped)
                    }
                    return BLAS.norm(wp, count: n)
                }
            }
            products += 1
            var columnSum = beta
            for i in 0...j {
                let h = coefficients[offset + i]
                projected[j * capacity + i] = h
                projected[i * capacity + j] = h
                columnSum += abs(h)
            }
            normEstimate = max(normEstimate, columnSum)
            coupling = beta
            size = j + 1
        }

        /// q_m = w/β; on an invariant subspace (β ≈ 0) a fresh direction
        /// with β = 0. False when none is left.
        private mutating func advance(random: inout RandomSource) -> Bool {
            let target = offset + size
            if coupling <= 1e-12 * normEstimate {
                coupling = 0
                return startVector(at: target, random: &random)
            }
            let inverse = 1 / coupling
            for i in 0..<n { basis[target * n + i] = inverse * w[i] }
            return true
        }

        /// A standard normal vector, orthogonalised against the columns
        /// before `column` and normalised, into basis column `column`; false
        /// when nothing is left of it (the complement is exhausted).
        private mutating func startVector(at column: Int, random: inout RandomSource) -> Bool {
            Lanczos.startVector(in: &basis, at: column, order: n, scratch: &coefficients, random: &random)
        }

        /// The wanted Ritz pairs, as `Run.ritzPairs`: false while the
        /// estimates |β·y_{m,i}| are above the tolerance (unless `final`).
        private mutating func ritzPairs(
            _ a: SymmetricOperator, _ ritz: RitzValues, top: Int, bottom: Int, tolerance: Double, final: Bool
        ) throws -> Bool {
            let m = size
            let scale = max(abs(ritz.values[0]), abs(ritz.values[m - 1]), Double.leastNormalMagnitude)
            let picks = ritz.ends(bottom: bottom, top: top)
            if !final {
                guard picks.allSatisfy({ abs(coupling * ritz.lastComponent($0)) <= tolerance * scale }) else { return false }
            }
            var found: [RitzPair] = []
            for p in picks {
                var x = [Double](repeating: 0, count: n)
                BLAS.gemv(m: n, n: m, a: basis, aOffset: offset * n, lda: n, x: ritz.vectors, xOffset: p * m, y: &x)
                found.append(try Lanczos.measuredPair(a, vector: x, value: ritz.values[p]))
                products += 1
            }
            let met = found.allSatisfy { $0.residual <= tolerance * scale }
            if met || final {
                pairs = found
                converged = met
                self.scale = scale
                return true
            }
            return false
        }

        /// Keeps the p Ritz vectors nearest the wanted ends and the last
        /// vector: Q_p ← Q_m·Y_p, q_p ← q_m, T_p = [diag(θ) s; sᵀ ·].
        private mutating func restart(_ ritz: RitzValues, top: Int, bottom: Int) {
            let m = size, n = self.n, offset = self.offset
            let keep = Self.kept(capacity: capacity, top: top, bottom: bottom)
            let picks = ritz.ends(bottom: keep.bottom, top: keep.top)
            let p = picks.count
            var y = [Double](repeating: 0, count: m * p)
            for (c, pick) in picks.enumerated() {
                for i in 0..<m { y[c * m + i] = ritz.vectors[pick * m + i] }
            }
            basis.withUnsafeMutableBufferPointer { qBuffer in
                let q = qBuffer.baseAddress.unsafelyUnwrapped + offset * n
                rotated.withUnsafeMutableBufferPointer { tBuffer in
                    let t = tBuffer.baseAddress.unsafelyUnwrapped
                    y.withUnsafeBufferPointer { yBuffer in
                        var start = 0
                        while start < n {
                            let rows = min(Self.rotationRows, n - start)
                            BLAS.gemm(transA: false, transB: false, m: rows, n: p, k: m, alpha: 1, a: q + start, lda: n,
                                      b: yBuffer.baseAddress.unsafelyUnwrapped, ldb: m, beta: 0, c: t, ldc: rows)
                            for c in 0..<p {
                                (q + c * n + start).update(from: t + c * rows, count: rows)
                            }
                            start += rows
                        }
                    }
                }
                (q + p * n).update(from: q + m * n, count: n)
            }
            for i in projected.indices { projected[i] = 0 }
            for (c, pick) in picks.enumerated() {
                projected[c * capacity + c] = ritz.values[pick]
                let s = coupling * ritz.lastComponent(pick)
                projected[p * capacity + c] = s
                projected[c * capacity + p] = s
            }
            size = p
            restarts += 1
        }

        /// How many Ritz vectors a restart keeps at each end: the wanted
        /// ones and half the free room, split between the ends asked for.
        static func kept(capacity: Int, top: Int, bottom: Int) -> (top: Int, bottom: Int) {
            let wanted = top + bottom
            let p = min(capacity - 2, wanted + max(0, capacity - wanted) / 2)
            if bottom == 0 { return (p, 0) }
            if top == 0 { return (0, p) }
            let low = bottom + (p - wanted) / 2
            return (p - low, low)
        }
    }

    /// The eigen-decomposition of a projected matrix T_m = Y·Θ·Yᵀ.
    struct RitzValues {
        /// θ, ascending.
        let values: [Double]
        /// Y, m × m column-major (column i belongs to θ_i).
        let vectors: [Double]
        let order: Int

        /// Decomposes the leading m × m block of `t` (LAPACK DSYEVD of `backend`).
        init(_ t: [Double], order m: Int, leadingDimension: Int, backend: LAPACKBackend) throws {
            var block = [Double](repeating: 0, count: m * m)
            for j in 0..<m {
                for i in 0..<m { block[j * m + i] = t[j * leadingDimension + i] }
            }
            values = try SymmetricEigensolver.decomposition(&block, order: m, backend: backend)
            vectors = block
            order = m
        }

        /// The last component of Ritz vector i, y_{m,i}.
        func lastComponent(_ i: Int) -> Double { vectors[i * order + order - 1] }

        /// Indices of the `bottom` smallest and `top` largest values, ascending.
        func ends(bottom: Int, top: Int) -> [Int] {
            let low = min(bottom, order)
            let high = min(top, order - low)
            return Array(0..<low) + Array((order - high)..<order)
        }
    }

    /// v ← v − Q·(Qᵀ·v) over the first `columns` columns of Q (n × columns),
    /// repeated once when the first pass removed more than 30 % of ‖v‖;
    /// `coefficients` (2·`columns` values) receives in its first half the
    /// total Qᵀ·v removed (the second half is scratch).
    static func projectOut(
        _ v: UnsafeMutablePointer<Double>, against q: UnsafePointer<Double>, columns: Int, order n: Int,
        coefficients h: UnsafeMutablePointer<Double>
    ) {
        let before = BLAS.norm(v, count: n)
        BLAS.gemv(trans: true, m: n, n: columns, alpha: 1, a: q, lda: n, x: v, beta: 0, y: h, incy: 1)
        BLAS.gemv(trans: false, m: n, n: columns, alpha: -1, a: q, lda: n, x: h, beta: 1, y: v, incy: 1)
        guard BLAS.norm(v, count: n) <= 0.7 * before else { return }
        let again = h + columns
        BLAS.gemv(trans: true, m: n, n: columns, alpha: 1, a: q, lda: n, x: v, beta: 0, y: again, incy: 1)
        BLAS.gemv(trans: false, m: n, n: columns, alpha: -1, a: q, lda: n, x: again, beta: 1, y: v, incy: 1)
        for i in 0..<columns { h[i] += again[i] }
    }
}
