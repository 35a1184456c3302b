import HessianCore
import HessianFormats

/// Fig 4 and Fig 6: small-batch (SB) against large-batch (LB) training from
/// the same initial point, at the same learning rate for the same number of
/// iterations, gradients averaged over each batch. The claim: LB ends with
/// larger outliers, the same number of them.
public struct BatchComparison: Sendable {
    /// Batch size of the small-batch (SB) run.
    public var smallBatch: Int
    /// Batch size of the large-batch (LB) run.
    public var largeBatch: Int
    /// Constant learning rate η of both runs.
    public var learningRate: Double
    /// Updates each run makes.
    public var steps: Int
    /// Seed of the per-epoch shuffle of both runs.
    public var shuffleSeed: UInt64
    /// Curves are measured every this many steps (and at the end).
    public var every: Int
    /// How the spectra are obtained.
    public var spectrum: SpectrumSettings

    /// The comparison of two batch sizes at one learning rate and number of steps.
    /// - Throws: `SettingError` unless 0 < small < large and `every` > 0.
    public init(smallBatch: Int, largeBatch: Int, learningRate: Double, steps: Int, shuffleSeed: UInt64 = 0,
                every: Int = 50, spectrum: SpectrumSettings = SpectrumSettings()) throws {
        guard smallBatch > 0 else { throw SettingError(.smallBatch, .positive, got: smallBatch) }
        guard largeBatch > smallBatch else { throw SettingError(.smallBatch, .lessThan(.largeBatch, Double(largeBatch)), got: smallBatch) }
        guard every > 0 else { throw SettingError(.every, .positive, got: every) }
        _ = try GradientDescent(learningRate: learningRate, steps: steps)
        self.smallBatch = smallBatch
        self.largeBatch = largeBatch
        self.learningRate = learningRate
        self.steps = steps
        self.shuffleSeed = shuffleSeed
        self.every = every
        self.spectrum = spectrum
    }

    /// What one of the two runs produced.
    public struct Result: Sendable {
        /// Batch size of the run.
        public var batchSize: Int
        /// The trained network.
        public var model: MLP
        /// The spectrum at the end of training.
        public var snapshot: SpectrumSnapshot
        /// Where training ended.
        public var training: TrainingSummary
        /// Loss and accuracy every `every` steps.
        public var curve: [CurvePoint]
    }

    /// Trains `initial` twice (SB then LB) and measures both endpoints.
    public func run(from initial: MLP, on split: DataSplit, progress: (String, Int) -> Void = { _, _ in },
                    finished: (Result) -> Void = { _ in }) throws -> [Result] {
        var results: [Result] = []
        for batch in [smallBatch, largeBatch] {
            let optimizer = try GradientDescent(learningRate: learningRate, batchSize: batch, steps: steps, seed: shuffleSeed)
            var curve: [CurvePoint] = []
            let outcome = try optimizer.train(initial, on: split.train, every: every, progress: { progress("batch \(batch)", $0) }) { step, model in
                curve.append(.measure(model, on: split, phase: "train", batchSize: batch, step: step))
            }
            if curve.last?.step != outcome.steps {
                curve.append(.measure(outcome.model, on: split, phase: "train", batchSize: batch, step: outcome.steps))
            }
            let spectra = try spectrum.spectra(of: outcome.model, on: split.train)
            let result = Result(batchSize: batch, model: outcome.model,
                                snapshot: SpectrumSnapshot(point: "final", step: outcome.steps, spectra: spectra),
                                training: TrainingSummary(outcome, split: split), curve: curve)
            finished(result)
            results.append(result)
        }
        return results
    }

    /// The spectra of all results as one tidy CSV table.
    public static func spectrumTable(_ results: [Result]) -> CSVTable {
        SpectrumTable.table(results.map { ($0.snapshot, SweepColumn.columns([(.batchSize, $0.batchSize), (.params, $0.model.parameterCount)])) },
                            groupColumns: [.batchSize, .params])
    }

    /// The curves of all results as one tidy CSV table.
    public static func curveTable(_ results: [Result]) -> CSVTable {
        CurvePoint.schema.table(results.flatMap(\.curve))
    }
}
