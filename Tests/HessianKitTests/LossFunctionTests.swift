@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

/// Every loss against independent oracles: central finite differences of
/// its value (for the gradient) and of its gradient (for the curvature);
/// the curvature product and the factor L_s·L_sᵀ against the entries.
final class LossFunctionTests: XCTestCase {
    let n = 5, c = 4

    func outputs(seed: UInt64) -> (f: [Double], labels: [Int]) {
        var random = RandomSource(seed: seed)
        return ((0..<(n * c)).map { _ in 2 * random.normal() }, (0..<n).map { $0 % c })
    }

    func testGradientIsTheDerivativeOfTheValue() {
        let (f, labels) = outputs(seed: 1)
        let h = 1e-6
        for loss in Loss.allCases where loss != .logistic {  // one output: LogisticLossTests
            let function = loss.function
            let exact = function.evaluate(outputs: f, labels: labels, count: n, classes: c)
            for t in 0..<(n * c) {
                var plus = f, minus = f
                plus[t] += h
                minus[t] -= h
                let s = t % n
                let up = function.evaluate(outputs: plus, labels: labels, count: n, classes: c).losses[s]
                let down = function.evaluate(outputs: minus, labels: labels, count: n, classes: c).losses[s]
                XCTAssertEqual(exact.gradient[t], (up - down) / (2 * h), accuracy: 1e-8 * max(1, abs(exact.gradient[t])), "\(loss) entry \(t)")
            }
        }
    }

    func testCurvatureEntriesAreTheDerivativeOfTheGradient() {
        let (f, labels) = outputs(seed: 2)
        let h = 1e-6
        for loss in Loss.allCases where loss != .logistic {  // one output: LogisticLossTests
            let function = loss.function
            let exact = function.evaluate(outputs: f, labels: labels, count: n, classes: c)
            var entries = [Double](repeating: .nan, count: c * c * n)
            function.curvatureEntries(exact, count: n, classes: c, into: &entries)
            for s in 0..<n {
                for i in 0..<c {
                    var plus = f, minus = f
                    plus[i * n + s] += h
                    minus[i * n + s] -= h
                    let up = function.evaluate(outputs: plus, labels: labels, count: n, classes: c).gradient
                    let down = function.evaluate(outputs: minus, labels: labels, count: n, classes: c).gradient
                    for k in 0..<c {
                        let difference = (up[k * n + s] - down[k * n + s]) / (2 * h)
                        XCTAssertEqual(entries[(k * c + i) * n + s], difference, accuracy: 1e-7, "\(loss) (\(k), \(i)) of example \(s)")
                    }
                }
            }
        }
    }

    func testProductAndFactorAgreeWithTheEntries() {
        let (f, labels) = outputs(seed: 3)
        var random = RandomSource(seed: 4)
        let u = (0..<(n * c)).map { _ in random.normal() }
        for loss in Loss.allCases where loss != .logistic {  // one output: LogisticLossTests
            let function = loss.function
            let exact = function.evaluate(outputs: f, labels: labels, count: n, classes: c)
            var entries = [Double](repeating: 0, count: c * c * n)
            function.curvatureEntries(exact, count: n, classes: c, into: &entries)
            let product = function.curvatureProduct(exact, u, count: n, classes: c)
            let rank = function.curvatureRank(classes: c)
            let factor = function.curvatureFactor(exact, count: n, classes: c)
            XCTAssertEqual(factor.count, n * rank * c)
            for s in 0..<n {
                for k in 0..<c {
                    var expected = 0.0
                    for i in 0..<c { expected += entries[(k * c + i) * n + s] * u[i * n + s] }
                    XCTAssertEqual(product[k * n + s], expected, accuracy: 1e-12, "\(loss) product")
                    for i in 0..<c {
                        var llt = 0.0
                        for a in 0..<rank { llt += factor[k * n * rank + a * n + s] * factor[i * n * rank + a * n + s] }
                        XCTAssertEqual(llt, entries[(k * c + i) * n + s], accuracy: 1e-12, "\(loss) L·Lᵀ (\(k), \(i))")
                    }
                }
            }
        }
    }
}
