@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import Foundation
import XCTest

/// The Marchenko–Pastur law against its closed form and against the
/// eigenvalues of an actual sample covariance.
final class MarchenkoPasturTests: XCTestCase {
    /// ∫ρ = 1 and ∫xρ = σ² for q < 1 (midpoint rule on the substitution
    /// x = mid − half·cos θ, which removes the edge singularities of ρ').
    func testDensityIntegratesToOneWithMeanSigmaSquared() {
        let law = MarchenkoPastur(ratio: 0.25, variance: 2)
        XCTAssertEqual(law.lowerEdge, 2 * 0.25, accuracy: 1e-15)
        XCTAssertEqual(law.upperEdge, 2 * 2.25, accuracy: 1e-15)
        let mid = (law.lowerEdge + law.upperEdge) / 2, half = (law.upperEdge - law.lowerEdge) / 2
        let n = 20000
        var mass = 0.0, mean = 0.0
        for i in 0..<n {
            let theta = Double.pi * (Double(i) + 0.5) / Double(n)
            let x = mid - half * cos(theta)
            let w = half * sin(theta) * Double.pi / Double(n)
            mass += law.density(at: x) * w
            mean += x * law.density(at: x) * w
        }
        XCTAssertEqual(mass, 1, accuracy: 1e-6)
        XCTAssertEqual(mean, 2, accuracy: 1e-6)
        XCTAssertEqual(law.density(at: 0.4), 0)
        XCTAssertEqual(law.density(at: 4.6), 0)
    }

    /// The eigenvalues of (1/N)·XᵀX for an N × M Gaussian X (N = 800,
    /// M = 200, q = 1/4) fall between the law's edges (to finite-size
    /// fluctuations) and split at its quartiles a quarter each.
    func testSampleCovarianceEigenvaluesFollowTheLaw() throws {
        let n = 800, m = 200
        var random = RandomSource(seed: 5)
        var x = [Double](repeating: 0, count: n * m)
        for i in x.indices { x[i] = random.normal() }
        var c = [Double](repeating: 0, count: m * m)
        for i in 0..<m {
            for j in 0...i {
                var s = 0.0
                for r in 0..<n { s += x[r * m + i] * x[r * m + j] }
                c[i * m + j] = s / Double(n)
                c[j * m + i] = s / Double(n)
            }
        }
        let values = try SymmetricEigensolver.eigenvalues(destroying: &c, order: m)
        let law = MarchenkoPastur(ratio: Double(m) / Double(n), variance: 1)
        XCTAssertGreaterThan(values.first!, law.lowerEdge - 0.05)
        XCTAssertLessThan(values.last!, law.upperEdge + 0.05)
        // The law's cumulative mass at the sample's quartiles.
        func mass(below t: Double) -> Double {
            let steps = 4000
            let a = law.lowerEdge, h = (t - a) / Double(steps)
            return (0..<steps).reduce(0) { $0 + law.density(at: a + (Double($1) + 0.5) * h) * h }
        }
        for q in [0.25, 0.5, 0.75] {
            XCTAssertEqual(mass(below: values[Int(q * Double(m))]), q, accuracy: 0.02, "quartile \(q)")
        }
    }

    /// The overlay drawn by `plot --kind density --marchenko-pastur` is the
    /// closed form at ratio M/N and σ² = the mean eigenvalue, written out
    /// here independently.
    func testDensityPlotOverlayIsTheClosedForm() throws {
        let eigenvalues = [0.5, 0.8, 1.0, 1.2, 1.5]  // mean 1, M = 5
        let group = SpectrumGroup(label: "all", eigenvalues: eigenvalues)
        let figure = DensityPlot.figure([group], options: PlotOptions(kind: .density, marchenkoPastur: true, samples: 20))
        let overlay = try XCTUnwrap(figure.panels[0].series.first { $0.name == "marchenko-pastur" })
        let q = 5.0 / 20, low = pow(1 - q.squareRoot(), 2), high = pow(1 + q.squareRoot(), 2)
        XCTAssertEqual(overlay.points.first!.x, low, accuracy: 1e-12)
        XCTAssertEqual(overlay.points.last!.x, high, accuracy: 1e-12)
        for p in overlay.points {
            let closed = ((high - p.x) * (p.x - low)).squareRoot() / (2 * Double.pi * q * p.x)
            // Not raised to the axis floor: below it the line has a gap.
            XCTAssertEqual(p.y, closed.isNaN ? 0 : closed, accuracy: 1e-12 * max(1, closed))
        }
        XCTAssertEqual(figure.panels[0].yScale, .log)
    }
}
