import HessianCore

/// The network of an experiment, apart from its input and output sizes.
public struct NetworkSpec: Sendable {
    /// h_1, …, h_{L−1}.
    public var hidden: [Int]
    /// Hidden activations: one σ for all hidden layers or one per layer.
    public var activations: Activations
    /// The loss on the outputs.
    public var loss: Loss
    /// Every weight and bias starts from N(0, initScale²).
    public var initScale: Double
    /// Seed of the initialisation.
    public var seed: UInt64
    /// λ of the weight decay (λ/2)‖θ‖² (see `MLP.weightDecay`).
    public var weightDecay: Double = 0
    /// Layers (numbered 1…L) built without a bias (see `MLP.hasBias`).
    public var biasFreeLayers: Set<Int> = []

    /// A network description; the sizes of its ends come from the data.
    public init(hidden: [Int], activations: Activations = Activations(.relu), loss: Loss = .nll, initScale: Double = 0.1, seed: UInt64 = 0) {
        self.hidden = hidden
        self.activations = activations
        self.loss = loss
        self.initScale = initScale
        self.seed = seed
    }

    /// Layer sizes d, h_1, …, C for `classes` classes: the loss says how
    /// many outputs (one for the logistic loss, else one per class).
    public func sizes(inputs: Int, outputs classes: Int) -> [Int] { [inputs] + hidden + [loss.function.outputs(classes: classes)] }

    /// A freshly initialised network for `outputs` classes (the layers of
    /// `biasFreeLayers` without a bias; the others drawn as if they had one).
    /// - Throws: `ModelError.invalid` for the logistic loss on other than two classes.
    public func make(inputs: Int, outputs: Int) throws -> MLP {
        if loss == .logistic && outputs > 2 {
            throw ModelError.invalid("the logistic loss separates two classes, but the data have \(outputs); use nll or mse")
        }
        let sizes = sizes(inputs: inputs, outputs: outputs)
        var model = try MLP(sizes: sizes, activations: activations, loss: loss, initScale: initScale, seed: seed)
        if !biasFreeLayers.isEmpty {
            let hasBias = (1..<sizes.count).map { !biasFreeLayers.contains($0) }
            var parameters = model.parameters
            for (l, present) in zip(1..., hasBias) where !present {
                let start = model.layout.biasOffset(l)
                for i in start..<(start + sizes[l]) { parameters[i] = 0 }
            }
            model = try MLP(sizes: sizes, activations: activations, loss: loss, parameters: parameters, hasBias: hasBias)
        }
        model.weightDecay = weightDecay
        return model
    }
}
