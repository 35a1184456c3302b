/// The exact trace of G from per-example output Jacobians, and of R and H
/// wherever R's diagonal separates, without the per-example h × h
/// curvature blocks that `HessianTrace` builds.
///
/// Gauss–Newton part. With ∇²ℓ_s = L_s·L_sᵀ (L_s the C × c′ factor of
/// the loss, `LossFunction.curvatureFactor`) and J_s = ∂f_s/∂θ,
///
///     tr G = (1/N)·Σ_s ‖L_sᵀ·J_s‖²_F.
///
/// Row a of L_sᵀ·J_s is the gradient of L_s[:, a]ᵀ·f_s: a backward pass
/// from δ_L = L_s[:, a]ᵀ, δ_l = σ'(z_l) ⊙ (δ_{l+1}·W_{l+1}). All N·c′ of
/// them are one backward pass over a batch of N·c′ rows (one DGEMM per
/// layer). A weight (W̃_l)_{ij} of W̃_l = [W_l | b_l] enters only z_l,i,
/// times ã_{l−1,j}, so its squared entries sum to
///
///     Σ_{ij} (∂/∂(W̃_l)_{ij})² = Σ_i δ_{l,i}²·(1 + ‖a_{l−1,s}‖²).
///
/// Residual part. The σ'' terms of ∂²ℓ_s/∂z_l² obey R_l = D_l·W_{l+1}ᵀ·
/// R_{l+1}·W_{l+1}·D_l + diag(c_l) with c_l = σ''(z_l) ⊙ e_l and R_L = 0, so
/// R_l = Σ_{m≥l} K_{ml}ᵀ·diag(c_m)·K_{ml}, K_{ml} = ∂z_m/∂z_l. Its diagonal
/// is c_l (m = l) plus, for m = l + 1 where K = W_{l+1}·D_l,
/// (c_{l+1}·(W_{l+1} ∘ W_{l+1})) ∘ σ'(z_l)², one DGEMM with the squared
/// weights. For m ≥ l + 2 the squares of K do not separate; so R's trace
/// is exact and cheap when every hidden layer m ≥ 3 has σ_m'' ≡ 0 (c_m = 0:
/// all ReLU or linear gives tr R = 0; any network of at most two hidden
/// layers), and unavailable here otherwise.
/// R has no within-layer output term (z_l is linear in W_l), so
/// tr R = (1/N)·Σ_s Σ_l Σ_i diag(R_l(s))_i·(1 + ‖a_{l−1,s}‖²).
///
/// - Complexity: one forward and backward pass (about 4·N·M flops), then
///   2·N·c′·Σ_{l≥2} h_l·h_{l−1} for G and 2·N·Σ h_{l+1}·h_l for R, all in
///   DGEMMs; examples in chunks of at most `memoryBudget` bytes.
public enum JacobianTrace {
    /// Whether tr(`part`) has this cheap exact path for a network of these
    /// `sizes` and `activations`: G always; R and H when every hidden layer
    /// after the second is piecewise linear (σ'' ≡ 0).
    public static func applies(to part: HessianPart, sizes: [Int], activations: Activations) -> Bool {
        let hidden = sizes.count - 2
        return part == .gaussNewton || hidden <= 2 || (3...hidden).allSatisfy { activations[layer: $0].isPiecewiseLinear }
    }

    /// The flops of `trace(of:model:data:)` (see the type's complexity).
    public static func estimatedFlops(of part: HessianPart, sizes: [Int], loss: Loss, examples n: Int) -> Double {
        let m = Double(ParameterLayout.parameterCount(sizes)), count = Double(n)
        let rank = Double(loss.function.curvatureRank(classes: sizes[sizes.count - 1]))
        var backward = 0.0, squared = 0.0
        for l in 2..<sizes.count { backward += Double(sizes[l] * sizes[l - 1]) }
        for l in 2..<max(2, sizes.count - 1) { squared += Double(sizes[l] * sizes[l - 1]) }
        let g = part.includesOutputCurvature ? 2 * count * rank * backward : 0
        let r = part.includesNetworkCurvature ? 2 * count * squared : 0
        return 4 * count * m + g + r
    }

    /// tr(`part`) of `model`'s mean loss on `data`, or nil when
    /// `applies(to:sizes:activation:)` is false.
    public static func trace(of part: HessianPart, model: MLP, data: Dataset, memoryBudget: Int = 1 << 26) -> Double? {
        let sizes = model.sizes
        guard applies(to: part, sizes: sizes, activations: model.activations), data.count > 0 else { return nil }
        let rank = model.loss.function.curvatureRank(classes: model.layout.outputDimension)
        let widest = sizes.dropFirst().max() ?? 1
        let perExample = 8 * (rank * (2 * widest + sizes[sizes.count - 1]) + 6 * sizes.reduce(0, +))
        let chunk = max(1, min(data.count, memoryBudget / max(1, perExample)))
        let squares = model.parameters.map { $0 * $0 }
        var total = 0.0
        var start = 0
        while start < data.count {
            let end = min(data.count, start + chunk)
            let slice = chunk == data.count ? data : data.subset(Array(start..<end))
            let state = BackPropagation(model: model, data: slice)
            let weights = inputWeights(state)
            if part.includesOutputCurvature { total += gaussNewtonSum(state, weights: weights, rank: rank) }
            if part.includesNetworkCurvature && !model.activations.isPiecewiseLinear {
                total += residualSum(state, weights: weights, squaredParameters: squares)
            }
            start = end
        }
        return total / Double(data.count)
    }

    /// 1 + ‖a_{l−1,s}‖² for every layer l (index l − 1) and example s.
    static func inputWeights(_ state: BackPropagation) -> [[Double]] {
        let n = state.count
        return (0..<state.layout.depth).map { l in
            let input = state.pass.inputs[l]
            var weight = [Double](repeating: 1, count: n)
            for t in 0..<input.count { weight[t % n] += input[t] * input[t] }
            return weight
        }
    }

    /// Σ_s ‖L_sᵀ·J_s‖²_F by one backward pass over N·c′ rows.
    static func gaussNewtonSum(_ state: BackPropagation, weights: [[Double]], rank: Int) -> Double {
        let layout = state.layout
        let n = state.count, rows = n * rank
        var delta = state.model.loss.function.curvatureFactor(state.pass.output, count: n, classes: layout.outputDimension)
        var total = weightedSquares(delta, rows: rows, examples: n, weight: weights[layout.depth - 1])
        for l in stride(from: layout.depth, to: 1, by: -1) {
            var back = layout.layer(l).backward(delta, rows: rows, weights: state.model.parameters)
            let slope = state.slopes[l - 2]
            let width = layout.sizes[l - 1]
            for i in 0..<width {
                for a in 0..<rank {
                    let row = i * rows + a * n, column = i * n
                    for s in 0..<n { back[row + s] *= slope[column + s] }
                }
            }
            total += weightedSquares(back, rows: rows, examples: n, weight: weights[l - 2])
            delta = back
        }
        return total
    }

    /// Σ over rows r = a·N + s and columns i of x[r, i]²·weight[s].
    static func weightedSquares(_ x: [Double], rows: Int, examples n: Int, weight: [Double]) -> Double {
        var total = 0.0
        for t in 0..<x.count { total += x[t] * x[t] * weight[t % rows % n] }
        return total
    }

    /// Σ_s Σ_l Σ_i diag(R_l(s))_i·(1 + ‖a_{l−1,s}‖²) over the hidden layers,
    /// with the m = l and m = l + 1 terms (all there are for at most two
    /// hidden layers).
    static func residualSum(_ state: BackPropagation, weights: [[Double]], squaredParameters: [Double]) -> Double {
        let layout = state.layout
        let n = state.count, hidden = layout.depth - 1
        var total = 0.0
        for l in stride(from: 1, through: hidden, by: 1) {
            var diagonal = state.curvatures[l - 1]
            if l < hidden {
                let carried = layout.layer(l + 1).backward(state.curvatures[l], rows: n, weights: squaredParameters)
                let slope = state.slopes[l - 1]
                for t in 0..<diagonal.count { diagonal[t] += carried[t] * slope[t] * slope[t] }
            }
            let weight = weights[l - 1]
            for t in 0..<diagonal.count { total += diagonal[t] * weight[t % n] }
        }
        return total
    }
}
