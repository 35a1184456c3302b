@testable import HessianCore
@testable import HessianFormats
import XCTest

/// Float regression targets (N, k) for the squared-error losses.
final class RegressionTargetTests: XCTestCase {
    func regressionData() throws -> Dataset {
        var random = RandomSource(seed: 3)
        let n = 8, d = 3, k = 2
        return try Dataset(features: (0..<(n * d)).map { _ in random.normal() }, targets: (0..<(n * k)).map { _ in random.normal() },
                           dimension: d, outputs: k)
    }

    /// A .npz with y of shape (N, k) float reads as targets and writes back
    /// the same; subsets keep each example's targets.
    func testNPZTargetsRoundTripAndSubset() throws {
        let data = try regressionData()
        let back = try NPZDataset.decode(NPZDataset.encode(data), path: "r.npz")
        XCTAssertEqual(back, data)
        XCTAssertEqual(back.classCount, 2)
        let picked = data.subset([5, 1])
        for k in 0..<2 {
            XCTAssertEqual(picked.target(k, of: 0), data.target(k, of: 5))
            XCTAssertEqual(picked.target(k, of: 1), data.target(k, of: 1))
        }
    }

    /// The MSELoss() objective is the mean of (f − t)² over the N·k
    /// elements, written out here independently; its Hessian matches
    /// central differences of the gradient; accuracy is NaN; a loss that is
    /// not squared error, or another output count, is refused.
    func testSquaredErrorUsesTheTargets() throws {
        let data = try regressionData()
        let model = try MLP(sizes: [3, 4, 2], activation: .tanh, loss: .mseMean, initScale: 0.7, seed: 1)
        try model.checkCompatible(with: data)
        let f = ForwardPass(model: model, data: data).preactivations.last!
        var total = 0.0
        for s in 0..<data.count { for k in 0..<2 { let r = f[k * data.count + s] - data.target(k, of: s); total += r * r } }
        XCTAssertEqual(model.lossAndGradient(on: data).loss, total / Double(2 * data.count), accuracy: 1e-14)
        XCTAssert(model.evaluate(on: data).accuracy.isNaN)
        let h = ExactHessian(model: model, data: data).assemble(.hessian)
        assertClose(h, finiteDifferenceHessian(model, on: data), relativeTo: maxAbs(h), tolerance: 1e-6)
        let nll = try MLP(sizes: [3, 4, 2], activation: .tanh, loss: .nll, initScale: 0.7, seed: 1)
        XCTAssertThrowsError(try nll.checkCompatible(with: data)) { XCTAssert("\($0)".contains("squared-error loss"), "\($0)") }
        let wide = try MLP(sizes: [3, 4, 3], activation: .tanh, loss: .mseMean, initScale: 0.7, seed: 1)
        XCTAssertThrowsError(try wide.checkCompatible(with: data)) { XCTAssert("\($0)".contains("2 targets"), "\($0)") }
    }
}
