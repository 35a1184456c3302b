@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

/// Outlier counts on spectra built so that the answer can be worked out by
/// hand; the expected values in each test are derived in its comments.
final class OutlierCountTests: XCTestCase {
    /// Counts by every method, in `OutlierMethod.allCases` order.
    func counts(_ values: [Double], window: Int = 120, zeroTolerance: Double = 1e-6) -> [Int] {
        OutlierMethod.allCases.map { outlierCount(values, method: $0, window: window, zeroTolerance: zeroTolerance) }
    }

    /// Five outliers 10, 9, 8, 7, 6 over a bulk of 115 values from 0.01
    /// down to 0.00886 in steps of 1e-5, then zeros and small negatives
    /// outside the window, all shuffled.
    /// - gap: the drops are 1, 1, 1, 1, then 6 − 0.01 = 5.99, then 1e-5 → 5;
    /// - ratio: the floor 1e-3 · 10 = 0.01 raises the bulk to 0.01: 10/9,
    ///   9/8, 8/7, 7/6 < 1.2, then 6/0.01 = 600, then 1 → 5;
    /// - elbow: with x = (i−1)/119, y = (u − u₁₂₀)/(10 − u₁₂₀), the depth
    ///   1 − x − y is about 0.37 at i = 5 (x = 0.034, y = 0.60) and about
    ///   0.958 at i = 6 (x = 0.042, y ≈ 0.0001), falling after it → 6 − 1 = 5.
    func testFiveOutliersOverABulkGiveFiveByEveryMethod() {
        var values = [10.0, 9, 8, 7, 6]
        values += (0..<115).map { 0.01 - 1e-5 * Double($0) }
        values += Array(repeating: 0, count: 300) + (1...50).map { -1e-4 * Double($0) }
        var random = RandomSource(seed: 4)
        let shuffled = random.permutation(values.count).map { values[$0] }
        XCTAssertEqual(counts(shuffled), [5, 5, 5])
        XCTAssertEqual(SpectrumSummary(eigenvalues: shuffled).outliers, [.largestGap: 5, .largestRatio: 5, .elbow: 5])
    }

    /// With a window reaching past the bulk into the zeros and a ratio
    /// floor far below the bulk (1e-6 · 10 = 1e-5), the ratio method sees the
    /// bulk's edge: its smallest value 0.00886 over 1e-5 is 886 > 600, so it
    /// counts all 120 non-zero values. The default floor 1e-3 · 10 = 0.01
    /// raises the whole bulk to 0.01, and 6/0.01 = 600 wins again. The gap
    /// (0.00886 < 5.99) does not move.
    func testRatioSeesTheBulkEdgeBelowItsFloor() {
        let values = [10.0, 9, 8, 7, 6] + (0..<115).map { 0.01 - 1e-5 * Double($0) } + Array(repeating: 0, count: 300)
        XCTAssertEqual(outlierCount(values, method: .largestRatio, window: 200, ratioFloor: 1e-6), 120)
        XCTAssertEqual(outlierCount(values, method: .largestRatio, window: 200), 5)
        XCTAssertEqual(outlierCount(values, method: .largestGap, window: 200), 5)
    }

    /// A bulk spread over decades, as after training: outliers 1 and 0.95,
    /// then 0.05, 0.04, 0.03, 0.02, 0.01, 1e-4, 4e-6. The ratios are 1.05,
    /// 19, 1.25, 1.33, 1.5, 2, then 0.01/1e-4 = 100 and 25: with a floor of
    /// 1e-6 the ratio inside the bulk wins (count 7); the default floor
    /// 1e-3 raises 1e-4 and 4e-6 to 1e-3, leaving 0.01/1e-3 = 10 < 19 → 2.
    func testTheRatioFloorIgnoresRatiosInsideTheBulk() {
        let values = [1, 0.95, 0.05, 0.04, 0.03, 0.02, 0.01, 1e-4, 4e-6]
        XCTAssertEqual(outlierCount(values, method: .largestRatio, ratioFloor: 1e-6), 7)
        XCTAssertEqual(outlierCount(values, method: .largestRatio), 2)
    }

    func testNothingStandsApartGivesZero() {
        XCTAssertEqual(counts([2, 2, 2, 2, 2]), [0, 0, 0], "all equal")
        XCTAssertEqual(counts(Array(repeating: 0, count: 10)), [0, 0, 0], "all zero")
        XCTAssertEqual(counts([-1, -2, -3, -0.5]), [0, 0, 0], "negatives only: all raised to the zero level")
        XCTAssertEqual(counts([5]), [0, 0, 0], "one value has no gap")
        XCTAssertEqual(counts([]), [0, 0, 0], "no values")
        XCTAssertEqual(counts([.nan, .infinity, 3]), [0, 0, 0], "non-finite values are ignored, leaving one")
    }

    /// A straight scree: the drops 4−3, 3−2, 2−1 are exactly equal, so the
    /// first wins (1); the ratios 4/3 < 3/2 < 2/1 grow, so the last (3);
    /// every point lies on the chord, so there is no elbow (0).
    func testTiesAndAStraightScree() {
        XCTAssertEqual(counts([1, 2, 3, 4]), [1, 3, 0])
        // Equal outliers: u = 10, 10, z, z, z with z = 1e-5. Drops 0, 10 − z,
        // 0, 0 → 2; ratios 1, 10/z, 1, 1 → 2; depths 0, −0.25, 0.5, 0.25, 0
        // peak at the third point → 2.
        XCTAssertEqual(counts([10, 0, 10, 0, 0]), [2, 2, 2])
    }

    /// Fewer values than the window: all five are used. u = 10, 9, 0.1,
    /// 0.09, 0.08. Drops 1, 8.9, 0.01, 0.01 → 2. Ratios 1.11, 90, 1.11,
    /// 1.125 → 2. x = 0, ¼, ½, ¾, 1 and y = (u − 0.08)/9.92 = 1, 0.899,
    /// 0.002, 0.001, 0 give depths 0, −0.149, 0.498, 0.249, 0 → 3 − 1 = 2.
    func testFewerValuesThanTheWindow() {
        XCTAssertEqual(counts([0.09, 10, 0.08, 9, 0.1]), [2, 2, 2])
    }

    /// A large negative eigenvalue is bulk: u = 10, 1, 0.5, z (z = 5e-5, the
    /// −50 raised to it). Drops 9, 0.5, 0.49995 → 1; measured to −50 the
    /// last drop would be 50.5 and the count 3. The depths 0, 0.567,
    /// 0.283, 0 peak at the second point → 1.
    func testNegativeValuesAreMeasuredAtTheZeroLevel() {
        let values = [10, 1, 0.5, -50]
        XCTAssertEqual(outlierCount(values, method: .largestGap), 1)
        XCTAssertEqual(outlierCount(values, method: .elbow), 1)
    }

    /// Two values: one drop and one ratio, both at 1; a chord through two
    /// points has nothing below it.
    func testTwoValues() {
        XCTAssertEqual(counts([5, 0]), [1, 1, 0])
    }

    /// The window keeps only the largest values: of 10, 9, 8, 7, 6 and a
    /// bulk, a window of 3 sees 10, 9, 8: drops 1, 1 → 1 (the first of a
    /// tie); ratios 10/9 = 1.111 < 9/8 = 1.125 → 2; a straight line → 0.
    func testTheWindowLimitsWhatIsSeen() {
        let values = [10.0, 9, 8, 7, 6] + Array(repeating: 0.01, count: 20)
        XCTAssertEqual(counts(values, window: 3), [1, 2, 0])
    }

    func testSettingsOutOfRangeAreReportedAndDoNotTrap() {
        XCTAssertNil(OutlierCounting().problem)
        XCTAssertNotNil(OutlierCounting(window: 1).problem)
        XCTAssertNotNil(OutlierCounting(zeroTolerance: -1e-3).problem)
        XCTAssertNotNil(OutlierCounting(zeroTolerance: 1).problem)
        XCTAssertNotNil(OutlierCounting(zeroTolerance: .nan).problem)
        XCTAssertNotNil(OutlierCounting(ratioFloor: 1).problem)
        XCTAssertNotNil(OutlierCounting(ratioFloor: -0.1).problem)
        // Brought into range instead: a window of 0 counts as 2, a negative
        // tolerance as 0, NaN as 0.
        XCTAssertEqual(outlierCount([10, 1, 0.5], method: .largestGap, window: 0), 1)
        XCTAssertEqual(outlierCount([10, 0, 0], method: .largestRatio, zeroTolerance: -1, ratioFloor: -1), 1)
        XCTAssertEqual(outlierCount([10, 0, 0], method: .largestRatio, zeroTolerance: .nan, ratioFloor: .nan), 1)
    }

    /// z = 1e-6 · 3 = 3e-6: −1e-9 is rounding noise, −0.5 a negative
    /// eigenvalue; with tolerance 0 both count.
    func testNegativeCount() {
        let values = [-1e-9, -0.5, 3, 0, 2]
        XCTAssertEqual(negativeCount(values), 1)
        XCTAssertEqual(negativeCount(values, tolerance: 0), 2)
        XCTAssertEqual(negativeCount([-1, -2, -3]), 3)
        XCTAssertEqual(negativeCount([0, 0, 0]), 0)
        XCTAssertEqual(negativeCount([]), 0)
    }

    /// z = 1e-6 · 3 = 3e-6: 1e-9, −1e-8 and 0 are within it, 3 and −0.5 not.
    func testNearZeroFraction() {
        XCTAssertEqual(nearZeroFraction([1e-9, -1e-8, 0, 3, -0.5]), 0.6, accuracy: 1e-15)
        XCTAssertEqual(nearZeroFraction([0, 0, 0, 0]), 1, accuracy: 1e-15)
        XCTAssertEqual(nearZeroFraction([-1, -2]), 0, accuracy: 1e-15)
        XCTAssertEqual(nearZeroFraction([]), 0, accuracy: 1e-15)
        // A looser tolerance takes in more: z = 0.2 · 3 = 0.6 adds −0.5.
        XCTAssertEqual(nearZeroFraction([1e-9, -1e-8, 0, 3, -0.5], tolerance: 0.2), 0.8, accuracy: 1e-15)
    }

    func testSummaryOfOneSpectrum() {
        let summary = SpectrumSummary(eigenvalues: [-0.5, 0, 1e-9, 3, 7, .nan])
        XCTAssertEqual(summary.count, 5)
        XCTAssertEqual(summary.negatives, 1)
        XCTAssertEqual(summary.nearZeroFraction, 0.4, accuracy: 1e-15)
        XCTAssertEqual(summary.maxEigenvalue, 7)
        XCTAssertEqual(summary.minEigenvalue, -0.5)
        // u = 7, 3, then z = 7e-6 three times: drops 4, 3 − z → 1.
        XCTAssertEqual(summary.outliers(by: .largestGap), 1)
        let empty = SpectrumSummary(eigenvalues: [])
        XCTAssert(empty.maxEigenvalue.isNaN && empty.minEigenvalue.isNaN)
    }
}
