import Foundation

/// Stochastic Lanczos quadrature (Golub & Meurant 2010; Ubaru, Chen & Saad
/// 2017; Ghorbani, Krishnan & Xiao 2019; Papyan 2020): an estimate of the
/// spectral measure μ = (1/M)·Σ_i δ_{λ_i} of a symmetric operator A from
/// products alone.
///
/// For each of P probes, q₀ = z/‖z‖ with z Rademacher (E[z·zᵀ] = I), m steps
/// of Lanczos give T_m = tridiag(β, α, β). With T_m = Y·diag(θ)·Yᵀ, the Gauss
/// rule of the measure μ_q = Σ_i (u_iᵀq₀)²·δ_{λ_i} has nodes θ_k and weights
/// y_{0,k}², exact for polynomials of degree ≤ 2m − 1:
///
///     Σ_k y_{0,k}²·θ_k^j = e₁ᵀT_m^j·e₁ = q₀ᵀA^j·q₀,   j ≤ 2m − 1.
///
/// Each probe's weights are divided by P, so all weights sum to 1. Every
/// step is reorthogonalised against the whole basis (classical
/// Gram–Schmidt, twice when needed: `Lanczos.orthogonalize`), so the nodes
/// carry no spurious copies; a step whose β ≤ 1e-12·‖T‖ ends the probe
/// early: its Krylov space is invariant and its rule is already exact.
public enum StochasticLanczosQuadrature {
    /// Bytes for one probe: the basis (n × (m + 1)), the work vector, the
    /// probe and the m × m eigenvectors of T.
    public static func requiredBytes(order n: Int, steps m: Int) -> Int {
        8 * (n * (m + 3) + m * m + 4 * m)
    }

    /// The SLQ estimate of the spectral measure of `a` with
    /// `settings.probes` probes of `settings.steps(order:)` steps each,
    /// seeded by `settings.seed`.
    /// - Complexity: P·m products with A, plus about 4·n·m² flops of
    ///   reorthogonalisation (gemv, memory-bound) and O(m²) for the rule,
    ///   per probe; n·(m + 1) doubles for the basis.
    /// - Throws: `SettingError` for P < 1, m < 1 or m > n;
    ///   `MemoryError` when the basis does not fit in `available` bytes
    ///   (nil: no limit known); `EstimatorError` for a non-finite product;
    ///   `LAPACKError`; whatever the product throws.
    public static func density(of a: SymmetricOperator, settings: EstimatorSettings,
                               available: Int? = nil) throws -> SpectralQuadrature {
        let n = a.order
        let m = settings.steps(order: n)
        guard settings.probes >= 1 else { throw SettingError(.probes, .positive, got: settings.probes) }
        guard m >= 1, m <= n else {
            throw SettingError(.lanczosSteps, .between(1, Double(n), unit: "(the order M of the matrix)"), got: m)
        }
        try MemoryBudget.require(requiredBytes(order: n, steps: m), for: "SLQ with \(m + 1) vectors of length \(n)",
                                 available: available)
        var random = RandomSource(seed: settings.seed)
        var quadrature = SpectralQuadrature(nodes: [], weights: [], probes: [], steps: [])
        var basis = [Double](repeating: 0, count: n * (m + 1))
        let share = 1 / Double(settings.probes)
        for probe in 0..<settings.probes {
            let start = random.rademacher(n)
            let (alpha, beta) = try tridiagonal(a, start: start, steps: m, basis: &basis)
            let (theta, y) = try TridiagonalEigensolver.decomposition(diagonal: alpha, offDiagonal: beta)
            let k = alpha.count
            guard theta.allSatisfy(\.isFinite) else { throw EstimatorError.nonFinite(what: "SLQ") }
            for i in 0..<k {
                quadrature.nodes.append(theta[i])
                quadrature.weights.append(share * y[i * k] * y[i * k])
                quadrature.probes.append(probe)
            }
            quadrature.steps.append(k)
        }
        return quadrature
    }

    /// Lanczos from q₀ = `start`/‖`start`‖ with full reorthogonalisation:
    /// α₀…α_{k−1} and β₀…β_{k−2} of T_k, k ≤ `steps` (fewer when the Krylov
    /// space becomes invariant). `basis` holds n × (steps + 1) values.
    static func tridiagonal(
        _ a: SymmetricOperator, start: [Double], steps m: Int, basis: inout [Double]
    ) throws -> (alpha: [Double], beta: [Double]) {
        let n = a.order
        var alpha: [Double] = [], beta: [Double] = []
        var w = [Double](repeating: 0, count: n)
        var h = [Double](repeating: 0, count: m + 1)
        let norm = BLAS.norm(start, count: n)
        for i in 0..<n { basis[i] = start[i] / norm }
        var normEstimate = 0.0
        try basis.withUnsafeMutableBufferPointer { qBuffer in
            let q = qBuffer.baseAddress.unsafelyUnwrapped
            try w.withUnsafeMutableBufferPointer { wBuffer in
                let wp = wBuffer.baseAddress.unsafelyUnwrapped
                for j in 0..<m {
                    let qj = q + j * n
                    try a.product(qj, wp)
                    let aj = BLAS.dot(qj, wp, count: n)
                    guard aj.isFinite else { throw EstimatorError.nonFinite(what: "SLQ") }
                    BLAS.axpy(-aj, qj, wp, count: n)
                    if j > 0 { BLAS.axpy(-beta[j - 1], qj - n, wp, count: n) }
                    h.withUnsafeMutableBufferPointer { hb in
                        Lanczos.orthogonalize(wp, against: q, columns: j + 1, order: n, scratch: hb.baseAddress.unsafelyUnwrapped)
                    }
                    let bj = BLAS.norm(wp, count: n)
                    alpha.append(aj)
                    normEstimate = max(normEstimate, abs(aj) + bj + (j > 0 ? beta[j - 1] : 0))
                    // Invariant Krylov space: the rule of this probe is exact already.
                    if j == m - 1 || bj <= 1e-12 * normEstimate { break }
                    beta.append(bj)
                    let next = q + (j + 1) * n
                    for i in 0..<n { next[i] = wp[i] / bj }
                }
            }
        }
        return (alpha, beta)
    }
}
