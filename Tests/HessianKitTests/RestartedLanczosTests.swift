@testable import HessianCore
import XCTest

/// Lanczos with a bounded basis (thick restarts) against independent
/// oracles: a diagonal spectrum known in closed form and the dense
/// eigensolver of small networks; and the memory plan of the
/// 784-1000-1000-10 network it is meant for.
final class RestartedLanczosTests: XCTestCase {
    /// 1000 values uniform in [−1, 1] with outliers 3, 4, 5 and −2 (the
    /// shape of a trained network's Hessian: a bulk and a few outliers):
    /// the outliers through a basis of 16 vectors, many restarts, to 1e-8.
    func testBoundedBasisFindsTheOutliersOfAKnownSpectrum() throws {
        var random = RandomSource(seed: 3)
        var d = (0..<1000).map { _ in random.uniform(-1, 1) }
        d += [3, 4, 5, -2]
        let n = d.count
        let sorted = d.sorted()
        let settings = LanczosSettings(top: 3, bottom: 1, tolerance: 1e-10, basisVectors: 16)
        let result = try Lanczos.extremeEigenvalues(of: .diagonal(d), settings: settings)
        XCTAssertTrue(result.converged)
        XCTAssertGreaterThan(result.iterations, 16, "the basis of 16 vectors must have restarted")
        XCTAssertEqual(result.indices, [0, n - 3, n - 2, n - 1])
        assertClose(result.values, result.indices.map { sorted[$0] }, relativeTo: 5, tolerance: 1e-8)
        for r in result.residualNorms { XCTAssertLessThanOrEqual(r, 1e-10 * result.scale) }
    }

    /// The run itself keeps at most its capacity: a restarted run on the
    /// diagonal operator restarts and still converges to λmax.
    func testRestartedRunRestartsAndConverges() throws {
        let d = (0..<500).map { Double($0) / 500 } + [2]
        var random = RandomSource(seed: 1)
        let run = try Lanczos.RestartedRun(operator: .diagonal(d), locked: [], top: 1, bottom: 0, limit: 400, capacity: 8,
                                           tolerance: 1e-10, backend: .openBLAS, random: &random)
        XCTAssertTrue(run.converged)
        XCTAssertGreaterThan(run.restarts, 0)
        XCTAssertEqual(run.pairs.count, 1)
        XCTAssertEqual(run.pairs.first?.value ?? 0, 2, accuracy: 1e-9)
    }

    /// H, G and R of small networks of every activation: the top and bottom
    /// 3 through a basis of 20 vectors (M = 59, so restarts are needed)
    /// against every eigenvalue of the dense matrix, to 1e-8 of max|λ|.
    /// G's bottom is a zero of multiplicity M − N·(C − 1) = 9, which one
    /// Krylov sequence sees once; deflation finds the copies only after a
    /// converged run, so G is asked for its top alone.
    func testBoundedBasisAgreesWithDenseEigenvaluesOnSmallModels() throws {
        let data = Fixture.data(n: 25, d: 4, classes: 3, seed: 13)
        for activation in Activation.allCases {
            let model = Fixture.model([4, 7, 3], activation, .nll, scale: 0.8, seed: 2)
            let dense = try DenseSpectrum.compute(model: model, data: data, parts: HessianPart.allCases)
            let products = HessianVectorProduct(model: model, data: data)
            for spectrum in dense {
                let all = spectrum.eigenvalues
                let m = all.count
                let scale = max(abs(all[0]), abs(all[m - 1]))
                let bottom = spectrum.part == .gaussNewton ? 0 : 3
                let settings = LanczosSettings(top: 3, bottom: bottom, tolerance: 1e-10, basisVectors: 20)
                let result = try Lanczos.extremeEigenvalues(of: .curvature(products, part: spectrum.part), settings: settings)
                XCTAssertTrue(result.converged, "\(activation) \(spectrum.part)")
                XCTAssertEqual(result.indices, Array(0..<bottom) + [m - 3, m - 2, m - 1])
                assertClose(result.values, result.indices.map { all[$0] }, relativeTo: scale, tolerance: 1e-8, "\(activation) \(spectrum.part)")
            }
        }
    }

    /// The plan for the top eigenvalue of 784-1000-1000-10 (M = 1,796,010)
    /// on 2000 examples: the basis is bounded (not the 1000 steps), the
    /// whole plan fits in 4 GiB, and less memory is refused up front.
    func testMemoryPlanOfTheLargeNetworkIsBoundedAndRefusedWhenShort() throws {
        let sizes = [784, 1000, 1000, 10]
        let gib = 1 << 30
        let request = SpectrumRequest(method: .lanczos, top: 1)
        let plan = try SpectrumEngine(resources: ComputeResources(availableBytes: 4 * gib))
            .plan(sizes: sizes, activations: Activations(.relu), loss: .nll, examples: 2000, request: request)
        XCTAssertLessThan(plan.requiredBytes, 2 * gib)
        XCTAssertGreaterThan(plan.requiredBytes, 8 * 1_796_010 * 30, "the basis holds at least 2·wanted + 30 vectors")
        XCTAssertThrowsError(try SpectrumEngine(resources: ComputeResources(availableBytes: gib / 4))
            .plan(sizes: sizes, activations: Activations(.relu), loss: .nll, examples: 2000, request: request)) { error in
            XCTAssert(error is MemoryError, "\(error)")
        }
        // Networks of a few thousand parameters keep the whole Krylov space.
        XCTAssertEqual(LanczosSettings(top: 4).basisLimit(order: 4270, wanted: 4), 1000)
    }
}
