@testable import HessianCore
import XCTest

/// The estimators see the same objective as the exact methods: weight decay's
/// λ·I shifts every SLQ node of H and G by λ (the Gauss rule of A + λI is the
/// rule of A moved by λ, with the same weights) and adds λ·M to the trace.
final class WeightDecayEstimatorTests: XCTestCase {
    private let lambda = 0.25

    private func models() throws -> (plain: MLP, decayed: MLP) {
        let plain = try MLP(sizes: [3, 6, 3], activation: .tanh, loss: .nll, initScale: 0.7, seed: 5)
        var decayed = plain
        decayed.weightDecay = lambda
        return (plain, decayed)
    }

    func testSLQNodesShiftByTheDecayAndKeepTheirWeights() throws {
        let data = Fixture.data(n: 6, d: 3, classes: 3, seed: 4)
        let (plain, decayed) = try models()
        let request = SpectrumRequest(parts: HessianPart.allCases, method: .slq,
                                      estimators: EstimatorSettings(probes: 2, lanczosSteps: plain.parameterCount, seed: 3))
        let a = try SpectrumEngine().compute(model: plain, data: data, request: request).spectra
        let b = try SpectrumEngine().compute(model: decayed, data: data, request: request).spectra
        for (x, y) in zip(a, b) {
            let shift = x.part == .residual ? 0 : lambda
            let qx = try XCTUnwrap(x.quadrature), qy = try XCTUnwrap(y.quadrature)
            assertClose(qy.nodes, qx.nodes.map { $0 + shift }, relativeTo: 1, tolerance: 1e-10, "\(x.part) nodes")
            assertClose(qy.weights, qx.weights, relativeTo: 1, tolerance: 1e-10, "\(x.part) weights")
        }
        // With M steps the largest node of H is λmax of H + λI, from the dense path.
        let dense = try SpectrumEngine().compute(model: decayed, data: data, parts: [.hessian], method: .dense).spectra[0].eigenvalues
        let nodes = try XCTUnwrap(b.first { $0.part == .hessian }?.quadrature?.nodes)
        XCTAssertEqual(try XCTUnwrap(nodes.max()), try XCTUnwrap(dense.last), accuracy: 1e-10 * maxAbs(dense))
    }

    /// Hutchinson's Rademacher quadratic forms are shift-equivariant:
    /// xᵀ(A + λI)x = xᵀAx + λ·M for every probe, so the same seed gives
    /// estimates exactly λ·M apart.
    func testHutchinsonOfTheObjectiveAddsLambdaTimesM() throws {
        let data = Fixture.data(n: 6, d: 3, classes: 3, seed: 4)
        let (plain, decayed) = try models()
        let m = Double(plain.parameterCount)
        for part in HessianPart.allCases {
            let shift = part == .residual ? 0 : lambda * m
            let x = try TraceEstimator.hutchinson.estimate(
                of: .objectiveCurvature(HessianVectorProduct(model: plain, data: data), part: part), products: 30, seed: 9)
            let y = try TraceEstimator.hutchinson.estimate(
                of: .objectiveCurvature(HessianVectorProduct(model: decayed, data: data), part: part), products: 30, seed: 9)
            XCTAssertEqual(y.value, x.value + shift, accuracy: 1e-9 * (abs(x.value) + shift + 1), "\(part)")
        }
    }

    /// Hutch++ with k ≥ 3·M products sketches the whole space, so it is the
    /// exact trace: here of H + λI and G + λI against the dense eigenvalues.
    func testHutchPlusPlusOfTheObjectiveMatchesTheDenseTrace() throws {
        let data = Fixture.data(n: 6, d: 3, classes: 3, seed: 4)
        let decayed = try models().decayed
        let m = decayed.parameterCount
        let dense = try SpectrumEngine().compute(model: decayed, data: data, parts: HessianPart.allCases, method: .dense).spectra
        for spectrum in dense {
            let exact = spectrum.eigenvalues.reduce(0, +)
            let estimate = try TraceEstimator.hutchPlusPlus.estimate(
                of: .objectiveCurvature(HessianVectorProduct(model: decayed, data: data), part: spectrum.part), products: 3 * m + 3, seed: 2)
            XCTAssertEqual(estimate.value, exact, accuracy: 1e-9 * maxAbs(spectrum.eigenvalues) * Double(m), "\(spectrum.part)")
        }
    }
}
