import ArgumentParser
import HessianKit

/// Which data set to train and measure on.
enum DatasetKind: String, ExpressibleByArgument, CaseIterable {
    case blobs
}

/// The data: built-in Gaussian clusters by default.
struct DataOptions: ParsableArguments {
    @Option(help: "Data set: \(DatasetKind.allCases.map(\.rawValue).joined(separator: "|")).")
    var dataset: DatasetKind = .blobs

    @Option(help: "Number of Gaussian clusters (classes), k ≥ 2.")
    var clusters: Int = 10

    @Option(name: .customLong("input-dim"), help: "Input dimension d of the clusters.")
    var inputDim: Int = 100

    @Option(help: "Number of training examples N.")
    var samples: Int = 1000

    @Option(name: .customLong("test-samples"), help: "Number of test examples (0 for none).")
    var testSamples: Int = 1000

    @Option(name: .customLong("cov-scale"), help: "Standard deviation of each cluster (isotropic).")
    var covScale: Double = 1

    @Option(name: .customLong("data-seed"), help: "Seed of the data generator.")
    var dataSeed: UInt64 = 0

    func validate() throws {
        if samples <= 0 { throw ValidationError("--samples must be positive, got \(samples)") }
        if testSamples < 0 { throw ValidationError("--test-samples must not be negative, got \(testSamples)") }
        if clusters < 2 { throw ValidationError("--clusters must be at least 2, got \(clusters)") }
        if inputDim <= 0 { throw ValidationError("--input-dim must be positive, got \(inputDim)") }
        guard covScale > 0, covScale.isFinite else { throw ValidationError("--cov-scale must be a positive number, got \(covScale)") }
    }

    /// The training and test sets.
    func load() throws -> DataSplit {
        switch dataset {
        case .blobs:
            return try Blobs(clusters: clusters, dimension: inputDim, std: covScale, seed: dataSeed)
                .generate(train: samples, test: testSamples)
        }
    }
}
