@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

/// Circles, moons and the two blobs: shapes, balance, determinism and the
/// geometry each promises.
final class SyntheticTests: XCTestCase {
    func points(_ data: Dataset, label: Int) -> [(x: Double, y: Double)] {
        (0..<data.count).filter { data.labels[$0] == label }.map { (data.feature(0, of: $0), data.feature(1, of: $0)) }
    }

    func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }

    func testShapesAndBalance() throws {
        let sets = [
            try Dataset.circles(samples: 51, noise: 0.1, factor: 0.5, seed: 1),
            try Dataset.moons(samples: 51, noise: 0.1, seed: 1),
            try Dataset.twoBlobs(samples: 51, std: 0.5, seed: 1),
        ]
        for data in sets {
            XCTAssertEqual(data.count, 51)
            XCTAssertEqual(data.dimension, 2)
            XCTAssertEqual(data.classCount, 2)
            XCTAssertEqual(data.features.count, 102)
            XCTAssertEqual(data.labels.filter { $0 == 0 }.count, 26)
            XCTAssertEqual(data.labels.filter { $0 == 1 }.count, 25)
            // Shuffled: the classes do not come in two runs.
            XCTAssertNotEqual(data.labels, data.labels.sorted())
        }
    }

    func testTheSameSeedGivesTheSameSet() throws {
        XCTAssertEqual(try Dataset.circles(samples: 40, noise: 0.1, seed: 7), try Dataset.circles(samples: 40, noise: 0.1, seed: 7))
        XCTAssertNotEqual(try Dataset.circles(samples: 40, noise: 0.1, seed: 7), try Dataset.circles(samples: 40, noise: 0.1, seed: 8))
        XCTAssertEqual(try Dataset.moons(samples: 40, noise: 0.1, seed: 7), try Dataset.moons(samples: 40, noise: 0.1, seed: 7))
        XCTAssertNotEqual(try Dataset.moons(samples: 40, noise: 0.1, seed: 7), try Dataset.moons(samples: 40, noise: 0.1, seed: 8))
        XCTAssertEqual(try Dataset.twoBlobs(samples: 40, std: 1, seed: 7), try Dataset.twoBlobs(samples: 40, std: 1, seed: 7))
        XCTAssertNotEqual(try Dataset.twoBlobs(samples: 40, std: 1, seed: 7), try Dataset.twoBlobs(samples: 40, std: 1, seed: 8))
    }

    /// Without noise every point lies on its circle, and equally spaced
    /// angles put each class's centroid at the origin.
    func testCirclesWithoutNoiseLieOnTheirCircles() throws {
        let data = try Dataset.circles(samples: 40, noise: 0, factor: 0.3, seed: 2)
        for (label, radius) in [(0, 1.0), (1, 0.3)] {
            let p = points(data, label: label)
            for (x, y) in p { XCTAssertEqual((x * x + y * y).squareRoot(), radius, accuracy: 1e-12) }
            XCTAssertEqual(mean(p.map(\.x)), 0, accuracy: 1e-12)
            XCTAssertEqual(mean(p.map(\.y)), 0, accuracy: 1e-12)
            // 20 angles 2πk/20: every point is 2π/20 from its nearest neighbour on the circle.
            let angles = p.map { atan2($0.y, $0.x) }.sorted()
            for (a, b) in zip(angles, angles.dropFirst()) { XCTAssertEqual(b - a, 2 * Double.pi / 20, accuracy: 1e-12) }
        }
    }

    /// With noise σ = 0.05 on 2000 points the mean radius of each class is
    /// within 0.01 of its circle: the noise adds about σ²/(2r) ≤ 0.0025 on
    /// average and the mean's spread is about σ/√1000 = 0.0016.
    func testNoisyCirclesStayNearTheirRadii() throws {
        let data = try Dataset.circles(samples: 2000, noise: 0.05, factor: 0.5, seed: 3)
        for (label, radius) in [(0, 1.0), (1, 0.5)] {
            let radii = points(data, label: label).map { ($0.x * $0.x + $0.y * $0.y).squareRoot() }
            XCTAssertEqual(mean(radii), radius, accuracy: 0.01)
        }
    }

    /// Without noise: class 0 on the upper unit half circle, class 1 on the
    /// unit half circle centred at (1, 0.5) opening upwards, endpoints included.
    func testMoonsWithoutNoiseLieOnTheirHalfCircles() throws {
        let data = try Dataset.moons(samples: 30, noise: 0, seed: 5)
        let upper = points(data, label: 0), lower = points(data, label: 1)
        for (x, y) in upper {
            XCTAssertEqual(x * x + y * y, 1, accuracy: 1e-12)
            XCTAssertGreaterThanOrEqual(y, -1e-12)
        }
        for (x, y) in lower {
            XCTAssertEqual((x - 1) * (x - 1) + (y - 0.5) * (y - 0.5), 1, accuracy: 1e-12)
            XCTAssertLessThanOrEqual(y, 0.5 + 1e-12)
        }
        XCTAssertEqual(upper.map(\.x).max() ?? .nan, 1, accuracy: 1e-12)
        XCTAssertEqual(upper.map(\.x).min() ?? .nan, -1, accuracy: 1e-12)
        XCTAssertEqual(lower.map(\.x).max() ?? .nan, 2, accuracy: 1e-12)
        XCTAssertEqual(lower.map(\.x).min() ?? .nan, 0, accuracy: 1e-12)
        XCTAssertEqual(lower.map(\.y).min() ?? .nan, -0.5, accuracy: 1e-12)
    }

    /// 2000 points per class with σ = 0.5: each class mean is within 0.05
    /// (4.5 standard errors of 0.5/√2000 = 0.011) of its centre, and the
    /// pooled standard deviation within 0.04 of σ.
    func testTwoBlobsSitAtTheirCentres() throws {
        let data = try Dataset.twoBlobs(samples: 4000, std: 0.5, seed: 6)
        for (label, centre) in [(0, 1.0), (1, -1.0)] {
            let p = points(data, label: label)
            XCTAssertEqual(mean(p.map(\.x)), centre, accuracy: 0.05)
            XCTAssertEqual(mean(p.map(\.y)), centre, accuracy: 0.05)
            let deviations = p.flatMap { [$0.x - centre, $0.y - centre] }
            let sd = (deviations.reduce(0) { $0 + $1 * $1 } / Double(deviations.count)).squareRoot()
            XCTAssertEqual(sd, 0.5, accuracy: 0.04)
        }
    }

    func testInvalidSettings() {
        XCTAssertThrowsError(try Dataset.circles(samples: 1))
        XCTAssertThrowsError(try Dataset.circles(samples: 10, noise: -0.1))
        XCTAssertThrowsError(try Dataset.circles(samples: 10, noise: .nan))
        XCTAssertThrowsError(try Dataset.circles(samples: 10, factor: 0))
        XCTAssertThrowsError(try Dataset.circles(samples: 10, factor: 1))
        XCTAssertThrowsError(try Dataset.moons(samples: 0))
        XCTAssertThrowsError(try Dataset.moons(samples: 10, noise: .infinity))
        XCTAssertThrowsError(try Dataset.twoBlobs(samples: 10, std: 0))
        XCTAssertThrowsError(try Dataset.twoBlobs(samples: -3))
    }
}
