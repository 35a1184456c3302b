@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class EigenpairRangeTests: XCTestCase {
    /// A random symmetric matrix; its extreme eigenpairs from the index-range
    /// path against all eigenvalues of the full solver, with residuals
    /// ‖Av − λv‖ from a plain product and orthonormality.
    func testExtremePairsAreEigenpairsOfTheMatrix() throws {
        var random = RandomSource(seed: 12)
        let n = 40
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0...i { let x = random.normal(); a[i * n + j] = x; a[j * n + i] = x } }
        var copy = a
        let all = try SymmetricEigensolver.eigenvalues(destroying: &copy, order: n)
        let scale = maxAbs(all)
        for (bottom, top) in [(3, 5), (0, 4), (6, 0), (25, 20)] {
            var work = a
            let pairs = try SymmetricEigensolver.extremeEigenpairs(destroying: &work, order: n, bottom: bottom, top: top)
            let expected = Array(Set(Array(0..<min(bottom, n)) + Array((n - min(top, n))..<n))).sorted()
            XCTAssertEqual(pairs.indices, expected)
            assertClose(pairs.values, expected.map { all[$0] }, relativeTo: scale, tolerance: 1e-12)
            let k = pairs.values.count
            for c in 0..<k {
                let v = Array(pairs.vectors[(c * n)..<((c + 1) * n)])
                var residual = 0.0
                for i in 0..<n {
                    var av = 0.0
                    for j in 0..<n { av += a[j * n + i] * v[j] }
                    residual += (av - pairs.values[c] * v[i]) * (av - pairs.values[c] * v[i])
                }
                XCTAssertLessThanOrEqual(residual.squareRoot(), 1e-12 * scale, "pair \(c)")
                for c2 in 0...c {
                    var dot = 0.0
                    for i in 0..<n { dot += v[i] * pairs.vectors[c2 * n + i] }
                    XCTAssertEqual(dot, c2 == c ? 1 : 0, accuracy: 1e-12)
                }
            }
        }
    }

    func testRangesMergeWhereTheEndsMeet() {
        XCTAssertEqual(SymmetricEigensolver.extremeRanges(order: 10, bottom: 2, top: 3), [0...1, 7...9])
        XCTAssertEqual(SymmetricEigensolver.extremeRanges(order: 10, bottom: 6, top: 4), [0...9])
        XCTAssertEqual(SymmetricEigensolver.extremeRanges(order: 10, bottom: 0, top: 0), [])
    }

    /// The tridiagonal pairs (what the distributed path computes on one
    /// process) against the closed form of tridiag(−1, 2, −1) of order n:
    /// λ_k = 2 − 2·cos(kπ/(n+1)), v_k(j) = √(2/(n+1))·sin(jkπ/(n+1)), up
    /// to sign, for the two lowest and three highest positions.
    func testTridiagonalPairsHaveTheSecondDifferenceClosedForm() throws {
        let n = 25
        let pairs = try SymmetricEigensolver.tridiagonalEigenpairs(
            diagonal: Array(repeating: 2, count: n), offDiagonal: Array(repeating: -1, count: n - 1),
            ranges: SymmetricEigensolver.extremeRanges(order: n, bottom: 2, top: 3))
        XCTAssertEqual(pairs.indices, [0, 1, 22, 23, 24])
        let angle = Double.pi / Double(n + 1)
        for (c, index) in pairs.indices.enumerated() {
            let k = Double(index + 1)
            XCTAssertEqual(pairs.values[c], 2 - 2 * cos(k * angle), accuracy: 1e-14)
            let expected = (1...n).map { sqrt(2 / Double(n + 1)) * sin(Double($0) * k * angle) }
            let dot = (0..<n).reduce(0.0) { $0 + expected[$1] * pairs.vectors[c * n + $1] }
            XCTAssertEqual(abs(dot), 1, accuracy: 1e-13, "position \(index)")
        }
        XCTAssertThrowsError(try SymmetricEigensolver.tridiagonalEigenpairs(diagonal: [1, 2, 3], offDiagonal: [1], ranges: [0...0]))
        XCTAssertThrowsError(try SymmetricEigensolver.tridiagonalEigenpairs(diagonal: [1, 2], offDiagonal: [1], ranges: [1...2]))
    }
}
