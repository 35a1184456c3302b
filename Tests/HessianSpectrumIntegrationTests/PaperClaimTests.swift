@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

/// The slow checks: a paper claim trained to convergence, and the whole
/// Debian Fashion-MNIST set.
final class PaperClaimTests: XCTestCase {
    /// The paper's claim at a size a test can afford: ReLU networks trained by
    /// GD to a small gradient on k well separated clusters have k outliers.
    func testReLUOutlierCountEqualsTheNumberOfClusters() throws {
        let sweep = try ClusterSweep(
            clusterCounts: [2, 4, 6], network: NetworkSpec(hidden: [10, 10], activations: [.relu]),
            inputDimension: 20, samples: 100, testSamples: 0, covScale: 0.5, dataSeed: 0,
            optimizer: try GradientDescent(learningRate: 0.1, steps: 4000, gradientTolerance: 1e-4))
        let results = try sweep.run()
        for r in results {
            XCTAssertLessThan(r.training.gradientNorm, 2e-3, "k = \(r.clusters) not trained to a small gradient")
            XCTAssertEqual(r.counts[.largestGap], r.clusters, "k = \(r.clusters): largest gap")
            XCTAssertEqual(r.counts[.largestRatio], r.clusters, "k = \(r.clusters): largest ratio")
            XCTAssertEqual(r.parameterCount, 10 * 21 + 10 * 11 + r.clusters * 11)
        }
        let table = sweep.outlierTable(results)
        XCTAssertEqual(table.columns.prefix(8), ["clusters", "params", "activation", "batch_size", "cov_scale", "largest_gap", "largest_ratio", "elbow"])
        XCTAssertEqual(table.text.split(separator: "\n").count, 4)
        let spectra = ClusterSweep.spectrumTable(results)
        XCTAssertEqual(spectra.text.split(separator: "\n").count, 1 + results.map(\.parameterCount).reduce(0, +))
    }

    /// Debian's dataset-fashion-mnist: 60000 training and 10000 test images
    /// of 28 × 28, ten classes of 6000 and 1000 each (Xiao et al. 2017).
    func testDebianFashionMNIST() throws {
        guard FileManager.default.fileExists(atPath: ImageData.fashionMNISTDirectory) else {
            throw XCTSkip("dataset-fashion-mnist is not installed")
        }
        let split = try ImageData.loadFashionMNIST()
        XCTAssertEqual(split.train.count, 60000)
        XCTAssertEqual(split.train.dimension, 784)
        XCTAssertEqual(split.train.classCount, 10)
        let test = try XCTUnwrap(split.test)
        XCTAssertEqual(test.count, 10000)
        XCTAssertEqual(test.dimension, 784)
        XCTAssertEqual(test.classCount, 10)
        var trainCounts = [Int](repeating: 0, count: 10), testCounts = [Int](repeating: 0, count: 10)
        for label in split.train.labels { trainCounts[label] += 1 }
        for label in test.labels { testCounts[label] += 1 }
        XCTAssertEqual(trainCounts, Array(repeating: 6000, count: 10))
        XCTAssertEqual(testCounts, Array(repeating: 1000, count: 10))
        // Pixels span the whole byte range, so the scaled values span [0, 1].
        XCTAssertEqual(test.features.min() ?? -1, 0, accuracy: 1e-15)
        XCTAssertEqual(test.features.max() ?? -1, 1, accuracy: 1e-15)
    }
}
