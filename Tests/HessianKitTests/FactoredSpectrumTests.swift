@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class FactoredSpectrumTests: XCTestCase {
    /// Every eigenvalue of H, G and R from the factored form against the
    /// dense path, to 1e-9 of max|λ|, for ReLU and linear, nll and mse, one
    /// hidden layer (r = N·c′ + 2·C·h well below M) and no hidden layer.
    func testEveryEigenvalueAgreesWithDense() throws {
        let data = Fixture.data(n: 24, d: 30, classes: 3, seed: 41)
        for sizes in [[30, 9, 3], [30, 3]] {
            for activation in [Activation.relu, .linear] {
                for loss in Loss.allCases where loss != .logistic {  // one output: LogisticLossTests
                    let model = Fixture.model(sizes, activation, loss, scale: 0.4, seed: 6)
                    let m = model.parameterCount
                    for part in HessianPart.allCases {
                        XCTAssertLessThan(FactoredSpectrum.columns(sizes: sizes, examples: data.count, loss: loss, part: part), m)
                    }
                    let dense = try DenseSpectrum.compute(model: model, data: data, parts: HessianPart.allCases)
                    let factored = try FactoredSpectrum.compute(model: model, data: data, parts: HessianPart.allCases)
                    for (a, b) in zip(dense, factored) {
                        XCTAssertEqual(a.part, b.part)
                        XCTAssertEqual(b.eigenvalues.count, m)
                        let scale = max(abs(a.eigenvalues[0]), abs(a.eigenvalues[m - 1]), 1e-300)
                        assertClose(b.eigenvalues, a.eigenvalues, relativeTo: scale, tolerance: 1e-9, "\(sizes) \(activation) \(loss) \(a.part)")
                    }
                }
            }
        }
    }

    /// Dead ReLU units (a large negative bias) leave Q_i = 0 and columns of
    /// V that are zero; the pivoted factor must still give the dense spectrum.
    func testDeadUnitsAndRankDeficientGram() throws {
        let data = Fixture.data(n: 20, d: 15, classes: 4, seed: 2)
        var model = Fixture.model([15, 8, 4], .relu, .nll, scale: 0.5, seed: 3)
        let layout = model.layout
        for i in [1, 4, 5] { model.parameters[layout.biasOffset(1) + i] = -100 }
        let m = model.parameterCount
        let dense = try DenseSpectrum.compute(model: model, data: data, parts: [.hessian, .residual])
        let factored = try FactoredSpectrum.compute(model: model, data: data, parts: [.hessian, .residual])
        for (a, b) in zip(dense, factored) {
            let scale = max(abs(a.eigenvalues[0]), abs(a.eigenvalues[m - 1]))
            assertClose(b.eigenvalues, a.eigenvalues, relativeTo: scale, tolerance: 1e-9, "\(a.part)")
        }
    }

    /// G factors for any activation and depth; H and R do not for tanh or
    /// sigmoid, nor with two hidden layers, and say why.
    func testStructureChecks() throws {
        let data = Fixture.data(n: 10, d: 12, classes: 3, seed: 5)
        let tanh = Fixture.model([12, 6, 5, 3], .tanh, .mse, seed: 4)
        let dense = try DenseSpectrum.compute(model: tanh, data: data, parts: [.gaussNewton])[0].eigenvalues
        let factored = try FactoredSpectrum.compute(model: tanh, data: data, parts: [.gaussNewton])[0].eigenvalues
        assertClose(factored, dense, relativeTo: dense.last!, tolerance: 1e-9)
        XCTAssertNotNil(FactoredSpectrum.unsupportedReason(model: tanh, part: .hessian))
        XCTAssertNotNil(FactoredSpectrum.unsupportedReason(model: Fixture.model([12, 6, 5, 3], .relu, .nll), part: .residual))
        XCTAssertNil(FactoredSpectrum.unsupportedReason(model: Fixture.model([12, 6, 3], .relu, .nll), part: .hessian))
        XCTAssertThrowsError(try FactoredSpectrum.compute(model: tanh, data: data, parts: [.hessian])) { error in
            XCTAssert("\(error)".contains("tanh"), "\(error)")
        }
    }

    /// The number of nonzero eigenvalues is bounded by r: with N·(C−1) +
    /// 2·C·h < M, at least M − r eigenvalues are exactly zero.
    func testZerosBeyondTheFactorRank() throws {
        let data = Fixture.data(n: 12, d: 30, classes: 3, seed: 9)
        let model = Fixture.model([30, 5, 3], .relu, .nll)
        let values = try FactoredSpectrum.compute(model: model, data: data, parts: [.hessian])[0].eigenvalues
        let r = FactoredSpectrum.columns(sizes: model.sizes, examples: 12, loss: .nll, part: .hessian)
        XCTAssertGreaterThanOrEqual(values.filter { $0 == 0 }.count, model.parameterCount - r)
    }

    /// The Gram eigensolve follows the driver asked for: every driver gives
    /// the same eigenvalues to rounding, and the dense ones.
    func testEveryDriverSolvesTheGram() throws {
        let data = Fixture.data(n: 10, d: 20, classes: 3, seed: 3)
        let model = Fixture.model([20, 4, 3], .relu, .nll)
        let dense = try DenseSpectrum.compute(model: model, data: data, parts: [.hessian])[0].eigenvalues
        for driver in EigenDriver.allCases {
            let factored = try FactoredSpectrum.compute(model: model, data: data, parts: [.hessian], driver: driver)[0].eigenvalues
            assertClose(factored, dense, relativeTo: maxAbs(dense), tolerance: 1e-9, "\(driver)")
        }
    }
}
