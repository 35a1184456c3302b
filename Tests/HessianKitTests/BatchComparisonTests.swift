@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class BatchComparisonTests: XCTestCase {
    let split = try! Blobs(clusters: 3, dimension: 4, std: 1, seed: 5).generate(train: 40, test: 20)

    func testBothRunsStartFromTheSamePointAndRunTheSameSteps() throws {
        let initial = Fixture.model([4, 6, 3], .relu, .nll, scale: 0.2)
        let comparison = try BatchComparison(smallBatch: 4, largeBatch: 32, learningRate: 0.2, steps: 20, every: 5)
        let results = try comparison.run(from: initial, on: split)
        XCTAssertEqual(results.map(\.batchSize), [4, 32])
        XCTAssertEqual(results[0].curve.first, CurvePoint.measure(initial, on: split, phase: "train", batchSize: 4, step: 0))
        XCTAssertEqual(results[0].curve.first?.train, results[1].curve.first?.train)
        XCTAssertEqual(results.map(\.training.steps), [20, 20])
        XCTAssertEqual(results[0].curve.map(\.step), [0, 5, 10, 15, 20])
        XCTAssertNotEqual(results[0].model.parameters, results[1].model.parameters)
        let table = BatchComparison.spectrumTable(results)
        XCTAssertEqual(table.columns, ["batch_size", "params", "matrix", "point", "step", "index", "eigenvalue"])
        XCTAssertEqual(table.text.split(separator: "\n").count, 1 + 2 * initial.parameterCount)
    }

    func testTwoPhaseContinuesFromTheSwitch() throws {
        let initial = Fixture.model([4, 6, 3], .relu, .nll, scale: 0.2)
        let result = try TwoPhaseTraining(largeBatch: 32, smallBatch: 4, largeSteps: 10, smallSteps: 15, learningRate: 0.2, every: 5).run(from: initial, on: split)
        XCTAssertEqual(result.curve.map(\.phase), ["large", "large", "large", "small", "small", "small", "small"])
        XCTAssertEqual(result.curve.map(\.step), [0, 5, 10, 10, 15, 20, 25])
        // The small phase starts where the large one ended.
        XCTAssertEqual(result.curve[2].train, result.curve[3].train)
        XCTAssertEqual(result.largeEnd.evaluate(on: split.train), result.curve[2].train)
        XCTAssertEqual(result.smallEnd.evaluate(on: split.train), result.curve.last?.train)
    }

    func testInvalidBatchSettings() {
        XCTAssertThrowsError(try BatchComparison(smallBatch: 10, largeBatch: 10, learningRate: 0.1, steps: 1))
        XCTAssertThrowsError(try BatchComparison(smallBatch: 0, largeBatch: 10, learningRate: 0.1, steps: 1))
        XCTAssertThrowsError(try BatchComparison(smallBatch: 1, largeBatch: 10, learningRate: -1, steps: 1))
        XCTAssertThrowsError(try TwoPhaseTraining(largeBatch: 5, smallBatch: 10, largeSteps: 1, smallSteps: 1, learningRate: 0.1, every: 1))
    }
}
