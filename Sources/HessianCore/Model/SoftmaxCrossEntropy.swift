import Foundation

/// Softmax cross-entropy (negative log-likelihood): ℓ = log Σ_c exp f_c − f_y,
/// ∇ℓ = p − e_y, ∇²ℓ = diag(p) − p·pᵀ with p = softmax(f).
///
/// ∇²ℓ has rank C − 1 (its null vector is the all-ones vector): with
/// B = diag √p − p·√pᵀ, ∇²ℓ = B·Bᵀ, and B's null vector √p is mapped to e_m
/// (m the most probable class) by a Householder reflector P, so the C − 1
/// columns j ≠ m of B·P, √p_j·[(e_j − p) − √p_m/(1 + √p_m)·(e_m − p)],
/// form the factor L_s.
public struct SoftmaxCrossEntropy: LossFunction {
    /// The loss (it holds no state).
    public init() {}

    /// ℓ_s, ∂ℓ_s/∂f and the probabilities (see `LossFunction`).
    public func evaluate(outputs f: [Double], labels: [Int], count n: Int, classes c: Int) -> LossEvaluation {
        var losses = [Double](repeating: 0, count: n)
        var gradient = [Double](repeating: 0, count: n * c)
        var probabilities = [Double](repeating: 0, count: n * c)
        for s in 0..<n {
            var top = -Double.infinity
            for k in 0..<c { top = max(top, f[k * n + s]) }
            var total = 0.0
            for k in 0..<c { total += Foundation.exp(f[k * n + s] - top) }
            let logZ = top + Foundation.log(total)
            for k in 0..<c {
                let p = Foundation.exp(f[k * n + s] - logZ)
                probabilities[k * n + s] = p
                gradient[k * n + s] = p - (k == labels[s] ? 1 : 0)
            }
            losses[s] = logZ - f[labels[s] * n + s]
        }
        return LossEvaluation(losses: losses, gradient: gradient, probabilities: probabilities)
    }

    /// p_k·(δ_ki − p_i).
    public func curvatureEntries(_ evaluation: LossEvaluation, count n: Int, classes c: Int, into entries: inout [Double]) {
        let p = evaluation.probabilities
        for k in 0..<c {
            for i in 0..<c {
                let target = (k * c + i) * n
                if k == i {
                    for s in 0..<n { entries[target + s] = p[k * n + s] * (1 - p[k * n + s]) }
                } else {
                    for s in 0..<n { entries[target + s] = -p[k * n + s] * p[i * n + s] }
                }
            }
        }
    }

    /// p ⊙ u − p·(pᵀu).
    public func curvatureProduct(_ evaluation: LossEvaluation, _ u: [Double], count n: Int, classes c: Int) -> [Double] {
        let p = evaluation.probabilities
        var out = [Double](repeating: 0, count: n * c)
        for s in 0..<n {
            var pu = 0.0
            for k in 0..<c { pu += p[k * n + s] * u[k * n + s] }
            for k in 0..<c { out[k * n + s] = p[k * n + s] * (u[k * n + s] - pu) }
        }
        return out
    }

    /// c′.
    public func curvatureRank(classes c: Int) -> Int { c - 1 }

    /// ω_{s,c′} = p_{s,c′}, v_{s,c′} = e_{c′} − p_s (see `ClassPairFactor`).
    public func classPairFactor(_ evaluation: LossEvaluation, count n: Int, classes c: Int) -> ClassPairFactor? {
        let p = evaluation.probabilities
        var directions = [Double](repeating: 0, count: n * c * c)
        for a in 0..<c {
            for k in 0..<c {
                let column = (a * c + k) * n
                for s in 0..<n { directions[column + s] = (a == k ? 1 : 0) - p[k * n + s] }
            }
        }
        return ClassPairFactor(classes: c, outputs: c, weights: p, directions: directions)
    }

    /// L_s for every example (see `LossFunction.curvatureFactor`).
    public func curvatureFactor(_ evaluation: LossEvaluation, count n: Int, classes c: Int) -> [Double] {
        let p = evaluation.probabilities
        let rows = n * (c - 1)
        var factor = [Double](repeating: 0, count: rows * c)
        for s in 0..<n {
            var peak = 0
            for k in 1..<c where p[k * n + s] > p[peak * n + s] { peak = k }
            let rootPeak = p[peak * n + s].squareRoot()
            let t = rootPeak / (1 + rootPeak)
            var a = 0
            for j in 0..<c where j != peak {
                let rootJ = p[j * n + s].squareRoot()
                for k in 0..<c {
                    let pk = p[k * n + s]
                    let ej = k == j ? 1.0 : 0.0, em = k == peak ? 1.0 : 0.0
                    factor[k * rows + a * n + s] = rootJ * ((ej - pk) - t * (em - pk))
                }
                a += 1
            }
        }
        return factor
    }
}
