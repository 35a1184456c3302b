import Foundation
import CommandTestSupport
import XCTest

/// `train --no-bias` through the binary.
final class BiasFreeCommandTests: XCTestCase {
    private let small = ["--clusters", "3", "--input-dim", "3", "--samples", "30", "--test-samples", "0", "--steps", "5", "--quiet"]

    /// d = 3, hidden 5, 3 classes with layer 2 bias-free: M = 3·5 + 5 + 5·3
    /// = 35 (38 with its bias); the saved model and data give `spectrum`
    /// the same 35 eigenvalues, and a layer out of range is a usage error.
    func testTrainWithoutABiasSavesAndReadsBack() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("m.safetensors").path, data = folder.appendingPathComponent("d.csv").path
        let train = try CommandRunner.run(["train", "--hidden", "5", "--no-bias", "2"] + small + ["--save-model", model, "--save-data", data])
        XCTAssertEqual(train.status, 0, train.stderr)
        let trained = csvRows(train.stdout).rows.map { $0[4] }
        XCTAssertEqual(trained.count, 35)
        let spectrum = try CommandRunner.run(["spectrum", "--model", model, "--data", data, "--quiet"])
        XCTAssertEqual(spectrum.status, 0, spectrum.stderr)
        XCTAssertEqual(csvRows(spectrum.stdout).rows.map { $0[4] }, trained)
        let wrong = try CommandRunner.run(["train", "--hidden", "5", "--no-bias", "3"] + small)
        assertCleanFailure(wrong, mentioning: "--no-bias 3")
        XCTAssertEqual(wrong.status, 64)
    }
}
