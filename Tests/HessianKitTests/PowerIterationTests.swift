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

    /// The dominant magnitude wins: with −5 beside a top of 3, power
    /// iteration returns −5 (PyHessian's behaviour), and the engine warns
    /// that the values written need not be the largest.
    func testNegativeDominantEigenvalueIsReturnedAndWarned() throws {
        let result = try PowerIteration.topEigenvalues(of: .diagonal([3, -5, 1, 0.5]), count: 1, settings: EstimatorSettings(powerTolerance: 1e-10))
        XCTAssertEqual(result.values[0], -5, accuracy: 1e-6)
        let data = Fixture.data(n: 10, d: 3, classes: 2, seed: 1)
        let model = Fixture.model([3, 4, 2], .tanh, .nll, scale: 2)
        let run = try SpectrumEngine().compute(model: model, data: data,
                                             request: SpectrumRequest(parts: [.residual], method: .power, top: 2))
        let negative = run.spectra[0].eigenvalues.contains { $0 < 0 }
        XCTAssertEqual(run.warnings.contains { if case .powerFoundNegative = $0 { return true } else { return false } }, negative)
    }
}
