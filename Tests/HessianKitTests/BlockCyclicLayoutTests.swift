@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class BlockCyclicLayoutTests: XCTestCase {
    /// Every index is on exactly one process of a side; `ownedBelow` counts
    /// them and `local` numbers them 0, 1, 2, … in increasing order —
    /// against a direct count of the block-cyclic rule (i / b) mod P.
    func testOwnershipCountsAndLocalPositionsMatchADirectCount() {
        for (n, block, processes) in [(1, 1, 1), (10, 3, 2), (17, 4, 3), (64, 64, 2), (100, 7, 4), (5, 8, 3)] {
            var owners = [Int](repeating: 0, count: n)
            for p in 0..<processes {
                let side = BlockCyclicLayout.Side(block: block, processes: processes, process: p)
                var count = 0
                for i in 0...n {
                    XCTAssertEqual(side.ownedBelow(i), count, "n \(n) b \(block) P \(processes) p \(p) i \(i)")
                    guard i < n else { break }
                    if (i / block) % processes == p {
                        XCTAssert(side.owns(i))
                        XCTAssertEqual(side.local(i), count)
                        owners[i] += 1
                        count += 1
                    } else {
                        XCTAssertFalse(side.owns(i))
                    }
                }
            }
            XCTAssertEqual(owners, [Int](repeating: 1, count: n))
        }
    }

    /// The local array sizes add up to the whole matrix over the grid.
    func testLocalArraysCoverTheMatrix() {
        let n = 23, block = 4
        var total = 0
        for row in 0..<2 {
            for column in 0..<3 {
                let layout = BlockCyclicLayout(order: n, block: block, processRows: 2, processColumns: 3, row: row, column: column)
                total += layout.localRows * layout.localColumns
            }
        }
        XCTAssertEqual(total, n * n)
    }
}
