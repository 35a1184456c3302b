@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

/// Small random problems shared by the tests, each from a fixed seed.
enum Fixture {
    /// A data set of `n` examples with standard normal features.
    static func data(n: Int, d: Int, classes: Int, seed: UInt64) -> Dataset {
        var random = RandomSource(seed: seed)
        let features = (0..<(n * d)).map { _ in random.normal() }
        let labels = (0..<n).map { $0 % classes }
        return try! Dataset(features: features, labels: labels, dimension: d, classCount: classes)
    }

    static func model(_ sizes: [Int], _ activation: Activation, _ loss: Loss, scale: Double = 0.5, seed: UInt64 = 1) -> MLP {
        try! MLP(sizes: sizes, activation: activation, loss: loss, initScale: scale, seed: seed)
    }

    /// Entry (r, c) of a column-major M × M buffer.
    static func entry(_ h: [Double], _ r: Int, _ c: Int, _ m: Int) -> Double { h[c * m + r] }
}

/// Largest |x|.
func maxAbs(_ x: [Double]) -> Double { x.reduce(0) { max($0, abs($1)) } }

/// The independent oracle of the Hessian: central differences of the exact
/// gradient, column j = (∇L(θ + h·e_j) − ∇L(θ − h·e_j)) / 2h, column-major M × M.
func finiteDifferenceHessian(_ model: MLP, on data: Dataset, step: Double = 1e-5) -> [Double] {
    let m = model.parameterCount
    var numeric = [Double](repeating: 0, count: m * m)
    for j in 0..<m {
        var plus = model, minus = model
        plus.parameters[j] += step
        minus.parameters[j] -= step
        let gp = plus.lossAndGradient(on: data).gradient
        let gm = minus.lossAndGradient(on: data).gradient
        for i in 0..<m { numeric[j * m + i] = (gp[i] - gm[i]) / (2 * step) }
    }
    return numeric
}

/// Asserts every |a_i − b_i| ≤ tolerance · scale.
func assertClose(_ a: [Double], _ b: [Double], relativeTo scale: Double, tolerance: Double, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, "lengths differ " + message, file: file, line: line)
    var worst = 0.0, at = -1
    for i in 0..<min(a.count, b.count) where abs(a[i] - b[i]) > worst {
        worst = abs(a[i] - b[i]); at = i
    }
    XCTAssertLessThanOrEqual(worst, tolerance * scale, "largest difference \(worst) at \(at) exceeds \(tolerance) × \(scale) " + message, file: file, line: line)
}
