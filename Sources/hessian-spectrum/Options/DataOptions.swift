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

    @Option(help: ArgumentHelp("Number of Gaussian clusters (classes), k ≥ 2 (default 10; the clusters command takes a list, default 2,5,10,20,50).", valueName: "k"))
    var clusters: String?

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
        if let list = try clusterList(), let bad = list.first(where: { $0 < 2 }) {
            throw ValidationError("--clusters must be at least 2, got \(bad)")
        }
        if inputDim <= 0 { throw ValidationError("--input-dim must be positive, got \(inputDim)") }
        guard covScale > 0, covScale.isFinite else { throw ValidationError("--cov-scale must be a positive number, got \(covScale)") }
    }

    /// The --clusters values, or nil when not given.
    func clusterList() throws -> [Int]? {
        guard let clusters else { return nil }
        let parts = clusters.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        return try parts.map { part in
            guard let k = Int(part) else { throw ValidationError("--clusters takes whole numbers, got '\(clusters)'") }
            return k
        }
    }

    /// The single cluster count of a one-data-set command (default 10).
    func clusterCount() throws -> Int {
        let list = try clusterList() ?? [10]
        guard list.count == 1 else { throw ValidationError("--clusters takes one value here; the clusters command sweeps a list") }
        return list[0]
    }

    /// The training and test sets.
    func load() throws -> DataSplit {
        switch dataset {
        case .blobs:
            return try Blobs(clusters: clusterCount(), dimension: inputDim, std: covScale, seed: dataSeed)
                .generate(train: samples, test: testSamples)
        }
    }
}
