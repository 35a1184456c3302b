import HessianCore

/// What a finished training run reached.
public struct TrainingSummary: Sendable {
    /// Updates made.
    public var steps: Int
    /// Full-batch gradient norm at the end.
    public var gradientNorm: Double
    /// Loss and accuracy on the training set.
    public var train: Evaluation
    /// Loss and accuracy on the test set, when there is one.
    public var test: Evaluation?

    /// A summary of a finished run.
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
