import CommandTestSupport
import Foundation
import XCTest

final class TrainCommandTests: XCTestCase {
    /// d = 4, widths 5,5, 3 classes: M = 5·5 + 5·6 + 3·6 = 73.
    let small = ["train", "--clusters", "3", "--input-dim", "4", "--samples", "30", "--test-samples", "12",
                 "--width", "5", "--steps", "40", "--lr", "0.2", "--quiet"]
    let m = 73

    func testHelpListsTheSubcommandsAndFlags() throws {
        let root = try CommandRunner.run(["--help"])
        XCTAssertEqual(root.status, 0)
        for word in ["train", "spectrum"] { XCTAssert(root.stdout.contains(word), word) }
        let train = try CommandRunner.run(["train", "--help"])
        XCTAssertEqual(train.status, 0)
        for flag in ["--hidden", "--width", "--depth", "--activation", "--loss", "--lr", "--batch-size", "--steps",
                     "--grad-tol", "--at", "--every", "--init-scale", "--clusters", "--cov-scale", "--input-dim",
                     "--samples", "--test-samples", "--data-seed", "--decompose", "--summary", "--save-model", "--save-data", "--output"] {
            XCTAssert(train.stdout.contains(flag), "train --help should list \(flag)")
        }
    }

    func testSpectrumCSVHasOneRowPerParameterInAscendingOrder() throws {
        let result = try CommandRunner.run(small)
        XCTAssertEqual(result.status, 0, result.stderr)
        let (header, rows) = csvRows(result.stdout)
        XCTAssertEqual(header, ["matrix", "point", "step", "index", "eigenvalue"])
        XCTAssertEqual(rows.count, m)
        let values = rows.map { Double($0[4])! }
        XCTAssertEqual(values, values.sorted())
        XCTAssertEqual(rows.map { Int($0[3])! }, Array(0..<m))
        XCTAssert(rows.allSatisfy { $0[0] == "hessian" && $0[1] == "final" && $0[2] == "40" })
        // Shortest round-trip text: it reads back to the same Double and prints the same.
        for row in rows { XCTAssertEqual(Double(row[4])!.description, row[4]) }
    }

    func testSameSeedsGiveByteIdenticalOutput() throws {
        let args = small + ["--batch-size", "7", "--seed", "3", "--data-seed", "4"]
        let a = try CommandRunner.run(args), b = try CommandRunner.run(args)
        XCTAssertEqual(a.status, 0, a.stderr)
        XCTAssertEqual(a.stdout, b.stdout)
        let c = try CommandRunner.run(small + ["--batch-size", "7", "--seed", "5", "--data-seed", "4"])
        XCTAssertNotEqual(a.stdout, c.stdout)
    }

    func testDecomposeWritesAllThreeMatricesThatAddUp() throws {
        let result = try CommandRunner.run(small + ["--decompose", "--at", "init,final", "--every", "20"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = csvRows(result.stdout).rows
        // init, step 20, final 40 (measured once, not also as step 40); three matrices each.
        XCTAssertEqual(rows.count, 3 * 3 * m)
        for matrix in ["hessian", "gauss_newton", "residual"] {
            for (point, step) in [("init", "0"), ("step", "20"), ("final", "40")] {
                XCTAssertEqual(rows.filter { $0[0] == matrix && $0[1] == point && $0[2] == step }.count, m, "\(matrix) \(point) \(step)")
            }
            // trace(H) = trace(G) + trace(R): compare the eigenvalue sums.
        }
        func sum(_ matrix: String) -> Double {
            rows.filter { $0[0] == matrix && $0[1] == "final" }.reduce(0) { $0 + Double($1[4])! }
        }
        XCTAssertEqual(sum("hessian"), sum("gauss_newton") + sum("residual"), accuracy: 1e-10)
        let g = rows.filter { $0[0] == "gauss_newton" && $0[1] == "final" }.map { Double($0[4])! }
        XCTAssertGreaterThan(g.min()!, -1e-10 * g.max()!, "G is positive semi-definite")
    }

    func testSummaryModelAndDataFiles() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = folder.appendingPathComponent("summary.csv").path
        let model = folder.appendingPathComponent("model.json").path
        let data = folder.appendingPathComponent("train.csv").path
        let spectrum = folder.appendingPathComponent("spectrum.csv").path
        let result = try CommandRunner.run(small + ["--summary", summary, "--save-model", model, "--save-data", data, "-o", spectrum])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "")
        let (header, rows) = csvRows(try String(contentsOfFile: summary, encoding: .utf8))
        for column in ["params", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "grad_norm", "steps", "assemble_seconds", "eigen_seconds"] {
            XCTAssert(header.contains(column), column)
        }
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows[0][header.firstIndex(of: "params")!], String(m))
        XCTAssertEqual(rows[0][header.firstIndex(of: "steps")!], "40")
        let modelText = try String(contentsOfFile: model, encoding: .utf8)
        XCTAssert(modelText.hasPrefix("{\"format\":\"hessian-spectrum-mlp\",\"version\":1,\"layers\":[4,5,5,3],\"activation\":\"relu\",\"loss\":\"nll\",\"parameters\":["))
        let dataRows = csvRows(try String(contentsOfFile: data, encoding: .utf8))
        XCTAssertEqual(dataRows.header, ["label", "x0", "x1", "x2", "x3"])
        XCTAssertEqual(dataRows.rows.count, 30)

        // The saved model on the saved data gives the same spectrum.
        let again = try CommandRunner.run(["spectrum", "--model", model, "--data", data, "--quiet"])
        XCTAssertEqual(again.status, 0, again.stderr)
        let trained = csvRows(try String(contentsOfFile: spectrum, encoding: .utf8)).rows.map { Double($0[4])! }
        let reread = csvRows(again.stdout).rows.map { Double($0[4])! }
        XCTAssertEqual(trained.count, reread.count)
        let scale = trained.map(abs).max()!
        for (a, b) in zip(trained, reread) { XCTAssertEqual(a, b, accuracy: 1e-12 * scale) }
    }

    /// The kernel chosen automatically gives the same eigenvalues as the
    /// generic one, to round-off.
    func testChosenBLASKernelAgreesWithTheGenericKernel() throws {
        let args = small + ["--decompose"]
        let auto = try CommandRunner.run(args)
        let generic = try CommandRunner.run(args, environment: ["OPENBLAS_CORETYPE": "Prescott"])
        XCTAssertEqual(auto.status, 0, auto.stderr)
        XCTAssertEqual(generic.status, 0, generic.stderr)
        let a = csvRows(auto.stdout).rows.map { Double($0[4])! }
        let b = csvRows(generic.stdout).rows.map { Double($0[4])! }
        XCTAssertEqual(a.count, b.count)
        let scale = a.map(abs).max()!
        for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1e-10 * scale) }
    }

    func testProgressGoesToStderrAndNamesTheKernel() throws {
        let result = try CommandRunner.run(Array(small.dropLast()))
        XCTAssertEqual(result.status, 0)
        XCTAssert(result.stderr.contains("BLAS kernel"), result.stderr)
        XCTAssert(result.stdout.hasPrefix("matrix,point,step,index,eigenvalue\n"))
    }
}
