@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class ParameterLayoutTests: XCTestCase {
    /// The parameter counts the paper quotes (biases included).
    func testPaperParameterCounts() {
        for (k, m) in [(2, 4022), (5, 4115), (10, 4270), (20, 4580), (50, 5510)] {
            XCTAssertEqual(ParameterLayout.parameterCount([100, 30, 30, k]), m)
        }
        for (h, m) in [(10, 7960), (30, 23860), (50, 39760), (70, 55660)] {
            XCTAssertEqual(ParameterLayout.parameterCount([784, h, 10]), m)
        }
        for (h, m) in [(2, 18), (6, 74), (10, 162), (14, 282), (18, 434)] {
            XCTAssertEqual(ParameterLayout.parameterCount([2, h, h, 2]), m)
        }
    }

    /// W_l (out × in, row-major) then b_l, layer after layer.
    func testOffsetsFollowTheDocumentedOrder() {
        let layout = ParameterLayout(sizes: [3, 4, 2])
        XCTAssertEqual(layout.weightOffset(1), 0)
        XCTAssertEqual(layout.biasOffset(1), 12)
        XCTAssertEqual(layout.weightOffset(2), 16)
        XCTAssertEqual(layout.biasOffset(2), 24)
        XCTAssertEqual(layout.count, 26)
    }

    /// The forward pass reads W_l[i, j] at weightOffset + i·in + j: a network
    /// whose only nonzero parameter is W_1[1, 2] = 1 (linear units) copies x_2
    /// into hidden unit 1, and W_2[0, 1] = 1 copies that to output 0.
    func testForwardPassUsesTheLayout() throws {
        var theta = [Double](repeating: 0, count: 26)
        theta[0 + 1 * 3 + 2] = 1
        theta[16 + 0 * 4 + 1] = 1
        theta[24 + 1] = 0.5
        let model = try MLP(sizes: [3, 4, 2], activation: .linear, loss: .mse, parameters: theta)
        let data = try Dataset(features: [0.1, 0.2, 7.0], labels: [0], dimension: 3, classCount: 2)
        let f = ForwardPass(model: model, data: data).preactivations.last!
        XCTAssertEqual(f[0], 7.0, accuracy: 1e-15)
        XCTAssertEqual(f[1], 0.5, accuracy: 1e-15)
    }
}
