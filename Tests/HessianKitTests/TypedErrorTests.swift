@testable import HessianCore
@testable import HessianExperiments
import XCTest

/// Errors a user meets carry the values that went wrong, not only words.
final class TypedErrorTests: XCTestCase {
    private func model(inputs: Int, hidden: [Int], outputs: Int, loss: Loss = .nll) throws -> MLP {
        try NetworkSpec(hidden: hidden, loss: loss).make(inputs: inputs, outputs: outputs)
    }

    func testAModelThatDoesNotFitTheDataSaysWhichSizesDiffer() throws {
        let data = try Blobs(clusters: 3, dimension: 5, std: 1, seed: 0).generate(train: 12, test: 0).train
        XCTAssertThrowsError(try model(inputs: 4, hidden: [3], outputs: 3).checkCompatible(with: data, name: "d.csv")) { error in
            XCTAssertEqual(error as? ModelError, .inputs(model: 4, features: 5, data: "d.csv"))
            XCTAssertEqual("\(error)", "the model takes 4 inputs but d.csv has 5 features")
        }
        XCTAssertThrowsError(try model(inputs: 5, hidden: [3], outputs: 2).checkCompatible(with: data, name: "d.csv")) { error in
            XCTAssertEqual(error as? ModelError, .labels(outputs: 2, largestLabel: 2, data: "d.csv"))
        }
        let logistic = try NetworkSpec(hidden: [], loss: .logistic).make(inputs: 5, outputs: 2)
        XCTAssertThrowsError(try logistic.checkCompatible(with: data)) { error in
            guard case .logisticNeedsBinaryLabels(let outputs, let largest, _)? = error as? ModelError else { return XCTFail("\(error)") }
            XCTAssertEqual([outputs, largest], [1, 2])
        }
    }

    func testALineBetweenModelsThatDifferSaysHow() throws {
        let a = try model(inputs: 4, hidden: [5], outputs: 3)
        XCTAssertThrowsError(try LineInterpolation(from: a, to: try model(inputs: 4, hidden: [6], outputs: 3), alphas: [0])) { error in
            XCTAssertEqual(error as? ExperimentError, .layersDiffer(from: [4, 5, 3], to: [4, 6, 3]))
            XCTAssertEqual("\(error)", "the two models have different layers (4-5-3 and 4-6-3)")
        }
        let zeros = [Double](repeating: 0, count: ParameterLayout.parameterCount([4, 5, 3]))
        let biased = try MLP(sizes: [4, 5, 3], activations: a.activations, loss: .nll, parameters: zeros)
        let biasFree = try MLP(sizes: [4, 5, 3], activations: a.activations, loss: .nll, parameters: zeros, hasBias: [false, true])
        XCTAssertThrowsError(try LineInterpolation(from: biased, to: biasFree, alphas: [0])) { error in
            XCTAssertEqual(error as? ExperimentError, .biasFreeLayersDiffer(from: [], to: [1]))
            XCTAssertEqual("\(error)", "the two models differ in which layers have no bias (model A: none; model B: layer 1)")
        }
        XCTAssertThrowsError(try LineInterpolation(from: a, to: a, alphas: [])) { error in
            XCTAssertEqual(error as? ExperimentError, .noAlphas)
        }
    }
}
