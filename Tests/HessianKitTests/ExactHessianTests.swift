@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class ExactHessianTests: XCTestCase {
    /// Three hidden layers, so every recursion of the assembly (A⁽ˡᵐ⁾ over
    /// several layers, ∂a_q/∂z_l with q > l + 1) is exercised.
    let sizes = [3, 4, 3, 5, 3]

    /// Column j of H against a central difference of the exact gradient:
    /// (∇L(θ + h·e_j) − ∇L(θ − h·e_j)) / 2h, whose error is O(h²) plus
    /// rounding ε·|∇L|/h, both below 1e-8 here; the tolerance is 1e-6 of
    /// the largest |H_ij|.
    func testHessianMatchesFiniteDifferencesOfTheGradient() {
        let data = Fixture.data(n: 9, d: 3, classes: 3, seed: 7)
        for activation in Activation.allCases {
            for loss in Loss.allCases where loss != .logistic {  // one output: LogisticLossTests
                let model = Fixture.model(sizes, activation, loss)
                let h = ExactHessian(model: model, data: data).assemble(.hessian)
                let numeric = finiteDifferenceHessian(model, on: data)
                XCTAssertGreaterThan(maxAbs(h), 1e-3, "\(activation) \(loss): Hessian unexpectedly near zero")
                assertClose(h, numeric, relativeTo: maxAbs(h), tolerance: 1e-6, "\(activation) \(loss)")
            }
        }
    }

    /// G against its definition (1/N)·Σ_s J_sᵀ·∇²ℓ_s·J_s, with the output
    /// Jacobians J_s from central differences of the forward pass and ∇²ℓ
    /// written out from the loss's closed form.
    func testGaussNewtonMatchesJacobianDefinition() {
        let data = Fixture.data(n: 6, d: 3, classes: 3, seed: 11)
        for activation in Activation.allCases {
            for loss in Loss.allCases where loss != .logistic {  // one output: LogisticLossTests
                let model = Fixture.model(sizes, activation, loss)
                let m = model.parameterCount, c = 3, n = data.count
                let g = ExactHessian(model: model, data: data).assemble(.gaussNewton)
                // J[s][k][j] = ∂f_k(x_s)/∂θ_j.
                var jacobian = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: m), count: c), count: n)
                let step = 1e-6
                for j in 0..<m {
                    var plus = model, minus = model
                    plus.parameters[j] += step
                    minus.parameters[j] -= step
                    let fp = ForwardPass(model: plus, data: data).preactivations.last!
                    let fm = ForwardPass(model: minus, data: data).preactivations.last!
                    for s in 0..<n { for k in 0..<c { jacobian[s][k][j] = (fp[k * n + s] - fm[k * n + s]) / (2 * step) } }
                }
                let f = ForwardPass(model: model, data: data).preactivations.last!
                var expected = [Double](repeating: 0, count: m * m)
                for s in 0..<n {
                    var lambda = [[Double]](repeating: [Double](repeating: 0, count: c), count: c)
                    if let squared = loss.function as? SquaredError {
                        for k in 0..<c { lambda[k][k] = 2 * squared.weight(count: n, classes: c) }
                    } else {
                        let top = (0..<c).map { f[$0 * n + s] }.max()!
                        let e = (0..<c).map { Foundation.exp(f[$0 * n + s] - top) }
                        let p = e.map { $0 / e.reduce(0, +) }
                        for k in 0..<c { for q in 0..<c { lambda[k][q] = (k == q ? p[k] : 0) - p[k] * p[q] } }
                    }
                    for a in 0..<m {
                        for b in 0..<m {
                            var total = 0.0
                            for k in 0..<c { for q in 0..<c { total += jacobian[s][k][a] * lambda[k][q] * jacobian[s][q][b] } }
                            expected[b * m + a] += total / Double(n)
                        }
                    }
                }
                assertClose(g, expected, relativeTo: maxAbs(g), tolerance: 1e-7, "\(activation) \(loss)")
            }
        }
    }

    /// H = G + R entrywise, each part assembled on its own.
    func testSplitAddsUpToTheHessian() {
        let data = Fixture.data(n: 8, d: 3, classes: 3, seed: 3)
        for activation in Activation.allCases {
            for loss in Loss.allCases where loss != .logistic {  // one output: LogisticLossTests
                let hessian = ExactHessian(model: Fixture.model(sizes, activation, loss), data: data)
                let h = hessian.assemble(.hessian)
                let g = hessian.assemble(.gaussNewton)
                let r = hessian.assemble(.residual)
                let sum = zip(g, r).map { $0 + $1 }
                assertClose(h, sum, relativeTo: maxAbs(h), tolerance: 1e-13, "\(activation) \(loss)")
                // With several layers R has cross-layer terms even for ReLU and linear units.
                XCTAssertGreaterThan(maxAbs(r), 1e-6 * maxAbs(h), "\(activation) \(loss): R should not vanish away from a minimum")
            }
        }
    }

    /// |H_ij − H_ji| at round-off level.
    func testSymmetric() {
        let data = Fixture.data(n: 10, d: 3, classes: 3, seed: 5)
        for activation in Activation.allCases {
            let hessian = ExactHessian(model: Fixture.model(sizes, activation, .nll), data: data)
            let m = hessian.order
            for part in HessianPart.allCases {
                let h = hessian.assemble(part)
                var worst = 0.0
                for i in 0..<m { for j in 0..<i { worst = max(worst, abs(h[j * m + i] - h[i * m + j])) } }
                XCTAssertLessThanOrEqual(worst, 1e-13 * max(maxAbs(h), 1e-300), "\(activation) \(part)")
            }
        }
    }

    /// A linear model with the squared loss has H = (1/N)·X̃ᵀX̃ for every
    /// output, X̃ = [X | 1], whatever the parameters, and no coupling
    /// between outputs.
    func testLinearModelWithSquaredLossHasTheClosedForm() {
        let d = 4, c = 3
        let data = Fixture.data(n: 12, d: d, classes: c, seed: 21)
        let model = Fixture.model([d, c], .relu, .mse, scale: 2)
        let m = model.parameterCount
        let h = ExactHessian(model: model, data: data).assemble(.hessian)
        let layout = model.layout
        func input(_ s: Int, _ j: Int) -> Double { j == d ? 1 : data.feature(j, of: s) }
        func index(_ k: Int, _ j: Int) -> Int { j == d ? layout.biasOffset(1) + k : layout.weightOffset(1) + k * d + j }
        var expected = [Double](repeating: 0, count: m * m)
        for k in 0..<c {
            for a in 0...d {
                for b in 0...d {
                    var total = 0.0
                    for s in 0..<data.count { total += input(s, a) * input(s, b) }
                    expected[index(k, b) * m + index(k, a)] = total / Double(data.count)
                }
            }
        }
        assertClose(h, expected, relativeTo: maxAbs(expected), tolerance: 1e-13)
    }

    /// trace(H) = Σ λ_i, and the Gauss–Newton part has no eigenvalue below
    /// −ε·‖G‖ (it is positive semi-definite for a convex loss).
    func testTraceEqualsSumOfEigenvaluesAndGaussNewtonIsSemidefinite() throws {
        let data = Fixture.data(n: 20, d: 3, classes: 3, seed: 9)
        for activation in Activation.allCases {
            let model = Fixture.model(sizes, activation, .nll)
            let spectra = try DenseSpectrum.compute(model: model, data: data, parts: HessianPart.allCases)
            let hessian = ExactHessian(model: model, data: data)
            for spectrum in spectra {
                let matrix = hessian.assemble(spectrum.part)
                let m = hessian.order
                let trace = (0..<m).reduce(0.0) { $0 + matrix[$1 * m + $1] }
                let sum = spectrum.eigenvalues.reduce(0, +)
                let scale = spectrum.eigenvalues.reduce(0) { $0 + abs($1) }
                XCTAssertEqual(trace, sum, accuracy: 1e-12 * scale, "\(activation) \(spectrum.part)")
                XCTAssertEqual(spectrum.eigenvalues, spectrum.eigenvalues.sorted(), "eigenvalues must be ascending")
            }
            let g = spectra[1].eigenvalues
            XCTAssertGreaterThanOrEqual(g.first!, -1e-12 * g.last!, "\(activation): G has a negative eigenvalue")
        }
    }

    /// rank(G) ≤ N·(C − 1) for softmax: with M > N·(C−1), at least
    /// M − N·(C−1) eigenvalues of G are zero (to round-off).
    func testGaussNewtonRankIsBoundedByExamplesTimesClasses() throws {
        let data = Fixture.data(n: 5, d: 3, classes: 3, seed: 2)
        let model = Fixture.model([3, 6, 3], .tanh, .nll)
        let g = try DenseSpectrum.compute(model: model, data: data, parts: [.gaussNewton])[0].eigenvalues
        let top = g.last!
        let zeros = g.filter { abs($0) <= 1e-10 * top }.count
        XCTAssertGreaterThanOrEqual(zeros, model.parameterCount - data.count * 2)
    }
}
