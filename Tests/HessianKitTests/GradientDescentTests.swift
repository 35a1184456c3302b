@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class GradientDescentTests: XCTestCase {
    let split = try! Blobs(clusters: 3, dimension: 5, std: 1, seed: 1).generate(train: 90, test: 30)

    func testFullBatchDescentReducesTheLossAndStopsAtTheTolerance() throws {
        let model = try MLP(sizes: [5, 8, 3], activation: .relu, loss: .nll, initScale: 0.1, seed: 2)
        let start = model.evaluate(on: split.train).loss
        let loose = try GradientDescent(learningRate: 0.5, steps: 5000, gradientTolerance: 1e-2).train(model, on: split.train)
        XCTAssertEqual(loose.stop, .gradientTolerance)
        XCTAssertLessThan(loose.gradientNorm, 1e-2)
        XCTAssertLessThan(loose.loss, start)
        XCTAssertLessThan(loose.steps, 5000)
        let fixed = try GradientDescent(learningRate: 0.5, steps: 7).train(model, on: split.train)
        XCTAssertEqual(fixed.steps, 7)
        XCTAssertEqual(fixed.stop, .steps)
    }

    /// One GD step is θ − η·∇L(θ), exactly.
    func testOneStepIsTheGradientStep() throws {
        let model = try MLP(sizes: [5, 4, 3], activation: .tanh, loss: .mse, initScale: 0.3, seed: 5)
        let gradient = model.lossAndGradient(on: split.train).gradient
        let stepped = try GradientDescent(learningRate: 0.25, steps: 1).train(model, on: split.train).model
        let expected = zip(model.parameters, gradient).map { $0 - 0.25 * $1 }
        XCTAssertEqual(stepped.parameters, expected)
    }

    func testStochasticRunsAreReproducibleAndSeedDependent() throws {
        let model = try MLP(sizes: [5, 6, 3], activation: .relu, loss: .nll, initScale: 0.1, seed: 3)
        let a = try GradientDescent(learningRate: 0.1, batchSize: 10, steps: 25, seed: 4).train(model, on: split.train)
        let b = try GradientDescent(learningRate: 0.1, batchSize: 10, steps: 25, seed: 4).train(model, on: split.train)
        let c = try GradientDescent(learningRate: 0.1, batchSize: 10, steps: 25, seed: 5).train(model, on: split.train)
        XCTAssertEqual(a.model.parameters, b.model.parameters)
        XCTAssertNotEqual(a.model.parameters, c.model.parameters)
    }

    func testObserverSeesEveryKthStep() throws {
        let model = try MLP(sizes: [5, 4, 3], activation: .relu, loss: .nll, initScale: 0.1, seed: 3)
        var seen: [Int] = []
        _ = try GradientDescent(learningRate: 0.1, steps: 10).train(model, on: split.train, every: 4, observe: { step, _ in seen.append(step) })
        XCTAssertEqual(seen, [0, 4, 8])
    }

    func testDivergenceNamesTheStep() throws {
        let model = try MLP(sizes: [5, 20, 3], activation: .relu, loss: .mse, initScale: 1, seed: 3)
        XCTAssertThrowsError(try GradientDescent(learningRate: 1e6, steps: 100).train(model, on: split.train)) { error in
            switch error {
            case TrainingError.diverged(let step), TrainingError.lossGrew(let step, _, _, _):
                XCTAssertGreaterThan(step, 0)
                XCTAssertLessThan(step, 100)
            default:
                XCTFail("\(error)")
            }
        }
    }

    /// A loss that grows past 1000 × max(start, 1) stops the run at the
    /// first step where it does, whether or not it is still finite.
    func testLossGrowthBeyondTheFactorIsDivergence() throws {
        let model = try MLP(sizes: [5, 20, 3], activation: .relu, loss: .mse, initScale: 1, seed: 3)
        let start = model.lossAndGradient(on: split.train).loss
        // Replay GD by hand to find the first step whose loss passes the bound.
        var replay = model
        var firstBad: Int?
        for step in 1...100 where firstBad == nil {
            let g = replay.lossAndGradient(on: split.train).gradient
            for t in 0..<g.count { replay.parameters[t] -= 1e6 * g[t] }
            let loss = replay.lossAndGradient(on: split.train).loss
            if !loss.isFinite || loss > 1000 * max(start, 1) { firstBad = step }
        }
        XCTAssertThrowsError(try GradientDescent(learningRate: 1e6, steps: 100).train(model, on: split.train)) { error in
            guard case TrainingError.lossGrew(let step, let loss, let reportedStart, let factor) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(step, firstBad)
            XCTAssertEqual(reportedStart, start, accuracy: 1e-12 * start)
            XCTAssertEqual(factor, 1000)
            XCTAssertGreaterThan(loss, 1000 * max(start, 1))
        }
        // A learning rate that works never comes near the bound.
        XCTAssertNoThrow(try GradientDescent(learningRate: 0.05, steps: 50).train(model, on: split.train))
    }

    func testInvalidSettingsAreRejected() {
        XCTAssertThrowsError(try GradientDescent(learningRate: 0, steps: 1))
        XCTAssertThrowsError(try GradientDescent(learningRate: .nan, steps: 1))
        XCTAssertThrowsError(try GradientDescent(learningRate: 0.1, steps: -1))
        XCTAssertThrowsError(try GradientDescent(learningRate: 0.1, batchSize: -2, steps: 1))
    }
}
