/// A per-example loss ℓ(f, y) of the network output f ∈ ℝ^C and the label
/// y, with everything the gradient, the exact Hessian, the Hessian-vector
/// products and the factored spectrum need from it. A new loss is one type
/// conforming to this protocol, named by a case of `Loss`.
///
/// Batches are column-major N × C matrices, example index fastest: output
/// k of example s at `k·N + s`.
public protocol LossFunction: Sendable {
    /// ℓ_s and ∂ℓ_s/∂f for every example, and what ∇²ℓ_s depends on.
    /// - Complexity: O(N·C).
    func evaluate(outputs f: [Double], labels: [Int], count n: Int, classes c: Int) -> LossEvaluation

    /// The entries (k, i) of ∇²ℓ_s, written to `entries[(k·C + i)·N + s]`
    /// for all k, i < C and every example s (C·C·N values, all overwritten).
    func curvatureEntries(_ evaluation: LossEvaluation, count n: Int, classes c: Int, into entries: inout [Double])

    /// ∇²ℓ_s·u_s for every example, where `u` is N × C like the outputs.
    /// - Complexity: O(N·C).
    func curvatureProduct(_ evaluation: LossEvaluation, _ u: [Double], count n: Int, classes c: Int) -> [Double]

    /// c′, the columns of the factor L_s with ∇²ℓ_s = L_s·L_sᵀ.
    func curvatureRank(classes c: Int) -> Int

    /// The factors L_s (C × c′) of every example, as an (N·c′) × C
    /// column-major matrix: entry (k, a) of L_s at row a·N + s, column k.
    /// - Complexity: O(N·C·c′).
    func curvatureFactor(_ evaluation: LossEvaluation, count n: Int, classes c: Int) -> [Double]

    /// How many network outputs the loss reads for `classes` classes.
    func outputs(classes: Int) -> Int

    /// ∇²ℓ_s as Σ_{c′} ω_{s,c′}·v_{s,c′}·v_{s,c′}ᵀ over the classes c′ (see
    /// `ClassPairFactor`), for the N examples of `evaluation` with
    /// `classes` outputs; nil when the loss has no such split.
    /// - Complexity: O(N·K·C).
    func classPairFactor(_ evaluation: LossEvaluation, count n: Int, classes c: Int) -> ClassPairFactor?

    /// The predicted class of each example from the N × C outputs.
    func predictions(outputs f: [Double], count n: Int, classes c: Int) -> [Int]
}

extension LossFunction {
    /// One output per class.
    public func outputs(classes: Int) -> Int { classes }

    /// The largest output (the first on ties).
    public func predictions(outputs f: [Double], count n: Int, classes c: Int) -> [Int] {
        (0..<n).map { s in
            var best = 0
            for k in 1..<max(1, c) where f[k * n + s] > f[best * n + s] { best = k }
            return best
        }
    }
}

/// A loss evaluated on a batch of outputs.
public struct LossEvaluation: Sendable {
    /// ℓ_s for each example.
    public var losses: [Double]
    /// ∂ℓ_s/∂f, N × C.
    public var gradient: [Double]
    /// The predicted probabilities the curvature is made of, N × C (softmax
    /// p for nll); empty for a loss whose curvature is constant.
    public var probabilities: [Double]

    /// An evaluation from its parts.
    public init(losses: [Double], gradient: [Double], probabilities: [Double]) {
        self.losses = losses
        self.gradient = gradient
        self.probabilities = probabilities
    }
}
