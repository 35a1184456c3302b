import HessianCore
import HessianFormats

/// Fig 7: train with a large batch for T1 steps, then continue from that
/// point with a small batch for T2 steps at the same constant learning rate,
/// measuring train and test loss and accuracy every K steps. The paper sees
/// a jump at the switch.
public struct TwoPhaseTraining: Sendable {
    /// Batch size of the first phase.
    public var largeBatch: Int
    /// Batch size of the second phase.
    public var smallBatch: Int
    /// Updates with the large batch.
    public var largeSteps: Int
    /// Updates with the small batch, continuing from there.
    public var smallSteps: Int
    /// Constant learning rate η of both phases.
    public var learningRate: Double
    /// Loss and accuracy are measured every K steps.
    public var every: Int
    /// Seed of the per-epoch shuffle.
    public var shuffleSeed: UInt64

    /// The two phases.
    /// - Throws: `SettingError` unless 0 < small < large, the steps are not negative and `every` > 0.
    public init(largeBatch: Int, smallBatch: Int, largeSteps: Int, smallSteps: Int, learningRate: Double,
                every: Int, shuffleSeed: UInt64 = 0) throws {
        guard smallBatch > 0 else { throw SettingError(.smallBatch, .positive, got: smallBatch) }
        guard largeBatch > smallBatch else { throw SettingError(.smallBatch, .lessThan(.largeBatch, Double(largeBatch)), got: smallBatch) }
        guard largeSteps >= 0 else { throw SettingError(.largeSteps, .nonNegative, got: largeSteps) }
        guard smallSteps >= 0 else { throw SettingError(.smallSteps, .nonNegative, got: smallSteps) }
        guard every > 0 else { throw SettingError(.every, .positive, got: every) }
        _ = try GradientDescent(learningRate: learningRate, steps: 0)
        self.largeBatch = largeBatch
        self.smallBatch = smallBatch
        self.largeSteps = largeSteps
        self.smallSteps = smallSteps
        self.learningRate = learningRate
        self.every = every
        self.shuffleSeed = shuffleSeed
    }

    /// Both phases of the run.
    public struct Result: Sendable {
        /// The model at the switch (end of the large-batch phase).
        public var largeEnd: MLP
        /// The model at the end of the small-batch phase.
        public var smallEnd: MLP
        /// Loss and accuracy over both phases.
        public var curve: [CurvePoint]
    }

    /// Trains the two phases from `initial`; `progress` sees (phase, updates made).
    public func run(from initial: MLP, on split: DataSplit, progress: (String, Int) -> Void = { _, _ in }) throws -> Result {
        var curve: [CurvePoint] = []
        let large = try GradientDescent(learningRate: learningRate, batchSize: largeBatch, steps: largeSteps, seed: shuffleSeed)
        let first = try large.train(initial, on: split.train, every: every, progress: { progress("large batch", $0) }) { step, model in
            curve.append(.measure(model, on: split, phase: "large", batchSize: largeBatch, step: step))
        }
        if curve.last?.step != first.steps {
            curve.append(.measure(first.model, on: split, phase: "large", batchSize: largeBatch, step: first.steps))
        }
        let offset = first.steps
        let small = try GradientDescent(learningRate: learningRate, batchSize: smallBatch, steps: smallSteps, seed: shuffleSeed &+ 1)
        let second = try small.train(first.model, on: split.train, every: every, progress: { progress("small batch", offset + $0) }) { step, model in
            curve.append(.measure(model, on: split, phase: "small", batchSize: smallBatch, step: offset + step))
        }
        if curve.last?.step != offset + second.steps || curve.last?.phase != "small" {
            curve.append(.measure(second.model, on: split, phase: "small", batchSize: smallBatch, step: offset + second.steps))
        }
        return Result(largeEnd: first.model, smallEnd: second.model, curve: curve)
    }

    /// The curve as one tidy CSV table.
    public static func curveTable(_ result: Result) -> CSVTable {
        CurvePoint.schema.table(result.curve)
    }
}
