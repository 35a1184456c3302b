import Foundation
import XCTest

final class ExperimentCommandTests: XCTestCase {
    let data = ["--clusters", "3", "--input-dim", "4", "--samples", "40", "--test-samples", "20"]

    func testWidthsWritesOneSpectrumPerWidthAndASummary() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = folder.appendingPathComponent("summary.csv").path
        let result = try CommandRunner.run(["widths", "--widths", "2,3", "--steps", "10", "--quiet", "--summary", summary, "--top", "3"] + data)
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

    func testExperimentBadInputs() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        assertCleanFailure(try CommandRunner.run(["widths", "--widths", ""] + data), mentioning: "--widths")
        assertCleanFailure(try CommandRunner.run(["widths", "--widths", "3,x"] + data), mentioning: "--widths")
        assertCleanFailure(try CommandRunner.run(["batch", "--small", "32", "--large", "32"] + data), mentioning: "--small")
        assertCleanFailure(try CommandRunner.run(["two-phase", "--small", "64", "--large", "32"] + data), mentioning: "--small")
        let model = folder.appendingPathComponent("m.json").path
        let other = folder.appendingPathComponent("o.json").path
        XCTAssertEqual(try CommandRunner.run(["train", "--width", "3", "--steps", "1", "--quiet", "--save-model", model] + data).status, 0)
        XCTAssertEqual(try CommandRunner.run(["train", "--width", "5", "--steps", "1", "--quiet", "--save-model", other] + data).status, 0)
        for alphas in ["1:2", "2:1:5", "a:b:c", "0:1:0"] {
            assertCleanFailure(try CommandRunner.run(["interpolate", "--from", model, "--to", model, "--alphas", alphas] + data), mentioning: "--alphas")
        }
        assertCleanFailure(try CommandRunner.run(["interpolate", "--from", model, "--to", other] + data), mentioning: "different layers")
        assertCleanFailure(try CommandRunner.run(["interpolate", "--from", model, "--to", model, "--input-dim", "6", "--clusters", "3"]), mentioning: "inputs")
    }
}

final class ClustersCommandTests: XCTestCase {
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

    func testClustersBadInputs() throws {
        assertCleanFailure(try CommandRunner.run(["clusters", "--clusters", "2,1"]), mentioning: "--clusters")
        assertCleanFailure(try CommandRunner.run(["clusters", "--clusters", ""]), mentioning: "--clusters")
        assertCleanFailure(try CommandRunner.run(["clusters", "--dataset", "csv", "--data", "x.csv"]), mentioning: "blobs")
        assertCleanFailure(try CommandRunner.run(["train", "--clusters", "2,3"]), mentioning: "--clusters")
    }
}

final class ReproduceCommandTests: XCTestCase {
    /// The scaled-down run writes every figure's CSV and SVG and a README
    /// whose table names each file.
    func testQuickReproductionWritesEveryFigure() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(["reproduce", "--quick", "--out", folder.path, "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        for name in ["README.md", "fig1_spectrum.csv", "fig1_spectrum.svg", "table1_outliers.csv", "fig2_relu_gd_spectra.csv",
                     "fig3_widths_spectra.csv", "fig3_fig5_widths_summary.csv", "fig4_fig6_batch_spectra.csv", "fig4_batch_curves.csv",
                     "fig7_two_phase_curves.csv", "fig8_interpolation.csv", "fig8_interpolation.svg", "companion_two_blobs_spectra.csv"] {
            XCTAssert(files.contains(name), "missing \(name)")
        }
        let readme = try String(contentsOfFile: folder.appendingPathComponent("README.md").path, encoding: .utf8)
        for figure in ["Fig 1", "Fig 2", "Table 1", "Fig 3, Fig 5", "Fig 4, Fig 6", "Fig 7", "Fig 8"] {
            XCTAssert(readme.contains("| \(figure)"), "README lacks \(figure)")
        }
        XCTAssertFalse(files.contains { $0.hasSuffix(".tmp") })
    }
}
