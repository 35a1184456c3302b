@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

/// Plots group by every column that holds no values, keep rows with
/// --where and pool on purpose with --group-by; too many groups are refused.
final class RowFilterTests: XCTestCase {
    let header = "matrix,point,step,index,eigenvalue"

    /// A sweep tagged with an `lr` column no plot knows by name.
    func taggedSweep(_ rates: [String]) throws -> CSVDocument {
        let rows = rates.enumerated().flatMap { i, lr in spectrumRows([0, 1, Double(i + 2)], prefix: "\(lr),7,") }
        return try csv("lr,rep," + header, rows)
    }

    func testATaggedSweepHasOneSeriesPerTagAndTheLegendNamesTheColumn() throws {
        let svg = try ParsedSVG(SpectrumPlot.render(try taggedSweep(["0.1", "0.05", "0.01"]), options: PlotOptions(kind: .top)))
        XCTAssertEqual(svg.series.map { $0.value("data-group") }, ["lr = 0.1", "lr = 0.05", "lr = 0.01"])
        XCTAssertEqual(svg.texts(class: "legend-label"), ["lr = 0.1", "lr = 0.05", "lr = 0.01"])
        // The same rule for curves: a tagged column splits the lines.
        let curves = try csv("seed,step,train_loss,train_accuracy", ["0,1,1,0.5", "0,2,0.5,0.7", "1,1,2,0.4", "1,2,1,0.6"])
        let drawn = try ParsedSVG(SpectrumPlot.render(curves, options: PlotOptions()))
        XCTAssertEqual(Set(drawn.series.compactMap { $0.value("data-group") }), ["seed = 0", "seed = 1"])
    }

    func testWhereKeepsMatchingRowsComparingNumbersAsNumbers() throws {
        let doc = try taggedSweep(["0.1", "0.05"])
        let svg = try ParsedSVG(SpectrumPlot.render(doc, options: PlotOptions(kind: .ordered, filters: [RowFilter(column: "lr", value: "0.10")])))
        XCTAssertEqual(svg.series.count, 1)
        XCTAssertEqual(svg.series[0].vertices.count, 3)
        XCTAssertThrowsError(try SpectrumPlot.render(doc, options: PlotOptions(filters: [RowFilter(column: "lr", value: "7")]))) { error in
            XCTAssert("\(error)".contains("lr has 0.1, 0.05"), "\(error)")
        }
        XCTAssertThrowsError(try SpectrumPlot.render(doc, options: PlotOptions(filters: [RowFilter(column: "mu", value: "1")]))) { error in
            guard case .unknownColumn(_, .rowFilter, "mu", _)? = error as? PlotError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try RowFilter(parsing: " seed = 3 "), RowFilter(column: "seed", value: "3"))
        XCTAssertThrowsError(try RowFilter(parsing: "seed"))
        XCTAssertThrowsError(try RowFilter(parsing: "=3"))
    }

    func testMoreGroupsThanCanBeToldApartAreRefusedWithTheWayOut() throws {
        let doc = try taggedSweep((1...13).map { "0.\($0)" })
        XCTAssertThrowsError(try SpectrumPlot.render(doc, options: PlotOptions())) { error in
            XCTAssertEqual(error as? PlotError, .tooManyGroups(source: "test.csv", count: 13, columns: ["lr"], limit: 12))
        }
        XCTAssertNoThrow(try SpectrumPlot.render(doc, options: PlotOptions(filters: [RowFilter(column: "lr", value: "0.1")])))
    }

    /// --group-by pools on purpose: all eigenvalues of the pooled runs in one
    /// group (a histogram counts them all); curves become the mean at each x.
    func testGroupByPoolsTheOtherColumns() throws {
        let doc = try taggedSweep(["0.1", "0.05"])
        let svg = try ParsedSVG(SpectrumPlot.render(doc, options: PlotOptions(kind: .ordered, groupBy: ["rep"])))
        XCTAssertEqual(svg.series.count, 1)
        XCTAssertEqual(svg.series[0].vertices.count, 6)
        XCTAssertThrowsError(try SpectrumPlot.render(doc, options: PlotOptions(groupBy: ["eigenvalue"]))) { error in
            guard case .unknownColumn(_, .groupBy, "eigenvalue", _)? = error as? PlotError else { return XCTFail("\(error)") }
        }
        let curves = try csv("seed,step,train_loss,train_accuracy", ["0,1,1,0.5", "1,1,3,0.7"])
        let groups = try MetricGroups.read(curves, xColumn: "step", groupBy: ["seed"])
        XCTAssertEqual(groups.count, 2)
        let pooled = try MetricGroups.read(try csv("seed,run,step,train_loss,train_accuracy", ["0,a,1,1,0.5", "1,a,1,3,0.7"]),
                                           xColumn: "step", groupBy: ["run"])
        XCTAssertEqual(pooled.count, 1)
        XCTAssertEqual(pooled[0].series[.trainLoss], [PlotPoint(x: 1, y: 2)])
        XCTAssertEqual(pooled[0].series[.trainAccuracy]?.first?.y ?? .nan, 0.6, accuracy: 1e-15)
    }
}
