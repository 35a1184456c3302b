@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class TridiagonalEigensolverTests: XCTestCase {
    /// tridiag(−1, 2, −1) of order n has eigenvalues 2 − 2·cos(kπ/(n+1)),
    /// k = 1…n, and T·y = λ·y for every returned pair.
    func testSecondDifferenceMatrixHasItsClosedForm() throws {
        let n = 30
        let (values, vectors) = try TridiagonalEigensolver.decomposition(diagonal: Array(repeating: 2, count: n),
                                                                         offDiagonal: Array(repeating: -1, count: n - 1))
        let expected = (1...n).map { 2 - 2 * cos(Double($0) * Double.pi / Double(n + 1)) }
        assertClose(values, expected, relativeTo: 4, tolerance: 1e-14)
        for j in 0..<n {
            for i in 0..<n {
                let y = { (r: Int) in r >= 0 && r < n ? vectors[j * n + r] : 0 }
                XCTAssertEqual(2 * y(i) - y(i - 1) - y(i + 1), values[j] * y(i), accuracy: 1e-13)
            }
        }
    }

    func testRejectsAShortOffDiagonal() {
        XCTAssertThrowsError(try TridiagonalEigensolver.decomposition(diagonal: [1, 2, 3], offDiagonal: [1]))
    }
}
