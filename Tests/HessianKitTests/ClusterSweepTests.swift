@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class ClusterSweepTests: XCTestCase {
    func testInvalidSweeps() {
        let gd = try! GradientDescent(learningRate: 0.1, steps: 1)
        XCTAssertThrowsError(try ClusterSweep(clusterCounts: [], network: NetworkSpec(hidden: [3]), optimizer: gd))
        XCTAssertThrowsError(try ClusterSweep(clusterCounts: [2, 1], network: NetworkSpec(hidden: [3]), optimizer: gd))
    }
}
