import Foundation

/// Logistic regression's loss (Appendix B of the paper): one output f, the
/// log-odds of class 1, with binary cross-entropy for labels y ∈ {0, 1},
///
///     ℓ = log(1 + eᶠ) − y·f,   ∂ℓ/∂f = σ(f) − y,   ∂²ℓ/∂f² = σ(f)·(1 − σ(f)),
///
/// σ the logistic sigmoid; the factor is L_s = √(σ(1 − σ)) (c′ = 1). A
/// network with this loss has one output for two classes; with no hidden
/// layer it is logistic regression (M = d + 1), whose Hessian
/// (1/N)·Σ σ(1−σ)·x̃x̃ᵀ is a weighted sample covariance.
public struct BinaryCrossEntropy: LossFunction {
    /// The loss.
    public init() {}

    /// One output for two classes.
    public func outputs(classes: Int) -> Int { 1 }

    /// Class 1 where f > 0.
    public func predictions(outputs f: [Double], count n: Int, classes c: Int) -> [Int] {
        (0..<n).map { f[$0] > 0 ? 1 : 0 }
    }

    /// ℓ, ∂ℓ/∂f = σ(f) − y and σ(f) for each example.
    /// - Complexity: O(N).
    public func evaluate(outputs f: [Double], labels: [Int], count n: Int, classes c: Int) -> LossEvaluation {
        var losses = [Double](repeating: 0, count: n)
        var gradient = [Double](repeating: 0, count: n)
        var probabilities = [Double](repeating: 0, count: n)
        for s in 0..<n {
            let x = f[s], y = Double(labels[s])
            // log(1 + eˣ) without overflow: max(x, 0) + log1p(e^−|x|).
            losses[s] = max(x, 0) + log1p(exp(-abs(x))) - y * x
            let p = x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
            probabilities[s] = p
            gradient[s] = p - y
        }
        return LossEvaluation(losses: losses, gradient: gradient, probabilities: probabilities)
    }

    /// σ(1 − σ).
    public func curvatureEntries(_ evaluation: LossEvaluation, count n: Int, classes c: Int, into entries: inout [Double]) {
        for s in 0..<n {
            let p = evaluation.probabilities[s]
            entries[s] = p * (1 - p)
        }
    }

    /// σ(1 − σ)·u.
    public func curvatureProduct(_ evaluation: LossEvaluation, _ u: [Double], count n: Int, classes c: Int) -> [Double] {
        (0..<n).map { s in
            let p = evaluation.probabilities[s]
            return p * (1 - p) * u[s]
        }
    }

    /// c′ = 1.
    public func curvatureRank(classes c: Int) -> Int { 1 }

    /// Softmax over the logits (0, f): ω = (1 − σ, σ), v = (−σ, 1 − σ) for
    /// c′ = 0, 1, and (1 − σ)σ² + σ(1 − σ)² = σ(1 − σ) (see `ClassPairFactor`).
    public func classPairFactor(_ evaluation: LossEvaluation, count n: Int, classes c: Int) -> ClassPairFactor? {
        let p = evaluation.probabilities
        return ClassPairFactor(classes: 2, outputs: 1, weights: p.map { 1 - $0 } + p, directions: p.map { -$0 } + p.map { 1 - $0 })
    }

    /// √(σ(1 − σ)).
    public func curvatureFactor(_ evaluation: LossEvaluation, count n: Int, classes c: Int) -> [Double] {
        (0..<n).map { s in
            let p = evaluation.probabilities[s]
            return (p * (1 - p)).squareRoot()
        }
    }
}
