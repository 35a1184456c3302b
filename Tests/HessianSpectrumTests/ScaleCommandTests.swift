import CommandTestSupport
import Foundation
import XCTest

/// What the iterative path costs and refuses: no exact trace that no flag
/// asked for when it would cost more than the answer, and a Lanczos
/// memory plan that is refused up front.
final class ScaleCommandTests: XCTestCase {
    /// A saved model of `widths` hidden layers with `activation` and its
    /// training set, in a fresh folder.
    func savedModel(hidden widths: String, activation: String) throws -> (model: String, data: String, folder: URL) {
        let folder = try CommandRunner.temporaryFolder()
        let model = folder.appendingPathComponent("model.json").path, data = folder.appendingPathComponent("train.csv").path
        let trained = try CommandRunner.run(["train", "--clusters", "3", "--input-dim", "6", "--samples", "30", "--test-samples", "0",
                                             "--hidden", widths, "--activation", activation, "--steps", "5", "--top", "1",
                                             "--save-model", model, "--save-data", data, "--quiet", "-o", folder.appendingPathComponent("s.csv").path])
        XCTAssertEqual(trained.status, 0, trained.stderr)
        return (model, data, folder)
    }

    /// The trace column of a one-row summary.
    func summaryTrace(_ path: String) throws -> String {
        let (header, rows) = csvRows(try String(contentsOfFile: path, encoding: .utf8))
        let column = try XCTUnwrap(header.firstIndex(of: "trace"))
        return rows[0][column]
    }

    /// Three hidden tanh layers: R's trace needs the per-example blocks.
    /// Beside Lanczos they are not built unless --exact-trace asks, and
    /// stderr says so with their cost before the work; with it, the trace
    /// is there.
    func testLanczosTopOneComputesNoUnrequestedExactTrace() throws {
        let (model, data, folder) = try savedModel(hidden: "5,5,5", activation: "tanh")
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = folder.appendingPathComponent("summary.csv").path
        let base = ["spectrum", "--model", model, "--data", data, "--method", "lanczos", "--top", "1", "--summary", summary]
        let plain = try CommandRunner.run(base)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssert(plain.stderr.contains("trace: not computed"), plain.stderr)
        XCTAssert(plain.stderr.contains("--exact-trace"), plain.stderr)
        XCTAssertFalse(plain.stderr.contains("; trace "), plain.stderr)
        XCTAssertEqual(try summaryTrace(summary), "")
        let asked = try CommandRunner.run(base + ["--exact-trace"])
        XCTAssertEqual(asked.status, 0, asked.stderr)
        XCTAssert(asked.stderr.contains("trace: exact from per-example h × h curvature blocks"), asked.stderr)
        XCTAssertNotNil(Double(try summaryTrace(summary)))
    }

    /// ReLU: the cheap exact path runs, its cost stated first.
    func testReLUTraceTakesTheJacobianPath() throws {
        let (model, data, folder) = try savedModel(hidden: "5,5,5", activation: "relu")
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = folder.appendingPathComponent("summary.csv").path
        let result = try CommandRunner.run(["spectrum", "--model", model, "--data", data, "--method", "lanczos", "--top", "1",
                                            "--summary", summary])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stderr.split(separator: "\n")
        let traceLine = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("trace: exact from per-example output Jacobians, ~") }, result.stderr)
        let methodLine = try XCTUnwrap(lines.firstIndex { $0.contains("lanczos forced by --method") }, result.stderr)
        XCTAssertLessThan(traceLine, methodLine, "the trace's cost is stated before the eigensolve")
        XCTAssertNotNil(Double(try summaryTrace(summary)))
    }

    /// A Lanczos plan that does not fit is refused before any work, with
    /// one error line naming the basis (the memory is capped here by a
    /// Slurm job's limit of 100 MB, enough to train).
    func testLanczosMemoryPlanIsRefusedUpFront() throws {
        let refused = try CommandRunner.run(["train", "--width", "200", "--depth", "2", "--samples", "30", "--steps", "1",
                                             "--method", "lanczos", "--top", "1"], environment: ["SLURM_MEM_PER_NODE": "100"])
        assertCleanFailure(refused, mentioning: "Lanczos with a basis of")
        XCTAssertEqual(refused.status, 1)
    }
}
