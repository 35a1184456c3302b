import CommandTestSupport
import Foundation
import XCTest

final class DataCommandTests: XCTestCase {
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

}
