import Foundation
import CommandTestSupport
import XCTest

/// `--blocks`, `--block-norms` and `--anatomy` through the binary.
final class BlockCommandTests: XCTestCase {
    /// 3-5-3 on 3 clusters: M = 20 + 18 = 38.
    private let small = ["--clusters", "3", "--input-dim", "3", "--samples", "30", "--test-samples", "0", "--steps", "5",
                         "--hidden", "5", "--quiet"]

    private func rows(_ path: URL) throws -> (header: [String], rows: [[String]]) {
        csvRows(try String(contentsOf: path, encoding: .utf8))
    }

    /// The whole matrices' rows (block `all`) are the CSV written without
    /// --blocks, byte for byte once the column is taken out; each matrix
    /// has M block eigenvalues; the block norms' shares sum to 1 per
    /// matrix; the summary gains the block-diagonal columns.
    func testTrainWritesBlockSpectraNormsAndSummary() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let norms = folder.appendingPathComponent("norms.csv"), summary = folder.appendingPathComponent("summary.csv")
        let plain = try CommandRunner.run(["train", "--decompose"] + small)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        let run = try CommandRunner.run(["train", "--decompose", "--blocks", "layers", "--block-norms", norms.path,
                                         "--summary", summary.path] + small)
        XCTAssertEqual(run.status, 0, run.stderr)
        let (header, table) = csvRows(run.stdout)
        XCTAssertEqual(header, ["matrix", "block", "point", "step", "index", "eigenvalue"])
        let whole = table.filter { $0[1] == "all" }.map { ([$0[0]] + $0[2...]).joined(separator: ",") }
        XCTAssertEqual((["matrix,point,step,index,eigenvalue"] + whole).joined(separator: "\n") + "\n", plain.stdout)
        for matrix in ["hessian", "gauss_newton", "residual"] {
            XCTAssertEqual(table.filter { $0[0] == matrix && $0[1] == "layer1" }.count, 20, matrix)
            XCTAssertEqual(table.filter { $0[0] == matrix && $0[1] == "layer2" }.count, 18, matrix)
        }
        let normRows = try rows(norms)
        XCTAssertEqual(normRows.header, ["matrix", "point", "step", "block_a", "block_b", "frobenius_norm", "share"])
        XCTAssertEqual(normRows.rows.count, 3 * 4)
        for matrix in ["hessian", "gauss_newton", "residual"] {
            let shares = normRows.rows.filter { $0[0] == matrix }.compactMap { Double($0[6]) }
            XCTAssertEqual(shares.reduce(0, +), 1, accuracy: 1e-12, matrix)
        }
        let summaryRows = try rows(summary)
        XCTAssertEqual(Array(summaryRows.header.suffix(3)), ["block_diagonal_w1", "outliers", "block_diagonal_outliers"])
        XCTAssertNotNil(Double(summaryRows.rows[0][summaryRows.header.count - 3]))
    }

    /// `spectrum --top 3 --save-eigenvectors --anatomy` on a bias-free
    /// network: one row per vector and subspace, no bias of layer 2, the
    /// blocks' fractions summing to 1 and the gradient's in [0, 1].
    func testSpectrumWritesTheAnatomyOfABiasFreeNetwork() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("m.json").path, data = folder.appendingPathComponent("d.csv").path
        let anatomy = folder.appendingPathComponent("anatomy.csv"), vectors = folder.appendingPathComponent("v.npy").path
        let train = try CommandRunner.run(["train", "--no-bias", "2", "--save-model", model, "--save-data", data] + small)
        XCTAssertEqual(train.status, 0, train.stderr)
        let run = try CommandRunner.run(["spectrum", "--model", model, "--data", data, "--top", "3", "--save-eigenvectors", vectors,
                                         "--anatomy", anatomy.path, "--blocks", "weights-biases", "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(Set(csvRows(run.stdout).rows.map { $0[1] }), ["all", "layer1.weight", "layer1.bias", "layer2.weight"])
        let (header, table) = try rows(anatomy)
        XCTAssertEqual(header, ["matrix", "point", "step", "vector", "index", "eigenvalue", "subspace", "fraction"])
        XCTAssertEqual(table.map { $0[6] }, Array(repeating: ["layer1.weight", "layer1.bias", "layer2.weight", "gradient"], count: 3).flatMap { $0 })
        XCTAssertEqual(table.map { $0[3] }, ["0", "0", "0", "0", "1", "1", "1", "1", "2", "2", "2", "2"])
        for vector in ["0", "1", "2"] {
            let fractions = table.filter { $0[3] == vector }.compactMap { Double($0[7]) }
            XCTAssertEqual(fractions.dropLast().reduce(0, +), 1, accuracy: 1e-12)
            XCTAssert((0...1).contains(fractions.last ?? -1))
        }
    }

    /// What cannot be honoured is refused before any work, with exit 64 and
    /// no file left behind.
    func testRefusals() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("out.csv").path
        for (arguments, fragment) in [
            (["--anatomy", file], "--save-eigenvectors"),
            (["--anatomy", file, "--top", "2"], "--save-eigenvectors"),
            (["--block-norms", file], "--blocks"),
            (["--blocks", "layers", "--method", "slq"], "--blocks"),
            (["--blocks", "layers", "--method", "power", "--top", "2"], "--blocks"),
            (["--blocks", "rows"], "--blocks"),
        ] {
            let result = try CommandRunner.run(["train"] + small + arguments)
            assertCleanFailure(result, mentioning: fragment)
            XCTAssertEqual(result.status, 64, arguments.joined(separator: " "))
            XCTAssertFalse(FileManager.default.fileExists(atPath: file), arguments.joined(separator: " "))
        }
    }
}
