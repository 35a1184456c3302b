@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class PivotedCholeskyTests: XCTestCase {
    /// K = B·Bᵀ with B of size 12 × 5 has rank 5; the factor reproduces K
    /// (P·L·Lᵀ·Pᵀ = K) and LᵀL has the nonzero eigenvalues of K, which are
    /// those of BᵀB.
    func testRankAndFactorOfALowRankGram() throws {
        let n = 12, rank = 5
        var random = RandomSource(seed: 17)
        let b = (0..<(n * rank)).map { _ in random.normal() }
        var k = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { for c in 0..<rank { k[j * n + i] += b[c * n + i] * b[c * n + j] } } }
        var factor = k
        let (found, position) = try PivotedCholesky.factor(&factor, order: n, leadingDimension: n, backend: .openBLAS)
        XCTAssertEqual(found, rank)
        func l(_ row: Int, _ col: Int) -> Double { col <= row && col < found ? factor[col * n + row] : 0 }
        for i in 0..<n {
            for j in 0..<n {
                var total = 0.0
                for c in 0..<found { total += l(position[i], c) * l(position[j], c) }
                XCTAssertEqual(total, k[j * n + i], accuracy: 1e-12 * maxAbs(k))
            }
        }
        var btb = [Double](repeating: 0, count: rank * rank)
        for i in 0..<rank { for j in 0..<rank { for s in 0..<n { btb[j * rank + i] += b[i * n + s] * b[j * n + s] } } }
        let expected = try SymmetricEigensolver.eigenvalues(destroying: &btb, order: rank)
        try PivotedCholesky.gramOfFactor(&factor, order: found, leadingDimension: n, backend: .openBLAS)
        let trailing = factor
        BLAS.syrkLower(trans: true, n: found, k: n - found, alpha: 1, a: trailing, aOffset: found, lda: n, beta: 1, c: &factor, ldc: n)
        let got = try SymmetricEigensolver.eigenvalues(lowerOf: &factor, order: found, leadingDimension: n, driver: .twoStage, backend: .openBLAS)
        assertClose(got, expected, relativeTo: expected.last!, tolerance: 1e-13)
    }
}
