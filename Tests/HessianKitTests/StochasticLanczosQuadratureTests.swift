@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class StochasticLanczosQuadratureTests: XCTestCase {
    /// Six distinct eigenvalues with multiplicities: a Rademacher probe has
    /// q_i² = 1/n, so each probe's measure is exactly the spectral measure
    /// (weight multiplicity/n on each distinct value), and with m ≥ 6 steps
    /// the Gauss rule reproduces it: nodes the distinct values, weights
    /// multiplicity/(n·P). With m = 10 the probe stops early at 6 steps.
    func testReproducesTheSpectralMeasureOfADiagonalMatrix() throws {
        let values = [-2.0, -0.5, 0, 1, 3, 10], multiplicities = [5, 10, 20, 10, 10, 5]
        let diagonal = zip(values, multiplicities).flatMap { [Double](repeating: $0, count: $1) }
        let n = diagonal.count, probes = 3
        for steps in [6, 10] {
            let q = try StochasticLanczosQuadrature.density(of: .diagonal(diagonal),
                                                            settings: EstimatorSettings(probes: probes, lanczosSteps: steps, seed: 7))
            XCTAssertEqual(q.steps, [6, 6, 6], "steps \(steps)")
            for p in 0..<probes {
                let nodes = q.nodes.indices.filter { q.probes[$0] == p }
                XCTAssertEqual(nodes.count, 6)
                for (k, i) in nodes.enumerated() {
                    XCTAssertEqual(q.nodes[i], values[k], accuracy: 1e-10 * 10)
                    XCTAssertEqual(q.weights[i], Double(multiplicities[k]) / Double(n * probes), accuracy: 1e-10)
                }
            }
            XCTAssertEqual(q.weights.reduce(0, +), 1, accuracy: 1e-12)
        }
    }

    /// Moments of each probe's rule against the quadratic forms q₀ᵀA^j·q₀
    /// computed with the dense assembled Hessian (an independent path): equal
    /// to 1e-10 of ‖A‖^j for j ≤ 2m − 1, on H, G and R of a small network.
    func testMomentsEqualTheProbesQuadraticForms() throws {
        let data = Fixture.data(n: 20, d: 3, classes: 3, seed: 4)
        let model = Fixture.model([3, 5, 3], .tanh, .nll, scale: 0.9, seed: 3)
        let products = HessianVectorProduct(model: model, data: data)
        let dense = ExactHessian(model: model, data: data)
        let n = products.order, steps = 5, probes = 2
        for part in HessianPart.allCases {
            let matrix = dense.assemble(part)
            let q = try StochasticLanczosQuadrature.density(of: .curvature(products, part: part),
                                                            settings: EstimatorSettings(probes: probes, lanczosSteps: steps, seed: 11))
            var random = RandomSource(seed: 11)
            var copy = matrix
            let scale = maxAbs(try SymmetricEigensolver.eigenvalues(destroying: &copy, order: n))
            for p in 0..<probes {
                let z = random.rademacher(n)
                var power = z.map { $0 / Double(n).squareRoot() }
                let start = power
                let mine = q.nodes.indices.filter { q.probes[$0] == p }
                for j in 0..<(2 * steps) {
                    let form = zip(start, power).reduce(0) { $0 + $1.0 * $1.1 }
                    let rule = mine.reduce(0) { $0 + Double(probes) * q.weights[$1] * pow(q.nodes[$1], Double(j)) }
                    XCTAssertEqual(rule, form, accuracy: 1e-10 * pow(scale, Double(j)), "\(part) probe \(p) moment \(j)")
                    power = denseProduct(matrix, power)
                }
            }
        }
    }

    /// With m = M steps the rule of one probe is its spectral measure
    /// Σ_i (u_iᵀq)²·δ_{λ_i}, the dense eigendecomposition as oracle: the
    /// two distribution functions agree between every pair of eigenvalues,
    /// and the largest node is λ_max to 1e-10.
    func testFullLengthRuleIsTheProbeMeasureOfAHessian() throws {
        let data = Fixture.data(n: 12, d: 2, classes: 2, seed: 8)
        let model = Fixture.model([2, 4, 2], .tanh, .nll, scale: 1.2, seed: 5)
        let products = HessianVectorProduct(model: model, data: data)
        let n = products.order
        var vectors = ExactHessian(model: model, data: data).assemble(.hessian)
        let lambda = try SymmetricEigensolver.decomposition(&vectors, order: n)
        let q = try StochasticLanczosQuadrature.density(of: .curvature(products, part: .hessian),
                                                        settings: EstimatorSettings(probes: 1, lanczosSteps: n, seed: 2))
        var random = RandomSource(seed: 2)
        let probe = random.rademacher(n).map { $0 / Double(n).squareRoot() }
        let exactWeights = (0..<n).map { i in pow((0..<n).reduce(0) { $0 + vectors[i * n + $1] * probe[$1] }, 2) }
        let scale = maxAbs(lambda)
        XCTAssertEqual(q.nodes.max() ?? .nan, lambda[n - 1], accuracy: 1e-10 * scale)
        for i in 0..<(n - 1) where lambda[i + 1] - lambda[i] > 1e-6 * scale {
            let cut = (lambda[i] + lambda[i + 1]) / 2
            let exact = (0...i).reduce(0) { $0 + exactWeights[$1] }
            let rule = q.nodes.indices.filter { q.nodes[$0] <= cut }.reduce(0) { $0 + q.weights[$1] }
            XCTAssertEqual(rule, exact, accuracy: 1e-8, "below \(cut)")
        }
    }

    func testRefusesZeroProbesAndStepsOutsideOneToM() {
        let a = SymmetricOperator.diagonal([1, 2, 3])
        for (settings, setting) in [(EstimatorSettings(probes: 0), Setting.probes),
                                    (EstimatorSettings(lanczosSteps: 0), .lanczosSteps), (EstimatorSettings(lanczosSteps: 4), .lanczosSteps)] {
            XCTAssertThrowsError(try StochasticLanczosQuadrature.density(of: a, settings: settings)) {
                XCTAssertEqual(($0 as? SettingError)?.setting, setting)
            }
        }
    }

    /// The engine runs SLQ only by name: its quadrature for every part, and
    /// a refusal for extremes and eigenvectors.
    func testEngineRunsSLQByNameOnly() throws {
        let data = Fixture.data(n: 10, d: 3, classes: 2, seed: 1)
        let model = Fixture.model([3, 4, 2], .tanh, .nll)
        var request = SpectrumRequest(parts: HessianPart.allCases, method: .slq, estimators: EstimatorSettings(probes: 2, lanczosSteps: 5))
        let run = try SpectrumEngine().compute(model: model, data: data, request: request)
        XCTAssertEqual(run.spectra.map { $0.quadrature?.probeCount }, [2, 2, 2])
        request.top = 2
        XCTAssertThrowsError(try SpectrumEngine().compute(model: model, data: data, request: request))
        request.method = .auto
        XCTAssertFalse([SpectrumMethod.slq, .power].contains(try SpectrumEngine().compute(model: model, data: data, request: request).method))
    }

    private func denseProduct(_ a: [Double], _ x: [Double]) -> [Double] {
        let n = x.count
        return (0..<n).map { r in (0..<n).reduce(0) { $0 + a[$1 * n + r] * x[$1] } }
    }
}
