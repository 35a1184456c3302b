/// Squared error to the target t (the one-hot e_y of the label), in one
/// of three scalings that PyTorch users meet:
///
/// | reduction | ℓ_s | mean over N examples equals |
/// |---|---|---|
/// | `.half` | ½‖f − t‖² | this tool's historical `mse` |
/// | `.mean` | (1/C)‖f − t‖² | `nn.MSELoss()(f, t)` (mean over N·C elements) |
/// | `.sum` | ‖f − t‖² | `nn.MSELoss(reduction='sum')(f, t) / N` |
///
/// Every ℓ_s depends on its own example only (so a loss over a chunk of
/// examples is a mean of the same terms); PyTorch's sum over a batch of N
/// is N times the `.sum` objective, its Hessian N times ours.
/// With ℓ_s = w‖f − t‖² (w = ½, 1/C or 1): ∇ℓ = 2w(f − t), ∇²ℓ = 2w·I,
/// whose factor is L_s = √(2w)·I (c′ = C).
public struct SquaredError: LossFunction {
    /// How the squared errors are scaled.
    public enum Reduction: Sendable {
        /// ½‖f − t‖² per example.
        case half
        /// The mean over the C outputs per example, ‖f − t‖²/C.
        case mean
        /// The sum over the C outputs per example, ‖f − t‖².
        case sum
    }

    /// The scaling.
    public let reduction: Reduction

    /// The loss with `reduction` (½‖f − t‖² by default).
    public init(reduction: Reduction = .half) { self.reduction = reduction }

    /// w in ℓ_s = w‖f − t‖² for C outputs (the same for any number of examples).
    public func weight(count n: Int, classes c: Int) -> Double {
        switch reduction {
        case .half: return 0.5
        case .mean: return 1 / Double(c)
        case .sum: return 1
        }
    }

    /// ℓ_s, ∂ℓ_s/∂f and the probabilities (see `LossFunction`), the
    /// target the one-hot label.
    public func evaluate(outputs f: [Double], labels: [Int], count n: Int, classes c: Int) -> LossEvaluation {
        evaluate(outputs: f, count: n, classes: c) { k, s in k == labels[s] ? 1 : 0 }
    }

    /// ℓ_s and ∂ℓ_s/∂f for regression targets t, N × C like the outputs.
    public func evaluate(outputs f: [Double], targets t: [Double], count n: Int, classes c: Int) -> LossEvaluation {
        evaluate(outputs: f, count: n, classes: c) { k, s in t[k * n + s] }
    }

    private func evaluate(outputs f: [Double], count n: Int, classes c: Int, target: (Int, Int) -> Double) -> LossEvaluation {
        let w = weight(count: n, classes: c)
        var losses = [Double](repeating: 0, count: n)
        var gradient = [Double](repeating: 0, count: n * c)
        for s in 0..<n {
            var total = 0.0
            for k in 0..<c {
                let r = f[k * n + s] - target(k, s)
                gradient[k * n + s] = 2 * w * r
                total += r * r
            }
            losses[s] = w * total
        }
        return LossEvaluation(losses: losses, gradient: gradient, probabilities: [])
    }

    /// 2w·δ_ki.
    public func curvatureEntries(_ evaluation: LossEvaluation, count n: Int, classes c: Int, into entries: inout [Double]) {
        let diagonal = 2 * weight(count: n, classes: c)
        for k in 0..<c {
            for i in 0..<c {
                let value: Double = k == i ? diagonal : 0
                for s in 0..<n { entries[(k * c + i) * n + s] = value }
            }
        }
    }

    /// 2w·u.
    public func curvatureProduct(_ evaluation: LossEvaluation, _ u: [Double], count n: Int, classes c: Int) -> [Double] {
        let diagonal = 2 * weight(count: n, classes: c)
        return diagonal == 1 ? u : u.map { diagonal * $0 }
    }

    /// c′.
    public func curvatureRank(classes c: Int) -> Int { c }

    /// ω_{s,c′} = 2w, v_{s,c′} = e_{c′} (see `ClassPairFactor`).
    public func classPairFactor(_ evaluation: LossEvaluation, count n: Int, classes c: Int) -> ClassPairFactor? {
        var directions = [Double](repeating: 0, count: n * c * c)
        for a in 0..<c { for s in 0..<n { directions[(a * c + a) * n + s] = 1 } }
        return ClassPairFactor(classes: c, outputs: c, weights: [Double](repeating: 2 * weight(count: n, classes: c), count: n * c),
                               directions: directions)
    }

    /// L_s = √(2w)·I for every example (see `LossFunction.curvatureFactor`).
    public func curvatureFactor(_ evaluation: LossEvaluation, count n: Int, classes c: Int) -> [Double] {
        let rows = n * c
        let root = (2 * weight(count: n, classes: c)).squareRoot()
        var factor = [Double](repeating: 0, count: rows * c)
        for a in 0..<c { for s in 0..<n { factor[a * rows + a * n + s] = root } }
        return factor
    }
}
