/// The forward pass of an `MLP` over a whole batch, keeping what the
/// gradient and the Hessian need: every layer's pre-activations z_l and
/// activations a_l (each N × h_l, column-major, example index fastest), and
/// at the output the per-example loss, ∂ℓ/∂f and the softmax probabilities.
struct ForwardPass {
    let count: Int
    /// `inputs[l]` is a_l, the input of layer l + 1: a_0 = x, a_l = σ(z_l).
    var inputs: [[Double]]
    /// `preactivations[l − 1]` is z_l = a_{l−1}·W_lᵀ + b_l, for l = 1…L.
    var preactivations: [[Double]]
    /// ℓ_s for each example.
    var losses: [Double]
    /// ∂ℓ_s/∂f, N × C.
    var outputGradient: [Double]
    /// Softmax probabilities (nll), N × C.
    var probabilities: [Double]

    /// - Complexity: 2·N·Σ_l h_l·h_{l−1} flops in L DGEMMs.
    init(model: MLP, data: Dataset) {
        let layout = model.layout
        let n = data.count
        let depth = layout.depth
        var inputs = [data.features]
        var preactivations: [[Double]] = []
        for l in 1...depth {
            let fanIn = layout.sizes[l - 1], fanOut = layout.sizes[l]
            var z = [Double](repeating: 0, count: n * fanOut)
            model.parameters.withUnsafeBufferPointer { theta in
                let w = theta.baseAddress! + layout.weightOffset(l)
                let b = theta.baseAddress! + layout.biasOffset(l)
                inputs[l - 1].withUnsafeBufferPointer { a in
                    z.withUnsafeMutableBufferPointer { zp in
                        // z = a·Wᵀ: W is fanOut × fanIn row-major, i.e. Wᵀ column-major.
                        BLAS.gemm(transA: false, transB: false, m: n, n: fanOut, k: fanIn,
                                  alpha: 1, a: a.baseAddress!, lda: n, b: w, ldb: fanIn,
                                  beta: 0, c: zp.baseAddress!, ldc: n)
                        for i in 0..<fanOut {
                            let bi = b[i]
                            let column = zp.baseAddress! + i * n
                            for s in 0..<n { column[s] += bi }
                        }
                    }
                }
            }
            if l < depth {
                let sigma = model.activation
                inputs.append(z.map { sigma.value($0) })
            }
            preactivations.append(z)
        }
        let c = layout.outputDimension
        var losses = [Double](repeating: 0, count: n)
        var outputGradient = [Double](repeating: 0, count: n * c)
        var probabilities = [Double](repeating: 0, count: n * c)
        let labels = data.labels
        preactivations[depth - 1].withUnsafeBufferPointer { f in
            model.loss.evaluate(outputs: f.baseAddress!, labels: labels, count: n, classes: c,
                                losses: &losses, gradient: &outputGradient, probabilities: &probabilities)
        }
        self.count = n
        self.inputs = inputs
        self.preactivations = preactivations
        self.losses = losses
        self.outputGradient = outputGradient
        self.probabilities = probabilities
    }

    var meanLoss: Double { losses.reduce(0, +) / Double(count) }

    /// Fraction of examples whose largest output (first on ties) is the label.
    func accuracy(labels: [Int]) -> Double {
        guard let f = preactivations.last else { return 0 }
        let c = f.count / count
        var correct = 0
        for s in 0..<count {
            var best = 0
            for k in 1..<c where f[k * count + s] > f[best * count + s] { best = k }
            if best == labels[s] { correct += 1 }
        }
        return Double(correct) / Double(count)
    }
}
