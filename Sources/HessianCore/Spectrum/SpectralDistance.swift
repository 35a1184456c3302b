/// Distances between two discrete measures on the real line, each given by
/// its atoms (positions and non-negative weights summing to 1): an SLQ
/// quadrature against the exact spectral measure (1/M)·Σ_i δ_{λ_i}.
///
/// Both distribution functions F and G are step functions, constant
/// between consecutive atoms of the merged list, so one sweep in sorted
/// order gives
///
///     W₁ = ∫ |F(x) − G(x)| dx = Σ_k |F(x_k) − G(x_k)|·(x_{k+1} − x_k),
///     KS = sup_x |F(x) − G(x)| = max_k |F(x_k) − G(x_k)|.
///
/// - Complexity: O((a + b)·log(a + b)) for a and b atoms (one sort).
public enum SpectralDistance {
    /// W₁ and KS between the measure with atoms `positions`/`weights` and
    /// the uniform measure on `eigenvalues`.
    public static func compare(positions: [Double], weights: [Double], eigenvalues: [Double]) -> (w1: Double, ks: Double) {
        let share = 1 / Double(max(1, eigenvalues.count))
        // (x, change of F − G): the exact measure counts +1/M, the other −w.
        var atoms = eigenvalues.map { ($0, share) }
        atoms += zip(positions, weights).map { ($0, -$1) }
        atoms.sort { $0.0 < $1.0 }
        var gap = 0.0, w1 = 0.0, ks = 0.0
        for k in atoms.indices {
            gap += atoms[k].1
            if k + 1 < atoms.count, atoms[k + 1].0 == atoms[k].0 { continue }
            ks = max(ks, abs(gap))
            if k + 1 < atoms.count { w1 += abs(gap) * (atoms[k + 1].0 - atoms[k].0) }
        }
        return (w1, ks)
    }
}
