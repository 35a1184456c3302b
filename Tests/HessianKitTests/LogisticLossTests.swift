@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import Foundation
import XCTest

/// The logistic loss (one sigmoid output, binary cross-entropy): its exact
/// Hessian against finite differences and against logistic regression's
/// closed form, every method agreeing, and Appendix B's Marchenko–Pastur
/// spectrum at the start of training.
final class LogisticLossTests: XCTestCase {
    let data = Fixture.data(n: 9, d: 3, classes: 2, seed: 5)

    func testHessianMatchesFiniteDifferencesOfTheGradient() {
        for sizes in [[3, 1], [3, 4, 1], [3, 4, 3, 1]] {
            for activation in Activation.allCases {
                let model = Fixture.model(sizes, activation, .logistic)
                let h = ExactHessian(model: model, data: data).assemble(.hessian)
                let numeric = finiteDifferenceHessian(model, on: data)
                assertClose(h, numeric, relativeTo: maxAbs(h), tolerance: 1e-6, "\(sizes) \(activation)")
            }
        }
    }

    /// The oracles of `LossFunctionTests` for one output: the gradient and
    /// the curvature against central differences, the product and the
    /// factor against the entries; and the gradient of the whole network
    /// against differences of the training loss.
    func testDerivativesAgainstDifferences() {
        let n = 6, h = 1e-6
        var random = RandomSource(seed: 3)
        let f = (0..<n).map { _ in 2 * random.normal() }, labels = (0..<n).map { $0 % 2 }
        let u = (0..<n).map { _ in random.normal() }
        let loss = BinaryCrossEntropy()
        let exact = loss.evaluate(outputs: f, labels: labels, count: n, classes: 1)
        var entries = [Double](repeating: .nan, count: n)
        loss.curvatureEntries(exact, count: n, classes: 1, into: &entries)
        let product = loss.curvatureProduct(exact, u, count: n, classes: 1)
        let factor = loss.curvatureFactor(exact, count: n, classes: 1)
        for s in 0..<n {
            var plus = f, minus = f
            plus[s] += h
            minus[s] -= h
            let up = loss.evaluate(outputs: plus, labels: labels, count: n, classes: 1)
            let down = loss.evaluate(outputs: minus, labels: labels, count: n, classes: 1)
            XCTAssertEqual(exact.gradient[s], (up.losses[s] - down.losses[s]) / (2 * h), accuracy: 1e-8)
            XCTAssertEqual(entries[s], (up.gradient[s] - down.gradient[s]) / (2 * h), accuracy: 1e-7)
            XCTAssertEqual(product[s], entries[s] * u[s], accuracy: 1e-15)
            XCTAssertEqual(factor[s] * factor[s], entries[s], accuracy: 1e-15)
        }
        let model = Fixture.model([3, 4, 1], .tanh, .logistic)
        let gradient = model.lossAndGradient(on: data).gradient
        for j in 0..<model.parameterCount {
            var a = model, b = model
            a.parameters[j] += h
            b.parameters[j] -= h
            let difference = (a.evaluate(on: data).loss - b.evaluate(on: data).loss) / (2 * h)
            XCTAssertEqual(gradient[j], difference, accuracy: 1e-7, "parameter \(j)")
        }
    }

    /// The loss and its gradient against the closed form and differences
    /// of the loss, and accuracy by the sign of f.
    func testLossGradientAndAccuracy() throws {
        let model = Fixture.model([3, 1], .linear, .logistic)
        let pass = ForwardPass(model: model, data: data)
        let f = try XCTUnwrap(pass.preactivations.last)
        for s in 0..<data.count {
            let y = Double(data.labels[s])
            XCTAssertEqual(pass.losses[s], log(1 + exp(f[s])) - y * f[s], accuracy: 1e-14)
            XCTAssertEqual(pass.outputGradient[s], 1 / (1 + exp(-f[s])) - y, accuracy: 1e-14)
        }
        let correct = (0..<data.count).filter { (f[$0] > 0 ? 1 : 0) == data.labels[$0] }.count
        XCTAssertEqual(model.evaluate(on: data).accuracy, Double(correct) / Double(data.count))
        XCTAssertThrowsError(try NetworkSpec(hidden: [], loss: .logistic).make(inputs: 3, outputs: 3))
        XCTAssertEqual(NetworkSpec(hidden: [], loss: .logistic).sizes(inputs: 3, outputs: 2), [3, 1])
        XCTAssertThrowsError(try MLP(sizes: [3, 2], activation: .linear, loss: .logistic, initScale: 0.1, seed: 0))
    }

    /// Logistic regression (no hidden layer): H = (1/N)·Σ σ(1−σ)·x̃x̃ᵀ with
    /// x̃ = (x, 1); compared through the eigenvalues, which do not depend on
    /// the order of the parameters.
    func testLogisticRegressionHessianIsTheWeightedCovariance() throws {
        let model = Fixture.model([3, 1], .linear, .logistic, scale: 0.7, seed: 2)
        let f = try XCTUnwrap(ForwardPass(model: model, data: data).preactivations.last)
        let d = 3, m = d + 1, n = data.count
        var expected = [Double](repeating: 0, count: m * m)
        for s in 0..<n {
            let p = 1 / (1 + exp(-f[s]))
            let x = (0..<d).map { data.feature($0, of: s) } + [1]
            for a in 0..<m { for b in 0..<m { expected[b * m + a] += p * (1 - p) * x[a] * x[b] / Double(n) } }
        }
        var h = ExactHessian(model: model, data: data).assemble(.hessian)
        let values = try SymmetricEigensolver.eigenvalues(destroying: &h, order: m)
        let closed = try SymmetricEigensolver.eigenvalues(destroying: &expected, order: m)
        assertClose(values, closed, relativeTo: closed.last!, tolerance: 1e-12)
    }

    /// Dense, factored (ReLU, one hidden layer) and Lanczos agree.
    func testEveryMethodAgrees() throws {
        let wide = Fixture.data(n: 6, d: 12, classes: 2, seed: 9)
        let model = Fixture.model([12, 5, 1], .relu, .logistic, scale: 0.6, seed: 4)
        let dense = try SpectrumEngine().compute(model: model, data: wide, parts: [.hessian], method: .dense).spectra[0].eigenvalues
        let scale = dense.map(abs).max()!
        let factored = try SpectrumEngine().compute(model: model, data: wide, parts: [.hessian], method: .factored).spectra[0].eigenvalues
        assertClose(factored, dense, relativeTo: scale, tolerance: 1e-9)
        let lanczos = try SpectrumEngine().compute(model: model, data: wide,
                                                 request: SpectrumRequest(method: .lanczos, top: 3, bottom: 2, lanczosTolerance: 1e-11)).spectra[0]
        assertClose(lanczos.eigenvalues, lanczos.indices!.map { dense[$0] }, relativeTo: scale, tolerance: 1e-8)
    }

    /// Appendix B: at zero weights every σ(1−σ) is 1/4, so logistic
    /// regression's Hessian on one Gaussian blob is 1/4 of the sample
    /// covariance (plus the bias direction): its eigenvalues follow the
    /// Marchenko–Pastur law with q = d/N and σ² = 1/4.
    func testOneBlobSpectrumFollowsMarchenkoPastur() throws {
        let n = 800, d = 200
        var random = RandomSource(seed: 8)
        let features = (0..<(n * d)).map { _ in random.normal() }
        let labels = (0..<n).map { _ in Int(random.next() % 2) }
        let blob = try Dataset(features: features, labels: labels, dimension: d, classCount: 2)
        let model = try MLP(sizes: [d, 1], activation: .linear, loss: .logistic, initScale: 0, seed: 0)
        let values = try SpectrumEngine().compute(model: model, data: blob, parts: [.hessian], method: .dense).spectra[0].eigenvalues
        let law = MarchenkoPastur(ratio: Double(d) / Double(n), variance: 0.25)
        XCTAssertGreaterThan(values.first!, law.lowerEdge - 0.02)
        XCTAssertLessThan(values.last!, law.upperEdge + 0.02)
        func mass(below t: Double) -> Double {
            let steps = 4000, a = law.lowerEdge, h = (t - a) / Double(steps)
            return (0..<steps).reduce(0) { $0 + law.density(at: a + (Double($1) + 0.5) * h) * h }
        }
        for q in [0.25, 0.5, 0.75] {
            XCTAssertEqual(mass(below: values[Int(q * Double(values.count))]), q, accuracy: 0.02, "quartile \(q)")
        }
    }
}
