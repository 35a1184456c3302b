extension Lanczos {
    /// One Lanczos run on the complement of the `locked` vectors.
    struct Run: RunOutcome {
        var pairs: [RitzPair] = []
        var iterations = 0
        var products = 0
        var converged = false
        /// The Krylov space filled the whole complement: the pairs are exact.
        var exhausted = false
        var scale = 0.0

        private let n: Int
        /// Columns 0..<offset of `basis`: the locked vectors; then q_0, q_1, …
        private let offset: Int
        private var basis: [Double]
        private var alpha: [Double] = []
        private var beta: [Double] = []
        private var w: [Double]
        private var coefficients: [Double]
        private var normEstimate = 0.0

        init(operator a: SymmetricOperator, locked: [[Double]], top: Int, bottom: Int, limit: Int, tolerance: Double,
             random: inout RandomSource) throws {
            n = a.order
            offset = locked.count
            basis = [Double](repeating: 0, count: limit > 0 ? n * (offset + limit + 1) : 0)
            w = [Double](repeating: 0, count: n)
            coefficients = [Double](repeating: 0, count: offset + limit + 1)
            guard limit > 0 else {
                exhausted = true
                converged = true
                return
            }
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

        /// Lanczos steps until the wanted Ritz pairs converge, the limit is
        /// reached or the Krylov space fills the complement.
        private mutating func iterate(
            _ a: SymmetricOperator, top: Int, bottom: Int, limit: Int, tolerance: Double, random: inout RandomSource
        ) throws {
            let wanted = min(top + bottom, n - offset)
            var k = 0
            var lastCheck = 0
            while true {
                try step(a, k)
                k += 1
                var spaceFull = offset + k == n
                let atLimit = k == limit
                if !spaceFull && !atLimit && !advance(k, random: &random) { spaceFull = true }
                let final = spaceFull || atLimit
                var finished = false
                if final || (k >= wanted && k - lastCheck >= max(5, k / 10)) {
                    lastCheck = k
                    finished = try ritzPairs(a, top: top, bottom: bottom, tolerance: tolerance, final: final)
                }
                if final {
                    finished = true
                    exhausted = spaceFull
                }
                if finished { break }
            }
            iterations = k
        }

        /// A standard normal vector, orthogonalised against the columns
        /// before `column` and normalised, into basis column `column`; false
        /// when nothing is left of it (the complement is exhausted).
        private mutating func startVector(at column: Int, random: inout RandomSource) -> Bool {
            Lanczos.startVector(in: &basis, at: column, order: n, scratch: &coefficients, random: &random)
        }

        /// Step k: w = A·q_k, α_k, the three-term recurrence, full
        /// reorthogonalisation, β_k = ‖w‖.
        private mutating func step(_ a: SymmetricOperator, _ k: Int) throws {
            let n = self.n, offset = self.offset
            let previousBeta = k > 0 ? beta[k - 1] : 0
            let (ak, bk) = try basis.withUnsafeMutableBufferPointer { qBuffer in
                let q = qBuffer.baseAddress.unsafelyUnwrapped
                let qk = q + (offset + k) * n
                return try w.withUnsafeMutableBufferPointer { wBuffer in
                    let wp = wBuffer.baseAddress.unsafelyUnwrapped
                    try a.product(qk, wp)
                    let ak = BLAS.dot(qk, wp, count: n)
                    BLAS.axpy(-ak, qk, wp, count: n)
                    if k > 0 { BLAS.axpy(-previousBeta, qk - n, wp, count: n) }
                    coefficients.withUnsafeMutableBufferPointer { h in
                        Lanczos.orthogonalize(wp, against: q, columns: offset + k + 1, order: n, scratch: h.baseAddress.unsafelyUnwrapped)
                    }
                    return (ak, BLAS.norm(wp, count: n))
                }
            }
            products += 1
            alpha.append(ak)
            normEstimate = max(normEstimate, abs(ak) + bk + previousBeta)
            beta.append(bk)
        }

        /// Sets q_k = w/β_{k−1}; on an invariant subspace (β ≈ 0) decouples T
        /// and restarts from a fresh direction. False when none is left.
        private mutating func advance(_ k: Int, random: inout RandomSource) -> Bool {
            if beta[k - 1] <= 1e-12 * normEstimate {
                beta[k - 1] = 0
                return startVector(at: offset + k, random: &random)
            }
            let inverse = 1 / beta[k - 1]
            let target = (offset + k) * n
            for i in 0..<n { basis[target + i] = inverse * w[i] }
            return true
        }

        /// Ritz pairs of T_k for the wanted ends. Unless `final`, returns
        /// false without forming them while the residual estimates are above
        /// the tolerance; otherwise forms them, measures the residuals and
        /// returns whether they all meet it.
        private mutating func ritzPairs(
            _ a: SymmetricOperator, top: Int, bottom: Int, tolerance: Double, final: Bool
        ) throws -> Bool {
            let k = alpha.count
            let (theta, y) = try TridiagonalEigensolver.decomposition(diagonal: alpha, offDiagonal: beta)
            let scale = max(abs(theta[0]), abs(theta[k - 1]), Double.leastNormalMagnitude)
            let lowCount = min(bottom, k)
            let highCount = min(top, k - lowCount)
            let picks = Array(0..<lowCount) + Array((k - highCount)..<k)
            let lastBeta = beta[k - 1]
            if !final {
                guard picks.allSatisfy({ abs(lastBeta * y[$0 * k + k - 1]) <= tolerance * scale }) else { return false }
            }
            var found: [RitzPair] = []
            for p in picks {
                found.append(try ritzPair(a, coefficients: y, at: p * k, steps: k, value: theta[p]))
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

        /// The unit Ritz vector x = Q_k·y (y at `start` in `coefficients`)
        /// and its measured residual ‖A·x − θ·x‖.
        private mutating func ritzPair(
            _ a: SymmetricOperator, coefficients y: [Double], at start: Int, steps k: Int, value theta: Double
        ) throws -> RitzPair {
            var x = [Double](repeating: 0, count: n)
            BLAS.gemv(m: n, n: k, a: basis, aOffset: offset * n, lda: n, x: y, xOffset: start, y: &x)
            products += 1
            return try Lanczos.measuredPair(a, vector: x, value: theta)
        }
    }

    /// The pair (θ, x/‖x‖) with its residual ‖A·x − θ·x‖ measured by one product.
    static func measuredPair(_ a: SymmetricOperator, vector: [Double], value theta: Double) throws -> RitzPair {
        var x = vector
        let n = x.count
        let norm = BLAS.norm(x, count: n)
        if norm > 0 { BLAS.scale(1 / norm, &x) }
        var ax = [Double](repeating: 0, count: n)
        try x.withUnsafeBufferPointer { xb in
            try ax.withUnsafeMutableBufferPointer { axb in
                try a.product(xb.baseAddress.unsafelyUnwrapped, axb.baseAddress.unsafelyUnwrapped)
            }
        }
        BLAS.axpy(-theta, x, &ax)
        return RitzPair(value: theta, residual: BLAS.norm(ax, count: n), vector: x)
    }
}

/// What one Lanczos run (`Lanczos.Run`, `Lanczos.RestartedRun`) reports.
protocol RunOutcome {
    var pairs: [Lanczos.RitzPair] { get }
    var iterations: Int { get }
    var products: Int { get }
    var converged: Bool { get }
    /// The Krylov space filled the whole complement: the pairs are exact.
    var exhausted: Bool { get }
    var scale: Double { get }
}
