import CommandTestSupport
import Foundation
import XCTest

/// `hessian-spectrum outliers` end to end: stdin or a file in, stdout or a
/// file out, and one clean error line for bad input.
final class OutliersCommandTests: XCTestCase {
    /// k = 2: u = 4, 0 raised to z = 4e-6 → one outlier by gap and ratio, no
    /// elbow with two values. k = 5: u = 6, 5, then z → two.
    let spectrum = """
        clusters,matrix,point,step,index,eigenvalue
        2,hessian,final,10,0,0
        2,hessian,final,10,1,4
        5,hessian,final,10,0,-0.25
        5,hessian,final,10,1,0
        5,hessian,final,10,2,5
        5,hessian,final,10,3,6

        """

    let header = ["clusters", "matrix", "point", "step", "count", "largest_gap", "largest_ratio", "elbow",
                  "negatives", "near_zero_fraction", "max_eigenvalue", "min_eigenvalue"]

    func testStdinToStdoutAndFileToFile() throws {
        let piped = try CommandRunner.run(["outliers"], stdin: spectrum)
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertEqual(piped.stderr, "")
        let table = csvRows(piped.stdout)
        XCTAssertEqual(table.header, header)
        XCTAssertEqual(table.rows.count, 2)
        XCTAssertEqual(Array(table.rows[0][0..<9]), ["2", "hessian", "final", "10", "2", "1", "1", "0", "0"])
        XCTAssertEqual(Array(table.rows[1][0..<9]), ["5", "hessian", "final", "10", "4", "2", "2", "2", "1"])

        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("spectrum.csv").path
        let output = folder.appendingPathComponent("outliers.csv").path
        try spectrum.write(toFile: input, atomically: true, encoding: .utf8)
        let written = try CommandRunner.run(["outliers", input, "-o", output, "--window", "2"])
        XCTAssertEqual(written.status, 0, written.stderr)
        XCTAssertEqual(written.stdout, "")
        let fromFile = csvRows(try String(contentsOfFile: output, encoding: .utf8))
        XCTAssertEqual(fromFile.header, header)
        // A window of 2 sees only 6 and 5 for k = 5: one drop → 1.
        XCTAssertEqual(fromFile.rows[1][5], "1")

        let dash = try CommandRunner.run(["outliers", "-", "--zero-tol", "0.5"], stdin: spectrum)
        XCTAssertEqual(dash.status, 0, dash.stderr)
        // z = 0.5 · 6 = 3: −0.25 and 0 are near zero, 5 and 6 not.
        XCTAssertEqual(csvRows(dash.stdout).rows[1][9], "0.5")
    }

    func testBadInputFailsWithOneLine() throws {
        assertCleanFailure(try CommandRunner.run(["outliers"], stdin: "matrix,value\nhessian,1\n"), mentioning: "no 'eigenvalue' column")
        assertCleanFailure(try CommandRunner.run(["outliers"], stdin: ""), mentioning: "empty")
        assertCleanFailure(try CommandRunner.run(["outliers"], stdin: "matrix,eigenvalue\n"), mentioning: "no eigenvalues")
        assertCleanFailure(try CommandRunner.run(["outliers"], stdin: "matrix,eigenvalue\nhessian,abc\n"), mentioning: "line 2")
        assertCleanFailure(try CommandRunner.run(["outliers", "--window", "1"], stdin: spectrum), mentioning: "--window")
        assertCleanFailure(try CommandRunner.run(["outliers", "--zero-tol", "1"], stdin: spectrum), mentioning: "--zero-tol")
        assertCleanFailure(try CommandRunner.run(["outliers", "--ratio-floor", "1.5"], stdin: spectrum), mentioning: "--ratio-floor")
        assertCleanFailure(try CommandRunner.run(["outliers", "/nonexistent/spectrum.csv"]), mentioning: "no such file")
        assertCleanFailure(try CommandRunner.run(["outliers", "-o", "/nonexistent/out.csv"], stdin: spectrum), mentioning: "does not exist")
    }
}
