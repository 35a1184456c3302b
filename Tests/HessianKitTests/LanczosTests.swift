@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class LanczosTests: XCTestCase {
    /// A diagonal operator with a known spectrum: 2000 values uniform in
    /// [−1, 1] plus outliers 3, 4, 5 and −2. The top and bottom 4 must come
    /// back to 1e-8 of max|λ| with measured residuals within the tolerance,
    /// in far fewer steps than the order, with their global indices.
    func testExtremesOfADiagonalOperatorWithKnownSpectrum() throws {
        var random = RandomSource(seed: 3)
        var d = (0..<2000).map { _ in random.uniform(-1, 1) }
        d += [3, 4, 5, -2]
        let n = d.count
        let sorted = d.sorted()
        let result = try Lanczos.extremeEigenvalues(of: .diagonal(d), settings: LanczosSettings(top: 4, bottom: 4, tolerance: 1e-10))
        XCTAssertTrue(result.converged)
        XCTAssertLessThan(result.iterations, n / 2, "should stop at the tolerance, long before exhausting the space")
        XCTAssertEqual(result.indices, [0, 1, 2, 3, n - 4, n - 3, n - 2, n - 1])
        assertClose(result.values, result.indices.map { sorted[$0] }, relativeTo: 5, tolerance: 1e-8)
        for r in result.residualNorms { XCTAssertLessThanOrEqual(r, 1e-10 * result.scale) }
        XCTAssertEqual(result.scale, 5, accuracy: 1e-9)
    }

    /// The residual norms are measured, not estimated: for a diagonal
    /// operator the Ritz vector's residual can be recomputed here.
    func testResidualNormsAreTheRealResiduals() throws {
        let d = (0..<50).map { Double($0 * $0) / 100 }
        let result = try Lanczos.extremeEigenvalues(of: .diagonal(d), settings: LanczosSettings(top: 2, tolerance: 1e-3, maxIterations: 6))
        XCTAssertFalse(result.converged, "6 steps cannot resolve the top pair of this spectrum to 1e-3")
        XCTAssertEqual(result.iterations, 6)
        XCTAssertEqual(result.indices, [48, 49])
        // A Ritz value is within its residual of an eigenvalue (Weyl/Krylov–Bogoliubov).
        for (value, residual) in zip(result.values, result.residualNorms) {
            let nearest = d.map { abs($0 - value) }.min()!
            XCTAssertLessThanOrEqual(nearest, residual * (1 + 1e-12))
        }
    }

    /// Repeated eigenvalues: each of 1…6 twice. A single Krylov sequence
    /// sees each value once; after the invariant subspace is exhausted the
    /// run restarts orthogonally and finds the second copies.
    func testRepeatedEigenvaluesAreFoundAfterABreakdown() throws {
        let d = (1...6).flatMap { [Double($0), Double($0)] }
        let result = try Lanczos.extremeEigenvalues(of: .diagonal(d), settings: LanczosSettings(top: 3, bottom: 3))
        assertClose(result.values, [1, 1, 2, 5, 6, 6], relativeTo: 6, tolerance: 1e-12)
        XCTAssertEqual(result.indices, [0, 1, 2, 9, 10, 11])
        XCTAssertTrue(result.converged && result.verified)
        XCTAssertGreaterThanOrEqual(result.runs, 2, "the first run sees 1 and 6 once; a deflation run must add the copies")
    }

    /// Top and bottom 4 of H, G and R of a small model of each activation
    /// (exact products) against every eigenvalue of the dense matrix, to
    /// 1e-8 of max|λ|.
    func testAgreesWithDenseEigenvaluesOnSmallModels() throws {
        let data = Fixture.data(n: 25, d: 4, classes: 3, seed: 13)
        for activation in Activation.allCases {
            let model = Fixture.model([4, 7, 3], activation, .nll, scale: 0.8, seed: 2)
            let dense = try DenseSpectrum.compute(model: model, data: data, parts: HessianPart.allCases)
            let products = HessianVectorProduct(model: model, data: data)
            for spectrum in dense {
                let all = spectrum.eigenvalues
                let m = all.count
                let scale = max(abs(all[0]), abs(all[m - 1]))
                let result = try Lanczos.extremeEigenvalues(of: .curvature(products, part: spectrum.part),
                                                            settings: LanczosSettings(top: 4, bottom: 4, tolerance: 1e-10))
                XCTAssertTrue(result.converged, "\(activation) \(spectrum.part)")
                XCTAssertEqual(result.indices, [0, 1, 2, 3, m - 4, m - 3, m - 2, m - 1])
                assertClose(result.values, result.indices.map { all[$0] }, relativeTo: scale, tolerance: 1e-8, "\(activation) \(spectrum.part)")
            }
        }
    }

    func testRejectsAnEmptyRequest() {
        XCTAssertThrowsError(try Lanczos.extremeEigenvalues(of: .diagonal([1, 2]), settings: LanczosSettings()))
        XCTAssertThrowsError(try Lanczos.extremeEigenvalues(of: .diagonal([1, 2]), settings: LanczosSettings(top: 1, tolerance: -1)))
    }
}

final class SymmetricOperatorTests: XCTestCase {
    struct Failure: Error, Equatable {}

    /// An error thrown by a user's product reaches the caller of Lanczos.
    func testAThrowingProductStopsLanczos() {
        let failing = SymmetricOperator(order: 10) { _ in throw Failure() }
        XCTAssertThrowsError(try Lanczos.extremeEigenvalues(of: failing, settings: LanczosSettings(top: 1))) { error in
            XCTAssertEqual(error as? Failure, Failure())
        }
    }

    /// A product of the wrong length is refused rather than read past its end.
    func testAProductOfTheWrongLengthIsRefused() {
        let short = SymmetricOperator(order: 10) { x in Array(x.prefix(9)) }
        XCTAssertThrowsError(try Lanczos.extremeEigenvalues(of: short, settings: LanczosSettings(top: 1))) { error in
            guard case LanczosError.invalid = error else { return XCTFail("\(error)") }
        }
    }

    /// The array initialiser gives the operator's eigenvalues: a 2 × 2
    /// rotation-free symmetric matrix [[2, 1], [1, 2]] has eigenvalues 1 and 3.
    func testArrayInitialiserOfASmallMatrix() throws {
        let a = SymmetricOperator(order: 2) { x in [2 * x[0] + x[1], x[0] + 2 * x[1]] }
        let result = try Lanczos.extremeEigenvalues(of: a, settings: LanczosSettings(top: 1, bottom: 1))
        assertClose(result.values, [1, 3], relativeTo: 3, tolerance: 1e-12)
    }
}
