@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class PowerIterationTests: XCTestCase {
    /// Well-separated top eigenvalues of a diagonal operator are found in
    /// order to the tolerance's accuracy, each residual is the real
    /// ‖A·v − λ·v‖, and the vectors are orthonormal.
    func testFindsSeparatedTopEigenvaluesWithRealResiduals() throws {
        let diagonal = [12.0, 6, 3] + (0..<97).map { Double($0 % 7) / 10 - 0.3 }
        let a = SymmetricOperator.diagonal(diagonal)
        let result = try PowerIteration.topEigenvalues(of: a, count: 3, settings: EstimatorSettings(powerTolerance: 1e-8))
        XCTAssertEqual(result.converged, [true, true, true])
        for (value, exact) in zip(result.values, [12.0, 6, 3]) { XCTAssertEqual(value, exact, accuracy: 1e-6 * 12) }
        for (i, v) in result.vectors.enumerated() {
            var r = try a.apply(v)
            for j in r.indices { r[j] -= result.values[i] * v[j] }
            XCTAssertEqual(r.reduce(0) { $0 + $1 * $1 }.squareRoot(), result.residualNorms[i], accuracy: 1e-12 * 12)
            for (k, w) in result.vectors.enumerated() {
                XCTAssertEqual(zip(v, w).reduce(0) { $0 + $1.0 * $1.1 }, k == i ? 1 : 0, accuracy: 1e-6)
            }
        }
    }

    /// PyHessian's limit: a gap ratio close to 1 leaves the iteration
    /// unconverged at 100 iterations with the default tolerance's rule
    /// still reporting a value; the flag says so.
    func testReportsNonConvergenceAtTheLimit() throws {
        let diagonal = [1.0, -0.999] + [Double](repeating: 0.1, count: 20)
        let result = try PowerIteration.topEigenvalues(of: .diagonal(diagonal), count: 1, settings: EstimatorSettings(powerTolerance: 1e-12))
        XCTAssertEqual(result.iterations, [100])
        XCTAssertEqual(result.converged, [false])
    }
}
