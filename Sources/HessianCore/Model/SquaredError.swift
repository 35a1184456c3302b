/// Squared error to the one-hot target: ℓ = ½‖f − e_y‖², ∇ℓ = f − e_y,
/// ∇²ℓ = I, whose factor is L_s = I (c′ = C).
public struct SquaredError: LossFunction {
    /// The loss (it holds no state).
    public init() {}

    /// ℓ_s, ∂ℓ_s/∂f and the probabilities (see `LossFunction`).
    public func evaluate(outputs f: [Double], labels: [Int], count n: Int, classes c: Int) -> LossEvaluation {
        var losses = [Double](repeating: 0, count: n)
        var gradient = [Double](repeating: 0, count: n * c)
        for s in 0..<n {
            var total = 0.0
            for k in 0..<c {
                let r = f[k * n + s] - (k == labels[s] ? 1 : 0)
                gradient[k * n + s] = r
                total += r * r
            }
            losses[s] = 0.5 * total
        }
        return LossEvaluation(losses: losses, gradient: gradient, probabilities: [])
    }

    /// δ_ki.
    public func curvatureEntries(_ evaluation: LossEvaluation, count n: Int, classes c: Int, into entries: inout [Double]) {
        for k in 0..<c {
            for i in 0..<c {
                let value: Double = k == i ? 1 : 0
                for s in 0..<n { entries[(k * c + i) * n + s] = value }
            }
        }
    }

    /// u.
    public func curvatureProduct(_ evaluation: LossEvaluation, _ u: [Double], count n: Int, classes c: Int) -> [Double] { u }

    /// c′.
    public func curvatureRank(classes c: Int) -> Int { c }

    /// L_s for every example (see `LossFunction.curvatureFactor`).
    public func curvatureFactor(_ evaluation: LossEvaluation, count n: Int, classes c: Int) -> [Double] {
        let rows = n * c
        var factor = [Double](repeating: 0, count: rows * c)
        for a in 0..<c { for s in 0..<n { factor[a * rows + a * n + s] = 1 } }
        return factor
    }
}
