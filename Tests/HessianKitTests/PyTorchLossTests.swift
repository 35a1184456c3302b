@testable import HessianCore
@testable import HessianFormats
import XCTest

/// The losses under PyTorch's conventions, and weight decay.
final class PyTorchLossTests: XCTestCase {
    /// The mean training loss of each MSE form against PyTorch's reductions
    /// written out independently: MSELoss() is the mean of (f − t)² over all
    /// N·C elements, reduction='sum' their sum (over N: `mse_sum`), and the historical `mse`
    /// ½‖f − t‖² averaged over examples is C/2 × MSELoss().
    func testSquaredErrorsFollowPyTorchReductions() throws {
        let data = Fixture.data(n: 7, d: 3, classes: 4, seed: 1)
        let base = try MLP(sizes: [3, 5, 4], activation: .tanh, loss: .mse, initScale: 0.8, seed: 2)
        let f = ForwardPass(model: base, data: data).preactivations.last!
        var squares = 0.0
        for s in 0..<data.count {
            for k in 0..<4 { let r = f[k * data.count + s] - (data.labels[s] == k ? 1 : 0); squares += r * r }
        }
        let elements = Double(data.count * 4)
        let expected: [Loss: Double] = [.mseMean: squares / elements, .mseSum: squares / Double(data.count), .mse: 0.5 * squares / Double(data.count)]
        for (loss, value) in expected {
            let model = try MLP(sizes: [3, 5, 4], activation: .tanh, loss: loss, parameters: base.parameters)
            XCTAssertEqual(model.lossAndGradient(on: data).loss, value, accuracy: 1e-14 * value, "\(loss)")
        }
        XCTAssertEqual(expected[.mse]! / expected[.mseMean]!, 2, accuracy: 1e-12, "C/2 with C = 4")
    }

    /// Names and aliases, any case; unknown names refused.
    func testLossNamesAndAliases() {
        let cases: [(String, Loss)] = [("cross_entropy", .nll), ("CrossEntropyLoss", .nll), ("nll", .nll), ("MSELoss", .mseMean),
                                       ("mse_mean", .mseMean), ("MSE_SUM", .mseSum), ("mse", .mse), ("half_squared_error", .mse),
                                       ("BCEWithLogitsLoss", .logistic)]
        for (name, loss) in cases { XCTAssertEqual(Loss(name: name), loss, name) }
        XCTAssertNil(Loss(name: "hinge"))
        for loss in Loss.allCases { XCTAssertEqual(Loss(name: loss.rawValue), loss) }
    }

    /// Weight decay λ: every eigenvalue of H and G is shifted by exactly λ
    /// (dense, factored and the Lanczos extremes), R is not; the spectrum
    /// with λ agrees with the eigenvalues of central differences of the
    /// regularised gradient (an independent oracle of H + λI) to 1e-6.
    func testWeightDecayShiftsEveryEigenvalue() throws {
        let data = Fixture.data(n: 4, d: 3, classes: 3, seed: 4)
        let plain = try MLP(sizes: [3, 8, 3], activation: .relu, loss: .nll, initScale: 0.7, seed: 5)
        var decayed = plain
        decayed.weightDecay = 0.25
        for method in [SpectrumMethod.dense, .factored] {
            let a = try SpectrumEngine().compute(model: plain, data: data, parts: HessianPart.allCases, method: method).spectra
            let b = try SpectrumEngine().compute(model: decayed, data: data, parts: HessianPart.allCases, method: method).spectra
            for (x, y) in zip(a, b) {
                let shift = x.part == .residual ? 0 : 0.25
                assertClose(y.eigenvalues, x.eigenvalues.map { $0 + shift }, relativeTo: 1, tolerance: 1e-12, "\(method) \(x.part)")
            }
        }
        let top = try SpectrumEngine().compute(model: decayed, data: data, parts: [.hessian], method: .lanczos, top: 3).spectra[0]
        let all = try SpectrumEngine().compute(model: plain, data: data, parts: [.hessian], method: .dense).spectra[0].eigenvalues
        assertClose(top.eigenvalues, all.suffix(3).map { $0 + 0.25 }, relativeTo: all.last!, tolerance: 1e-8, "lanczos")

        var numeric = finiteDifferenceHessian(decayed, on: data)
        let m = decayed.parameterCount
        for i in 0..<m { for j in 0..<i { let mean = 0.5 * (numeric[i * m + j] + numeric[j * m + i]); numeric[i * m + j] = mean; numeric[j * m + i] = mean } }
        let oracle = try SymmetricEigensolver.eigenvalues(destroying: &numeric, order: m)
        let dense = try SpectrumEngine().compute(model: decayed, data: data, parts: [.hessian], method: .dense).spectra[0].eigenvalues
        assertClose(dense, oracle, relativeTo: maxAbs(dense), tolerance: 1e-6)
    }
}
