import CommandTestSupport
import Foundation
import XCTest

final class EstimatorCommandTests: XCTestCase {
    /// d = 30, one hidden layer of 8, 3 classes, 40 examples: M = 275.
    let small = ["train", "--clusters", "3", "--input-dim", "30", "--samples", "40", "--test-samples", "0",
                 "--hidden", "8", "--steps", "30", "--lr", "0.2", "--activation", "tanh"]
    let m = 275

    /// SLQ with --decompose: one row per node for H, G and R, each probe's
    /// weights summing to 1/P; the largest node of H is the largest
    /// eigenvalue of the dense path; stderr says it is an estimate.
    func testSLQWritesNodesAndWeightsForEachMatrix() throws {
        let result = try CommandRunner.run(small + ["--method", "slq", "--probes", "3", "--lanczos-steps", "40", "--decompose"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssert(result.stderr.contains("estimate"), result.stderr)
        let (header, rows) = csvRows(result.stdout)
        XCTAssertEqual(header, ["matrix", "point", "step", "probe", "node", "weight"])
        XCTAssertEqual(Set(rows.map { $0[0] }), ["hessian", "gauss_newton", "residual"])
        for matrix in ["hessian", "gauss_newton", "residual"] {
            for probe in 0..<3 {
                let mine = rows.filter { $0[0] == matrix && $0[3] == String(probe) }
                XCTAssertEqual(mine.count, 40)
                XCTAssertEqual(mine.map { Double($0[5])! }.reduce(0, +), 1.0 / 3, accuracy: 1e-12)
            }
        }
        let dense = csvRows(try CommandRunner.run(small + ["--method", "dense", "--quiet"]).stdout).rows.map { Double($0[4])! }
        let top = rows.filter { $0[0] == "hessian" }.map { Double($0[4])! }.max()!
        XCTAssertEqual(top, dense.max()!, accuracy: 1e-8 * dense.map(abs).max()!)
    }

    /// The trace estimate joins the summary after the exact trace; with
    /// Hutch++ and 150 products on M = 275 it is within 5 % of it.
    func testTraceEstimateInTheSummary() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = folder.appendingPathComponent("summary.csv").path
        let result = try CommandRunner.run(small + ["--top", "2", "--trace-estimator", "hutch++", "--matvecs", "150",
                                                    "--summary", summary, "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let (header, rows) = csvRows(try String(contentsOfFile: summary, encoding: .utf8))
        XCTAssertEqual(Array(header.suffix(3)), ["trace_estimate", "trace_estimator", "trace_matvecs"])
        let row = rows[0], column = { (name: String) in row[header.firstIndex(of: name)!] }
        XCTAssertEqual(column("trace_estimator"), "hutch++")
        XCTAssertEqual(column("trace_matvecs"), "150")
        let exact = Double(column("trace"))!, estimate = Double(column("trace_estimate"))!
        XCTAssertEqual(estimate, exact, accuracy: 0.05 * abs(exact))
    }

    /// Power iteration writes the top K with residuals, near the dense values.
    func testPowerIterationWritesTheTopWithResiduals() throws {
        let result = try CommandRunner.run(small + ["--method", "power", "--top", "2", "--power-tol", "1e-9", "--power-iter", "2000", "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let (header, rows) = csvRows(result.stdout)
        XCTAssertEqual(header.last, "residual_norm")
        XCTAssertEqual(rows.map { Int($0[3])! }, [m - 2, m - 1])
        let dense = csvRows(try CommandRunner.run(small + ["--method", "dense", "--quiet"]).stdout).rows.map { Double($0[4])! }
        let scale = dense.map(abs).max()!
        XCTAssertEqual(Double(rows[1][4])!, dense[m - 1], accuracy: 1e-6 * scale)
    }

    /// Each refused before training: one error line, exit 64, nothing written.
    func testBadEstimatorInputIsRefusedBeforeTraining() throws {
        let cases: [([String], String)] = [
            (["--method", "slq", "--probes", "0"], "--probes must be positive"),
            (["--method", "slq", "--lanczos-steps", "0"], "--lanczos-steps must be positive"),
            (["--method", "slq", "--lanczos-steps", "276"], "more than M = 275"),
            (["--method", "slq", "--save-eigenvectors", "/tmp/never.npy"], "drop --save-eigenvectors"),
            (["--method", "slq", "--top", "3"], "drop --top"),
            (["--probes", "3"], "--method slq only"),
            (["--method", "power"], "needs --top"),
            (["--matvecs", "5"], "--trace-estimator"),
            (["--trace-estimator", "hutch++", "--matvecs", "2"], "--matvecs 3 or more"),
        ]
        for (extra, fragment) in cases {
            let start = Date()
            let result = try CommandRunner.run(small + ["--steps", "100000"] + extra)
            assertCleanFailure(result, mentioning: fragment)
            XCTAssertEqual(result.status, 64, "\(extra): \(result.stderr)")
            XCTAssertFalse(result.stderr.contains("train:"), "\(extra) started training: \(result.stderr)")
            XCTAssertLessThan(Date().timeIntervalSince(start), 10, "\(extra) must be refused before training")
        }
        let sweep = try CommandRunner.run(["clusters", "--clusters", "2,3", "--method", "slq", "--samples", "20"])
        assertCleanFailure(sweep, mentioning: "train and spectrum only")
    }
}
