@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class FactoredEigenvectorTests: XCTestCase {
    /// Small enough that r < M: N·c′ + 2·C·h columns against M parameters.
    func testHessianAndGaussNewtonVectorsThroughTheFactor() throws {
        let data = Fixture.data(n: 6, d: 8, classes: 3, seed: 31)
        for activation in [Activation.relu, .linear] {
            for loss in Loss.allCases where loss != .logistic {  // one output: LogisticLossTests
                let model = Fixture.model([8, 5, 3], activation, loss, scale: 0.7, seed: 4)
                for (part, bottom, top) in [(HessianPart.hessian, 2, 3), (.gaussNewton, 0, 4)] {
                    let label = "\(activation) \(loss) \(part)"
                    let s = try FactoredSpectrum.extremeEigenpairs(model: model, data: data, parts: [part], bottom: bottom, top: top)[0]
                    XCTAssertEqual(s.eigenvalues.count, bottom + top, label)
                    try EigenpairCheck.assertEigenpairs(values: s.eigenvalues, indices: s.indices ?? [], vectors: s.eigenvectors ?? [],
                                                        of: part, model: model, data: data, label)
                }
            }
        }
    }

    func testZeroEigenvaluesOutsideTheCoreAreRefused() {
        let data = Fixture.data(n: 6, d: 8, classes: 3, seed: 31)
        let model = Fixture.model([8, 5, 3], .relu, .mse, scale: 0.7, seed: 4)
        XCTAssertThrowsError(try FactoredSpectrum.extremeEigenpairs(model: model, data: data, parts: [.gaussNewton], bottom: 1, top: 0))
        XCTAssertThrowsError(try FactoredSpectrum.extremeEigenpairs(model: model, data: data, parts: [.residual], bottom: 0, top: 1))
    }
}
