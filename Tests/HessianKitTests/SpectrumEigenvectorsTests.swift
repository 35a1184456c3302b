@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class SpectrumEigenvectorsTests: XCTestCase {
    private let data = Fixture.data(n: 9, d: 4, classes: 3, seed: 14)

    /// Every method, every activation and loss: eigenpairs of the matrix
    /// itself (values against dense, residuals by exact products,
    /// orthonormal), and the CSV's residual column filled.
    func testEveryMethodGivesEigenpairs() throws {
        // r = N·c′ + 2·C·h ≤ 48 columns < M = 63, so the factored form applies.
        let data = Fixture.data(n: 6, d: 8, classes: 3, seed: 31)
        for activation in Activation.allCases {
            for loss in Loss.allCases where loss != .logistic {  // one output: LogisticLossTests
                let model = Fixture.model([8, 5, 3], activation, loss, scale: 0.8, seed: 10)
                var methods: [SpectrumMethod] = [.dense, .lanczos]
                if activation.isPiecewiseLinear { methods.append(.factored) }
                for method in methods {
                    var request = SpectrumRequest(parts: method == .factored ? [.hessian, .gaussNewton] : HessianPart.allCases,
                                                  method: method, top: 3, bottom: method == .factored ? 0 : 2)
                    request.lanczosTolerance = 1e-12
                    request.vectors = true
                    let run = try SpectrumEngine().compute(model: model, data: data, request: request)
                    XCTAssertEqual(run.method, method)
                    for s in run.spectra {
                        let label = "\(activation) \(loss) \(method) \(s.part)"
                        XCTAssertEqual(s.residualNorms?.count, s.eigenvalues.count, label)
                        try EigenpairCheck.assertEigenpairs(values: s.eigenvalues, indices: s.indices ?? [], vectors: s.eigenvectors ?? [],
                                                            of: s.part, model: model, data: data, label)
                    }
                }
            }
        }
    }

    /// ‖P_k g‖²/‖g‖² from the written top vectors against the projector
    /// built from all M eigenvectors of the dense decomposition.
    func testGradientOverlapAgainstAllEigenvectors() throws {
        let model = Fixture.model([4, 5, 3], .tanh, .nll, scale: 0.8, seed: 10)
        let m = model.parameterCount
        var matrix = ExactHessian(model: model, data: data).assemble(.hessian)
        _ = try SymmetricEigensolver.decomposition(&matrix, order: m)
        let gradient = model.lossAndGradient(on: data).gradient
        let k = 3
        var projected = 0.0
        for column in (m - k)..<m {
            var dot = 0.0
            for j in 0..<m { dot += matrix[column * m + j] * gradient[j] }
            projected += dot * dot
        }
        let expected = projected / gradient.reduce(0) { $0 + $1 * $1 }
        for method in [SpectrumMethod.dense, .lanczos] {
            let request = SpectrumRequest(parts: [.hessian], method: method, top: 5, lanczosTolerance: 1e-12, vectors: true)
            let spectrum = try SpectrumEngine().compute(model: model, data: data, request: request).spectra[0]
            let figures = SpectrumFigures.measure(model: model, data: data, spectrum: spectrum, overlapDimension: k)
            XCTAssertEqual(figures.gradientOverlap ?? -1, expected, accuracy: 1e-9, "\(method)")
            XCTAssertNil(SpectrumFigures.measure(model: model, data: data, spectrum: spectrum, overlapDimension: 6).gradientOverlap,
                         "k beyond the computed vectors")
        }
    }

    func testVectorsNeedTheExtremes() {
        let model = Fixture.model([4, 5, 3], .relu, .nll, seed: 10)
        XCTAssertThrowsError(try SpectrumEngine().compute(model: model, data: data, request: SpectrumRequest(method: .dense, vectors: true)))
    }

    /// auto does not pick the factored form for vectors it cannot give.
    func testAutoAvoidsTheFactorWhereItHasNoVectors() throws {
        let data = Fixture.data(n: 6, d: 8, classes: 3, seed: 31)
        let model = Fixture.model([8, 5, 3], .relu, .mse, scale: 0.8, seed: 10)
        let values = SpectrumRequest(parts: HessianPart.allCases, top: 2, bottom: 2)
        XCTAssertEqual(try SpectrumEngine().plan(sizes: model.sizes, activations: [.relu], loss: .mse, examples: 6, request: values).method, .factored)
        var vectors = values
        vectors.vectors = true
        let run = try SpectrumEngine().compute(model: model, data: data, request: vectors)
        XCTAssertNotEqual(run.method, .factored)
        XCTAssertEqual(run.spectra.map { $0.eigenvectors?.count }, Array(repeating: 4 * model.parameterCount, count: 3))
    }
}
