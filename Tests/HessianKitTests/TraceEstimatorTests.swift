@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class TraceEstimatorTests: XCTestCase {
    /// A seeded symmetric n × n matrix U·diag(λ)·Uᵀ with a given spectrum,
    /// as a dense column-major buffer and its operator.
    private func matrix(_ lambda: [Double], seed: UInt64) -> (dense: [Double], op: SymmetricOperator) {
        let n = lambda.count
        var random = RandomSource(seed: seed)
        var u = (0..<(n * n)).map { _ in random.normal() }
        // Gram–Schmidt on the columns: an orthogonal U.
        for c in 0..<n {
            for p in 0..<c {
                var dot = 0.0
                for i in 0..<n { dot += u[c * n + i] * u[p * n + i] }
                for i in 0..<n { u[c * n + i] -= dot * u[p * n + i] }
            }
            var norm = 0.0
            for i in 0..<n { norm += u[c * n + i] * u[c * n + i] }
            for i in 0..<n { u[c * n + i] /= norm.squareRoot() }
        }
        var a = [Double](repeating: 0, count: n * n)
        for c in 0..<n { for r in 0..<n { for k in 0..<n { a[c * n + r] += u[k * n + r] * lambda[k] * u[k * n + c] } } }
        let dense = a
        let op = SymmetricOperator(order: n) { x in
            var y = [Double](repeating: 0, count: n)
            for c in 0..<n { for r in 0..<n { y[r] += dense[c * n + r] * x[c] } }
            return y
        }
        return (dense, op)
    }

    /// Unbiased: over 400 seeds the mean estimate is within 3 standard
    /// errors (of the 400 estimates' mean) of the exact trace, for both
    /// estimators, on an indefinite matrix.
    func testEstimatorsAreUnbiased() throws {
        var lambda = [20.0, 15, 10]
        for i in 3..<30 { lambda.append(sin(Double(i))) }
        let (dense, op) = matrix(lambda, seed: 3)
        var exact = 0.0
        for i in 0..<30 { exact += dense[i * 30 + i] }
        XCTAssertEqual(exact, lambda.reduce(0, +), accuracy: 1e-9)
        for (estimator, products) in [(TraceEstimator.hutchinson, 6), (.hutchPlusPlus, 6)] {
            var runs: [Double] = []
            for seed in 0..<400 as Range<UInt64> { runs.append(try estimator.estimate(of: op, products: products, seed: seed).value) }
            let mean = runs.reduce(0, +) / 400
            var variance = 0.0
            for x in runs { variance += (x - mean) * (x - mean) / 399 }
            let sd = variance.squareRoot()
            XCTAssertLessThanOrEqual(abs(mean - exact), 3 * sd / 20, "\(estimator): mean \(mean), exact \(exact)")
            XCTAssertGreaterThan(sd, 0)
        }
    }

    /// Hutch++ with K products is exact on a matrix of rank < K/3: Q spans
    /// the range, and the deflated remainder is zero.
    func testHutchPlusPlusIsExactBelowRankKOverThree() throws {
        let lambda = [7.0, -3, 0.5] + [Double](repeating: 0, count: 37)
        let (_, op) = matrix(lambda, seed: 9)
        for seed in 0..<5 as Range<UInt64> {
            let estimate = try TraceEstimator.hutchPlusPlus.estimate(of: op, products: 12, seed: seed)
            XCTAssertEqual(estimate.value, 4.5, accuracy: 1e-10 * 7)
            XCTAssertLessThanOrEqual(estimate.products, 12)
        }
    }

    func testRefusesTooFewProducts() {
        for (estimator, products) in [(TraceEstimator.hutchinson, 0), (.hutchPlusPlus, 2)] {
            XCTAssertThrowsError(try estimator.estimate(of: .diagonal([1, 2]), products: products, seed: 0)) {
                XCTAssertEqual(($0 as? SettingError)?.setting, .matvecs)
            }
        }
    }
}
