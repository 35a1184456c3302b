import Foundation
import XCTest

final class DataCommandTests: XCTestCase {
    func testFashionMNISTSubsetTrainsAndWritesItsSpectrum() throws {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist"), "dataset-fashion-mnist is not installed")
        let result = try CommandRunner.run(["train", "--dataset", "fashion-mnist", "--samples", "40", "--test-samples", "20",
                                            "--hidden", "2", "--steps", "3", "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        // 784-2-10: 2·785 + 10·3 parameters.
        XCTAssertEqual(csvRows(result.stdout).rows.count, 2 * 785 + 10 * 3)
    }

    func testCSVDataRoundTripsThroughTrain() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("train.csv").path
        let common = ["--hidden", "4", "--steps", "20", "--quiet", "--test-samples", "0"]
        let first = try CommandRunner.run(["train", "--clusters", "3", "--input-dim", "5", "--samples", "30", "--save-data", data] + common)
        XCTAssertEqual(first.status, 0, first.stderr)
        let again = try CommandRunner.run(["train", "--dataset", "csv", "--data", data] + common)
        XCTAssertEqual(again.status, 0, again.stderr)
        // Same data, same seeds: the same spectrum, to the bit.
        XCTAssertEqual(first.stdout, again.stdout)
        let subset = try CommandRunner.run(["train", "--dataset", "csv", "--data", data, "--samples", "12"] + common)
        XCTAssertEqual(subset.status, 0, subset.stderr)
        assertCleanFailure(try CommandRunner.run(["train", "--dataset", "csv", "--data", data, "--samples", "31"] + common), mentioning: "--samples")
    }

    func testDataFlagErrors() throws {
        assertCleanFailure(try CommandRunner.run(["train", "--dataset", "idx", "--images", "x"]), mentioning: "--labels")
        assertCleanFailure(try CommandRunner.run(["train", "--dataset", "mnist"]), mentioning: "--data-dir")
        assertCleanFailure(try CommandRunner.run(["train", "--dataset", "csv"]), mentioning: "--data")
        assertCleanFailure(try CommandRunner.run(["train", "--dataset", "mnist", "--data-dir", "/nonexistent-folder"]), mentioning: "no such folder")
        assertCleanFailure(try CommandRunner.run(["train", "--dataset", "csv", "--data", "/nonexistent.csv"]), mentioning: "/nonexistent.csv")
        assertCleanFailure(try CommandRunner.run(["train", "--dataset", "imagenet"]), mentioning: "dataset")
    }
}
