@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class SelectionTests: XCTestCase {
    /// `sizes[c]` examples of class c, interleaved; feature 0 of example s is
    /// s itself and feature 1 is −s, so every picked example can be traced.
    private func data(classSizes sizes: [Int]) throws -> Dataset {
        var labels: [Int] = []
        var left = sizes
        while left.contains(where: { $0 > 0 }) {
            for c in left.indices where left[c] > 0 {
                labels.append(c)
                left[c] -= 1
            }
        }
        let n = labels.count
        let features = (0..<n).map(Double.init) + (0..<n).map { -Double($0) }
        return try Dataset(features: features, labels: labels, dimension: 2, classCount: sizes.count)
    }

    private func classCounts(_ d: Dataset) -> [Int] {
        (0..<d.classCount).map { c in d.labels.filter { $0 == c }.count }
    }

    /// Worked by hand: 5, 3, 2 of 10 → 4 gives exact shares 2, 1.2, 0.8,
    /// whole parts 2, 1, 0, and the one left over goes to the largest
    /// fraction, 0.8.
    func testLargestRemainderSharesByHand() {
        XCTAssertEqual(Dataset.largestRemainderShares(of: 4, among: [5, 3, 2]), [2, 1, 1])
        XCTAssertEqual(Dataset.largestRemainderShares(of: 10, among: [50, 30, 20]), [5, 3, 2])
        // 7, 2, 1 of 10 → 5: shares 3.5, 1, 0.5; the tie between 0.5 and 0.5 goes to class 0.
        XCTAssertEqual(Dataset.largestRemainderShares(of: 5, among: [7, 2, 1]), [4, 1, 0])
        XCTAssertEqual(Dataset.largestRemainderShares(of: 6, among: [0, 4, 2]), [0, 4, 2])
    }

    func testStratifiedSampleKeepsClassProportions() throws {
        let full = try data(classSizes: [500, 300, 150, 50])
        let sample = try full.stratifiedSample(100, seed: 7)
        XCTAssertEqual(sample.count, 100)
        XCTAssertEqual(sample.classCount, 4)
        XCTAssertEqual(classCounts(sample), [50, 30, 15, 5])
        // Every picked example is an original one with its own label, picked once, in the original order.
        let origins = (0..<sample.count).map { Int(sample.feature(0, of: $0)) }
        XCTAssertEqual(origins, origins.sorted())
        XCTAssertEqual(Set(origins).count, 100)
        for (r, s) in origins.enumerated() {
            XCTAssertEqual(sample.labels[r], full.labels[s])
            XCTAssertEqual(sample.feature(1, of: r), -Double(s), accuracy: 1e-12)
        }
    }

    func testStratifiedSampleIsDeterministicPerSeed() throws {
        let full = try data(classSizes: [40, 40, 20])
        let a = try full.stratifiedSample(25, seed: 3)
        XCTAssertEqual(a, try full.stratifiedSample(25, seed: 3))
        XCTAssertNotEqual(a, try full.stratifiedSample(25, seed: 4))
        XCTAssertEqual(classCounts(a), [10, 10, 5])
    }

    /// Every class has a fair chance: over many seeds each example of a class
    /// is picked about quota/size of the time (here 1/4; binomial standard
    /// error over 400 seeds ≈ 0.022, so 0.12 is more than 5 of them).
    func testStratifiedSampleSpreadsOverTheClass() throws {
        let full = try data(classSizes: [20, 8])
        var picks = [Int](repeating: 0, count: full.count)
        for seed in 0..<400 {
            let sample = try full.stratifiedSample(7, seed: UInt64(seed))
            for r in 0..<sample.count { picks[Int(sample.feature(0, of: r))] += 1 }
        }
        for count in picks { XCTAssertEqual(Double(count) / 400, 0.25, accuracy: 0.12) }
    }

    func testWholeDataSetAndFirst() throws {
        let full = try data(classSizes: [3, 2])
        XCTAssertEqual(try full.stratifiedSample(5, seed: 1), full)
        let head = try full.first(3)
        XCTAssertEqual(head.labels, Array(full.labels.prefix(3)))
        XCTAssertEqual(head.example(2), full.example(2))
        XCTAssertEqual(head.classCount, 2)
    }

    func testImpossibleSizes() throws {
        let full = try data(classSizes: [3, 2])
        for n in [0, -1, 6] {
            XCTAssertThrowsError(try full.stratifiedSample(n, seed: 0))
            XCTAssertThrowsError(try full.first(n))
        }
        XCTAssertThrowsError(try full.first(6)) { error in
            XCTAssertEqual(error as? DatasetError, .invalid("cannot pick 6 examples from a data set of 5"))
        }
    }
}
