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
