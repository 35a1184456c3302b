@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class SymmetricEigensolverTests: XCTestCase {
    /// A = Q·diag(λ)·Qᵀ with Q = I − 2vvᵀ/‖v‖² (a Householder reflector, so
    /// exactly orthogonal in exact arithmetic): every driver must return λ
    /// sorted, to a few ulps of the largest |λ|.
    func testKnownEigenvaluesForEveryDriver() throws {
        let n = 40
        var random = RandomSource(seed: 12)
        let lambda = (0..<n).map { _ in random.uniform(-5, 5) } + []
        let v = (0..<n).map { _ in random.normal() }
        let vv = v.reduce(0) { $0 + $1 * $1 }
        var q = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { q[j * n + i] = (i == j ? 1 : 0) - 2 * v[i] * v[j] / vv } }
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n {
            var total = 0.0
            for k in 0..<n { total += q[k * n + i] * lambda[k] * q[k * n + j] }
            a[j * n + i] = total
        } }
        for driver in EigenDriver.allCases {
            var copy = a
            let values = try SymmetricEigensolver.eigenvalues(destroying: &copy, order: n, driver: driver)
            assertClose(values, lambda.sorted(), relativeTo: 5, tolerance: 1e-13, "\(driver)")
        }
    }

    /// Eigenvectors satisfy A·v = λ·v.
    func testDecompositionResidual() throws {
        let n = 25
        var random = RandomSource(seed: 3)
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0...i { let x = random.normal(); a[j * n + i] = x; a[i * n + j] = x } }
        var twoStage = a
        XCTAssertThrowsError(try SymmetricEigensolver.decomposition(&twoStage, order: n, driver: .twoStage), "eigenvalues only")
        for driver in EigenDriver.allCases where driver != .twoStage {
            var vectors = a
            let values = try SymmetricEigensolver.decomposition(&vectors, order: n, driver: driver)
            for k in 0..<n {
                var worst = 0.0
                for i in 0..<n {
                    var av = 0.0
                    for j in 0..<n { av += a[j * n + i] * vectors[k * n + j] }
                    worst = max(worst, abs(av - values[k] * vectors[k * n + i]))
                }
                XCTAssertLessThan(worst, 1e-12 * maxAbs(values), "\(driver) vector \(k)")
            }
        }
    }

    /// The 2 × 2 closed form: eigenvalues of [[a, b], [b, c]].
    func testTwoByTwoClosedForm() throws {
        let a = 2.0, b = -0.75, c = -1.0
        var m = [a, b, b, c]
        let values = try SymmetricEigensolver.eigenvalues(destroying: &m, order: 2)
        let mean = (a + c) / 2, radius = (((a - c) / 2) * ((a - c) / 2) + b * b).squareRoot()
        XCTAssertEqual(values[0], mean - radius, accuracy: 1e-15 * 4)
        XCTAssertEqual(values[1], mean + radius, accuracy: 1e-15 * 4)
    }

    func testTooSmallBufferIsAnError() {
        var m = [1.0, 2.0]
        XCTAssertThrowsError(try SymmetricEigensolver.eigenvalues(destroying: &m, order: 2))
    }
}
