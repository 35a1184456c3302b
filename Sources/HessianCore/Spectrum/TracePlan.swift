/// How the exact trace beside a spectrum is obtained and what it costs,
/// decided before any work so that the cost can be stated up front and
/// nothing unrequested costs more than the answer.
///
/// The Jacobian path (`JacobianTrace`, about (4 + 2·c′)·N·M flops) is taken
/// whenever it applies. Otherwise the per-example curvature blocks
/// (`HessianTrace`, 2·N·Σ_{l≤m} h_l·h_m·h_{m+1} flops) are built only when
/// the trace is asked for, or when the method gives all M eigenvalues
/// (its O(N·M² + M³) dwarfs them); for an iterative method the trace is
/// left out.
public struct TracePlan: Sendable, Equatable {
    /// Which computation, if any.
    public enum Path: String, Sendable, Equatable {
        /// `JacobianTrace`.
        case jacobian
        /// `HessianTrace`'s per-example h × h blocks.
        case blocks
        /// Not computed.
        case skipped
    }

    /// The path taken.
    public var path: Path
    /// Its flops (those of the block path for `skipped`: what was saved).
    public var flops: Double

    /// The plan for tr(`part`) of a network of these `sizes` on `n`
    /// examples, beside a method that `givesAllEigenvalues` or not; `asked`:
    /// the user wants the exact trace at any cost.
    public static func plan(part: HessianPart, sizes: [Int], activations: Activations, loss: Loss, examples n: Int,
                            givesAllEigenvalues: Bool, asked: Bool) -> TracePlan {
        if JacobianTrace.applies(to: part, sizes: sizes, activations: activations) {
            return TracePlan(path: .jacobian, flops: JacobianTrace.estimatedFlops(of: part, sizes: sizes, loss: loss, examples: n))
        }
        return TracePlan(path: asked || givesAllEigenvalues ? .blocks : .skipped, flops: blockFlops(sizes: sizes, examples: n))
    }

    /// 2·N·Σ_{1≤l≤m≤L} h_l·h_m·h_{m+1}: the per-example blocks of `HessianTrace`.
    public static func blockFlops(sizes: [Int], examples n: Int) -> Double {
        var total = 0.0
        for m in 1..<sizes.count {
            let next = m + 1 < sizes.count ? sizes[m + 1] : sizes[m]
            for l in 1...m { total += Double(sizes[l] * sizes[m] * next) }
        }
        return 2 * Double(n) * total
    }

    /// tr(`part`) of `model` on `data` by this plan; nil when skipped.
    /// Weight decay λ adds λ·I to H and G (as to their eigenvalues in
    /// `SpectrumEngine`), so λ·M to their traces. With bias-free layers the
    /// full-layout trace less the missing biases' diagonal entries.
    public func trace(of part: HessianPart, model: MLP, data: Dataset) -> Double? {
        let decay = (part == .residual ? 0 : model.weightDecay * Double(model.parameterCount))
            - (path == .skipped ? 0 : model.missingBiasDiagonalSum(of: part, on: data))
        switch path {
        case .jacobian: return JacobianTrace.trace(of: part, model: model, data: data).map { $0 + decay }
        case .blocks: return HessianTrace.trace(of: part, model: model, data: data) + decay
        case .skipped: return nil
        }
    }
}
