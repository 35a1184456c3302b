@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class HessianTraceTests: XCTestCase {
    /// Against the diagonal of the assembled matrix and the sum of its
    /// eigenvalues, for every activation, both losses and each part.
    func testTraceIsTheDiagonalSumOfTheAssembledMatrix() throws {
        let data = Fixture.data(n: 13, d: 3, classes: 3, seed: 8)
        for activation in Activation.allCases {
            for loss in Loss.allCases where loss != .logistic {  // one output: LogisticLossTests
                let model = Fixture.model([3, 4, 3, 3], activation, loss, scale: 0.8, seed: 6)
                let exact = ExactHessian(model: model, data: data)
                let m = model.parameterCount
                var traces: [HessianPart: Double] = [:]
                for part in HessianPart.allCases {
                    let matrix = exact.assemble(part)
                    let diagonal = (0..<m).reduce(0.0) { $0 + matrix[$1 * m + $1] }
                    var copy = matrix
                    let eigenvalues = try SymmetricEigensolver.eigenvalues(destroying: &copy, order: m)
                    let trace = HessianTrace.trace(of: part, model: model, data: data)
                    let scale = max(1, maxAbs(matrix)) * Double(m)
                    XCTAssertEqual(trace, diagonal, accuracy: 1e-12 * scale, "\(activation) \(loss) \(part)")
                    XCTAssertEqual(trace, eigenvalues.reduce(0, +), accuracy: 1e-10 * scale, "\(activation) \(loss) \(part)")
                    traces[part] = trace
                }
                XCTAssertEqual(traces[.hessian]!, traces[.gaussNewton]! + traces[.residual]!, accuracy: 1e-12 * max(1, abs(traces[.hessian]!)))
            }
        }
    }

    func testChunksGiveTheSameTrace() {
        let data = Fixture.data(n: 20, d: 4, classes: 3, seed: 3)
        let model = Fixture.model([4, 5, 3], .tanh, .nll, seed: 2)
        let whole = HessianTrace.trace(of: .hessian, model: model, data: data)
        // A budget of one example's blocks: twenty chunks.
        let chunked = HessianTrace.trace(of: .hessian, model: model, data: data, memoryBudget: 1)
        XCTAssertEqual(chunked, whole, accuracy: 1e-13 * abs(whole))
    }

    func testFiguresKnowTheExtremesOnlyWhenTheSpectrumHasThem() throws {
        let data = Fixture.data(n: 10, d: 3, classes: 2, seed: 4)
        let model = Fixture.model([3, 3, 2], .sigmoid, .mse, seed: 7)
        let full = try SpectrumEngine().compute(model: model, data: data, parts: [.hessian], method: .dense).spectra[0]
        let all = SpectrumFigures.measure(model: model, data: data, spectrum: full)
        XCTAssertEqual(all.maxEigenvalue, full.eigenvalues.last)
        XCTAssertEqual(all.minEigenvalue, full.eigenvalues.first)
        XCTAssertEqual(all.trace ?? .nan, full.eigenvalues.reduce(0, +), accuracy: 1e-12 * Double(model.parameterCount) * maxAbs(full.eigenvalues))
        let zero = 1e-6 * maxAbs(full.eigenvalues)
        XCTAssertEqual(all.negatives, full.eigenvalues.filter { $0 < -zero }.count)
        XCTAssertGreaterThan(all.negatives ?? 0, 0, "a sigmoid net at its initial point has negative curvature")
        let top = try SpectrumEngine().compute(model: model, data: data, parts: [.hessian], method: .dense, top: 2).spectra[0]
        let partial = SpectrumFigures.measure(model: model, data: data, spectrum: top)
        XCTAssertEqual(partial.maxEigenvalue, full.eigenvalues.last)
        XCTAssertNil(partial.minEigenvalue)
        XCTAssertNil(partial.negatives, "a partial spectrum cannot count its negatives")
        XCTAssertEqual(partial.trace, all.trace)
    }
}
