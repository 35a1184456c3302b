@testable import HessianKit
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
            TracePlan.plan(part: .hessian, sizes: deep, activation: activation, loss: .nll, examples: 50,
                           givesAllEigenvalues: all, asked: asked).path
        }
        XCTAssertEqual(path(.relu, all: false, asked: false), .jacobian)
        XCTAssertEqual(path(.tanh, all: false, asked: false), .skipped)
        XCTAssertEqual(path(.tanh, all: false, asked: true), .blocks)
        XCTAssertEqual(path(.tanh, all: true, asked: false), .blocks)
        let sizes = [784, 1000, 1000, 10], n = 2000
        let plan = TracePlan.plan(part: .hessian, sizes: sizes, activation: .relu, loss: .nll, examples: n,
                                  givesAllEigenvalues: false, asked: false)
        let product = 6 * Double(n) * Double(ParameterLayout.parameterCount(sizes))
        XCTAssertEqual(plan.path, .jacobian)
        XCTAssertLessThan(plan.flops, 5 * product)
        XCTAssertGreaterThan(TracePlan.blockFlops(sizes: sizes, examples: n), 100 * product, "what the block path would have cost")
    }
}
