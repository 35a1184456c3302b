@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// Every kind of plot, read back with an XML parser. Expected pixel
/// positions come from the documented layout (plot area from x = 84 and
/// y = 44 to 56 px above the bottom, panels 28 px apart, the domain filling
/// the area less 8 px on each side) and from data whose range already falls
/// on whole ticks, so the axis domain is the data range.
final class PlotTests: XCTestCase {
    let header = "matrix,point,step,index,eigenvalue"

    // MARK: Spectrum kinds

    func testOrderedPlotMapsRankAndEigenvalueOntoThePlotArea() throws {
        let doc = try csv(header, spectrumRows([-1, 0, 0, 0, 3]))
        let svg = try ParsedSVG(SpectrumPlot.render(doc, options: PlotOptions()))
        XCTAssertEqual(svg.series.count, 1, "auto draws one group as ordered, one path")
        XCTAssertEqual(svg.texts(class: "title"), ["Ordered eigenvalues"])
        XCTAssertEqual(svg.texts(class: "x-title"), ["rank in ascending order"])
        XCTAssertEqual(svg.texts(class: "y-title"), ["eigenvalue"])
        XCTAssertEqual(svg.elements("g", class: "legend").first?.elements(forName: "text").count, 1)

        let area = try XCTUnwrap(svg.plotAreas.first)
        XCTAssertEqual(area.x, 84, accuracy: 1e-9)
        XCTAssertEqual(area.y, 44, accuracy: 1e-9)
        XCTAssertEqual(area.height, 500 - 44 - 56, accuracy: 1e-9)
        // Domain x ∈ [0, 4], y ∈ [−1, 3].
        let v = svg.series[0].vertices
        XCTAssertEqual(v.count, 5)
        assertPixel(v.first, area.at(0, 0))
        assertPixel(v[2], area.at(0.5, 0.25))
        assertPixel(v.last, area.at(1, 1))
        let yLabels = svg.elements("g", class: "y-axis").first?.elements(forName: "text").map { $0.stringValue ?? "" } ?? []
        XCTAssertEqual(yLabels.first, "\u{2212}1.0")
        XCTAssertEqual(yLabels.last, "3.0")
    }

    func testTopPlotDrawsTheLargestKOfEachGroupFromRankOne() throws {
        let rows = spectrumRows([0, 2, 4, 6, 8, 10], prefix: "5,") + spectrumRows([0, 1, 3, 5, 7, 9, 10], prefix: "10,")
        let doc = try csv("clusters," + header, rows)
        let svg = try ParsedSVG(SpectrumPlot.render(doc, options: PlotOptions(top: 5)))
        XCTAssertEqual(svg.series.count, 2, "auto draws several groups as top, one path each")
        XCTAssertEqual(svg.series.map { $0.value("data-group") }, ["k = 5", "k = 10"])
        XCTAssertEqual(svg.texts(class: "legend-label"), ["k = 5", "k = 10"])
        XCTAssertEqual(svg.texts(class: "x-title"), ["rank from the top"])
        XCTAssertEqual(svg.texts(class: "title"), ["Largest 5 eigenvalues"])

        // Domain x ∈ [1, 5] (ranks), y ∈ [2, 10] (k = 5 ends at 2; k = 10 at 3).
        let area = try XCTUnwrap(svg.plotAreas.first)
        let first = svg.series[0].vertices, second = svg.series[1].vertices
        XCTAssertEqual(first.count, 5)
        XCTAssertEqual(second.count, 5)
        assertPixel(first[0], area.at(0, 1))
        assertPixel(first[2], area.at(0.5, 0.5))
        assertPixel(first[4], area.at(1, 0))
        assertPixel(second[1], area.at(0.25, 7.0 / 8))
    }

    func testNegativePlotUsesRankAsAPercentageOfEachGroupsM() throws {
        // M = 10 with two negatives, M = 20 with none.
        let rows = spectrumRows([-4, -2, 0, 1, 1, 1, 1, 1, 1, 1], prefix: "10,")
            + spectrumRows([Double](repeating: 0.5, count: 20), prefix: "20,")
        let doc = try csv("hidden," + header, rows)
        let svg = try ParsedSVG(SpectrumPlot.render(doc, options: PlotOptions(kind: .negative)))
        XCTAssertEqual(svg.series.count, 2, "a group without negatives still has its (empty) path")
        XCTAssertEqual(svg.texts(class: "legend-label"), ["h = 10 (2 negative)", "h = 20 (0 negative)"])
        XCTAssertEqual(svg.texts(class: "x-title"), ["rank as % of M (ascending order)"])
        XCTAssertTrue(svg.series[1].vertices.isEmpty)

        // −4 at 0 %, −2 at 100·1/10 = 10 %; domain x ∈ [0, 10], y ∈ [−4, 0].
        let area = try XCTUnwrap(svg.plotAreas.first)
        let v = svg.series[0].vertices
        assertPixel(v.first, area.at(0, 0))
        assertPixel(v.last, area.at(1, 0.5))
    }

    func testNegativePlotWithoutNegativesSaysSo() throws {
        let doc = try csv(header, spectrumRows([0, 1, 2]))
        let svg = try ParsedSVG(SpectrumPlot.render(doc, options: PlotOptions(kind: .negative)))
        XCTAssertEqual(svg.texts(class: "note"), ["no negative eigenvalues"])
        XCTAssertEqual(svg.series.count, 1)
    }

    func testHistogramCountsEachBin() throws {
        // Two bins over [0, 4]: {0, 1, 1} and {3, 4} (the last bin is closed).
        let doc = try csv(header, spectrumRows([0, 1, 1, 3, 4]))
        let svg = try ParsedSVG(SpectrumPlot.render(doc, options: PlotOptions(kind: .histogram, bins: 2)))
        XCTAssertEqual(svg.series.count, 1)
        XCTAssertEqual(svg.texts(class: "y-title"), ["count"])
        XCTAssertEqual(svg.texts(class: "x-title"), ["eigenvalue"])
        let area = try XCTUnwrap(svg.plotAreas.first)
        // Domain x ∈ [0, 4], y ∈ [0, 3]: outline (0,0) (0,3) (2,3) (2,2) (4,2) (4,0).
        let expected = [(0.0, 0.0), (0, 3), (2, 3), (2, 2), (4, 2), (4, 0)].map { area.at($0.0 / 4, $0.1 / 3) }
        let v = svg.series[0].vertices
        XCTAssertEqual(v.count, expected.count)
        for (a, e) in zip(v, expected) { assertPixel(a, e) }
    }

    func testHistogramLogCountPutsDecadesEvenlyApart() throws {
        let values = [Double](repeating: 0, count: 100) + [5, 10]
        let doc = try csv(header, spectrumRows(values))
        let svg = try ParsedSVG(SpectrumPlot.render(doc, options: PlotOptions(kind: .histogram, logCount: true, bins: 10)))
        XCTAssertEqual(svg.texts(class: "y-title"), ["count (log scale)"])
        let ticks = svg.elements("g", class: "y-axis").first?.elements(forName: "text") ?? []
        let labels = ticks.map { $0.stringValue ?? "" }
        XCTAssertEqual(labels, ["1", "10", "100"])
        let ys = ticks.compactMap { Double($0.value("y") ?? "") }
        XCTAssertEqual(ys[0] - ys[1], ys[1] - ys[2], accuracy: 0.02, "1 → 10 and 10 → 100 are equally long")
    }

    func testSymmetricLogOrderedPlotKeepsZeroAndBothTails() throws {
        let doc = try csv(header, spectrumRows([-0.001, 0, 1e-5, 0.5, 10]))
        let svg = try ParsedSVG(SpectrumPlot.render(doc, options: PlotOptions(kind: .ordered, symlog: true)))
        // Largest |λ| = 10 → linear part ±1e-5, six decades below 10.
        XCTAssertEqual(svg.texts(class: "y-title"), ["eigenvalue (symmetric log, linear within \u{00B1}1e-5)"])
        let area = try XCTUnwrap(svg.plotAreas.first)
        let v = svg.series[0].vertices
        // t(x) = x/c inside ±c, else sign(x)(1 + log10(|x|/c)); domain [−1e-3, 10] → t ∈ [−3, 7].
        let t = { (t: Double) in (t + 3) / 10 }
        assertPixel(v[0], area.at(0, t(-3)))
        assertPixel(v[1], area.at(0.25, t(0)))
        assertPixel(v[2], area.at(0.5, t(1)))
        assertPixel(v[4], area.at(1, t(7)))
    }

    func testGroupLabelsNameOnlyWhatDiffers() throws {
        let rows = spectrumRows([1, 2], matrix: "hessian", point: "init", step: "0")
            + spectrumRows([1, 3], matrix: "hessian", point: "final", step: "500")
            + spectrumRows([0, 3], matrix: "gauss_newton", point: "final", step: "500")
        let svg = try ParsedSVG(SpectrumPlot.render(try csv(header, rows), options: PlotOptions()))
        XCTAssertEqual(svg.series.map { $0.value("data-group") },
                       ["Hessian H, initial", "Hessian H, final", "Gauss-Newton G, final"])
        let steps = spectrumRows([1], point: "step", step: "10") + spectrumRows([2], point: "step", step: "20")
        let stepped = try ParsedSVG(SpectrumPlot.render(try csv(header, steps), options: PlotOptions()))
        XCTAssertEqual(stepped.series.map { $0.value("data-group") }, ["step 10", "step 20"])
    }

    // MARK: Interpolation and curves

    func testInterpolationDrawsLossAndAccuracyPanelsWithTheEndpointsMarked() throws {
        let doc = try csv("alpha,train_loss,train_accuracy,test_loss,test_accuracy", [
            "-1,2,0.5,2,0.4", "0,0,1,0.25,0.9", "0.5,0.5,1,0.75,0.8", "1,0,1,0.25,0.9", "2,2,0.5,2,0",
        ])
        let svg = try ParsedSVG(SpectrumPlot.render(doc, options: PlotOptions()))
        XCTAssertEqual(svg.series.map { $0.value("data-series") }, ["train_loss", "test_loss", "train_accuracy", "test_accuracy"])
        XCTAssertEqual(svg.texts(class: "y-title"), ["loss", "accuracy"])
        XCTAssertEqual(svg.texts(class: "x-title").count, 1)
        XCTAssertEqual(svg.texts(class: "marker-label"), ["\u{03B1} = 0", "\u{03B1} = 1"])
        XCTAssertEqual(svg.texts(class: "legend-label"), ["train", "test"])

        let areas = svg.plotAreas
        XCTAssertEqual(areas.count, 2)
        let panelHeight = (500 - 44 - 56 - 28) / 2.0
        XCTAssertEqual(areas[0].height, panelHeight, accuracy: 1e-9)
        XCTAssertEqual(areas[1].y, 44 + panelHeight + 28, accuracy: 1e-9)
        // α ∈ [−1, 2]; loss ∈ [0, 2]; train loss 0.5 at α = 0.5.
        let a = areas[0]
        assertPixel(svg.series[0].vertices[2], a.at(0.5, 0.5 / 2))
        // Accuracy ∈ [0, 1]; test accuracy 0 at α = 2 is the bottom-right corner.
        let b = areas[1]
        assertPixel(svg.series[3].vertices.last, b.at(1, 0))
        // The α = 0 marker at a third of the width, in both panels.
        let markers = svg.elements("line", class: "marker-line")
        XCTAssertEqual(markers.count, 4)
        XCTAssertEqual(Double(markers[0].value("x1") ?? "") ?? .nan, a.at(1.0 / 3, 0).x, accuracy: 0.02)
    }

    func testTwoPhaseCurvesAreOneLineWithTheSwitchMarked() throws {
        // As a two-phase run writes them: the batch size follows the phase,
        // and the switch step is written once for each phase.
        var rows: [String] = []
        for step in stride(from: 0, through: 10, by: 5) { rows.append("large,512,\(step),\(2 - 0.1 * Double(step)),0.5,2,0.5") }
        for step in stride(from: 10, through: 20, by: 5) { rows.append("small,10,\(step),\(1.5 - 0.05 * Double(step)),0.9,1.5,0.8") }
        let doc = try csv("phase,batch_size,step,train_loss,train_accuracy,test_loss,test_accuracy", rows)
        let svg = try ParsedSVG(SpectrumPlot.render(doc, options: PlotOptions()))
        XCTAssertEqual(svg.series.count, 4, "one group: train and test loss, train and test accuracy")
        XCTAssertEqual(svg.series[0].vertices.count, 6)
        XCTAssertEqual(svg.texts(class: "marker-label"), ["small (batch = 10)", "large (batch = 512)"])
        XCTAssertEqual(svg.texts(class: "x-title"), ["step"])
        // The switch at step 10, half way along x ∈ [0, 20].
        let a = try XCTUnwrap(svg.plotAreas.first)
        let marker = try XCTUnwrap(svg.elements("line", class: "marker-line").first)
        XCTAssertEqual(Double(marker.value("x1") ?? "") ?? .nan, a.at(0.5, 0).x, accuracy: 0.02)
    }

    func testCurvesOfSeveralBatchSizesAreSeparateGroups() throws {
        var rows: [String] = []
        for batch in [10, 512] {
            for step in [0, 10, 20] { rows.append("train,\(batch),\(step),1,0.5,,") }
        }
        let doc = try csv("phase,batch_size,step,train_loss,train_accuracy,test_loss,test_accuracy", rows)
        let svg = try ParsedSVG(SpectrumPlot.render(doc, options: PlotOptions()))
        XCTAssertEqual(svg.series.count, 4, "two groups × train loss and train accuracy; empty test columns draw nothing")
        XCTAssertEqual(Set(svg.series.compactMap { $0.value("data-group") }), ["batch = 10", "batch = 512"])
        XCTAssertEqual(svg.texts(class: "legend-label"), ["batch = 10", "batch = 512"],
                       "a colour per group; no test lines, so no caption about dashes")
        XCTAssertTrue(svg.texts(class: "caption").isEmpty)
        XCTAssertTrue(svg.elements("line", class: "marker-line").isEmpty)
    }

    // MARK: Edge cases

    func testOnePointAndAllEqualValuesGiveAFiniteDrawing() throws {
        for values in [[2.5], [0.0], [3, 3, 3], [-1e308, 1e308], [-Double.greatestFiniteMagnitude, 0, Double.greatestFiniteMagnitude]] {
            let choices = [PlotOptions(kind: .ordered), PlotOptions(kind: .top), PlotOptions(kind: .negative),
                           PlotOptions(kind: .histogram), PlotOptions(kind: .ordered, symlog: true),
                           PlotOptions(kind: .histogram, logCount: true)]
            for options in choices {
                let kind = options.kind
                let text = try SpectrumPlot.render(try csv(header, spectrumRows(values)), options: options)
                let svg = try ParsedSVG(text)
                XCTAssertEqual(svg.series.count, 1, "\(kind) \(values)")
                XCTAssertFalse(text.contains("nan") || text.contains("inf"), "\(kind) \(values)")
                for p in svg.series[0].vertices {
                    XCTAssert(p.x.isFinite && p.y.isFinite, "\(kind) \(values)")
                }
            }
        }
        let one = try ParsedSVG(SpectrumPlot.render(try csv(header, spectrumRows([2.5])), options: PlotOptions()))
        XCTAssertEqual(one.elements("circle").count, 1, "a single point still shows, as a dot")
    }

    func testLabelsFromTheFileAreEscaped() throws {
        let doc = try csv("method," + header, spectrumRows([1, 2], prefix: "a<b & \"c\",") + spectrumRows([1, 2], prefix: "x\u{01}y,"))
        let text = try SpectrumPlot.render(doc, options: PlotOptions(title: "<title> & 'quotes'"))
        let svg = try ParsedSVG(text)
        XCTAssertEqual(svg.series.first?.value("data-group"), "method = a<b & \"c\"")
        XCTAssertEqual(svg.texts(class: "title"), ["<title> & 'quotes'"])
    }

    func testAHugeSpectrumIsThinnedWithoutLosingItsExtremes() throws {
        let m = 50_000
        var values = (0..<m).map { 1e-6 * sin(Double($0)) }
        values[123] = -10
        values[m - 1] = 20
        values.sort()
        let doc = try csv(header, spectrumRows(values))
        let svg = try ParsedSVG(SpectrumPlot.render(doc, options: PlotOptions(kind: .ordered)))
        let area = try XCTUnwrap(svg.plotAreas.first)
        let v = svg.series[0].vertices
        XCTAssertLessThanOrEqual(v.count, 4 * Int(area.width.rounded(.up) + 1))
        XCTAssertGreaterThan(v.count, Int(area.width))
        let ys = v.map(\.y)
        XCTAssertEqual(ys.max() ?? .nan, area.at(0, 0).y, accuracy: 0.02, "−10 kept (domain [−10, 20])")
        XCTAssertEqual(ys.min() ?? .nan, area.at(0, 1).y, accuracy: 0.02, "20 kept")
    }

    // MARK: Errors

    func testUnknownColumnsNameWhatWasExpected() throws {
        let doc = try csv("params,layers,train_loss", ["10,2-3-2,0.5"])
        XCTAssertThrowsError(try SpectrumPlot.render(doc, options: PlotOptions())) { error in
            XCTAssertEqual(error as? PlotError, .unrecognisedColumns(source: "test.csv", columns: ["params", "layers", "train_loss"]))
            let text = String(describing: error)
            XCTAssertFalse(text.contains("\n"))
            XCTAssert(text.contains("matrix, point, step, index, eigenvalue"), text)
            XCTAssert(text.contains("alpha, train_loss"), text)
            XCTAssert(text.contains("step, train_loss, train_accuracy"), text)
        }
    }

    func testNonFiniteAndNonNumericFieldsAreRefusedWithTheirLine() throws {
        for bad in ["nan", "inf", "-inf"] {
            let doc = try csv(header, ["hessian,final,1,0,1", "hessian,final,1,1,\(bad)"])
            XCTAssertThrowsError(try SpectrumPlot.render(doc, options: PlotOptions())) { error in
                XCTAssertEqual(error as? PlotError, .notFinite(source: "test.csv", line: 3, column: "eigenvalue", text: bad))
            }
        }
        let words = try csv("step,train_loss,train_accuracy", ["0,1,0.5", "1,lots,0.5"])
        XCTAssertThrowsError(try SpectrumPlot.render(words, options: PlotOptions())) { error in
            XCTAssertEqual(error as? PlotError, .notANumber(source: "test.csv", line: 3, column: "train_loss", text: "lots"))
        }
        XCTAssertThrowsError(try SpectrumPlot.render(try csv(header, []), options: PlotOptions())) { error in
            XCTAssertEqual(error as? PlotError, .noRows(source: "test.csv"))
        }
    }

    func testKindsAndOptionsThatDoNotFitAreRefused() throws {
        let spectrum = try csv(header, spectrumRows([1, 2]))
        XCTAssertThrowsError(try SpectrumPlot.render(spectrum, options: PlotOptions(kind: .curves))) { error in
            guard case .wrongContent(_, .curves, "a spectrum", _)? = error as? PlotError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try SpectrumPlot.render(spectrum, options: PlotOptions(kind: .top, logCount: true))) { error in
            XCTAssertEqual(error as? PlotError, .optionDoesNotApply(option: .logCount, kind: .top))
        }
        XCTAssertThrowsError(try SpectrumPlot.render(spectrum, options: PlotOptions(kind: .histogram, symlog: true))) { error in
            XCTAssertEqual(error as? PlotError, .optionDoesNotApply(option: .symlog, kind: .histogram))
        }
        XCTAssertThrowsError(try SpectrumPlot.render(spectrum, options: PlotOptions(width: 10))) { error in
            let problem = error as? SettingError
            XCTAssertEqual(problem?.setting, .plotWidth)
            XCTAssertEqual(problem?.value, "10")
        }
    }
}

final class PlotFileTests: XCTestCase {
    func testAFigureIsWrittenBesideItsCSV() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let csvPath = folder.appendingPathComponent("widths.csv").path
        try "matrix,point,step,index,eigenvalue\nhessian,final,1,0,-1\nhessian,final,1,1,2\n"
            .write(toFile: csvPath, atomically: true, encoding: .utf8)
        let written = try SpectrumPlot.writeFigure(besides: csvPath, options: PlotOptions(kind: .negative), through: AtomicFile())
        XCTAssertEqual(written, folder.appendingPathComponent("widths.svg").path)
        let svg = try ParsedSVG(try String(contentsOfFile: written, encoding: .utf8))
        XCTAssertEqual(svg.texts(class: "title"), ["Negative eigenvalues"])
    }
}
