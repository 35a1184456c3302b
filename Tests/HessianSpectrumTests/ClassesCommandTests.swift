import Foundation
import CommandTestSupport
import XCTest

/// `--decompose classes`, `--classes-table` and their refusals through the binary.
final class ClassesCommandTests: XCTestCase {
    /// 3-5-3 on 3 clusters: M = 20 + 18 = 38.
    private let small = ["--clusters", "3", "--input-dim", "3", "--samples", "30", "--test-samples", "0", "--steps", "5",
                         "--hidden", "5", "--quiet"]
    private let m = 38

    private func rows(_ path: URL) throws -> (header: [String], rows: [[String]]) {
        csvRows(try String(contentsOf: path, encoding: .utf8))
    }

    /// The three levels are M rows each after H's; their eigenvalue sums
    /// (traces) add up to G's; `--decompose` alone is unchanged, and
    /// `gauss-newton,classes` writes both.
    func testTrainWritesTheThreeLevelsWhoseTracesAddUpToG() throws {
        let plain = try CommandRunner.run(["train", "--decompose"] + small)
        let named = try CommandRunner.run(["train", "--decompose", "gauss-newton"] + small)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertEqual(plain.stdout, named.stdout)
        let both = try CommandRunner.run(["train", "--decompose", "gauss-newton,classes"] + small)
        XCTAssertEqual(both.status, 0, both.stderr)
        let table = csvRows(both.stdout).rows
        func values(_ matrix: String) -> [Double] { table.filter { $0[0] == matrix }.compactMap { Double($0[4]) } }
        for matrix in ["hessian", "gauss_newton", "residual", "gn_class", "gn_cross", "gn_within"] {
            XCTAssertEqual(values(matrix).count, m, matrix)
        }
        XCTAssertTrue(both.stdout.hasPrefix(plain.stdout), "the H, G, R rows come first and unchanged")
        let trace = values("gauss_newton").reduce(0, +)
        let parts = ["gn_class", "gn_cross", "gn_within"].map { values($0).reduce(0, +) }.reduce(0, +)
        XCTAssertEqual(parts, trace, accuracy: 1e-10 * trace)
        // Ranks: at most C = 3 and C(C−1) = 6 nonzero eigenvalues.
        XCTAssertLessThanOrEqual(values("gn_class").filter { $0 != 0 }.count, 3)
        XCTAssertLessThanOrEqual(values("gn_cross").filter { $0 != 0 }.count, 6)
    }

    /// The table has T = C² = 9 eigenvalues of H and G, 3 of gn_class, 6 of
    /// gn_cross and two fractions in [0, 1] per H vector, at each point;
    /// with --anatomy each saved vector gains class_span and cross_span.
    func testClassesTableAndAnatomy() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = folder.appendingPathComponent("classes.csv"), anatomy = folder.appendingPathComponent("anatomy.csv")
        let vectors = folder.appendingPathComponent("v.npy")
        let run = try CommandRunner.run(["train", "--decompose", "classes", "--classes-table", table.path, "--at", "init,final",
                                         "--top", "4", "--save-eigenvectors", vectors.path, "--anatomy", anatomy.path] + small)
        XCTAssertEqual(run.status, 0, run.stderr)
        let (header, body) = try rows(table)
        XCTAssertEqual(header, ["point", "step", "matrix", "rank", "measure", "value"])
        for point in ["init", "final"] {
            let here = body.filter { $0[0] == point }
            func count(_ matrix: String, _ measure: String) -> Int { here.filter { $0[2] == matrix && $0[4] == measure }.count }
            XCTAssertEqual(count("hessian", "eigenvalue"), 9)
            XCTAssertEqual(count("gauss_newton", "eigenvalue"), 9)
            XCTAssertEqual(count("gn_class", "eigenvalue"), 3)
            XCTAssertEqual(count("gn_cross", "eigenvalue"), 6)
            for measure in ["class_span_fraction", "cross_span_fraction"] {
                let fractions = here.filter { $0[4] == measure }.compactMap { Double($0[5]) }
                XCTAssertEqual(fractions.count, 9)
                XCTAssertTrue(fractions.allSatisfy { (0...1).contains($0) }, measure)
            }
            let h = here.filter { $0[2] == "hessian" && $0[4] == "eigenvalue" }.compactMap { Double($0[5]) }
            XCTAssertEqual(h, h.sorted(by: >))
        }
        let spans = try rows(anatomy).rows.filter { $0[6] == "class_span" || $0[6] == "cross_span" }
        XCTAssertEqual(spans.count, 2 * 2 * 4, "two fractions of four vectors at two points")
        XCTAssertTrue(spans.compactMap { Double($0[7]) }.allSatisfy { (0...1).contains($0) })
    }

    /// `spectrum` on a saved model writes the levels and the table at point
    /// `final` with an empty step; `clusters` and `widths` lead the table's
    /// rows with their sweep's value and M.
    func testSpectrumAndSweepsWriteTheTable() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("m.json").path, data = folder.appendingPathComponent("d.csv").path
        let table = folder.appendingPathComponent("classes.csv")
        let train = try CommandRunner.run(["train", "--save-model", model, "--save-data", data] + small)
        XCTAssertEqual(train.status, 0, train.stderr)
        let run = try CommandRunner.run(["spectrum", "--model", model, "--data", data, "--decompose", "classes",
                                         "--classes-table", table.path, "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(csvRows(run.stdout).rows.filter { $0[0] == "gn_within" }.count, m)
        let written = try rows(table).rows
        XCTAssertEqual(written.count, 9 * 3 + 9 + 3 + 6)
        XCTAssertTrue(written.allSatisfy { $0[0] == "final" && $0[1] == "" })

        let sweep = try CommandRunner.run(["clusters", "--clusters", "2,3", "--input-dim", "3", "--hidden", "4", "--samples", "24",
                                           "--test-samples", "0", "--steps", "5", "--decompose", "classes", "--classes-table", table.path,
                                           "--quiet"])
        XCTAssertEqual(sweep.status, 0, sweep.stderr)
        let (header, body) = try rows(table)
        XCTAssertEqual(Array(header.prefix(2)), ["clusters", "params"])
        XCTAssertEqual(body.filter { $0[0] == "2" && $0[4] == "gn_cross" }.count, 2)
        XCTAssertEqual(body.filter { $0[0] == "3" && $0[4] == "gn_cross" }.count, 6)
        let widths = try CommandRunner.run(["widths", "--widths", "3,4", "--depth", "1", "--clusters", "3", "--input-dim", "3",
                                            "--samples", "24", "--test-samples", "0", "--steps", "5", "--decompose", "classes",
                                            "--classes-table", table.path, "--quiet"])
        XCTAssertEqual(widths.status, 0, widths.stderr)
        let byWidth = try rows(table)
        XCTAssertEqual(Array(byWidth.header.prefix(2)), ["width", "params"])
        XCTAssertEqual(Set(byWidth.rows.map { $0[0] }), ["3", "4"])
    }

    /// Refusals, each one line and exit 64 before any work.
    func testRefusals() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = folder.appendingPathComponent("t.csv").path
        let cases: [([String], String)] = [
            (["--classes-table", table], "--decompose classes"),
            (["--decompose", "classes", "--method", "slq"], "exact"),
            (["--decompose", "classes", "--method", "power", "--top", "2"], "exact"),
            (["--decompose", "clases"], "clases"),
        ]
        for (extra, fragment) in cases {
            let result = try CommandRunner.run(["train"] + small + extra)
            assertCleanFailure(result, mentioning: fragment)
            XCTAssertEqual(result.status, 64, "\(extra)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: table))
        }
    }
}
