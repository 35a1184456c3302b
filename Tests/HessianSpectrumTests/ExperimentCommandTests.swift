import CommandTestSupport
import Foundation
import XCTest

final class ExperimentCommandTests: XCTestCase {
    let data = ["--clusters", "3", "--input-dim", "4", "--samples", "40", "--test-samples", "20"]

    func testWidthsWritesOneSpectrumPerWidthAndASummary() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = folder.appendingPathComponent("summary.csv").path
        let result = try CommandRunner.run(["widths", "--widths", "2,3", "--depth", "1", "--steps", "10", "--quiet", "--summary", summary, "--summary-top", "3"] + data)
        XCTAssertEqual(result.status, 0, result.stderr)
        let (header, rows) = csvRows(result.stdout)
        XCTAssertEqual(header, ["width", "params", "matrix", "point", "step", "index", "eigenvalue"])
        XCTAssertEqual(rows.filter { $0[0] == "2" }.count, 4 * 2 + 2 + 3 * 3)
        XCTAssertEqual(rows.filter { $0[0] == "3" }.count, 4 * 3 + 3 + 3 * 4)
        XCTAssertEqual(csvRows(try String(contentsOfFile: summary, encoding: .utf8)).header,
                       ["width", "params", "matrix", "series", "rank", "rank_percent", "eigenvalue"])
    }

    func testBatchTwoPhaseAndInterpolateChain() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let large = folder.appendingPathComponent("large.json").path
        let small = folder.appendingPathComponent("small.json").path
        let curves = folder.appendingPathComponent("curves.csv").path
        let batch = try CommandRunner.run(["batch", "--small", "4", "--large", "32", "--steps", "10", "--every", "5", "--width", "4",
                                           "--curves", curves, "--quiet"] + data)
        XCTAssertEqual(batch.status, 0, batch.stderr)
        XCTAssertEqual(Set(csvRows(batch.stdout).rows.map { $0[0] }), ["4", "32"])
        XCTAssertEqual(csvRows(try String(contentsOfFile: curves, encoding: .utf8)).rows.count, 2 * 3)

        let phases = try CommandRunner.run(["two-phase", "--large", "32", "--small", "4", "--large-steps", "10", "--small-steps", "10",
                                            "--every", "5", "--width", "4", "--save-large", large, "--save-small", small, "--quiet"] + data)
        XCTAssertEqual(phases.status, 0, phases.stderr)
        let curve = csvRows(phases.stdout)
        XCTAssertEqual(curve.header, ["phase", "batch_size", "step", "train_loss", "train_accuracy", "test_loss", "test_accuracy"])
        let switchRow = try XCTUnwrap(curve.rows.last { $0[0] == "large" })
        let endRow = try XCTUnwrap(curve.rows.last)

        let line = try CommandRunner.run(["interpolate", "--from", large, "--to", small, "--alphas", "-1:2:7", "--quiet"] + data)
        XCTAssertEqual(line.status, 0, line.stderr)
        let points = csvRows(line.stdout)
        XCTAssertEqual(points.header, ["alpha", "train_loss", "train_accuracy", "test_loss", "test_accuracy"])
        XCTAssertEqual(points.rows.map { $0[0] }, ["-1.0", "-0.5", "0.0", "0.5", "1.0", "1.5", "2.0"])
        // α = 0 and α = 1 reproduce the endpoints' losses exactly.
        XCTAssertEqual(points.rows[2][1], switchRow[3])
        XCTAssertEqual(points.rows[4][1], endRow[3])
        XCTAssertEqual(points.rows[4][3], endRow[5])
    }

    func testClustersWritesSpectraAndTable() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = folder.appendingPathComponent("table.csv").path
        let result = try CommandRunner.run(["clusters", "--clusters", "2,3", "--input-dim", "5", "--samples", "30", "--test-samples", "0",
                                            "--hidden", "4", "--steps", "20", "--table", table, "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let (header, rows) = csvRows(result.stdout)
        XCTAssertEqual(header, ["clusters", "params", "matrix", "point", "step", "index", "eigenvalue"])
        XCTAssertEqual(rows.filter { $0[0] == "2" }.count, 4 * 6 + 2 * 5)
        XCTAssertEqual(rows.filter { $0[0] == "3" }.count, 4 * 6 + 3 * 5)
        XCTAssertEqual(csvRows(try String(contentsOfFile: table, encoding: .utf8)).rows.count, 2)
    }

}
