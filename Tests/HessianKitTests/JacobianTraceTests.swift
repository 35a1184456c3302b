@testable import HessianCore
import XCTest

/// The cheap exact trace against the diagonal of the assembled matrix (an
/// independent computation: the exact Hessian's own recursion), and the
/// plan that decides whether the expensive path runs.
final class JacobianTraceTests: XCTestCase {
    /// Every activation and loss, one and two hidden layers, each part:
    /// tr from per-example Jacobians equals the assembled diagonal's sum.
    func testTraceEqualsTheAssembledDiagonal() throws {
        let data = Fixture.data(n: 13, d: 3, classes: 3, seed: 8)
        for sizes in [[3, 5, 3], [3, 4, 3, 3]] {
            for activation in Activation.allCases {
                for loss in Loss.allCases where loss != .logistic {
                    let model = Fixture.model(sizes, activation, loss, scale: 0.8, seed: 6)
                    let exact = ExactHessian(model: model, data: data)
                    let m = model.parameterCount
                    for part in HessianPart.allCases {
                        let matrix = exact.assemble(part)
                        let diagonal = (0..<m).reduce(0.0) { $0 + matrix[$1 * m + $1] }
                        let trace = try XCTUnwrap(JacobianTrace.trace(of: part, model: model, data: data), "\(sizes) \(activation) \(part)")
                        let scale = max(1, maxAbs(matrix)) * Double(m)
                        XCTAssertEqual(trace, diagonal, accuracy: 1e-12 * scale, "\(sizes) \(activation) \(loss) \(part)")
                    }
                }
            }
        }
    }

    /// The logistic loss (one output, c′ = 1) and three hidden ReLU layers
    /// (tr R = 0 exactly); tanh with three hidden layers has no cheap R.
    func testOneOutputDeepReLUAndTheCaseWithoutACheapPath() throws {
        let binary = Fixture.data(n: 11, d: 3, classes: 2, seed: 5)
        let logistic = Fixture.model([3, 4, 1], .tanh, .logistic, scale: 0.8, seed: 3)
        let deep = Fixture.model([3, 4, 3, 3, 2], .relu, .nll, scale: 0.8, seed: 4)
        for model in [logistic, deep] {
            let exact = ExactHessian(model: model, data: binary)
            let m = model.parameterCount
            for part in HessianPart.allCases {
                let matrix = exact.assemble(part)
                let diagonal = (0..<m).reduce(0.0) { $0 + matrix[$1 * m + $1] }
                let trace = try XCTUnwrap(JacobianTrace.trace(of: part, model: model, data: binary))
                XCTAssertEqual(trace, diagonal, accuracy: 1e-12 * max(1, maxAbs(matrix)) * Double(m), "\(model.sizes) \(part)")
            }
        }
        let tanh = Fixture.model([3, 4, 3, 3, 2], .tanh, .nll, seed: 4)
        XCTAssertNil(JacobianTrace.trace(of: .hessian, model: tanh, data: binary))
        XCTAssertNil(JacobianTrace.trace(of: .residual, model: tanh, data: binary))
        XCTAssertNotNil(JacobianTrace.trace(of: .gaussNewton, model: tanh, data: binary))
    }

    /// Per-layer activations: curved layers only among the first two hidden
    /// layers keep the cheap path (checked against the assembled diagonal);
    /// a curved third hidden layer does not.
    func testPerLayerActivations() throws {
        let data = Fixture.data(n: 12, d: 3, classes: 3, seed: 2)
        let cheap = try MLP(sizes: [3, 4, 4, 3, 3], activations: [.tanh, .sigmoid, .relu], loss: .nll, initScale: 0.8, seed: 3)
        let exact = ExactHessian(model: cheap, data: data)
        let m = cheap.parameterCount
        for part in HessianPart.allCases {
            let matrix = exact.assemble(part)
            let diagonal = (0..<m).reduce(0.0) { $0 + matrix[$1 * m + $1] }
            let trace = try XCTUnwrap(JacobianTrace.trace(of: part, model: cheap, data: data), "\(part)")
            XCTAssertEqual(trace, diagonal, accuracy: 1e-12 * max(1, maxAbs(matrix)) * Double(m), "\(part)")
        }
        let curvedThird = try MLP(sizes: [3, 4, 4, 3, 3], activations: [.relu, .relu, .tanh], loss: .nll, initScale: 0.8, seed: 3)
        XCTAssertNil(JacobianTrace.trace(of: .hessian, model: curvedThird, data: data))
    }

    /// Weight decay λ adds λ·I to H and G: the figures' trace equals the sum
    /// of the eigenvalues the engine reports (which carry the + λ).
    func testWeightDecayShiftsTheTraceAsItShiftsTheEigenvalues() throws {
        let data = Fixture.data(n: 10, d: 3, classes: 3, seed: 4)
        var model = Fixture.model([3, 5, 3], .tanh, .nll, scale: 0.8, seed: 5)
        model.weightDecay = 0.25
        for part in HessianPart.allCases {
            let spectrum = try SpectrumEngine().compute(model: model, data: data, parts: [part], method: .dense).spectra[0]
            let figures = SpectrumFigures.measure(model: model, data: data, spectrum: spectrum)
            let sum = spectrum.eigenvalues.reduce(0, +)
            XCTAssertEqual(figures.trace ?? .nan, sum, accuracy: 1e-11 * max(1, abs(sum)), "\(part)")
        }
    }

    /// Chunks of examples (a budget of one example) give the same trace.
    func testChunksGiveTheSameTrace() throws {
        let data = Fixture.data(n: 20, d: 4, classes: 3, seed: 3)
        let model = Fixture.model([4, 5, 4, 3], .sigmoid, .nll, seed: 2)
        let whole = try XCTUnwrap(JacobianTrace.trace(of: .hessian, model: model, data: data))
        let chunked = try XCTUnwrap(JacobianTrace.trace(of: .hessian, model: model, data: data, memoryBudget: 1))
        XCTAssertEqual(chunked, whole, accuracy: 1e-13 * abs(whole))
    }

    /// The plan: Jacobians where they apply; otherwise the blocks only
    /// beside a method of all eigenvalues or when asked; and the
    /// 784-1000-1000-10 network's trace costs less than a few products.
    func testPlanLeavesTheExpensiveTraceOutUnlessAsked() {
        let deep = [10, 8, 8, 8, 3]
        func path(_ activation: Activation, all: Bool, asked: Bool) -> TracePlan.Path {
            TracePlan.plan(part: .hessian, sizes: deep, activations: Activations(activation), loss: .nll, examples: 50,
                           givesAllEigenvalues: all, asked: asked).path
        }
        XCTAssertEqual(path(.relu, all: false, asked: false), .jacobian)
        XCTAssertEqual(path(.tanh, all: false, asked: false), .skipped)
        XCTAssertEqual(path(.tanh, all: false, asked: true), .blocks)
        XCTAssertEqual(path(.tanh, all: true, asked: false), .blocks)
        let sizes = [784, 1000, 1000, 10], n = 2000
        let plan = TracePlan.plan(part: .hessian, sizes: sizes, activations: Activations(.relu), loss: .nll, examples: n,
                                  givesAllEigenvalues: false, asked: false)
        let product = 6 * Double(n) * Double(ParameterLayout.parameterCount(sizes))
        XCTAssertEqual(plan.path, .jacobian)
        XCTAssertLessThan(plan.flops, 5 * product)
        XCTAssertGreaterThan(TracePlan.blockFlops(sizes: sizes, examples: n), 100 * product, "what the block path would have cost")
    }
}
