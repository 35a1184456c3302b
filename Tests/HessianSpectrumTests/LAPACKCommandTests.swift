import CommandTestSupport
import Foundation
import HessianKit
import XCTest

/// `--lapack` and HESSIAN_SPECTRUM_LAPACK through the built binary.
final class LAPACKCommandTests: XCTestCase {
    /// d = 4, widths 5,5, 3 classes: M = 73.
    let small = ["train", "--clusters", "3", "--input-dim", "4", "--samples", "30", "--test-samples", "0",
                 "--width", "5", "--steps", "5", "--at", "init"]

    func testStderrNamesTheLinkedOpenBLASAndItsVersion() throws {
        let result = try CommandRunner.run(small + ["--lapack", "openblas"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssert(result.stderr.contains("LAPACK OpenBLAS \(OpenBLASRuntime.version)"), result.stderr)
    }

    func testAMissingLibraryIsOneErrorLine() throws {
        assertCleanFailure(try CommandRunner.run(small + ["--lapack", "/nonexistent/liblapack.so"]), mentioning: "/nonexistent/liblapack.so")
        assertCleanFailure(try CommandRunner.run(small, environment: ["HESSIAN_SPECTRUM_LAPACK": "/nonexistent/liblapack.so"]),
                           mentioning: "/nonexistent/liblapack.so")
    }

    /// With MKL (skipped when absent): the same eigenvalues as OpenBLAS to
    /// 1e-12 of max|λ|, and stderr names MKL and its version.
    func testMKLThroughTheCommandLine() throws {
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        guard LAPACKBackend.locateMKL(folders: [".mkl/lib", ".mkl/local/lib"].map { checkout.appendingPathComponent($0).path }) != nil else {
            throw XCTSkip("Intel MKL is not installed (`make mkl` installs it into .mkl/)")
        }
        let mkl = try CommandRunner.run(small, environment: ["HESSIAN_SPECTRUM_LAPACK": "mkl"])
        XCTAssertEqual(mkl.status, 0, mkl.stderr)
        XCTAssert(mkl.stderr.contains("LAPACK Intel MKL 20"), mkl.stderr)
        let openBLAS = try CommandRunner.run(small + ["--lapack", "openblas"])
        let a = csvRows(mkl.stdout).rows.map { Double($0[4])! }, b = csvRows(openBLAS.stdout).rows.map { Double($0[4])! }
        XCTAssertEqual(a.count, 73)
        XCTAssertEqual(b.count, 73)
        let scale = b.map(abs).max() ?? 0
        for (x, y) in zip(a, b) { XCTAssertLessThanOrEqual(abs(x - y), 1e-12 * scale) }
    }
}
