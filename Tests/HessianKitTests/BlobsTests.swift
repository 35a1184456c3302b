@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class BlobsTests: XCTestCase {
    func testShapesBalanceAndStandardisation() throws {
        let split = try Blobs(clusters: 4, dimension: 6, std: 1, seed: 3).generate(train: 102, test: 40)
        let train = split.train
        XCTAssertEqual(train.count, 102)
        XCTAssertEqual(train.dimension, 6)
        XCTAssertEqual(split.test?.count, 40)
        let counts = (0..<4).map { c in train.labels.filter { $0 == c }.count }
        XCTAssertEqual(counts, [26, 26, 25, 25])
        for j in 0..<6 {
            let column = (0..<train.count).map { train.feature(j, of: $0) }
            let mean = column.reduce(0, +) / 102
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 102
            XCTAssertEqual(mean, 0, accuracy: 1e-12)
            XCTAssertEqual(variance, 1, accuracy: 1e-12)
        }
    }

    func testCentresLieInTheBoxAndRunsRepeat() throws {
        let blobs = try Blobs(clusters: 5, dimension: 3, std: 2, seed: 8)
        for centre in blobs.centres() { for x in centre { XCTAssert(x > -10 && x < 10) } }
        XCTAssertEqual(try blobs.generate(train: 50, test: 10).train, try blobs.generate(train: 50, test: 10).train)
        let other = try Blobs(clusters: 5, dimension: 3, std: 2, seed: 9).generate(train: 50, test: 0)
        XCTAssertNotEqual(other.train, try blobs.generate(train: 50, test: 0).train)
    }

    /// Before standardisation each example lies near its own centre: with
    /// std 0.01 the nearest centre of every example is its label's.
    func testLabelsAreTheClusters() throws {
        let blobs = try Blobs(clusters: 3, dimension: 4, std: 0.01, seed: 2)
        let split = try blobs.generate(train: 30, test: 0)
        let centres = blobs.centres()
        // Undo nothing: standardisation is affine per feature, so map the centres the same way.
        let means = (0..<4).map { j in (0..<30).map { s in centres[split.train.labels[s]][j] }.reduce(0, +) / 30 }
        for s in 0..<30 {
            let x = split.train.example(s)
            let distances = centres.map { c -> Double in
                var total = 0.0
                for j in 0..<4 {
                    let column = (0..<30).map { centres[split.train.labels[$0]][j] }
                    let sd = (column.reduce(0) { $0 + ($1 - means[j]) * ($1 - means[j]) } / 30).squareRoot()
                    let z = (c[j] - means[j]) / sd
                    total += (x[j] - z) * (x[j] - z)
                }
                return total
            }
            XCTAssertEqual(distances.firstIndex(of: distances.min()!), split.train.labels[s])
        }
    }

    func testInvalidSettings() {
        XCTAssertThrowsError(try Blobs(clusters: 1, dimension: 3))
        XCTAssertThrowsError(try Blobs(clusters: 2, dimension: 0))
        XCTAssertThrowsError(try Blobs(clusters: 2, dimension: 3, std: 0))
        XCTAssertThrowsError(try Blobs(clusters: 5, dimension: 3).generate(train: 4, test: 0))
    }
}
