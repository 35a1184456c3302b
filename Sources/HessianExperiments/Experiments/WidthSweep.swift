import HessianCore
import HessianFormats

/// Fig 3 and Fig 5: fix the data, grow the network. Every width trains on
/// the same examples from the same seeds, at the same step size for the same
/// number of steps; the claim is that only the bulk at zero grows, while the
/// top eigenvalues and the negative ones (by rank as a percentage of M) stay.
public struct WidthSweep: Sendable {
    /// Each value is the width of every hidden layer.
    public var widths: [Int]
    /// Hidden layers per network.
    public var depth: Int
    /// Hidden activations: one σ for all hidden layers or one per layer.
    public var activations: Activations
    /// λ of the weight decay of every network (see `MLP.weightDecay`).
    public var weightDecay: Double = 0
    /// The loss on the outputs.
    public var loss: Loss
    /// Every weight and bias starts from N(0, s²).
    public var initScale: Double
    /// Seed of the initialisation.
    public var seed: UInt64
    /// How each network is trained.
    public var optimizer: GradientDescent
    /// How the spectra are obtained.
    public var spectrum: SpectrumSettings

    /// A sweep over the widths.
    /// - Throws: `SettingError` for an empty list, a width below 1 or a depth below 1.
    public init(widths: [Int], depth: Int = 1, activations: Activations = Activations(.relu), loss: Loss = .nll,
                initScale: Double = 0.1, seed: UInt64 = 0, optimizer: GradientDescent,
                spectrum: SpectrumSettings = SpectrumSettings()) throws {
        guard !widths.isEmpty else { throw SettingError(.widths, .nonEmpty) }
        if let bad = widths.first(where: { $0 <= 0 }) { throw SettingError(.widths, .eachAtLeast(1), got: bad) }
        guard depth >= 1 else { throw SettingError(.depth, .rule("must be at least 1 for a width sweep"), got: depth) }
        self.widths = widths
        self.depth = depth
        self.activations = activations
        self.loss = loss
        self.initScale = initScale
        self.seed = seed
        self.optimizer = optimizer
        self.spectrum = spectrum
    }

    /// What one width produced.
    public struct Result: Sendable {
        /// h, the hidden width.
        public var width: Int
        /// M, the network's parameters.
        public var parameterCount: Int
        /// The spectrum at the end of training.
        public var snapshot: SpectrumSnapshot
        /// Where training ended.
        public var training: TrainingSummary
    }

    /// The network of one width.
    public func network(width: Int) -> NetworkSpec {
        var spec = NetworkSpec(hidden: Array(repeating: width, count: depth), activations: activations, loss: loss, initScale: initScale, seed: seed)
        spec.weightDecay = weightDecay
        return spec
    }

    /// M of each width for these input and output sizes.
    public func parameterCounts(inputs: Int, outputs: Int) -> [Int] {
        widths.map { ParameterLayout.parameterCount(network(width: $0).sizes(inputs: inputs, outputs: outputs)) }
    }

    /// Trains and measures every width in order; `progress` sees
    /// (configuration, updates made) and `finished` each result.
    public func run(on split: DataSplit, progress: (String, Int) -> Void = { _, _ in }, finished: (Result) -> Void = { _ in }) throws -> [Result] {
        var results: [Result] = []
        for width in widths {
            let model = try network(width: width).make(inputs: split.train.dimension, outputs: split.train.classCount)
            let outcome = try optimizer.train(model, on: split.train, progress: { progress("width \(width)", $0) })
            let spectra = try spectrum.spectra(of: outcome.model, on: split.train)
            let result = Result(width: width, parameterCount: model.parameterCount,
                                snapshot: SpectrumSnapshot(point: "final", step: outcome.steps, spectra: spectra),
                                training: TrainingSummary(outcome, split: split))
            finished(result)
            results.append(result)
        }
        return results
    }

    /// The spectra of all results as one tidy CSV table.
    public static func spectrumTable(_ results: [Result]) -> CSVTable {
        SpectrumTable.table(results.map { ($0.snapshot, SweepColumn.columns([(.width, $0.width), (.params, $0.parameterCount)])) },
                            groupColumns: [.width, .params])
    }

    /// Per width and matrix: the `top` largest eigenvalues (series `top`,
    /// rank 1 = largest) and every negative eigenvalue (series `negative`,
    /// rank 1 = most negative), each with its rank as a percentage of M,
    /// 100·rank/M — the axis of the paper's Fig 5. Negative means below
    /// −z, z = 10⁻⁶·max|λ| (see `ZeroLevel`), so that the round-off of a
    /// dense solve's zero bulk does not count while the exact zeros of the
    /// factored path would not either.
    public static func summaryTable(_ results: [Result], top: Int) -> CSVTable {
        var rows: [WidthSummaryRow] = []
        for r in results {
            for spectrum in r.snapshot.spectra {
                let values = spectrum.eigenvalues
                let m = Double(r.parameterCount)
                func row(_ series: String, _ rank: Int, _ value: Double) -> WidthSummaryRow {
                    WidthSummaryRow(width: r.width, params: r.parameterCount, matrix: spectrum.matrix, series: series,
                                    rank: rank + 1, rankPercent: 100 * Double(rank + 1) / m, eigenvalue: value)
                }
                rows += values.reversed().prefix(top).enumerated().map { row("top", $0, $1) }
                let z = ZeroLevel().level(of: values)
                rows += values.prefix(while: { $0 < -z }).enumerated().map { row("negative", $0, $1) }
            }
        }
        return WidthSummaryRow.schema.table(rows)
    }
}
