@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class HessianVectorProductTests: XCTestCase {
    /// Depths 1–3 (no hidden layer up to three), so every branch of the
    /// R-pass runs: the output-only model, one hidden layer, and R{a}
    /// carried through two hidden layers.
    let shapes = [[4, 3], [4, 5, 3], [3, 4, 3, 3], [3, 4, 3, 4, 3]]

    /// H·v, G·v and R·v against the dense matrix of the same part (an
    /// independent assembly) times v, every activation × loss, to 1e-12 of
    /// max|H·v|.
    func testProductsMatchTheDenseMatrixTimesTheVector() {
        let data = Fixture.data(n: 11, d: 4, classes: 3, seed: 31)
        for sizes in shapes {
            let set = sizes[0] == 4 ? data : Fixture.data(n: 11, d: 3, classes: 3, seed: 32)
            for activation in Activation.allCases {
                for loss in Loss.allCases where loss != .logistic {  // one output: LogisticLossTests
                    let model = Fixture.model(sizes, activation, loss)
                    let m = model.parameterCount
                    var random = RandomSource(seed: 5)
                    let v = (0..<m).map { _ in random.normal() }
                    let dense = ExactHessian(model: model, data: set)
                    let products = HessianVectorProduct(model: model, data: set)
                    for part in HessianPart.allCases {
                        let h = dense.assemble(part)
                        var expected = [Double](repeating: 0, count: m)
                        for j in 0..<m { for i in 0..<m { expected[i] += h[j * m + i] * v[j] } }
                        let got = products.apply(part, to: v)
                        let scale = max(maxAbs(expected), 1e-300)
                        assertClose(got, expected, relativeTo: scale, tolerance: 1e-12, "\(sizes) \(activation) \(loss) \(part)")
                    }
                }
            }
        }
    }

    /// H·v = G·v + R·v, each computed on its own; and R·v = 0 for a model
    /// with no hidden layer (the output is linear in θ).
    func testSplitAddsUpAndVanishesWithoutHiddenLayers() {
        let data = Fixture.data(n: 9, d: 3, classes: 3, seed: 8)
        var random = RandomSource(seed: 9)
        for sizes in [[3, 3], [3, 5, 4, 3]] {
            let model = Fixture.model(sizes, .tanh, .nll)
            let v = (0..<model.parameterCount).map { _ in random.normal() }
            let products = HessianVectorProduct(model: model, data: data)
            let h = products.apply(.hessian, to: v), g = products.apply(.gaussNewton, to: v), r = products.apply(.residual, to: v)
            assertClose(h, zip(g, r).map { $0 + $1 }, relativeTo: maxAbs(h), tolerance: 1e-14, "\(sizes)")
            if sizes.count == 2 { XCTAssertEqual(maxAbs(r), 0, "no hidden layer: R = 0") }
            else { XCTAssertGreaterThan(maxAbs(r), 1e-6 * maxAbs(h), "R should not vanish away from a minimum") }
        }
    }

    /// H·v against a central difference of the exact gradient along v,
    /// (∇L(θ + εv) − ∇L(θ − εv))/2ε, at ε = 1e-5 (error O(ε²) + rounding).
    func testHessianProductMatchesDirectionalDifferenceOfTheGradient() {
        let data = Fixture.data(n: 10, d: 3, classes: 3, seed: 4)
        for activation in Activation.allCases {
            let model = Fixture.model([3, 6, 4, 3], activation, .nll)
            var random = RandomSource(seed: 12)
            let v = (0..<model.parameterCount).map { _ in random.normal() }
            let step = 1e-5
            var plus = model, minus = model
            for j in 0..<v.count { plus.parameters[j] += step * v[j]; minus.parameters[j] -= step * v[j] }
            let gp = plus.lossAndGradient(on: data).gradient, gm = minus.lossAndGradient(on: data).gradient
            let numeric = zip(gp, gm).map { ($0 - $1) / (2 * step) }
            let hv = HessianVectorProduct(model: model, data: data).apply(.hessian, to: v)
            assertClose(hv, numeric, relativeTo: maxAbs(hv), tolerance: 1e-7, "\(activation)")
        }
    }
}
