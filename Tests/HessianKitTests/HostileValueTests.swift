@testable import HessianCore
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianExperiments
@testable import HessianRuntime
import HessianKit
import XCTest

/// Values and sizes at the edges of what a double or an Int holds, from
/// files and flags: every one gives a figure or a typed error, never a trap
/// on an overflowing conversion or product.
final class HostileValueTests: XCTestCase {
    private static let tiny = Double.leastNonzeroMagnitude
    private static let subnormal = Double.leastNormalMagnitude / 3
    private static let extremes: [[Double]] = [
        [tiny, 2 * tiny, 4 * tiny],
        [-tiny, 0, tiny],
        [Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, 0, 1],
        [1.7e308, 1.75e308, 1.79e308],
        [1e-300, 1e300],
        [-subnormal, -2 * subnormal, 3],
        // Many points over the whole range: the density path is thinned.
        (0..<3000).map { Double($0) * 5.9e304 - 8.85e307 },
    ]

    func testSaturatingConversionClampsAndNeverTraps() {
        XCTAssertEqual(Int(saturating: .infinity), 1 << 53)
        XCTAssertEqual(Int(saturating: -.infinity), -(1 << 53))
        XCTAssertEqual(Int(saturating: .nan), 0)
        XCTAssertEqual(Int(saturating: .nan, nanValue: -1), -1)
        XCTAssertEqual(Int(saturating: 1e300), 1 << 53)
        XCTAssertEqual(Int(saturating: -7.9), -7)
        XCTAssertEqual(Axis.decade(log10(0)), -324)
        XCTAssertEqual(Axis.decade(log10(Double.infinity)), 308)
        XCTAssertEqual(Axis.decade(.nan), 0)
    }

    /// Every spectrum plot kind and axis scale over values near 5e-324 and
    /// ±1.8e308: an SVG without non-finite numbers, or a typed refusal.
    func testSpectrumPlotsOfExtremeValues() throws {
        var drawn = 0
        for values in Self.extremes {
            let document = try csv("matrix,point,step,index,eigenvalue", spectrumRows(values))
            for kind in [PlotKind.ordered, .top, .negative, .histogram, .density] {
                for (symlog, logY) in [(false, false), (true, false), (false, true)] {
                    let options = PlotOptions(kind: kind, symlog: symlog, logY: logY)
                    guard let svg = try? SpectrumPlot.render(document, options: options) else { continue }
                    drawn += 1
                    XCTAssert(svg.contains("</svg>"), "\(kind) \(values.prefix(2))")
                    for bad in ["=\"nan", "=\"inf", ">nan<", ">inf<", ">-inf<"] {
                        XCTAssertFalse(svg.lowercased().contains(bad), "\(kind) \(values.prefix(2)): \(bad)")
                    }
                }
            }
        }
        XCTAssertGreaterThan(drawn, 40, "most combinations draw")
    }

    func testInterpolationAndCurvePlotsOfExtremeValues() throws {
        for values in Self.extremes {
            let rows = values.enumerated().map { "\($0.element),\($0.element),0.5,\(-$0.element),1" }
            let line = try csv("alpha,train_loss,train_accuracy,test_loss,test_accuracy", rows)
            _ = try? SpectrumPlot.render(line, options: PlotOptions())
            _ = try? SpectrumPlot.render(line, options: PlotOptions(logY: true))
            let curves = try csv("step,train_loss,train_accuracy", values.enumerated().map { "\($0.offset),\($0.element),\(min(1, abs($0.element)))" })
            _ = try? SpectrumPlot.render(curves, options: PlotOptions(logY: true))
        }
    }

    func testAxesFittedToExtremeRangesStayFinite() {
        for (low, high) in [(Self.tiny, 2 * Self.tiny), (-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude),
                            (0, Double.greatestFiniteMagnitude), (Self.subnormal, 1e308)] {
            for scale in [AxisScale.linear, .log, .symlog(fitting: [low, high])] {
                let axis = Axis.fitted(low: low, high: high, scale: scale, targetTicks: 5)
                XCTAssertFalse(axis.ticks.isEmpty, "\(scale) \(low)…\(high)")
                XCTAssert(axis.lower <= axis.upper, "\(scale) \(low)…\(high)")
                for tick in axis.ticks { XCTAssertFalse(tick.label.contains("nan") || tick.label.contains("inf"), "\(scale) \(low)…\(high): \(tick.label)") }
            }
        }
        guard case .symlog(let c) = AxisScale.symlog(fitting: [Self.tiny]) else { return XCTFail("a symlog scale") }
        XCTAssertGreaterThan(c, 0, "the linear part never underflows to 0")
    }

    /// The products of sizes from flags are checked: an order whose matrix
    /// overflows 8·n² bytes is a memory error, not a trap.
    func testHugeOrdersAreMemoryErrors() {
        XCTAssertEqual(MemoryBudget.bytesOfDoubles(1 << 31, 1 << 31), Int.max)
        XCTAssertEqual(MemoryBudget.bytesOfDoubles(3, 4), 96)
        for order in [Int.max, 1 << 40, 3_037_000_500] {
            XCTAssertThrowsError(try EigensolveFloor.measure(order: order)) { error in
                XCTAssert(error is MemoryError, "\(order): \(error)")
            }
        }
    }

    /// The workspace length LAPACK reports (a double) is refused when it is
    /// not finite or beyond its 32-bit lwork, not converted with a trap.
    func testWorkspaceQueriesBeyondLAPACKAreErrors() throws {
        for query in [Double.nan, .infinity, 1e300, Double(Int32.max)] {
            XCTAssertThrowsError(try LAPACKWorkspace.size(query, "dsyevd")) { error in
                XCTAssert("\(error)".contains("32-bit"), "\(query): \(error)")
            }
        }
        XCTAssertEqual(try LAPACKWorkspace.size(0, "dsyevd"), 1)
        XCTAssertEqual(try LAPACKWorkspace.size(1234.0, "dsyevd"), 1234)
    }

    /// The estimators' cost models at probe and iteration counts near
    /// Int.max (`--probes`, `--power-iter`) are large numbers, not traps.
    func testCostModelsOfHugeCountsAreNumbers() {
        let request = SpectrumRequest(top: 2, estimators: EstimatorSettings(probes: Int.max, powerIterations: Int.max))
        let problem = SpectrumProblem(sizes: [4, 3, 2], activations: Activations(.relu), loss: .nll, examples: 10, request: request)
        XCTAssertGreaterThan(PowerSpectrum().cost(of: problem).flops, 1e20)
        XCTAssertGreaterThan(SLQSpectrum().cost(of: problem).flops, 1e20)
    }

    /// α ranges whose arithmetic overflows give finite values within the
    /// ends, and models whose interpolation overflows are refused.
    func testAlphaRangesNearTheLimitsOfDoubles() throws {
        let wide = try LineInterpolation.parseRange("-1.7e308:1.7e308:5")
        XCTAssertEqual(wide.count, 5)
        XCTAssert(wide.allSatisfy(\.isFinite), "\(wide)")
        XCTAssertEqual(wide.first, -1.7e308)
        XCTAssertEqual(wide.last, 1.7e308)
        XCTAssertEqual(wide[2], 0, accuracy: 1e295)
        XCTAssertEqual(try LineInterpolation.parseRange("-1:2:61")[11], -0.45, "exact ends still")
        XCTAssertThrowsError(try LineInterpolation.parseRange("0:1e309:3"))

        let a = try MLP(sizes: [2, 2], activation: .relu, loss: .nll, initScale: 1, seed: 1)
        let b = try MLP(sizes: [2, 2], activation: .relu, loss: .nll, initScale: 1, seed: 2)
        let data = try Dataset(features: [0.1, 0.2, 0.3, 0.4], labels: [0, 1], dimension: 2, classCount: 2)
        let line = try LineInterpolation(from: a, to: b, alphas: [0.5, 1e308])
        XCTAssertThrowsError(try line.run(on: DataSplit(train: data, test: nil))) { error in
            XCTAssert("\(error)".contains("overflow"), "\(error)")
        }
    }

    /// A `<U…>` width from a file cannot overflow 4·width.
    func testHugeStringWidthIsRefused() {
        let bytes = TensorBytes.npy(descr: "<U\(Int.max / 2)", shape: [1], payload: [0, 0, 0, 0])
        XCTAssertNil(NumPyArray.decodeStrings(bytes))
    }

    /// Control characters from files are visible escapes on the terminal.
    func testControlCharactersAreEscaped() {
        XCTAssertEqual(TerminalText.escaped("a\u{1B}[2Jb\u{07}c\rd\u{9B}e\u{7F}"), "a\\e[2Jb\\ac\\rd\\u{9B}e\\x7F")
        XCTAssertEqual(TerminalText.escaped("one\ntwo"), "one\\ntwo")
        XCTAssertEqual(TerminalText.escaped("one\ntwo", keepingLineBreaks: true), "one\ntwo")
        XCTAssertEqual(TerminalText.escaped("plain ünïcode λ"), "plain ünïcode λ")
    }
}
