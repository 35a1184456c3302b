import Foundation

/// A randomised estimator of tr(A) from products with A alone.
///
/// - `hutchinson` (Hutchinson 1990): K Rademacher probes z_j,
///   t = (1/K)·Σ_j z_jᵀA·z_j; unbiased, variance 2·(‖A‖_F² − Σ_i A_ii²)/K.
/// - `hutchPlusPlus` (Meyer, Musco, Musco & Woodruff 2021, Algorithm 1):
///   with K products, s = ⌊K/3⌋ probes S give Q = orth(A·S) (s products);
///   then t = tr(QᵀAQ) (one product per column of Q) + Hutchinson on the
///   deflated (I − QQᵀ)·A·(I − QQᵀ) with the remaining g = K − 2s probes.
///   Unbiased for every Q, since tr(A) = tr(QᵀAQ) + tr((I − P)A(I − P)) for
///   any orthonormal Q (P = QQᵀ); exact when rank(A) ≤ s, because then
///   (I − P)·A = 0; variance O(‖A‖_*²/K²) instead of O(‖A‖_F²/K).
public enum TraceEstimator: String, CaseIterable, Sendable {
    case hutchinson
    case hutchPlusPlus = "hutch++"

    /// The fewest products the estimator can use.
    public var minimumProducts: Int { self == .hutchinson ? 1 : 3 }

    /// The estimate of tr(`a`) with `products` products, seeded by `seed`.
    /// - Complexity: `products` products with A, plus O(n·s²) flops of
    ///   orthogonalisation for Hutch++; n·(2s + 2) doubles.
    /// - Throws: `SettingError` for too few products, `EstimatorError` for a
    ///   non-finite product, whatever the product throws.
    public func estimate(of a: SymmetricOperator, products: Int, seed: UInt64) throws -> TraceEstimate {
        guard products >= minimumProducts else {
            throw SettingError(.matvecs, .atLeast(Double(minimumProducts)), got: products)
        }
        var random = RandomSource(seed: seed)
        let result: TraceEstimate
        switch self {
        case .hutchinson:
            let samples = try (0..<products).map { _ in try Self.quadraticForm(a, random.rademacher(a.order)) }
            result = TraceEstimate(estimator: self, value: Self.mean(samples), products: products,
                                   standardError: Self.standardError(samples))
        case .hutchPlusPlus:
            result = try Self.hutchPlusPlus(a, products: products, random: &random)
        }
        guard result.value.isFinite else { throw EstimatorError.nonFinite(what: "the \(rawValue) trace estimate") }
        return result
    }

    /// zᵀA·z.
    private static func quadraticForm(_ a: SymmetricOperator, _ z: [Double]) throws -> Double {
        let az = try a.apply(z)
        return zip(z, az).reduce(0) { $0 + $1.0 * $1.1 }
    }

    private static func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }

    /// The standard error of the mean of `x`; nil for fewer than 2 samples.
    private static func standardError(_ x: [Double]) -> Double? {
        guard x.count > 1 else { return nil }
        let mu = mean(x)
        let variance = x.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(x.count - 1)
        return (variance / Double(x.count)).squareRoot()
    }

    /// Algorithm 1 of Meyer et al. (see the type's summary).
    private static func hutchPlusPlus(_ a: SymmetricOperator, products: Int, random: inout RandomSource) throws -> TraceEstimate {
        let n = a.order
        let s = products / 3
        // Q = orth(A·S), columns that vanish (A of rank < s) dropped.
        var q: [Double] = []
        var columns = 0
        var scratch = [Double](repeating: 0, count: s + 1)
        var largest = 0.0
        for _ in 0..<s {
            let column = try a.apply(random.rademacher(n))
            let size = BLAS.norm(column, count: n)
            largest = max(largest, size)
            guard size > 1e-12 * largest else { continue }
            q.append(contentsOf: column)
            if orthonormalizeLast(&q, columns: columns, order: n, scratch: &scratch) { columns += 1 } else { q.removeLast(n) }
        }
        // tr(QᵀAQ), one product per column of Q.
        var low = 0.0
        for c in 0..<columns {
            let qc = Array(q[(c * n)..<((c + 1) * n)])
            low += try quadraticForm(a, qc)
        }
        // Hutchinson on (I − P)A(I − P) with the rest of the products.
        let g = products - s - columns
        var samples: [Double] = []
        for _ in 0..<g {
            var z = random.rademacher(n)
            project(&z, out: q, columns: columns, order: n, scratch: &scratch)
            samples.append(try quadraticForm(a, z))
        }
        let high = samples.isEmpty ? 0 : mean(samples)
        return TraceEstimate(estimator: .hutchPlusPlus, value: low + high, products: s + columns + g,
                             standardError: standardError(samples))
    }

    /// Orthonormalises the last column of `q` (after `columns` orthonormal
    /// ones) against them; false when nothing is left of it.
    private static func orthonormalizeLast(_ q: inout [Double], columns: Int, order n: Int, scratch: inout [Double]) -> Bool {
        q.withUnsafeMutableBufferPointer { qb in
            scratch.withUnsafeMutableBufferPointer { hb in
                let base = qb.baseAddress.unsafelyUnwrapped
                let v = base + columns * n
                let before = BLAS.norm(v, count: n)
                Lanczos.orthogonalize(v, against: base, columns: columns, order: n, scratch: hb.baseAddress.unsafelyUnwrapped)
                let after = BLAS.norm(v, count: n)
                guard after > 1e-10 * before, after > 0 else { return false }
                BLAS.scale(1 / after, v, count: n)
                return true
            }
        }
    }

    /// z ← (I − QQᵀ)·z.
    private static func project(_ z: inout [Double], out q: [Double], columns: Int, order n: Int, scratch: inout [Double]) {
        guard columns > 0 else { return }
        BLAS.gemv(trans: true, m: n, n: columns, alpha: 1, a: q, lda: n, x: z, beta: 0, y: &scratch, incy: 1)
        BLAS.gemv(trans: false, m: n, n: columns, alpha: -1, a: q, lda: n, x: scratch, beta: 1, y: &z, incy: 1)
    }
}

/// A trace estimate with what it cost.
public struct TraceEstimate: Sendable, Equatable {
    /// The estimator.
    public var estimator: TraceEstimator
    /// The estimate of tr(A).
    public var value: Double
    /// Products with A used.
    public var products: Int
    /// The standard error of the stochastic part (Hutchinson's mean, or the
    /// deflated remainder of Hutch++), from the sample spread; nil with
    /// fewer than two samples.
    public var standardError: Double?

    /// An estimate.
    public init(estimator: TraceEstimator, value: Double, products: Int, standardError: Double?) {
        self.estimator = estimator
        self.value = value
        self.products = products
        self.standardError = standardError
    }
}
