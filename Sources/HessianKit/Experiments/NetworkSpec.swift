/// The network of an experiment, apart from its input and output sizes.
public struct NetworkSpec: Sendable {
    /// h_1, …, h_{L−1}.
    public var hidden: [Int]
    /// Hidden activation σ.
    public var activation: Activation
    /// The loss on the outputs.
    public var loss: Loss
    /// Every weight and bias starts from N(0, initScale²).
    public var initScale: Double
    /// Seed of the initialisation.
    public var seed: UInt64

    /// A network description; the sizes of its ends come from the data.
    public init(hidden: [Int], activation: Activation = .relu, loss: Loss = .nll, initScale: Double = 0.1, seed: UInt64 = 0) {
        self.hidden = hidden
        self.activation = activation
        self.loss = loss
        self.initScale = initScale
        self.seed = seed
    }

    /// Layer sizes d, h_1, …, C.
    public func sizes(inputs: Int, outputs: Int) -> [Int] { [inputs] + hidden + [outputs] }

    /// A freshly initialised network.
    public func make(inputs: Int, outputs: Int) throws -> MLP {
        try MLP(sizes: sizes(inputs: inputs, outputs: outputs), activation: activation, loss: loss, initScale: initScale, seed: seed)
    }
}
