/// The network of an experiment, apart from its input and output sizes.
public struct NetworkSpec: Sendable {
    /// h_1, …, h_{L−1}.
    public var hidden: [Int]
    public var activation: Activation
    public var loss: Loss
    /// Every weight and bias starts from N(0, initScale²).
    public var initScale: Double
    public var seed: UInt64

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

/// How an experiment obtains spectra: which matrices, and the solver
/// (the dense path by default; the command line may plug in another).
public struct SpectrumSettings: @unchecked Sendable {
    public var parts: [HessianPart]
    public var solve: (MLP, Dataset, [HessianPart]) throws -> [PartSpectrum]

    public init(parts: [HessianPart] = [.hessian],
                solve: @escaping (MLP, Dataset, [HessianPart]) throws -> [PartSpectrum] = { try DenseSpectrum.compute(model: $0, data: $1, parts: $2) }) {
        self.parts = parts
        self.solve = solve
    }

    func spectra(of model: MLP, on data: Dataset) throws -> [PartSpectrum] { try solve(model, data, parts) }
}

/// Loss and accuracy on the training and test sets at one step.
public struct CurvePoint: Equatable, Sendable {
    /// "train" for a single-phase run, or the phase's name ("large", "small").
    public var phase: String
    public var batchSize: Int
    /// Updates made since the start of the whole run.
    public var step: Int
    public var train: Evaluation
    public var test: Evaluation?

    public static let columns = ["phase", "batch_size", "step", "train_loss", "train_accuracy", "test_loss", "test_accuracy"]

    public var fields: [String] {
        [phase, String(batchSize), String(step), CSVField.number(train.loss), CSVField.number(train.accuracy),
         test.map { CSVField.number($0.loss) } ?? "", test.map { CSVField.number($0.accuracy) } ?? ""]
    }

    static func measure(_ model: MLP, on split: DataSplit, phase: String, batchSize: Int, step: Int) -> CurvePoint {
        CurvePoint(phase: phase, batchSize: batchSize, step: step,
                   train: model.evaluate(on: split.train), test: split.test.map { model.evaluate(on: $0) })
    }
}

/// What a finished training run reached.
public struct TrainingSummary: Sendable {
    public var steps: Int
    public var gradientNorm: Double
    public var train: Evaluation
    public var test: Evaluation?

    public init(steps: Int, gradientNorm: Double, train: Evaluation, test: Evaluation?) {
        self.steps = steps
        self.gradientNorm = gradientNorm
        self.train = train
        self.test = test
    }

    init(_ outcome: GradientDescent.Outcome, split: DataSplit) {
        steps = outcome.steps
        gradientNorm = outcome.gradientNorm
        train = outcome.model.evaluate(on: split.train)
        test = split.test.map { outcome.model.evaluate(on: $0) }
    }
}

/// Errors in an experiment's settings.
public enum ExperimentError: Error, CustomStringConvertible, Equatable {
    case invalid(String)
    public var description: String {
        switch self {
        case .invalid(let message): return message
        }
    }
}
