@testable import HessianCore
import XCTest

final class SpectralDistanceTests: XCTestCase {
    /// W₁ by the quantile form ∫₀¹ |F⁻¹(u) − G⁻¹(u)| du (an independent
    /// route: sorting cumulative weights, not merging atoms), and KS as the
    /// largest |F − G| over all atoms and the midpoints between them.
    private func oracle(_ nodes: [Double], _ weights: [Double], _ exact: [Double]) -> (w1: Double, ks: Double) {
        let a = zip(nodes, weights).sorted { $0.0 < $1.0 }
        let b = exact.sorted().map { ($0, 1 / Double(exact.count)) }
        var cuts = Set<Double>([0, 1])
        var total = 0.0
        for (_, w) in a { total += w; cuts.insert(min(1, total)) }
        total = 0
        for (_, w) in b { total += w; cuts.insert(min(1, total)) }
        let sortedCuts = cuts.sorted()
        func quantile(_ atoms: [(Double, Double)], _ u: Double) -> Double {
            var total = 0.0
            for (x, w) in atoms { total += w; if total >= u { return x } }
            return atoms.last?.0 ?? 0
        }
        var w1 = 0.0
        for i in 0..<(sortedCuts.count - 1) {
            let mid = (sortedCuts[i] + sortedCuts[i + 1]) / 2
            w1 += abs(quantile(a, mid) - quantile(b, mid)) * (sortedCuts[i + 1] - sortedCuts[i])
        }
        let xs = (a.map(\.0) + b.map(\.0)).sorted()
        var probes = xs
        for i in 0..<(xs.count - 1) { probes.append((xs[i] + xs[i + 1]) / 2) }
        var ks = 0.0
        for x in probes {
            let f = a.filter { $0.0 <= x }.reduce(0) { $0 + $1.1 }, g = b.filter { $0.0 <= x }.reduce(0) { $0 + $1.1 }
            ks = max(ks, abs(f - g))
        }
        return (w1, ks)
    }

    func testAgreesWithTheQuantileFormOnRandomMeasures() {
        var random = RandomSource(seed: 5)
        for _ in 0..<20 {
            let exact = (0..<37).map { _ in random.normal() }
            let nodes = (0..<11).map { _ in random.normal() * 1.5 }
            let raw = (0..<11).map { _ in random.uniform() + 0.01 }
            let weights = raw.map { $0 / raw.reduce(0, +) }
            let mine = SpectralDistance.compare(positions: nodes, weights: weights, eigenvalues: exact)
            let other = oracle(nodes, weights, exact)
            XCTAssertEqual(mine.w1, other.w1, accuracy: 1e-12)
            XCTAssertEqual(mine.ks, other.ks, accuracy: 1e-12)
        }
    }

    /// Closed forms: identical measures are at distance 0; moving all mass
    /// by δ costs W₁ = δ and KS = 1; shared atoms are merged.
    func testClosedForms() {
        let exact = [0.0, 1, 2, 3]
        let same = SpectralDistance.compare(positions: exact, weights: [0.25, 0.25, 0.25, 0.25], eigenvalues: exact)
        XCTAssertEqual(same.w1, 0, accuracy: 1e-15)
        XCTAssertEqual(same.ks, 0, accuracy: 1e-15)
        let shifted = SpectralDistance.compare(positions: exact.map { $0 + 0.1 }, weights: [0.25, 0.25, 0.25, 0.25], eigenvalues: exact)
        XCTAssertEqual(shifted.w1, 0.1, accuracy: 1e-12)
        XCTAssertEqual(shifted.ks, 0.25, accuracy: 1e-12)
        let point = SpectralDistance.compare(positions: [1.5], weights: [1], eigenvalues: exact)
        XCTAssertEqual(point.w1, (1.5 + 0.5 + 0.5 + 1.5) / 4, accuracy: 1e-12)
        XCTAssertEqual(point.ks, 0.5, accuracy: 1e-12)
    }
}
