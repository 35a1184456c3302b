import Foundation

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
    /// Bytes for the basis Q (n × (b + 1) for a basis of b vectors), the
    /// locked and Ritz vectors, the projected problem (b × b, its
    /// eigenvectors) and the restart's row blocks.
    public static func requiredBytes(order n: Int, basis b: Int, wanted: Int) -> Int {
        8 * (n * (b + 1) + 3 * b * b + n * (3 * wanted + 4) + RestartedRun.rotationRows * b)
    }

    /// The `settings.bottom` smallest and `settings.top` largest eigenvalues
    /// of the operator `a`, with measured residual norms.
    /// A run whose steps would need more than `settings.basisLimit` vectors
    /// restarts instead (`RestartedRun`), so the basis never exceeds it.
    /// - Complexity: per run, k products with A plus about 4·n·k·b flops of
    ///   reorthogonalisation (memory-bound) and O(b³) per convergence
    ///   check, for k steps with a basis of b ≤ k vectors; n·(b + 1)
    ///   doubles for the basis.
    /// - Throws: `LanczosError.invalid` for an empty request,
    ///   `MemoryError` when the basis cannot fit in `available` bytes (nil:
    ///   no limit known), `LAPACKError`.
    public static func extremeEigenvalues(of a: SymmetricOperator, settings: LanczosSettings,
                                          available: Int? = nil, backend: LAPACKBackend = .openBLAS) throws -> LanczosResult {
        let n = a.order
        guard n > 0 else { throw LanczosError.invalid("the operator has order 0") }
        guard settings.top >= 0, settings.bottom >= 0, settings.top + settings.bottom > 0 else {
            throw LanczosError.nothingRequested
        }
        guard settings.tolerance > 0, settings.tolerance.isFinite else {
            throw LanczosError.invalid("the Lanczos tolerance must be a positive number, got \(settings.tolerance)")
        }
        let top = min(settings.top, n), bottom = min(settings.bottom, n)
        let wanted = min(n, top + bottom)
        let limit = max(settings.iterationLimit(order: n), wanted)
        let capacity = max(settings.basisLimit(order: n, wanted: wanted), min(limit, wanted + 3))
        try MemoryBudget.require(requiredBytes(order: n, basis: capacity, wanted: wanted),
                                 for: "Lanczos with a basis of \(capacity) vectors of length \(n)", available: available)

        var random = RandomSource(seed: settings.seed)
        var set: [RitzPair] = []
        var iterations = 0, products = 0, runs = 0
        var verified = false
        var scale = 0.0
        for _ in 0...(wanted + 1) {
            let first = runs == 0
            let runTop = first ? top : min(top, 1), runBottom = first ? bottom : min(bottom, 1)
            // A run that fits the basis ends at the limit or when its Krylov
            // space fills the complement; a restarted one has the limit as
            // its budget of steps, which may exceed n.
            let runLimit = min(limit, n - set.count)
            let run: any RunOutcome = runLimit <= capacity
                ? try Run(operator: a, locked: set.map(\.vector), top: runTop, bottom: runBottom,
                          limit: runLimit, tolerance: settings.tolerance, random: &random)
                : try RestartedRun(operator: a, locked: set.map(\.vector), top: runTop, bottom: runBottom,
                                   limit: settings.stepBudget, capacity: capacity, tolerance: settings.tolerance, backend: backend,
                                   random: &random)
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
        return LanczosResult(values: set.map(\.value), indices: indices, residualNorms: residuals, vectors: set.map(\.vector),
                             iterations: iterations,
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

    /// A standard normal vector, orthogonalised against columns
    /// 0..<`column` of the n-row `basis` and normalised, written into column
    /// `column`; false when nothing is left of it (‖q‖ ≤ 1e-8 after the
    /// projection: the complement is exhausted). `scratch` holds at least
    /// `column` doubles (the coefficients Qᵀ·q).
    static func startVector(in basis: inout [Double], at column: Int, order n: Int, scratch: inout [Double],
                            random: inout RandomSource) -> Bool {
        basis.withUnsafeMutableBufferPointer { qBuffer in
            let q = qBuffer.baseAddress.unsafelyUnwrapped + column * n
            for i in 0..<n { q[i] = random.normal() }
            scratch.withUnsafeMutableBufferPointer { h in
                orthogonalize(q, against: qBuffer.baseAddress.unsafelyUnwrapped, columns: column, order: n,
                              scratch: h.baseAddress.unsafelyUnwrapped)
            }
            let norm = BLAS.norm(q, count: n)
            guard norm > 1e-8 else { return false }
            BLAS.scale(1 / norm, q, count: n)
            return true
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
