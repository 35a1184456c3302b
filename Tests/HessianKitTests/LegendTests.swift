@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class LegendTests: XCTestCase {
    let box = PixelRect(x: 10, y: 10, width: 20, height: 10)

    func testSegmentsThroughTheBoxHitItEvenWithBothEndsOutside() {
        XCTAssert(box.intersects(PlotPoint(x: 0, y: 15), PlotPoint(x: 40, y: 15)))
        XCTAssert(box.intersects(PlotPoint(x: 20, y: 0), PlotPoint(x: 20, y: 30)))
        XCTAssert(box.intersects(PlotPoint(x: 12, y: 12), PlotPoint(x: 13, y: 13)))
        XCTAssertFalse(box.intersects(PlotPoint(x: 0, y: 0), PlotPoint(x: 40, y: 5)))
        XCTAssertFalse(box.intersects(PlotPoint(x: 0, y: 30), PlotPoint(x: 9, y: 0)))
        XCTAssertFalse(box.intersects(PlotPoint(x: 35, y: 15), PlotPoint(x: 50, y: 15)))
    }

    func testTheLegendGoesWhereTheDataIsNot() {
        let legend = LegendBox([LegendEntry(label: "a", style: Palette.style(0))], maxWidth: 300)
        let area = PixelRect(x: 0, y: 0, width: 400, height: 300)
        // A line along the top edge leaves only the bottom free; the bottom
        // right comes first among the bottom places.
        let top = [PlotPoint(x: 0, y: 20), PlotPoint(x: 400, y: 20)]
        let place = legend.bestPlace(in: area, lines: [top], obstacles: [])
        XCTAssertGreaterThan(place.y, 150)
        XCTAssertGreaterThan(place.x, 200)
        // Nothing in the way: the top right.
        let free = legend.bestPlace(in: area, lines: [], obstacles: [])
        XCTAssertLessThan(free.y, 50)
        XCTAssertGreaterThan(free.x, 200)
    }

    func testALegendTooLargeForThePlotGoesOutside() {
        let many = (0..<30).map { LegendEntry(label: "step \($0)", style: Palette.style($0)) }
        XCTAssertFalse(LegendBox(many, maxWidth: 300).fitsInside(plotWidth: 700, panelHeight: 400))
        XCTAssertTrue(LegendBox(Array(many.prefix(3)), maxWidth: 300).fitsInside(plotWidth: 700, panelHeight: 400))
    }
}
