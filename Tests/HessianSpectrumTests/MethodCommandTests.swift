import CommandTestSupport
import Foundation
import XCTest

final class MethodCommandTests: XCTestCase {
    /// d = 30, one hidden layer of 8, 3 classes, 40 examples: M = 8·31 + 3·9
    /// = 275 and r = 40·2 + 2·3·8 = 128 < M, so auto takes the factored form.
    let small = ["train", "--clusters", "3", "--input-dim", "30", "--samples", "40", "--test-samples", "0",
                 "--hidden", "8", "--steps", "30", "--lr", "0.2"]
    let m = 275

    func values(_ stdout: String) -> [Double] { csvRows(stdout).rows.map { Double($0[4])! } }

    /// auto, dense and factored write the same M eigenvalues (to 1e-9 of
    /// max|λ|), and stderr says which method ran and why.
    func testMethodsAgreeAndStderrNamesTheMethod() throws {
        let auto = try CommandRunner.run(small)
        XCTAssertEqual(auto.status, 0, auto.stderr)
        XCTAssert(auto.stderr.contains("auto chose factored"), auto.stderr)
        let dense = try CommandRunner.run(small + ["--method", "dense", "--quiet"])
        XCTAssertEqual(dense.status, 0, dense.stderr)
        let a = values(auto.stdout), d = values(dense.stdout)
        XCTAssertEqual(a.count, m)
        XCTAssertEqual(d.count, m)
        let scale = d.map(abs).max()!
        for (x, y) in zip(a, d) { XCTAssertEqual(x, y, accuracy: 1e-9 * scale) }
    }

    /// Lanczos writes only the extremes, each with its index among all M
    /// eigenvalues and a residual_norm column; the same values as dense.
    func testLanczosWritesExtremesWithIndicesAndResiduals() throws {
        let result = try CommandRunner.run(small + ["--method", "lanczos", "--top", "3", "--bottom", "2", "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let (header, rows) = csvRows(result.stdout)
        XCTAssertEqual(header, ["matrix", "point", "step", "index", "eigenvalue", "residual_norm"])
        XCTAssertEqual(rows.map { Int($0[3])! }, [0, 1, m - 3, m - 2, m - 1])
        let dense = values(try CommandRunner.run(small + ["--method", "dense", "--quiet"]).stdout)
        let scale = dense.map(abs).max()!
        for row in rows {
            XCTAssertEqual(Double(row[4])!, dense[Int(row[3])!], accuracy: 1e-8 * scale)
            XCTAssertLessThanOrEqual(Double(row[5])!, 1e-8 * scale)
        }
    }
}
