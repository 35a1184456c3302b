@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class AxisTests: XCTestCase {
    func testNiceStepsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen() {
        let cases: [(Double, Double)] = [(0.7, 1), (1, 1), (1.2, 2), (2.2, 2.5), (3, 5), (7, 10), (0.013, 0.02), (420, 500)]
        for (raw, nice) in cases {
            XCTAssertEqual(Axis.niceStep(raw), nice, accuracy: 1e-12 * nice, "raw \(raw)")
        }
    }

    func testALinearAxisWidensToATickOnlyWhenThatIsCheap() {
        // 10 is 0.9 above 9.1, under 10 % of the range: widened. −0.002 is a
        // whole step of 2 from −2: not widened.
        let axis = Axis.fitted(low: -0.002, high: 9.1, scale: .linear, targetTicks: 5)
        XCTAssertEqual(axis.lower, -0.002)
        XCTAssertEqual(axis.upper, 10, accuracy: 1e-12)
        XCTAssertEqual(axis.ticks.map(\.label), ["0", "2", "4", "6", "8", "10"])
        for tick in axis.ticks {
            XCTAssert(tick.value >= axis.lower && tick.value <= axis.upper)
        }
    }

    func testEqualEndsStillGiveAnInterval() {
        for v in [0.0, 3, -1e-7] {
            let axis = Axis.fitted(low: v, high: v, scale: .linear, targetTicks: 5)
            XCTAssertLessThan(axis.lower, v)
            XCTAssertGreaterThan(axis.upper, v)
            XCTAssertFalse(axis.ticks.isEmpty)
        }
    }

    func testIntegerAxesNeverTickBetweenWholeNumbers() {
        for (high, target) in [(3.0, 10), (20, 8), (7, 3)] {
            let axis = Axis.fitted(low: 0, high: high, scale: .linear, targetTicks: target, integerSteps: true)
            for tick in axis.ticks {
                XCTAssertEqual(tick.value, tick.value.rounded(), "\(tick) for [0, \(high)]")
            }
        }
    }

    /// Found by the SpectrumCSV fuzz target: training curves at steps 0 and
    /// 5e-10 gave an integer axis whose ends both rounded to 0, and the
    /// exponent of a zero-width axis trapped.
    func testAnIntegerAxisOverARangeBelowOneKeepsTheDataEnds() {
        let axis = Axis.fitted(low: 0, high: 5e-10, scale: .linear, targetTicks: 5, integerSteps: true)
        XCTAssertLessThan(axis.lower, axis.upper)
        XCTAssertLessThanOrEqual(axis.lower, 0)
        XCTAssertGreaterThanOrEqual(axis.upper, 5e-10)
    }

    func testTinyNumbersAreLabelledInThousandths() {
        let axis = Axis.fitted(low: -0.0016, high: 0, scale: .linear, targetTicks: 8)
        XCTAssertEqual(axis.power, -3)
        XCTAssertEqual(axis.unitSuffix, " (\u{00D7}10\u{207B}\u{00B3})")
        XCTAssertEqual(axis.ticks.first?.label, "\u{2212}1.6")
        XCTAssertEqual(axis.ticks.last?.label, "0")
        XCTAssertEqual(Axis.fitted(low: 0, high: 2e5, scale: .linear, targetTicks: 4).power, 3)
        XCTAssertEqual(Axis.fitted(low: 0, high: 30, scale: .linear, targetTicks: 4).power, 0)
    }

    func testPixelMappingIsLinearBetweenTheEnds() {
        var axis = Axis(scale: .linear, lower: -1, upper: 3, ticks: [])
        axis.start = 400
        axis.end = 100
        XCTAssertEqual(axis.pixel(-1), 400, accuracy: 1e-12)
        XCTAssertEqual(axis.pixel(3), 100, accuracy: 1e-12)
        XCTAssertEqual(axis.pixel(0), 325, accuracy: 1e-12)
    }

    func testSymmetricLogIsLinearInsideTheThresholdAndGivesEachDecadeOneUnit() {
        let scale = AxisScale.symlog(threshold: 1e-3)
        XCTAssertEqual(scale.transform(0), 0)
        XCTAssertEqual(scale.transform(5e-4), 0.5, accuracy: 1e-12)
        XCTAssertEqual(scale.transform(1e-3), 1, accuracy: 1e-12)
        XCTAssertEqual(scale.transform(1e-2), 2, accuracy: 1e-12)
        XCTAssertEqual(scale.transform(-10), -5, accuracy: 1e-12)
        // Continuous at the threshold from both sides.
        XCTAssertEqual(scale.transform(1e-3 * (1 - 1e-9)), scale.transform(1e-3), accuracy: 1e-6)
        XCTAssertEqual(AxisScale.symlog(fitting: [-0.5, 20]), .symlog(threshold: 1e-4))
        XCTAssertEqual(AxisScale.symlog(fitting: [0, 0]), .linear)

        let axis = Axis.fitted(low: -0.002, high: 20, scale: .symlog(threshold: 1e-4), targetTicks: 20)
        XCTAssertEqual(axis.lower, -0.01, accuracy: 1e-15)
        XCTAssertEqual(axis.upper, 100, accuracy: 1e-12)
        XCTAssertEqual(axis.ticks.map(\.label), ["\u{2212}0.01", "\u{2212}0.001", "\u{2212}1e-4", "0",
                                                 "1e-4", "0.001", "0.01", "0.1", "1", "10", "100"])
    }

    func testLogAxesTickAtDecades() {
        let axis = Axis.fitted(low: 1, high: 4000, scale: .log, targetTicks: 8)
        XCTAssertEqual(axis.ticks.map(\.label), ["1", "10", "100", "1000", "10000"])
        XCTAssertEqual(axis.lower, 1)
        XCTAssertEqual(axis.upper, 1e4, accuracy: 1e-9)
    }

    func testSuperscripts() {
        XCTAssertEqual(TickLabel.superscript(-3), "\u{207B}\u{00B3}")
        XCTAssertEqual(TickLabel.superscript(12), "\u{00B9}\u{00B2}")
    }
}
