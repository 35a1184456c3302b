/// The gradient of the mean loss by backpropagation over a whole batch.
extension MLP {
    /// Mean loss over `data` and its gradient ∇θ (1/N)·Σ_s ℓ_s, M values in
    /// parameter order.
    ///
    /// δ_L = ∂ℓ/∂f; δ_{l−1} = σ'(z_{l−1}) ⊙ (δ_l·W_l); ∂/∂W_l = δ_lᵀ·a_{l−1}/N,
    /// ∂/∂b_l = Σ_s δ_l/N.
    /// - Complexity: about 6·N·M flops (forward and backward DGEMMs).
    public func lossAndGradient(on data: Dataset) -> (loss: Double, gradient: [Double]) {
        let pass = ForwardPass(model: self, data: data)
        return (pass.meanLoss, gradient(from: pass))
    }

    func gradient(from pass: ForwardPass) -> [Double] {
        let n = pass.count
        let scale = 1 / Double(n)
        var gradient = [Double](repeating: 0, count: layout.count)
        var delta = pass.outputGradient
        for l in stride(from: layout.depth, through: 1, by: -1) {
            let fanIn = layout.sizes[l - 1], fanOut = layout.sizes[l]
            let wOffset = layout.weightOffset(l), bOffset = layout.biasOffset(l)
            gradient.withUnsafeMutableBufferPointer { g in
                pass.inputs[l - 1].withUnsafeBufferPointer { a in
                    delta.withUnsafeBufferPointer { d in
                        // (∂/∂W)ᵀ = aᵀ·δ, fanIn × fanOut column-major = W's row-major layout.
                        BLAS.gemm(transA: true, transB: false, m: fanIn, n: fanOut, k: n,
                                  alpha: scale, a: a.baseAddress!, lda: n, b: d.baseAddress!, ldb: n,
                                  beta: 0, c: g.baseAddress! + wOffset, ldc: fanIn)
                        for i in 0..<fanOut {
                            var total = 0.0
                            let column = d.baseAddress! + i * n
                            for s in 0..<n { total += column[s] }
                            g[bOffset + i] = total * scale
                        }
                    }
                }
            }
            if l > 1 {
                var back = backThroughWeights(delta, rows: n, layer: l)
                let z = pass.preactivations[l - 2]
                for t in 0..<back.count { back[t] *= activation.firstDerivative(z[t]) }
                delta = back
            }
        }
        return gradient
    }
}
