/// The forward and backward passes of an `MLP` over a whole batch, with the
/// per-layer quantities that every curvature computation reuses: the exact
/// Hessian (`ExactHessian`), the matrix-free products
/// (`HessianVectorProduct`) and the factored spectrum (`FactoredSpectrum`).
///
/// With e_l = δ_{l+1}·W_{l+1} the error carried back to layer l's outputs:
/// δ_L = ∂ℓ/∂f, δ_l = σ_l'(z_l) ⊙ e_l, and the σ'' term of the Hessian's
/// backward recursion is σ_l''(z_l) ⊙ e_l, with layer l's own σ_l.
struct BackPropagation {
    let model: MLP
    let data: Dataset
    let pass: ForwardPass
    /// δ_m = ∂ℓ/∂z_m, N × h_m, for m = 1…L (index m − 1).
    let deltas: [[Double]]
    /// σ'(z_l), N × h_l, for the hidden layers l = 1…L−1 (index l − 1).
    let slopes: [[Double]]
    /// σ''(z_l) ⊙ e_l, N × h_l, for l = 1…L−1 (index l − 1).
    let curvatures: [[Double]]

    /// Runs the forward and backward passes over all of `data`.
    /// - Complexity: about 4·N·M flops, O(N·Σ h_l) memory.
    init(model: MLP, data: Dataset) {
        self.model = model
        self.data = data
        let pass = ForwardPass(model: model, data: data)
        self.pass = pass
        let layout = model.layout
        let n = data.count
        let depth = layout.depth
        var deltas = [[Double]](repeating: [], count: depth)
        var slopes = [[Double]](repeating: [], count: max(0, depth - 1))
        var curvatures = [[Double]](repeating: [], count: max(0, depth - 1))
        deltas[depth - 1] = pass.outputGradient
        for l in stride(from: depth - 1, through: 1, by: -1) {
            let back = layout.layer(l + 1).backward(deltas[l], rows: n, weights: model.parameters)
            let z = pass.preactivations[l - 1]
            let sigma = model.activations[layer: l]
            let slope = z.map { sigma.firstDerivative($0) }
            var curvature = [Double](repeating: 0, count: z.count)
            var delta = [Double](repeating: 0, count: z.count)
            for t in 0..<z.count {
                curvature[t] = sigma.secondDerivative(z[t]) * back[t]
                delta[t] = slope[t] * back[t]
            }
            slopes[l - 1] = slope
            curvatures[l - 1] = curvature
            deltas[l - 1] = delta
        }
        self.deltas = deltas
        self.slopes = slopes
        self.curvatures = curvatures
    }

    var layout: ParameterLayout { model.layout }
    /// N.
    var count: Int { pass.count }
    /// M.
    var order: Int { model.layout.count }
}
