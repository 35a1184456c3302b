import CommandTestSupport
import Foundation
import XCTest

final class AuditCommandTests: XCTestCase {
    /// A saved 30-h-3 tanh network on 40 examples: M = 275 for h = 8.
    private func savedNetwork(in folder: URL, hidden: Int = 8) throws -> [String] {
        let model = folder.appendingPathComponent("model\(hidden).json").path, data = folder.appendingPathComponent("data\(hidden).csv").path
        let trained = try CommandRunner.run(["train", "--clusters", "3", "--input-dim", "30", "--samples", "40", "--test-samples", "0",
                                             "--hidden", String(hidden), "--activation", "tanh", "--steps", "30", "--lr", "0.2", "--top", "1",
                                             "--save-model", model, "--save-data", data, "--quiet"])
        XCTAssertEqual(trained.status, 0, trained.stderr)
        return ["--model", model, "--data", data]
    }

    /// The rows' figures against a direct computation in the test from the
    /// same nodes (spectrum --method slq with the same seed and settings)
    /// and the exact eigenvalues (spectrum --method dense).
    func testRowsMatchADirectComputationFromTheSameNodes() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try savedNetwork(in: folder)
        let convergence = folder.appendingPathComponent("convergence.csv").path, figure = folder.appendingPathComponent("audit.svg").path
        let audit = try CommandRunner.run(["audit"] + files + ["--seed", "4", "--probes", "3", "--lanczos-steps", "20",
                                                               "--convergence", convergence, "--figure", figure, "--quiet"])
        XCTAssertEqual(audit.status, 0, audit.stderr)
        let (header, rows) = csvRows(audit.stdout)
        XCTAssertEqual(header, ["estimator", "setting", "matrix", "probes", "steps", "matvecs", "seconds", "w1", "ks", "top1_rel_err",
                                "topk_rel_err", "trace_rel_err", "negative_mass_err", "outliers_exact", "outliers_estimated"])
        XCTAssertEqual(rows.map { "\($0[0]) \($0[1])" }, ["slq pyhessian", "slq hessian-eigenthings;spectral-density", "power pyhessian",
                                                        "hutchinson pyhessian", "hutch++ hessian-eigenthings", "slq given"])
        let exact = csvRows(try CommandRunner.run(["spectrum"] + files + ["--method", "dense", "--quiet"]).stdout).rows.map { Double($0[4])! }.sorted()
        let m = Double(exact.count), range = exact.last! - exact.first!, trace = exact.reduce(0, +)
        for (row, settings) in [(rows[0], ["1", "100"]), (rows[5], ["3", "20"])] {
            let slq = try CommandRunner.run(["spectrum"] + files + ["--method", "slq", "--probes", settings[0], "--lanczos-steps", settings[1],
                                                                     "--seed", "4", "--quiet"])
            let nodes = csvRows(slq.stdout).rows.map { (Double($0[4])!, Double($0[5])!) }
            // W1 and KS from the two distribution functions counted afresh at every atom.
            let xs = (exact + nodes.map(\.0)).sorted()
            var w1 = 0.0, ks = 0.0
            for (k, x) in xs.enumerated() {
                let f = Double(exact.filter { $0 <= x }.count) / m
                let g = nodes.filter { $0.0 <= x }.reduce(0) { $0 + $1.1 }
                ks = max(ks, abs(f - g))
                if k + 1 < xs.count { w1 += abs(f - g) * (xs[k + 1] - x) }
            }
            XCTAssertEqual(Double(row[7])!, w1 / range, accuracy: 1e-9 * w1 / range, "w1 of \(row[1])")
            XCTAssertEqual(Double(row[8])!, ks, accuracy: 1e-12, "ks of \(row[1])")
            let top = nodes.map(\.0).max()!
            XCTAssertEqual(Double(row[9])!, abs(top - exact.last!) / abs(exact.last!), accuracy: 1e-12)
            let estimate = m * nodes.reduce(0) { $0 + $1.0 * $1.1 }
            XCTAssertEqual(Double(row[11])!, abs(estimate - trace) / abs(trace), accuracy: 1e-9)
        }
        let power = rows[2]
        XCTAssertEqual(power[4], "100")
        XCTAssertLessThanOrEqual(Double(power[9])!, Double(power[10])!)
        XCTAssertFalse(try String(contentsOfFile: convergence, encoding: .utf8).isEmpty)
        XCTAssert(try String(contentsOfFile: figure, encoding: .utf8).hasPrefix("<?xml"))
    }

    /// Refused before any work: a network whose exact spectrum cannot fit
    /// (here a 1 MB job limit), and settings out of range.
    func testRefusals() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try savedNetwork(in: folder)
        // M = 1023: the dense matrix needs 8.4 MB.
        let wider = try savedNetwork(in: folder, hidden: 30)
        let tooBig = try CommandRunner.run(["audit"] + wider, environment: ["SLURM_MEM_PER_NODE": "1"])
        assertCleanFailure(tooBig, mentioning: "audit compares with every exact eigenvalue")
        XCTAssertEqual(tooBig.status, 64, tooBig.stderr)
        for (extra, fragment) in [(["--lanczos-steps", "276"], "more than M = 275"), (["--probes", "0"], "--probes must be positive"),
                                  (["--repeats", "0"], "--repeats must be positive"), (["--matvecs", "2"], "at least 3")] {
            let result = try CommandRunner.run(["audit"] + files + extra)
            assertCleanFailure(result, mentioning: fragment)
            XCTAssertEqual(result.status, 64, result.stderr)
        }
    }
}
