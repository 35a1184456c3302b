@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

/// The widths summary, interpolate's top_k columns and log-y axes.
final class WidthSummaryPlotTests: XCTestCase {
    let summary = [
        "10,7960,hessian,top,1,0.01,8", "10,7960,hessian,top,2,0.02,4", "10,7960,hessian,negative,1,0.01,-0.5",
        "30,23860,hessian,top,1,0.004,9", "30,23860,hessian,top,2,0.008,2",
        "30,23860,hessian,negative,1,0.004,-0.4", "30,23860,hessian,negative,2,0.008,-0.1",
    ]

    /// 4 outliers (10, 9, 8, 7) above a flat bulk of 116 values ≈ 0.01:
    /// the default shows ranks 1–12 (three times 4) and says so; --top
    /// overrides it.
    func testWidthSummaryShowsThreeTimesItsOutliersByDefault() throws {
        let values = [10.0, 9, 8, 7] + (0..<116).map { 0.01 - 1e-5 * Double($0) }
        let rows = values.enumerated().map { "10,hessian,top,\($0.offset + 1),\(Double($0.offset + 1) / 10),\($0.element)" }
        let doc = try csv("width,matrix,series,rank,rank_percent,eigenvalue", rows)
        let svg = try ParsedSVG(SpectrumPlot.render(doc, options: PlotOptions()))
        XCTAssertEqual(svg.series.first?.vertices.count, 12)
        XCTAssertTrue(svg.texts(class: "caption").joined(separator: " ").hasPrefix("Ranks 1\u{2013}12 of 120"))
        let all = try ParsedSVG(SpectrumPlot.render(doc, options: PlotOptions(top: 120)))
        XCTAssertEqual(all.series.first?.vertices.count, 120)
        XCTAssertTrue(all.texts(class: "caption").isEmpty)
    }

    func testWidthSummaryDrawsTopByRankAndNegativesByPercent() throws {
        let doc = try csv("width,params,matrix,series,rank,rank_percent,eigenvalue", summary)
        let top = try ParsedSVG(SpectrumPlot.render(doc, options: PlotOptions()))
        XCTAssertEqual(top.series.map { $0.value("data-group") }, ["width = 10, M = 7960", "width = 30, M = 23860"])
        XCTAssertEqual(top.series.map { $0.vertices.count }, [2, 2])
        XCTAssertEqual(top.texts(class: "x-title"), ["rank from the top"])
        let negative = try ParsedSVG(SpectrumPlot.render(doc, options: PlotOptions(kind: .negative)))
        XCTAssertEqual(negative.series.map { $0.vertices.count }, [1, 2])
        XCTAssertEqual(negative.texts(class: "legend-label"), ["width = 10, M = 7960 (1 negative)", "width = 30, M = 23860 (2 negative)"])
        // x = rank_percent ∈ [0.004, 0.01]: width 30's first negative is at the left edge.
        let area = try XCTUnwrap(negative.plotAreas.first)
        XCTAssertEqual(negative.series[1].vertices[0].x, area.x + PlotArea.inset, accuracy: 0.02)
        XCTAssertThrowsError(try SpectrumPlot.render(doc, options: PlotOptions(kind: .histogram)))
    }

    func testInterpolationTopColumnsGetTheirOwnPanel() throws {
        let doc = try csv("alpha,train_loss,train_accuracy,test_loss,test_accuracy,top_1,top_2", [
            "0,1,0.5,,,4,2", "0.5,2,0.4,,,6,3", "1,1,0.5,,,5,1",
        ])
        let svg = try ParsedSVG(SpectrumPlot.render(doc, options: PlotOptions(logY: true)))
        XCTAssertEqual(svg.texts(class: "y-title"), ["loss (log scale)", "accuracy", "top eigenvalues (log)"])
        XCTAssertEqual(svg.series.compactMap { $0.value("data-series") }, ["train_loss", "train_accuracy", "top_1", "top_2"])
        XCTAssertEqual(svg.texts(class: "legend-label"), ["train", "top_1", "top_2"])
    }

    func testLogYLeavesOutValuesAtOrBelowZero() throws {
        let doc = try csv("matrix,point,step,index,eigenvalue", spectrumRows([-1, 0, 0.01, 1, 100]))
        let svg = try ParsedSVG(SpectrumPlot.render(doc, options: PlotOptions(kind: .ordered, logY: true)))
        XCTAssertEqual(svg.series[0].vertices.count, 3)
        XCTAssertEqual(svg.texts(class: "y-title"), ["eigenvalue (log scale)"])
        XCTAssertEqual(svg.texts(class: "caption").joined(separator: " ").contains("of 5 eigenvalues, 2 \u{2264} 0 and 0 round-off"), true)
        let ticks = svg.elements("g", class: "y-axis").first?.elements(forName: "text").map { $0.stringValue ?? "" }
        XCTAssertEqual(ticks?.first, "0.01")
        XCTAssertEqual(ticks?.last, "100")
        XCTAssertThrowsError(try SpectrumPlot.render(doc, options: PlotOptions(kind: .negative, logY: true)))
    }
}
