/// The forward pass of an `MLP` over a whole batch, keeping what the
/// gradient and the Hessian need: every layer's pre-activations z_l and
/// activations a_l (each N × h_l, column-major, example index fastest), and
/// the loss evaluated at the output.
struct ForwardPass {
    let count: Int
    /// `inputs[l]` is a_l, the input of layer l + 1: a_0 = x, a_l = σ(z_l).
    var inputs: [[Double]]
    /// `preactivations[l − 1]` is z_l = a_{l−1}·W_lᵀ + b_l, for l = 1…L.
    var preactivations: [[Double]]
    /// ℓ_s, ∂ℓ_s/∂f and what ∇²ℓ_s is made of.
    var output: LossEvaluation

    /// - Complexity: 2·N·Σ_l h_l·h_{l−1} flops in L DGEMMs.
    init(model: MLP, data: Dataset) {
        let layout = model.layout
        let n = data.count
        let depth = layout.depth
        var inputs = [data.features]
        var preactivations: [[Double]] = []
        for l in 1...depth {
            let layer = layout.layer(l)
            var z = [Double](repeating: 0, count: n * layer.fanOut)
            layer.forward(inputs[l - 1], rows: n, weights: model.parameters, into: &z)
            layer.addBias(from: model.parameters, to: &z, rows: n)
            if l < depth {
                let sigma = model.activations[layer: l]
                inputs.append(z.map { sigma.value($0) })
            }
            preactivations.append(z)
        }
        self.count = n
        self.inputs = inputs
        self.preactivations = preactivations
        let function = model.loss.function
        if let targets = data.targets, let squared = function as? SquaredError {
            self.output = squared.evaluate(outputs: preactivations[depth - 1], targets: targets, count: n, classes: layout.outputDimension)
        } else {
            self.output = function.evaluate(outputs: preactivations[depth - 1], labels: data.labels, count: n, classes: layout.outputDimension)
        }
    }

    /// ℓ_s for each example.
    var losses: [Double] { output.losses }
    /// ∂ℓ_s/∂f, N × C.
    var outputGradient: [Double] { output.gradient }

    var meanLoss: Double { output.losses.reduce(0, +) / Double(count) }

    /// Fraction of examples whose predicted class (the loss's rule: the
    /// largest output, or f > 0 for one logistic output) is the label.
    func accuracy(labels: [Int], loss: any LossFunction) -> Double {
        guard let f = preactivations.last else { return 0 }
        let predicted = loss.predictions(outputs: f, count: count, classes: f.count / count)
        return Double(zip(predicted, labels).filter { $0 == $1 }.count) / Double(count)
    }
}
