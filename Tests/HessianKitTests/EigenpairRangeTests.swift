@testable import HessianKit
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
}
