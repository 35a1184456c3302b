@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class TrainingRunTests: XCTestCase {
    /// Snapshots at the start, every 4 updates and at the end of 10 GD
    /// steps, each the spectrum of the model the optimizer had reached then
    /// (recomputed here by replaying the same deterministic training).
    func testSnapshotsAtStartEveryAndEnd() throws {
        let split = try Blobs(clusters: 3, dimension: 4, std: 1, seed: 2).generate(train: 30, test: 0)
        let initial = try MLP(sizes: [4, 5, 3], activation: .relu, loss: .nll, initScale: 0.3, seed: 1)
        let optimizer = try GradientDescent(learningRate: 0.1, steps: 10, gradientTolerance: 0)
        let run = TrainingRun(optimizer: optimizer, atStart: true, atEnd: true, every: 4, spectrum: SpectrumSettings())
        let result = try run.run(from: initial, on: split.train)
        XCTAssertEqual(result.snapshots.map(\.point), ["init", "step", "step", "final"])
        XCTAssertEqual(result.snapshots.map(\.step), [0, 4, 8, 10])
        for snapshot in result.snapshots {
            let steps = try XCTUnwrap(snapshot.step)
            let replayed = try GradientDescent(learningRate: 0.1, steps: steps, gradientTolerance: 0).train(initial, on: split.train).model
            let expected = try DenseSpectrum.compute(model: replayed, data: split.train, parts: [.hessian])[0].eigenvalues
            assertClose(snapshot.spectra[0].eigenvalues, expected, relativeTo: maxAbs(expected), tolerance: 1e-12)
        }
        XCTAssertGreaterThan(result.timing.assemble + result.timing.eigen, 0)
    }
}

final class DataSourceTests: XCTestCase {
    /// The blobs source is the generator with the selection's sizes and seed.
    func testBlobsSourceIsTheGenerator() throws {
        let split = try DataSource.blobs(clusters: 3, dimension: 4, std: 2).load(DataSelection(samples: 30, testSamples: 9, seed: 5))
        let direct = try Blobs(clusters: 3, dimension: 4, std: 2, seed: 5).generate(train: 30, test: 9)
        XCTAssertEqual(split.train.features, direct.train.features)
        XCTAssertEqual(split.test?.labels, direct.test?.labels)
    }

    /// The 2-d generators draw the test set from the next seed.
    func testMoonsTestSetIsTheNextDraw() throws {
        let split = try DataSource.moons(noise: 0.1).load(DataSelection(samples: 20, testSamples: 10, seed: 7))
        XCTAssertEqual(split.train.features, try Dataset.moons(samples: 20, noise: 0.1, seed: 7).features)
        XCTAssertEqual(split.test?.features, try Dataset.moons(samples: 10, noise: 0.1, seed: 8).features)
    }

    /// A subset larger than the file names the setting and both counts.
    func testTooLargeASubsetOfAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("datasource-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("d.csv").path
        try "label,x0\n0,1\n1,2\n0,3\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try DataSource.csv(train: path, test: nil).load(DataSelection(samples: 4))) { error in
            XCTAssertEqual(error as? DatasetError, .notEnoughExamples(setting: .samples, requested: 4, available: 3))
        }
        XCTAssertEqual(try DataSource.csv(train: path, test: nil).load(DataSelection(samples: 2, first: true)).train.labels, [0, 1])
    }
}
