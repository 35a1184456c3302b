/// Each example's loss curvature written as a weighted sum over the classes
/// c′ a gradient can be taken for,
///
///     ∇²ℓ_s = Σ_{c′} ω_{s,c′}·v_{s,c′}·v_{s,c′}ᵀ,
///
/// so that G = (1/N)·Σ_s J_sᵀ∇²ℓ_sJ_s = Σ_s Σ_{c′} w_{s,c′}·δ_{s,c′}·δ_{s,c′}ᵀ
/// with δ_{s,c′} = J_sᵀ·v_{s,c′} and w_{s,c′} = ω_{s,c′}/N: the pairs (s, c′)
/// that `GaussNewtonClassSplit` groups by (true class of s, c′).
///
/// | loss | ω_{s,c′} | v_{s,c′} |
/// |---|---|---|
/// | softmax cross-entropy | p_{s,c′} | e_{c′} − p_s (Σ_{c′} p_{c′}(e_{c′} − p)(e_{c′} − p)ᵀ = diag p − p·pᵀ) |
/// | squared error w‖f − t‖² | 2w | e_{c′} (∇²ℓ = 2w·I) |
/// | binary cross-entropy, one output f | 1 − σ, σ for c′ = 0, 1 | −σ, 1 − σ (softmax over the logits (0, f)) |
public struct ClassPairFactor: Sendable {
    /// K, the classes c′ (two for binary cross-entropy's one output).
    public let classes: Int
    /// C, the network's outputs, the length of each v_{s,c′}.
    public let outputs: Int
    /// ω_{s,c′} ≥ 0, N × K column-major: ω_{s,c′} at `c′·N + s`.
    public var weights: [Double]
    /// v_{s,c′}: entry k at `(c′·C + k)·N + s`.
    public var directions: [Double]

    /// A factor from its parts (shapes as documented on the properties).
    public init(classes: Int, outputs: Int, weights: [Double], directions: [Double]) {
        self.classes = classes
        self.outputs = outputs
        self.weights = weights
        self.directions = directions
    }
}

extension LossFunction {
    /// No class-pair factor: the class split of G does not apply.
    public func classPairFactor(_ evaluation: LossEvaluation, count n: Int, classes c: Int) -> ClassPairFactor? { nil }
}
