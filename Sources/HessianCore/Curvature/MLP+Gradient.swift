/// The gradient of the mean loss by backpropagation over a whole batch.
extension MLP {
    /// Mean loss over `data` and its gradient ∇θ (1/N)·Σ_s ℓ_s, M values in
    /// parameter order.
    ///
    /// δ_L = ∂ℓ/∂f; δ_{l−1} = σ'(z_{l−1}) ⊙ (δ_l·W_l); ∂/∂W_l = δ_lᵀ·a_{l−1}/N,
    /// ∂/∂b_l = Σ_s δ_l/N.
    /// - Complexity: about 6·N·M flops (forward and backward DGEMMs).
    /// With weight decay λ the objective is that plus (λ/2)‖θ‖², its gradient
    /// plus λθ.
    public func lossAndGradient(on data: Dataset) -> (loss: Double, gradient: [Double]) {
        let pass = ForwardPass(model: self, data: data)
        var gradient = gradient(from: pass)
        guard weightDecay != 0 else { return (pass.meanLoss, gradient) }
        var squares = 0.0
        for (i, w) in parameters.enumerated() {
            gradient[i] += weightDecay * w
            squares += w * w
        }
        return (pass.meanLoss + 0.5 * weightDecay * squares, gradient)
    }

    func gradient(from pass: ForwardPass) -> [Double] {
        let n = pass.count
        let scale = 1 / Double(n)
        var gradient = [Double](repeating: 0, count: layout.count)
        var delta = pass.outputGradient
        for l in stride(from: layout.depth, through: 1, by: -1) {
            let layer = layout.layer(l)
            layer.weightGradient(inputs: pass.inputs[l - 1], deltas: delta, rows: n, scale: scale, into: &gradient)
            layer.biasGradient(deltas: delta, rows: n, scale: scale, into: &gradient)
            if l > 1 {
                var back = layer.backward(delta, rows: n, weights: parameters)
                let z = pass.preactivations[l - 2]
                let sigma = activations[layer: l - 1]
                for t in 0..<back.count { back[t] *= sigma.firstDerivative(z[t]) }
                delta = back
            }
        }
        zeroMissingBiases(&gradient)
        return gradient
    }
}
