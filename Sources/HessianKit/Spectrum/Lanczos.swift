import Foundation

/// A symmetric linear operator x ↦ A·x on ℝⁿ, known only through its product.
public struct SymmetricOperator {
    /// n.
    public let order: Int
    let product: (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void

    /// An operator from its product, which writes A·x (n values) into its
    /// second argument without reading it.
    public init(order: Int, product: @escaping (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void) {
        self.order = order
        self.product = product
    }

    /// The matrix `part` of the split H = G + R through exact matrix-free
    /// products (`HessianVectorProduct`).
    public static func curvature(_ products: HessianVectorProduct, part: HessianPart) -> SymmetricOperator {
        SymmetricOperator(order: products.order) { x, y in products.apply(part, to: x, into: y) }
    }

    /// diag(d).
    public static func diagonal(_ d: [Double]) -> SymmetricOperator {
        SymmetricOperator(order: d.count) { x, y in
            for i in 0..<d.count { y[i] = d[i] * x[i] }
        }
    }
}

/// What Lanczos is asked for and when it stops.
public struct LanczosSettings: Sendable, Equatable {
    /// How many of the largest eigenvalues.
    public var top: Int
    /// How many of the smallest eigenvalues.
    public var bottom: Int
    /// Stop when every wanted Ritz pair (θ, x) has ‖A·x − θ·x‖ ≤
    /// tolerance · max|θ| (max over all Ritz values, an estimate of ‖A‖).
    public var tolerance: Double
    /// Most Lanczos steps (Krylov dimension); nil: min(n, 1000).
    public var maxIterations: Int?
    /// Seed of the start vector (standard normal entries, normalised).
    public var seed: UInt64

    public init(top: Int = 0, bottom: Int = 0, tolerance: Double = 1e-8, maxIterations: Int? = nil, seed: UInt64 = 0) {
        self.top = top
        self.bottom = bottom
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.seed = seed
    }

    /// The iteration limit for an operator of order n.
    public func iterationLimit(order n: Int) -> Int { max(1, min(n, maxIterations ?? 1000)) }
}

/// The extreme eigenvalues Lanczos found.
public struct LanczosResult: Sendable {
    /// Ritz values, ascending.
    public var values: [Double]
    /// For each value, its 0-based position in the ascending order of all n
    /// eigenvalues: the bottom K are 0…K−1, the top K are n−K…n−1.
    public var indices: [Int]
    /// ‖A·x − θ·x‖ for each Ritz pair, from one extra product with the
    /// Ritz vector x (‖x‖ = 1), not from the Lanczos recurrence.
    public var residualNorms: [Double]
    /// Lanczos steps taken (the Krylov dimension).
    public var iterations: Int
    /// Products with A, including those for the residuals.
    public var products: Int
    /// Whether every residual met the tolerance.
    public var converged: Bool
    /// Whether the last deflation run converged, confirming that no copy of
    /// a repeated eigenvalue was missed (see `Lanczos`).
    public var verified: Bool
    /// Lanczos runs: the first, then one per deflation check.
    public var runs: Int
    /// max|θ|, the scale of the tolerance.
    public var scale: Double
}

public enum LanczosError: Error, CustomStringConvertible, Equatable {
    case invalid(String)
    public var description: String {
        switch self {
        case .invalid(let message): return message
        }
    }
}

/// Lanczos with full reorthogonalisation and explicit deflation for the
/// largest and smallest eigenvalues of a symmetric operator.
///
/// One run: from a seeded unit start vector q₀, each step takes w = A·q_j,
/// α_j = q_jᵀw, w ← w − α_j·q_j − β_{j−1}·q_{j−1}, then removes every
/// component along the basis (and the locked vectors) by classical
/// Gram–Schmidt, repeated once when it cancelled more than 30 % of w
/// ("twice is enough"), and sets β_j = ‖w‖, q_{j+1} = w/β_j. The Ritz
/// values of T_k = tridiag(β, α, β) (LAPACK DSTEVD) approximate the
/// extreme eigenvalues and |β_{k−1}·y_{k−1,i}| estimates each residual;
/// when the estimates meet the tolerance, the Ritz vectors x = Q_k·y are
/// formed and ‖A·x − θ·x‖ measured with real products. When β_j vanishes
/// (an invariant subspace) the run continues from a new random vector
/// orthogonal to the basis.
///
/// Deflation: a single Krylov sequence sees each distinct eigenvalue once,
/// so a repeated eigenvalue (the zero bulk of G, say) would be reported
/// once and push a wrong value into the wanted set. After the first
/// converged run the Ritz vectors of the wanted set are locked (every later
/// vector is kept orthogonal to them) and Lanczos runs again on the
/// complement for its single most extreme value at each wanted end — a
/// missed copy would be exactly that. Its pairs are merged into the set;
/// the runs repeat until one changes no wanted value by more than the
/// tolerance: at least two runs, one more per missed copy.
public enum Lanczos {
    /// Bytes for the basis Q (n × (limit + 1)), the locked and Ritz vectors
    /// and the tridiagonal problem.
    public static func requiredBytes(order n: Int, iterations k: Int, wanted: Int) -> Int {
        8 * (n * (k + 1) + 2 * k * k + n * (3 * wanted + 4))
    }

    /// The `settings.bottom` smallest and `settings.top` largest eigenvalues
    /// of the operator `a`, with measured residual norms.
    /// - Complexity: per run, k products with A plus about 4·n·k² flops of
    ///   reorthogonalisation (memory-bound) and O(k³) per convergence
    ///   check, for k steps; n·(k + 1) doubles for the basis.
    /// - Throws: `LanczosError.invalid` for an empty request,
    ///   `MemoryError` when the basis cannot fit, `LAPACKError`.
    public static func extremeEigenvalues(of a: SymmetricOperator, settings: LanczosSettings) throws -> LanczosResult {
        let n = a.order
        guard n > 0 else { throw LanczosError.invalid("the operator has order 0") }
        guard settings.top >= 0, settings.bottom >= 0, settings.top + settings.bottom > 0 else {
            throw LanczosError.invalid("ask for at least one eigenvalue with --top or --bottom")
        }
        guard settings.tolerance > 0, settings.tolerance.isFinite else {
            throw LanczosError.invalid("the Lanczos tolerance must be a positive number, got \(settings.tolerance)")
        }
        let top = min(settings.top, n), bottom = min(settings.bottom, n)
        let wanted = min(n, top + bottom)
        let limit = max(settings.iterationLimit(order: n), wanted)
        try MemoryBudget.require(requiredBytes(order: n, iterations: limit, wanted: wanted),
                                 for: "Lanczos with \(limit) vectors of length \(n)")

        var random = RandomSource(seed: settings.seed)
        var set: [RitzPair] = []
        var iterations = 0, products = 0, runs = 0
        var verified = false
        var scale = 0.0
        for _ in 0...(wanted + 1) {
            let first = runs == 0
            let run = try Run(operator: a, locked: set.map(\.vector),
                              top: first ? top : min(top, 1), bottom: first ? bottom : min(bottom, 1),
                              limit: min(limit, n - set.count), tolerance: settings.tolerance, random: &random)
            runs += 1
            iterations += run.iterations
            products += run.products
            scale = max(scale, run.scale)
            let merged = extremes(of: set + run.pairs, top: top, bottom: bottom)
            let changed = merged.count != set.count
                || zip(merged, set).contains { abs($0.value - $1.value) > settings.tolerance * scale }
            set = merged
            verified = run.converged || run.exhausted
            if !run.converged || run.exhausted || !changed { break }
        }
        let complete = set.count == n
        let lows = complete ? set.count : min(bottom, set.count)
        let indices = set.indices.map { i in i < lows ? i : n - (set.count - i) }
        let residuals = set.map(\.residual)
        return LanczosResult(values: set.map(\.value), indices: indices, residualNorms: residuals, iterations: iterations,
                             products: products, converged: residuals.allSatisfy { $0 <= settings.tolerance * scale },
                             verified: verified, runs: runs, scale: scale)
    }

    struct RitzPair {
        var value: Double
        var residual: Double
        var vector: [Double]
    }

    /// The `bottom` smallest and `top` largest of `pairs`, ascending (all of
    /// them when there are no more than top + bottom).
    static func extremes(of pairs: [RitzPair], top: Int, bottom: Int) -> [RitzPair] {
        let sorted = pairs.sorted { $0.value < $1.value }
        guard sorted.count > top + bottom else { return sorted }
        return Array(sorted.prefix(bottom)) + Array(sorted.suffix(top))
    }

    /// One Lanczos run on the complement of the `locked` vectors.
    struct Run {
        var pairs: [RitzPair] = []
        var iterations = 0
        var products = 0
        var converged = false
        /// The Krylov space filled the whole complement: the pairs are exact.
        var exhausted = false
        var scale = 0.0

        init(operator a: SymmetricOperator, locked: [[Double]], top: Int, bottom: Int, limit: Int, tolerance: Double,
             random: inout RandomSource) throws {
            let n = a.order
            let offset = locked.count
            guard limit > 0 else {
                exhausted = true
                converged = true
                return
            }
            // Columns 0..<offset: the locked vectors; then q_0, q_1, …
            var basis = [Double](repeating: 0, count: n * (offset + limit + 1))
            for (c, x) in locked.enumerated() {
                basis.withUnsafeMutableBufferPointer { b in
                    x.withUnsafeBufferPointer { xb in (b.baseAddress! + c * n).update(from: xb.baseAddress!, count: n) }
                }
            }
            var alpha: [Double] = [], beta: [Double] = []
            var w = [Double](repeating: 0, count: n)
            var coefficients = [Double](repeating: 0, count: offset + limit + 1)
            var normEstimate = 0.0
            var lastCheck = 0
            let wanted = min(top + bottom, n - offset)

            func startVector(at column: Int) -> Bool {
                basis.withUnsafeMutableBufferPointer { qBuffer in
                    let q = qBuffer.baseAddress! + column * n
                    for i in 0..<n { q[i] = random.normal() }
                    coefficients.withUnsafeMutableBufferPointer { h in
                        Lanczos.orthogonalize(q, against: qBuffer.baseAddress!, columns: column, order: n, scratch: h.baseAddress!)
                    }
                    let norm = BLAS.norm(q, count: n)
                    guard norm > 1e-8 else { return false }
                    BLAS.scale(1 / norm, q, count: n)
                    return true
                }
            }

            guard startVector(at: offset) else {
                exhausted = true
                converged = true
                return
            }
            var k = 0
            var finished = false
            while !finished {
                basis.withUnsafeMutableBufferPointer { qBuffer in
                    let q = qBuffer.baseAddress!
                    let qk = q + (offset + k) * n
                    w.withUnsafeMutableBufferPointer { wBuffer in
                        let wp = wBuffer.baseAddress!
                        a.product(qk, wp)
                        products += 1
                        let ak = BLAS.dot(qk, wp, count: n)
                        alpha.append(ak)
                        BLAS.axpy(-ak, qk, wp, count: n)
                        if k > 0 { BLAS.axpy(-beta[k - 1], qk - n, wp, count: n) }
                        coefficients.withUnsafeMutableBufferPointer { h in
                            Lanczos.orthogonalize(wp, against: q, columns: offset + k + 1, order: n, scratch: h.baseAddress!)
                        }
                        let bk = BLAS.norm(wp, count: n)
                        normEstimate = max(normEstimate, abs(ak) + bk + (k > 0 ? beta[k - 1] : 0))
                        beta.append(bk)
                    }
                }
                k += 1
                var spaceFull = offset + k == n
                let atLimit = k == limit
                if !spaceFull && !atLimit {
                    if beta[k - 1] <= 1e-12 * normEstimate {
                        // Invariant subspace: decouple T and carry on from a fresh direction.
                        beta[k - 1] = 0
                        if !startVector(at: offset + k) { spaceFull = true }
                    } else {
                        let inverse = 1 / beta[k - 1]
                        basis.withUnsafeMutableBufferPointer { q in
                            w.withUnsafeBufferPointer { wp in
                                let target = q.baseAddress! + (offset + k) * n
                                for i in 0..<n { target[i] = inverse * wp[i] }
                            }
                        }
                    }
                }
                let final = spaceFull || atLimit
                if final || (k >= wanted && k - lastCheck >= max(5, k / 10)) {
                    lastCheck = k
                    if try ritzPairs(a, basis: basis, offset: offset, alpha: alpha, beta: beta, top: top, bottom: bottom,
                                     tolerance: tolerance, final: final) {
                        finished = true
                    }
                }
                if final {
                    finished = true
                    exhausted = spaceFull
                }
            }
            iterations = k
        }

        /// Ritz pairs of T_k for the wanted ends. Unless `final`, returns
        /// false without forming them while the residual estimates are above
        /// the tolerance; otherwise forms them, measures the residuals and
        /// returns whether they all meet it.
        private mutating func ritzPairs(
            _ a: SymmetricOperator, basis: [Double], offset: Int, alpha: [Double], beta: [Double],
            top: Int, bottom: Int, tolerance: Double, final: Bool
        ) throws -> Bool {
            let n = a.order
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
            var ax = [Double](repeating: 0, count: n)
            basis.withUnsafeBufferPointer { q in
                y.withUnsafeBufferPointer { yBuffer in
                    for p in picks {
                        var x = [Double](repeating: 0, count: n)
                        x.withUnsafeMutableBufferPointer { xb in
                            ax.withUnsafeMutableBufferPointer { axb in
                                BLAS.gemv(trans: false, m: n, n: k, alpha: 1, a: q.baseAddress! + offset * n, lda: n,
                                          x: yBuffer.baseAddress! + p * k, beta: 0, y: xb.baseAddress!, incy: 1)
                                let norm = BLAS.norm(xb.baseAddress!, count: n)
                                if norm > 0 { BLAS.scale(1 / norm, xb.baseAddress!, count: n) }
                                a.product(xb.baseAddress!, axb.baseAddress!)
                                BLAS.axpy(-theta[p], xb.baseAddress!, axb.baseAddress!, count: n)
                            }
                        }
                        products += 1
                        found.append(RitzPair(value: theta[p], residual: BLAS.norm(ax, count: n), vector: x))
                    }
                }
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
    }

    /// v ← v − Q·(Qᵀ·v) over the first `columns` columns of Q (n × columns),
    /// repeated once when the first pass removed more than 30 % of ‖v‖.
    static func orthogonalize(
        _ v: UnsafeMutablePointer<Double>, against q: UnsafePointer<Double>, columns: Int, order n: Int,
        scratch h: UnsafeMutablePointer<Double>
    ) {
        guard columns > 0 else { return }
        var before = BLAS.norm(v, count: n)
        for _ in 0..<2 {
            BLAS.gemv(trans: true, m: n, n: columns, alpha: 1, a: q, lda: n, x: v, beta: 0, y: h, incy: 1)
            BLAS.gemv(trans: false, m: n, n: columns, alpha: -1, a: q, lda: n, x: h, beta: 1, y: v, incy: 1)
            let after = BLAS.norm(v, count: n)
            if after > 0.7 * before { break }
            before = after
        }
    }
}
