@testable import HessianKit
import XCTest

final class ClusterSweepTests: XCTestCase {
    /// The paper's claim at a size a test can afford: ReLU networks trained by
    /// GD to a small gradient on k well separated clusters have k outliers.
    func testReLUOutlierCountEqualsTheNumberOfClusters() throws {
        let sweep = try ClusterSweep(
            clusterCounts: [2, 4, 6], network: NetworkSpec(hidden: [10, 10], activation: .relu),
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

    func testInvalidSweeps() {
        let gd = try! GradientDescent(learningRate: 0.1, steps: 1)
        XCTAssertThrowsError(try ClusterSweep(clusterCounts: [], network: NetworkSpec(hidden: [3]), optimizer: gd))
        XCTAssertThrowsError(try ClusterSweep(clusterCounts: [2, 1], network: NetworkSpec(hidden: [3]), optimizer: gd))
    }
}
