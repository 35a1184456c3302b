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

/// Lanczos with full reorthogonalisation for the largest and smallest
/// eigenvalues of a symmetric operator.
///
/// From a seeded unit start vector q₀, each step takes w = A·q_j,
/// α_j = q_jᵀw, w ← w − α_j·q_j − β_{j−1}·q_{j−1}, then removes every
/// component along q₀…q_j by classical Gram–Schmidt, repeated once when it
/// cancelled more than 30 % of w ("twice is enough"), and sets
/// β_j = ‖w‖, q_{j+1} = w/β_j. The Ritz values of the tridiagonal
/// T_k = tridiag(β, α, β) (LAPACK DSTEVD) approximate the extreme
/// eigenvalues; |β_{k−1}·y_{k−1,i}| estimates each residual. When the
/// estimates of all wanted pairs meet the tolerance, the Ritz vectors
/// x = Q_k·y are formed and the residuals ‖A·x − θ·x‖ measured with real
/// products; the run stops when those meet it too.
///
/// When β_j vanishes (an invariant subspace), the run continues from a new
/// seeded random vector orthogonal to the basis, so that repeated
/// eigenvalues are found again once the space of their first copy is
/// exhausted; otherwise a single start vector sees each distinct
/// eigenvalue once.
public enum Lanczos {
    /// Bytes for the basis Q (n × (limit + 1)), the tridiagonal problem and
    /// the Ritz vectors.
    public static func requiredBytes(order n: Int, iterations k: Int, wanted: Int) -> Int {
        8 * (n * (k + 1) + 2 * k * k + n * (wanted + 4))
    }

    /// The `settings.bottom` smallest and `settings.top` largest eigenvalues
    /// of `operator`, with residual norms.
    /// - Complexity: k products with A plus about 4·n·k² flops of
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
        let limit = max(settings.iterationLimit(order: n), min(n, wanted))
        try MemoryBudget.require(requiredBytes(order: n, iterations: limit, wanted: wanted),
                                 for: "Lanczos with \(limit) vectors of length \(n)")

        var random = RandomSource(seed: settings.seed)
        var basis = [Double](repeating: 0, count: n * (limit + 1))
        var alpha: [Double] = [], beta: [Double] = []
        var w = [Double](repeating: 0, count: n)
        var coefficients = [Double](repeating: 0, count: limit + 1)
        var products = 0
        var normEstimate = 0.0
        var lastCheck = 0

        func startVector(at column: Int) -> Bool {
            basis.withUnsafeMutableBufferPointer { qBuffer in
                let q = qBuffer.baseAddress! + column * n
                for i in 0..<n { q[i] = random.normal() }
                coefficients.withUnsafeMutableBufferPointer { h in
                    orthogonalize(q, against: qBuffer.baseAddress!, columns: column, order: n, scratch: h.baseAddress!)
                }
                let norm = BLAS.norm(q, count: n)
                guard norm > 1e-8 * Double(n).squareRoot() else { return false }
                BLAS.scale(1 / norm, q, count: n)
                return true
            }
        }

        guard startVector(at: 0) else { throw LanczosError.invalid("could not draw a start vector") }
        var k = 0
        var finished = false
        var result: LanczosResult?
        while !finished {
            // One step: column k of the basis is q_k.
            basis.withUnsafeMutableBufferPointer { qBuffer in
                let q = qBuffer.baseAddress!
                let qk = q + k * n
                w.withUnsafeMutableBufferPointer { wBuffer in
                    let wp = wBuffer.baseAddress!
                    a.product(qk, wp)
                    products += 1
                    let ak = BLAS.dot(qk, wp, count: n)
                    alpha.append(ak)
                    BLAS.axpy(-ak, qk, wp, count: n)
                    if k > 0 { BLAS.axpy(-beta[k - 1], q + (k - 1) * n, wp, count: n) }
                    coefficients.withUnsafeMutableBufferPointer { h in
                        orthogonalize(wp, against: q, columns: k + 1, order: n, scratch: h.baseAddress!)
                    }
                    let bk = BLAS.norm(wp, count: n)
                    normEstimate = max(normEstimate, abs(ak) + bk + (k > 0 ? beta[k - 1] : 0))
                    beta.append(bk)
                }
            }
            k += 1
            let exhausted = k == n || k == limit
            if !exhausted {
                if beta[k - 1] <= 1e-12 * normEstimate {
                    // Invariant subspace: decouple T and carry on from a fresh direction.
                    beta[k - 1] = 0
                    if !startVector(at: k) { finished = true }
                } else {
                    let inverse = 1 / beta[k - 1]
                    basis.withUnsafeMutableBufferPointer { q in
                        w.withUnsafeBufferPointer { wp in
                            let target = q.baseAddress! + k * n
                            for i in 0..<n { target[i] = inverse * wp[i] }
                        }
                    }
                }
            }
            let due = k >= wanted && (k - lastCheck >= max(5, k / 10))
            if exhausted || finished || due {
                lastCheck = k
                let trial = try ritzPairs(a, basis: basis, alpha: alpha, beta: beta, order: n, top: top, bottom: bottom,
                                          tolerance: settings.tolerance, measure: exhausted || finished, products: &products)
                if let trial {
                    result = trial
                    if trial.converged || exhausted || finished { finished = true }
                }
            }
            if exhausted { finished = true }
        }
        guard var found = result else { throw LanczosError.invalid("Lanczos produced no Ritz values") }
        found.iterations = k
        found.products = products
        return found
    }

    /// Ritz pairs of T_k for the wanted ends. Returns nil when the residual
    /// estimates are not yet below the tolerance (and `measure` is false);
    /// otherwise the pairs with their measured residuals.
    private static func ritzPairs(
        _ a: SymmetricOperator, basis: [Double], alpha: [Double], beta: [Double], order n: Int,
        top: Int, bottom: Int, tolerance: Double, measure: Bool, products: inout Int
    ) throws -> LanczosResult? {
        let k = alpha.count
        let (theta, y) = try TridiagonalEigensolver.decomposition(diagonal: alpha, offDiagonal: beta)
        let scale = max(abs(theta[0]), abs(theta[k - 1]), Double.leastNormalMagnitude)
        // Positions in T_k's ascending Ritz values, with their global indices.
        var picks: [(position: Int, index: Int)] = []
        let lowCount = min(bottom, k)
        for p in 0..<lowCount { picks.append((p, p)) }
        let highCount = min(top, k - lowCount)
        for p in (k - highCount)..<k where p >= lowCount { picks.append((p, n - (k - p))) }
        if k == n {
            // The whole space: positions are the global indices.
            picks = picks.map { ($0.position, $0.position) }
        }
        let lastBeta = beta[k - 1]
        if !measure {
            let estimatesMet = picks.allSatisfy { abs(lastBeta * y[$0.position * k + k - 1]) <= tolerance * scale }
            guard estimatesMet && k >= min(n, top + bottom) else { return nil }
        }
        // Ritz vectors x = Q_k·y and measured residuals ‖A·x − θ·x‖.
        var x = [Double](repeating: 0, count: n)
        var ax = [Double](repeating: 0, count: n)
        var residuals: [Double] = []
        basis.withUnsafeBufferPointer { q in
            y.withUnsafeBufferPointer { yBuffer in
                x.withUnsafeMutableBufferPointer { xb in
                    ax.withUnsafeMutableBufferPointer { axb in
                        for pick in picks {
                            BLAS.gemv(trans: false, m: n, n: k, alpha: 1, a: q.baseAddress!, lda: n,
                                      x: yBuffer.baseAddress! + pick.position * k, beta: 0, y: xb.baseAddress!, incy: 1)
                            let norm = BLAS.norm(xb.baseAddress!, count: n)
                            if norm > 0 { BLAS.scale(1 / norm, xb.baseAddress!, count: n) }
                            a.product(xb.baseAddress!, axb.baseAddress!)
                            products += 1
                            BLAS.axpy(-theta[pick.position], xb.baseAddress!, axb.baseAddress!, count: n)
                            residuals.append(BLAS.norm(axb.baseAddress!, count: n))
                        }
                    }
                }
            }
        }
        let converged = residuals.allSatisfy { $0 <= tolerance * scale } && picks.count == min(n, top + bottom)
        if !measure && !converged { return nil }
        let order = picks.indices.sorted { picks[$0].index < picks[$1].index }
        return LanczosResult(values: order.map { theta[picks[$0].position] }, indices: order.map { picks[$0].index },
                             residualNorms: order.map { residuals[$0] }, iterations: k, products: products,
                             converged: converged, scale: scale)
    }

    /// v ← v − Q·(Qᵀ·v) over the first `columns` columns of Q (n × columns),
    /// repeated once when the first pass removed more than 30 % of ‖v‖.
    private static func orthogonalize(
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
