@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import Foundation
import XCTest

/// Networks whose hidden layers have different activations.
final class PerLayerActivationTests: XCTestCase {
    let sizes = [3, 4, 3, 4, 3]
    let mixed: Activations = [.gelu, .tanh, .silu]

    /// H of a GELU–tanh–SiLU network against central differences of the
    /// exact gradient (tolerance 1e-6 of max|H|, as in `ExactHessianTests`),
    /// and the gradient against central differences of the loss; a uniform
    /// network with the first layer's σ gives another H, so each layer's σ
    /// is used where it belongs.
    func testMixedNetworkHessianMatchesFiniteDifferences() throws {
        let data = Fixture.data(n: 8, d: 3, classes: 3, seed: 3)
        for loss in [Loss.nll, .mse] {
            let model = try MLP(sizes: sizes, activations: mixed, loss: loss, initScale: 0.7, seed: 4)
            let h = ExactHessian(model: model, data: data).assemble(.hessian)
            assertClose(h, finiteDifferenceHessian(model, on: data), relativeTo: maxAbs(h), tolerance: 1e-6, "\(loss)")
            let gradient = model.lossAndGradient(on: data).gradient
            var numeric = [Double](repeating: 0, count: model.parameterCount)
            for j in 0..<model.parameterCount {
                var plus = model, minus = model
                plus.parameters[j] += 1e-6
                minus.parameters[j] -= 1e-6
                numeric[j] = (plus.lossAndGradient(on: data).loss - minus.lossAndGradient(on: data).loss) / 2e-6
            }
            assertClose(gradient, numeric, relativeTo: maxAbs(gradient), tolerance: 1e-7, "gradient \(loss)")
            let uniform = try MLP(sizes: sizes, activation: .gelu, loss: loss, parameters: model.parameters)
            let other = ExactHessian(model: uniform, data: data).assemble(.hessian)
            XCTAssertGreaterThan(maxAbs(zip(h, other).map { $0 - $1 }), 1e-3 * maxAbs(h), "per-layer σ ignored")
        }
    }

    /// H·v by the R-pass (what Lanczos uses) agrees with the dense H of a
    /// LeakyReLU–ELU–softplus network times v, to 1e-12 of max|H·v|.
    func testProductsAndTilesHonourEachLayer() throws {
        let data = Fixture.data(n: 7, d: 3, classes: 3, seed: 5)
        let model = try MLP(sizes: sizes, activations: [.leakyReLU(slope: 0.1), .elu(alpha: 1), .softplus], loss: .nll, initScale: 0.7, seed: 6)
        let m = model.parameterCount
        let h = ExactHessian(model: model, data: data).assemble(.hessian)
        var random = RandomSource(seed: 9)
        let v = (0..<m).map { _ in random.normal() }
        var expected = [Double](repeating: 0, count: m)
        for j in 0..<m { for i in 0..<m { expected[i] += h[j * m + i] * v[j] } }
        let got = HessianVectorProduct(model: model, data: data).apply(.hessian, to: v)
        assertClose(got, expected, relativeTo: maxAbs(expected), tolerance: 1e-12)
    }

    /// The model JSON and safetensors metadata carry one activation per
    /// hidden layer and read back to the same network; a wrong count is
    /// refused; a file with a single name still reads.
    func testModelFilesCarryOneActivationPerLayer() throws {
        let model = try MLP(sizes: sizes, activations: mixed, loss: .nll, initScale: 0.3, seed: 2)
        let text = ModelFile.encode(model)
        XCTAssert(text.contains("\"activation\":\"gelu,tanh,silu\""), text)
        XCTAssertEqual(try ModelFile.decode(Data(text.utf8), path: "m.json"), model)
        for format in [ModelFormat.safetensors, .npz] {
            XCTAssertEqual(try ModelFile.decode(bytes: ModelFile.encode(model, as: format), path: "m.\(format.rawValue)"), model, "\(format)")
        }
        let wrong = text.replacingOccurrences(of: "gelu,tanh,silu", with: "gelu,tanh")
        XCTAssertThrowsError(try ModelFile.decode(Data(wrong.utf8), path: "m.json")) { error in
            XCTAssert("\(error)".contains("2 activations"), "\(error)")
        }
        XCTAssertThrowsError(try ModelFile.decode(bytes: Array(text.utf8), path: "m.json", options: ModelReadOptions(activation: .gelu))) { error in
            XCTAssertEqual(error as? ModelSettingError, .conflict(path: "m.json", setting: .activation, recorded: "gelu,tanh,silu", given: "gelu"))
        }
        let uniform = try MLP(sizes: sizes, activation: .tanh, loss: .mse, initScale: 0.3, seed: 2)
        XCTAssert(ModelFile.encode(uniform).contains("\"activation\":\"tanh\""))
        XCTAssertEqual(uniform.activations.layers, [.tanh, .tanh, .tanh])
    }
}
