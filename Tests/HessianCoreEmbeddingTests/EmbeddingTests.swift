import HessianCore
import XCTest

/// What a program embedding the library sees: only `HessianCore`'s public
/// API (no `@testable`, no other module), and nothing set up first — no
/// backend activated, no thread count or solver installed, no staging.
final class EmbeddingTests: XCTestCase {
    private func trainedNetwork() throws -> (MLP, Dataset) {
        let data = try Blobs(clusters: 3, dimension: 4, std: 1, seed: 5).generate(train: 30, test: 0).train
        let initial = try MLP(sizes: [4, 6, 3], activation: .tanh, loss: .nll, initScale: 0.3, seed: 2)
        return (try GradientDescent(learningRate: 0.1, steps: 40).train(initial, on: data).model, data)
    }

    /// The engine's spectrum against invariants computed from exact
    /// Hessian-vector products alone: Σλ = tr H = Σ_i (H e_i)_i and
    /// Σλ² = ‖H‖_F² = Σ_i ‖H e_i‖², to 1e-10 relative to the scale.
    func testSpectrumMatchesTraceAndFrobeniusNormOfProducts() throws {
        let (model, data) = try trainedNetwork()
        let engine = SpectrumEngine(resources: ComputeResources(availableBytes: 1 << 30, threads: 2))
        let run = try engine.compute(model: model, data: data, parts: [.hessian], method: .dense)
        let values = run.spectra[0].eigenvalues
        let m = model.parameterCount
        XCTAssertEqual(values.count, m)
        let products = HessianVectorProduct(model: model, data: data)
        var trace = 0.0, frobenius = 0.0
        for i in 0..<m {
            var unit = [Double](repeating: 0, count: m)
            unit[i] = 1
            let column = products.apply(.hessian, to: unit)
            trace += column[i]
            frobenius += column.reduce(0) { $0 + $1 * $1 }
        }
        let scale = values.map(abs).max() ?? 1
        XCTAssertEqual(values.reduce(0, +), trace, accuracy: 1e-10 * scale * Double(m))
        XCTAssertEqual(values.reduce(0) { $0 + $1 * $1 }, frobenius, accuracy: 1e-10 * scale * scale * Double(m))
    }

    /// The memory the plan is checked against is the engine's, not the
    /// machine's: a forced dense plan that needs more is refused with the
    /// figures, and an engine without a distributed solver refuses that method.
    func testResourcesComeFromTheEngineValue() throws {
        let (model, data) = try trainedNetwork()
        let tiny = SpectrumEngine(resources: ComputeResources(availableBytes: 1000))
        XCTAssertThrowsError(try tiny.compute(model: model, data: data, parts: [.hessian], method: .dense)) { error in
            guard case MemoryError.insufficient(_, let needed, let available) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(available, 1000)
            XCTAssertGreaterThan(needed, 8 * model.parameterCount * model.parameterCount - 1)
        }
        XCTAssertThrowsError(try SpectrumEngine().compute(model: model, data: data, parts: [.hessian], method: .distributed)) { error in
            XCTAssertEqual(error as? SpectrumEngineError, .noDistributedSolver)
        }
    }

    /// The thread count is the engine's and does not change the answer: the
    /// dense and factored spectra on 1 and 3 threads agree bit for bit.
    func testThreadCountChangesNothingButTheSchedule() throws {
        let data = try Blobs(clusters: 3, dimension: 12, std: 1, seed: 1).generate(train: 8, test: 0).train
        let model = try MLP(sizes: [12, 5, 3], activation: .relu, loss: .nll, initScale: 0.3, seed: 4)
        for method in [SpectrumMethod.dense, .factored] {
            let one = try SpectrumEngine(resources: ComputeResources(threads: 1))
                .compute(model: model, data: data, parts: [.hessian], method: method).spectra[0].eigenvalues
            let three = try SpectrumEngine(resources: ComputeResources(threads: 3))
                .compute(model: model, data: data, parts: [.hessian], method: method).spectra[0].eigenvalues
            XCTAssertEqual(one, three, "\(method)")
        }
    }
}
