@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class GradientTests: XCTestCase {
    /// Backpropagation against central differences of the loss.
    func testGradientMatchesFiniteDifferencesOfTheLoss() {
        let data = Fixture.data(n: 7, d: 3, classes: 3, seed: 4)
        for activation in Activation.allCases {
            for loss in Loss.allCases where loss != .logistic {  // one output: LogisticLossTests
                let model = Fixture.model([3, 5, 4, 3], activation, loss)
                let (_, gradient) = model.lossAndGradient(on: data)
                let step = 1e-6
                let numeric = (0..<model.parameterCount).map { j -> Double in
                    var plus = model, minus = model
                    plus.parameters[j] += step
                    minus.parameters[j] -= step
                    return (plus.evaluate(on: data).loss - minus.evaluate(on: data).loss) / (2 * step)
                }
                assertClose(gradient, numeric, relativeTo: max(maxAbs(gradient), 1e-3), tolerance: 1e-7, "\(activation) \(loss)")
            }
        }
    }

    /// The softmax loss of a network with zero weights is log C, whatever the input.
    func testZeroNetworkHasLossLogC() throws {
        let data = Fixture.data(n: 5, d: 4, classes: 4, seed: 1)
        let model = try MLP(sizes: [4, 3, 4], activation: .tanh, loss: .nll, initScale: 0, seed: 0)
        XCTAssertEqual(model.evaluate(on: data).loss, Foundation.log(4), accuracy: 1e-15)
    }
}
