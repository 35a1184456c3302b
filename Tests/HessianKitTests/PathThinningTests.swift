@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class PathThinningTests: XCTestCase {
    /// A seeded random walk of `n` points spread over `width` pixels.
    func walk(_ n: Int, width: Double, seed: UInt64) -> [PlotPoint] {
        var random = RandomSource(seed: seed)
        var y = 0.0
        return (0..<n).map { i in
            y += random.normal()
            return PlotPoint(x: 10 + width * Double(i) / Double(n - 1), y: y)
        }
    }

    func testEveryPixelColumnKeepsItsLowestAndHighestPoint() {
        let points = walk(50_000, width: 700, seed: 11)
        let thinned = PathThinning.thin(points)
        XCTAssertLessThanOrEqual(thinned.count, 4 * 701)
        XCTAssertGreaterThan(thinned.count, 700)
        func extremes(_ p: [PlotPoint]) -> [Double: (Double, Double)] {
            Dictionary(grouping: p, by: { $0.x.rounded(.down) }).mapValues { c in (c.map(\.y).min() ?? 0, c.map(\.y).max() ?? 0) }
        }
        let before = extremes(points), after = extremes(thinned)
        XCTAssertEqual(Set(before.keys), Set(after.keys))
        for (column, range) in before {
            XCTAssertEqual(after[column]?.0, range.0, "lowest in column \(column)")
            XCTAssertEqual(after[column]?.1, range.1, "highest in column \(column)")
        }
        XCTAssertEqual(thinned.first, points.first)
        XCTAssertEqual(thinned.last, points.last)
        XCTAssert(zip(thinned, thinned.dropFirst()).allSatisfy { $0.x <= $1.x }, "order kept")
    }

    func testShortOrBackwardLinesAreKeptWhole() {
        let short = walk(500, width: 700, seed: 2)
        XCTAssertEqual(PathThinning.thin(short), short)
        var back = walk(5000, width: 10, seed: 3)
        back.swapAt(10, 20)
        XCTAssertEqual(PathThinning.thin(back), back)
        XCTAssertEqual(PathThinning.thin([]), [])
    }
}
