@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class LineInterpolationTests: XCTestCase {
    let split = try! Blobs(clusters: 3, dimension: 4, std: 1, seed: 2).generate(train: 45, test: 15)

    func testEndpointsAreReproducedExactly() throws {
        let a = Fixture.model([4, 6, 3], .relu, .nll, scale: 0.3, seed: 1)
        let b = try GradientDescent(learningRate: 0.3, steps: 30).train(a, on: split.train).model
        let line = try LineInterpolation(from: a, to: b, alphas: try LineInterpolation.parseRange("-1:2:61"))
        XCTAssertEqual(line.model(at: 0).parameters, a.parameters)
        XCTAssertEqual(line.model(at: 1).parameters, b.parameters)
        let points = try line.run(on: split)
        let atZero = try XCTUnwrap(points.first { $0.alpha == 0 })
        let atOne = try XCTUnwrap(points.first { $0.alpha == 1 })
        XCTAssertEqual(atZero.train, a.evaluate(on: split.train))
        XCTAssertEqual(atOne.train, b.evaluate(on: split.train))
        XCTAssertEqual(atOne.test, b.evaluate(on: split.test!))
        // Midpoint parameters are the average.
        let mid = line.model(at: 0.5)
        for t in 0..<mid.parameters.count { XCTAssertEqual(mid.parameters[t], (a.parameters[t] + b.parameters[t]) / 2, accuracy: 1e-15) }
    }

    func testTopEigenvaluesMatchTheFullSpectrum() throws {
        let a = Fixture.model([4, 5, 3], .tanh, .nll, scale: 0.3, seed: 1)
        let b = Fixture.model([4, 5, 3], .tanh, .nll, scale: 0.3, seed: 2)
        let line = try LineInterpolation(from: a, to: b, alphas: [0, 1], top: 3)
        let points = try line.run(on: split)
        let full = try DenseSpectrum.compute(model: b, data: split.train, parts: [.hessian])[0].eigenvalues
        XCTAssertEqual(points[1].topEigenvalues, Array(full.reversed().prefix(3)))
        XCTAssertEqual(line.table(points).columns.suffix(3), ["top_1", "top_2", "top_3"])
    }

    /// With Lanczos (forced, as the engine picks it for large M), the top-k
    /// at α = 0 and α = 1 equal the dense top-k of each endpoint model.
    func testLanczosTopEigenvaluesAtTheEndpointsEqualDense() throws {
        let a = Fixture.model([4, 6, 3], .tanh, .nll, scale: 0.4, seed: 3)
        let b = Fixture.model([4, 6, 3], .tanh, .nll, scale: 0.4, seed: 4)
        var methods: [SpectrumMethod] = []
        let lanczos = SpectrumSettings(request: SpectrumRequest(method: .lanczos, lanczosTolerance: 1e-11)) { run, _, _ in
            methods.append(run.method)
            return []
        }
        let points = try LineInterpolation(from: a, to: b, alphas: [0, 0.5, 1], top: 4, spectrum: lanczos).run(on: split)
        XCTAssertEqual(methods, [.lanczos, .lanczos, .lanczos])
        for (model, point) in [(a, points[0]), (b, points[2])] {
            let dense = try DenseSpectrum.compute(model: model, data: split.train, parts: [.hessian])[0].eigenvalues
            let scale = dense.map(abs).max()!
            assertClose(point.topEigenvalues, Array(dense.reversed().prefix(4)), relativeTo: scale, tolerance: 1e-8, "α = \(point.alpha)")
        }
    }

    func testRangeParsing() throws {
        let alphas = try LineInterpolation.parseRange("-1:2:61")
        XCTAssertEqual(alphas.count, 61)
        XCTAssertEqual(alphas.first, -1)
        XCTAssertEqual(alphas.last, 2)
        XCTAssert(alphas.contains(0) && alphas.contains(1) && alphas.contains(-0.45))
        XCTAssertEqual(try LineInterpolation.parseRange("0.5:0.5:1"), [0.5])
        for bad in ["", "1:2", "a:2:3", "2:1:5", "0:1:0", "0:1:-3", "0:1:2.5", "0:1:3:4", "nan:1:3"] {
            XCTAssertThrowsError(try LineInterpolation.parseRange(bad), bad)
        }
    }

    func testMismatchedModelsAreRejected() {
        let a = Fixture.model([4, 5, 3], .relu, .nll)
        XCTAssertThrowsError(try LineInterpolation(from: a, to: Fixture.model([4, 6, 3], .relu, .nll), alphas: [0]))
        XCTAssertThrowsError(try LineInterpolation(from: a, to: Fixture.model([4, 5, 3], .tanh, .nll), alphas: [0]))
        XCTAssertThrowsError(try LineInterpolation(from: a, to: a, alphas: []))
    }
}
