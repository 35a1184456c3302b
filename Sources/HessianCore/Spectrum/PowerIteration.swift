import Foundation

/// Power iteration with deflation for the largest eigenvalues, as PyHessian
/// computes its "top eigenvalues" (Yao, Gholami, Keutzer & Mahoney 2020).
///
/// For the i-th eigenvalue, from a seeded standard normal start vector:
/// v ← (I − VVᵀ)·v / ‖·‖ against the i − 1 vectors V already found, w = A·v,
/// λ_t = vᵀw, v ← w/‖w‖, until |λ_t − λ_{t−1}| < tol·(|λ_{t−1}| + 1e-6) or
/// the iteration limit. It converges to the eigenvalue of largest
/// magnitude on the complement of V, at rate |λ_{i+1}/λ_i| per step: slow
/// when the gap is small, and a negative eigenvalue of larger magnitude
/// than the wanted positive one is returned instead. Unlike PyHessian, the
/// pair reported is (λ_t, v) from the last product — the Rayleigh quotient
/// of the vector kept — so its residual ‖A·v − λ_t·v‖ costs nothing more.
public enum PowerIteration {
    /// Bytes for the found vectors and three work vectors.
    public static func requiredBytes(order n: Int, count k: Int) -> Int { 8 * n * (k + 3) }

    /// The `count` largest-magnitude eigenvalues of `a` in the order found,
    /// with their vectors and residuals.
    /// - Complexity: at most count·iterations products with A, plus
    ///   4·n·count per product for the deflation.
    /// - Throws: `SettingError` for count outside 1…n or a non-positive
    ///   limit or tolerance, `EstimatorError` for a non-finite product,
    ///   whatever the product throws.
    public static func topEigenvalues(of a: SymmetricOperator, count: Int, settings: EstimatorSettings) throws -> PowerResult {
        let n = a.order
        guard count >= 1, count <= n else { throw SettingError(.top, .between(1, Double(n), unit: ""), got: count) }
        guard settings.powerIterations >= 1 else { throw SettingError(.powerIterations, .positive, got: settings.powerIterations) }
        guard settings.powerTolerance > 0, settings.powerTolerance.isFinite else {
            throw SettingError(.powerTolerance, .positiveNumber, got: settings.powerTolerance)
        }
        var random = RandomSource(seed: settings.seed)
        var result = PowerResult(values: [], vectors: [], residualNorms: [], iterations: [], converged: [])
        var found: [Double] = []
        var scratch = [Double](repeating: 0, count: count)
        for i in 0..<count {
            var v = (0..<n).map { _ in random.normal() }
            var value = 0.0, previous: Double?, residual = Double.nan
            var steps = 0, converged = false
            var kept = v
            while steps < settings.powerIterations {
                deflate(&v, against: found, columns: i, order: n, scratch: &scratch)
                let size = BLAS.norm(v, count: n)
                guard size > 0 else { break }
                BLAS.scale(1 / size, &v)
                var w = try a.apply(v)
                steps += 1
                value = zip(v, w).reduce(0) { $0 + $1.0 * $1.1 }
                guard value.isFinite else { throw EstimatorError.nonFinite(what: "power iteration") }
                kept = v
                var r = w
                BLAS.axpy(-value, v, &r)
                residual = BLAS.norm(r, count: n)
                let wNorm = BLAS.norm(w, count: n)
                if wNorm > 0 { BLAS.scale(1 / wNorm, &w) }
                v = w
                if let previous, abs(value - previous) < settings.powerTolerance * (abs(previous) + 1e-6) {
                    converged = true
                    break
                }
                previous = value
            }
            found.append(contentsOf: kept)
            result.values.append(value)
            result.vectors.append(kept)
            result.residualNorms.append(residual)
            result.iterations.append(steps)
            result.converged.append(converged)
        }
        return result
    }

    /// v ← (I − VVᵀ)·v, twice (the vectors are only as orthogonal as the
    /// iteration left them).
    private static func deflate(_ v: inout [Double], against found: [Double], columns: Int, order n: Int, scratch: inout [Double]) {
        guard columns > 0 else { return }
        for _ in 0..<2 {
            BLAS.gemv(trans: true, m: n, n: columns, alpha: 1, a: found, lda: n, x: v, beta: 0, y: &scratch, incy: 1)
            BLAS.gemv(trans: false, m: n, n: columns, alpha: -1, a: found, lda: n, x: scratch, beta: 1, y: &v, incy: 1)
        }
    }
}

/// What power iteration found, in the order found.
public struct PowerResult: Sendable {
    /// λ_i, the last Rayleigh quotient of each.
    public var values: [Double]
    /// The unit vector of each.
    public var vectors: [[Double]]
    /// ‖A·v − λ·v‖ from the last product.
    public var residualNorms: [Double]
    /// Products spent on each.
    public var iterations: [Int]
    /// Whether each met the tolerance before the limit.
    public var converged: [Bool]

    /// All products.
    public var products: Int { iterations.reduce(0, +) }
}
