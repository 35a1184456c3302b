@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class ModelTensorsTests: XCTestCase {
    private let model = Fixture.model([3, 4, 4, 2], .relu, .mse, scale: 0.6, seed: 5)
    private let options = ModelReadOptions(activation: .relu, loss: .mse)

    private func read(_ layers: [(name: String, shape: [Int], values: [Double])], layout: WeightLayout = .outIn) throws -> MLP {
        var options = self.options
        options.weightLayout = layout
        return try ModelFile.decode(bytes: TensorBytes.safetensors(layers, dtype: .f64), path: "m.safetensors", options: options)
    }

    /// The order of the tensors in the file does not matter: the names do.
    func testNamingSchemesOrderTheLayers() throws {
        let schemes: [(Int) -> (weight: String, bias: String)] = [
            { ("\(2 * ($0 - 1)).weight", "\(2 * ($0 - 1)).bias") },
            { ("layers.\($0 - 1).weight", "layers.\($0 - 1).bias") },
            { ("fc\($0).weight", "fc\($0).bias") },
            { ("net.\($0 * 5).linear.w", "net.\($0 * 5).linear.b") },
        ]
        for scheme in schemes {
            XCTAssertEqual(try read(TensorBytes.layers(of: model, names: scheme).reversed()), model, scheme(1).weight)
        }
    }

    func testTwoDigitLayerNumbersSortAsNumbers() throws {
        // Layers 9 and 10: as text "10" < "9".
        let deep = Fixture.model([2, 3, 2], .relu, .mse, seed: 2)
        XCTAssertEqual(try read(TensorBytes.layers(of: deep, names: { ("layers.\($0 + 8).weight", "layers.\($0 + 8).bias") })), deep)
    }

    func testFlaxKernelsReadWithTheInOutLayout() throws {
        let layers = TensorBytes.layers(of: model, names: { ("params/Dense_\($0 - 1)/kernel", "params/Dense_\($0 - 1)/bias") }, inOut: true)
        XCTAssertEqual(try read(layers, layout: .inOut), model)
        XCTAssertThrowsError(try read(layers)) { error in
            XCTAssert("\(error)".contains("in-out weight layout"), "\(error)")
        }
    }

    func testShapesOrderLayersWhoseNamesDoNot() throws {
        let chain = Fixture.model([3, 5, 4, 2], .relu, .mse, seed: 3)
        let names = ["input", "hidden", "output"]
        let layers = TensorBytes.layers(of: chain, names: { ("\(names[$0 - 1]).weight", "\(names[$0 - 1]).bias") })
        XCTAssertEqual(try read([layers[4], layers[5], layers[0], layers[1], layers[2], layers[3]]), chain)
    }

    func testAmbiguousShapesAreRefused() {
        // Two 4 × 4 layers without numbers chain either way.
        let square = Fixture.model([4, 4, 4, 2], .relu, .mse, seed: 4)
        let names = ["first", "middle", "last"]
        let layers = TensorBytes.layers(of: square, names: { ("\(names[$0 - 1]).weight", "\(names[$0 - 1]).bias") })
        XCTAssertThrowsError(try read(layers)) { error in
            XCTAssert("\(error)".contains("more than one order"), "\(error)")
        }
    }

    func testChainingSearchStopsAtTwoOrders() {
        XCTAssertEqual(ModelTensors.chainings(fanIns: [3, 5], fanOuts: [5, 2], limit: 2), [[0, 1]])
        XCTAssertEqual(ModelTensors.chainings(fanIns: [4, 4, 4], fanOuts: [4, 4, 4], limit: 2).count, 2)
        // Ten square layers and one that fits nowhere: no order, found without trying all 10! orders.
        XCTAssertEqual(ModelTensors.chainings(fanIns: Array(repeating: 4, count: 10) + [7], fanOuts: Array(repeating: 4, count: 10) + [9], limit: 2), [])
        XCTAssertEqual(ModelTensors.numbers(in: "layers.10.fc2"), [10, 2])
    }
}
