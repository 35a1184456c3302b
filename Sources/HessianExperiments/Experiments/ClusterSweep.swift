import HessianCore
import HessianFormats

/// Fig 2 and Table 1: fix the network's hidden layers, vary the number of
/// Gaussian clusters k (and so the number of classes), train each to a small
/// gradient and count the outliers of the final Hessian spectrum.
///
/// The claim: with ReLU, trained to a small gradient, about k eigenvalues
/// stand apart from the bulk.
public struct ClusterSweep: Sendable {
    /// The values of k, one configuration each.
    public var clusterCounts: [Int]
    /// The hidden layers, activation, loss and initialisation.
    public var network: NetworkSpec
    /// d, the dimension of the clusters.
    public var inputDimension: Int
    /// Training examples per configuration.
    public var samples: Int
    /// Test examples per configuration (0: none).
    public var testSamples: Int
    /// Standard deviation of each cluster.
    public var covScale: Double
    /// Seed of the data generator.
    public var dataSeed: UInt64
    /// How each network is trained.
    public var optimizer: GradientDescent
    /// How the spectra are obtained.
    public var spectrum: SpectrumSettings
    /// How many of the largest eigenvalues the outlier counts look at.
    public var window: Int

    /// A sweep over the cluster counts.
    /// - Throws: `SettingError` for an empty list or a count below 2.
    public init(clusterCounts: [Int], network: NetworkSpec, inputDimension: Int = 100, samples: Int = 1000,
                testSamples: Int = 0, covScale: Double = 1, dataSeed: UInt64 = 0,
                optimizer: GradientDescent, spectrum: SpectrumSettings = SpectrumSettings(), window: Int = 120) throws {
        guard !clusterCounts.isEmpty else { throw SettingError(.clusters, .nonEmpty) }
        if let bad = clusterCounts.first(where: { $0 < 2 }) { throw SettingError(.clusters, .eachAtLeast(2), got: bad) }
        self.clusterCounts = clusterCounts
        self.network = network
        self.inputDimension = inputDimension
        self.samples = samples
        self.testSamples = testSamples
        self.covScale = covScale
        self.dataSeed = dataSeed
        self.optimizer = optimizer
        self.spectrum = spectrum
        self.window = window
    }

    /// One trained network and its spectrum.
    public struct Result: Sendable {
        /// k, the number of clusters (and classes).
        public var clusters: Int
        /// M, the network's parameters.
        public var parameterCount: Int
        /// The spectrum at the end of training.
        public var snapshot: SpectrumSnapshot
        /// Where training ended.
        public var training: TrainingSummary
        /// Outlier counts of the Hessian spectrum, by method.
        public var counts: [OutlierMethod: Int]
        /// Eigenvalues below −10⁻⁶·max|λ| (see `negativeCount`).
        public var negatives: Int
    }

    /// Runs every k in order; `progress` sees (configuration, updates made)
    /// during training and `finished` each result as it completes.
    public func run(progress: (String, Int) -> Void = { _, _ in }, finished: (Result) -> Void = { _ in }) throws -> [Result] {
        var results: [Result] = []
        for k in clusterCounts {
            let split = try Blobs(clusters: k, dimension: inputDimension, std: covScale, seed: dataSeed)
                .generate(train: samples, test: testSamples)
            let model = try network.make(inputs: inputDimension, outputs: k)
            let outcome = try optimizer.train(model, on: split.train, progress: { progress("k = \(k)", $0) })
            let spectra = try spectrum.spectra(of: outcome.model, on: split.train)
            let hessian = spectra.first(where: { $0.part == .hessian })?.eigenvalues ?? spectra[0].eigenvalues
            var counts: [OutlierMethod: Int] = [:]
            for method in OutlierMethod.allCases { counts[method] = outlierCount(hessian, method: method, window: window) }
            let result = Result(
                clusters: k, parameterCount: model.parameterCount,
                snapshot: SpectrumSnapshot(point: "final", step: outcome.steps, spectra: spectra),
                training: TrainingSummary(outcome, split: split), counts: counts,
                negatives: negativeCount(hessian))
            finished(result)
            results.append(result)
        }
        return results
    }

    /// The spectra, with `clusters,params` group columns.
    public static func spectrumTable(_ results: [Result]) -> CSVTable {
        SpectrumTable.table(results.map { ($0.snapshot, SweepColumn.columns([(.clusters, $0.clusters), (.params, $0.parameterCount)])) },
                            groupColumns: [.clusters, .params])
    }

    /// The columns of `outlierTable`.
    public static var outlierColumns: [String] { ClusterOutlierRow.schema.names }

    /// Table 1: one row per k.
    public func outlierTable(_ results: [Result]) -> CSVTable {
        ClusterOutlierRow.schema.table(results.map { r in
            ClusterOutlierRow(clusters: r.clusters, params: r.parameterCount, activation: network.activations.csvText,
                              batchSize: optimizer.batchSize ?? 0, covScale: covScale, counts: r.counts, negatives: r.negatives,
                              trainLoss: r.training.train.loss, trainAccuracy: r.training.train.accuracy,
                              gradientNorm: r.training.gradientNorm, steps: r.training.steps)
        })
    }
}
