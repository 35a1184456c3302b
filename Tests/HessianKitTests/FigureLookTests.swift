@testable import HessianCore
@testable import HessianFormats
@testable import HessianPlots
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// Every kind of figure, rendered to pixels by rsvg-convert and reviewed as
/// a reader would (`FigureReview`): well-formed, legend colours distinct,
/// no text cut with "…", no line along a log axis's floor, text inside the
/// canvas, marker labels clear of the frame, no blank panel — and the
/// README's figures in docs/img the same way.
final class FigureLookTests: XCTestCase {
    let header = "matrix,point,step,index,eigenvalue"

    /// A spectrum like a trained network's: a zero bulk of round-off
    /// (±1e-17), a few negatives, a bulk of small positives and outliers.
    func spectrum(_ seed: Int, outliers: Int = 3) -> [Double] {
        var values: [Double] = []
        for i in 0..<60 { values.append((i % 2 == 0 ? 1 : -1) * 1e-17 * Double(1 + (i + seed) % 5)) }
        for i in 0..<8 { values.append(-0.01 * Double(1 + i)) }
        for i in 0..<40 { values.append(0.002 * Double(1 + (i * 7 + seed) % 40)) }
        for i in 0..<outliers { values.append(2 + Double(i + seed)) }
        return values.sorted()
    }

    func spectrumCSV(groups: Int, column: String = "seed") throws -> CSVDocument {
        var rows: [String] = []
        for g in 0..<groups { rows += spectrumRows(spectrum(g), prefix: "\(g),") }
        return try csv("\(column)," + header, rows)
    }

    func look(_ document: CSVDocument, _ options: PlotOptions, _ name: String, expectsData: Bool = true,
              file: StaticString = #filePath, line: UInt = #line) throws -> RenderedFigure {
        let figure = try RenderedFigure(SpectrumPlot.render(document, options: options), file: file, line: line)
        FigureReview.check(figure, name, expectsData: expectsData, file: file, line: line)
        return figure
    }

    func testSpectrumKindsLookRight() throws {
        _ = try RenderedFigure.requireRenderer()
        let one = try spectrumCSV(groups: 1), three = try spectrumCSV(groups: 3)
        _ = try look(one, PlotOptions(kind: .ordered), "ordered")
        _ = try look(one, PlotOptions(kind: .ordered, symlog: true), "ordered symlog")
        _ = try look(three, PlotOptions(kind: .top, top: 20), "top")
        _ = try look(three, PlotOptions(kind: .negative), "negative")
        _ = try look(three, PlotOptions(kind: .histogram), "histogram")
        _ = try look(three, PlotOptions(kind: .histogram, logCount: true), "histogram log count")
        _ = try look(three, PlotOptions(kind: .density), "density")
    }

    func testLogEigenvalueAxesLeaveOutRoundOffAndSayHowMuch() throws {
        _ = try RenderedFigure.requireRenderer()
        let doc = try spectrumCSV(groups: 3)
        for kind in [PlotKind.ordered, .top] {
            let figure = try look(doc, PlotOptions(kind: kind, top: 120, logY: true), "\(kind) log-y")
            // The axis starts within a decade of the smallest value kept,
            // 0.002, not at the round-off 1e-17.
            let labels = figure.svg.elements("g", class: "y-axis").first?.elements(forName: "text").compactMap(\.stringValue) ?? []
            XCTAssertEqual(labels.first, "0.001", "\(kind)")
            let caption = figure.svg.texts(class: "caption").joined(separator: " ")
            // Per group: 60 round-off values (30 of them positive) and 8 negatives.
            XCTAssertTrue(caption.contains("of \(3 * 111) eigenvalues, \(3 * 38) \u{2264} 0 and \(3 * 30) round-off positives"),
                          "\(kind): \(caption)")
        }
    }

    func testDensityCurvesStopAtTheFloorAndTheCaptionGivesIt() throws {
        _ = try RenderedFigure.requireRenderer()
        // Two clumps far apart: the kernel density between them is ~0.
        let bulk: [Double] = (0..<50).map { 0.01 * Double($0 % 5) }
        let far: [Double] = (0..<5).map { 10 + 0.01 * Double($0) }
        let values = bulk + far
        let doc = try csv(header, spectrumRows(values))
        let figure = try look(doc, PlotOptions(kind: .density, bandwidth: 0.05), "density with a gap")
        let path = try XCTUnwrap(figure.svg.series.first)
        XCTAssertEqual((path.value("d") ?? "").filter { $0 == "M" }.count, 2, "one piece per clump, a gap between")
        let caption = figure.svg.texts(class: "caption").joined(separator: " ")
        XCTAssertTrue(caption.contains("Log density axis from 10\u{207B}\u{2077} of the peak density"), caption)
        XCTAssertTrue(caption.contains("% of the kernel density's grid"), caption)
    }

    func testEachCurveAndLawHasItsOwnColourAndLongLabelsWrap() throws {
        _ = try RenderedFigure.requireRenderer()
        var rows = spectrumRows(spectrum(0).map { abs($0) + 0.1 }, point: "init", step: "0")
        rows += spectrumRows(spectrum(1).map { abs($0) + 0.2 }, point: "final", step: "1000")
        let doc = try csv(header, rows)
        let figure = try look(doc, PlotOptions(kind: .density, marchenkoPastur: true, samples: 500), "density with laws")
        XCTAssertEqual(figure.svg.elements("line", class: "legend-line").count, 4, "two densities, two laws")
        let labels = figure.svg.texts(class: "legend-label")
        XCTAssertTrue(labels.contains { $0.hasPrefix("Marchenko") }, "\(labels)")
        // The group a law belongs to is in its entry, on a further line if need be.
        let all = (figure.svg.texts(class: "legend-label") + figure.svg.texts(class: "legend-label-continued")).joined(separator: " ")
        XCTAssertTrue(all.contains("(initial)") && all.contains("(final)"), all)
    }

    func testElevenSpectraBecomeSmallMultiples() throws {
        _ = try RenderedFigure.requireRenderer()
        var rows: [String] = []
        for step in 0..<11 { rows += spectrumRows(spectrum(step), point: "step", step: String(50 * step)) }
        let doc = try csv(header, rows)
        let figure = try look(doc, PlotOptions(kind: .histogram), "eleven histograms")
        XCTAssertEqual(figure.svg.plotAreas.count, 11)
        XCTAssertEqual(figure.svg.texts(class: "panel-title").count, 11)
        XCTAssertTrue(figure.svg.elements("g", class: "legend").isEmpty, "the panel titles name the groups")
        // Tick labels of the shared y axis on the first column only (3 rows of 4).
        let labelled = figure.svg.elements("g", class: "y-axis").filter { !$0.elements(forName: "text").isEmpty }
        XCTAssertEqual(labelled.count, 3)
        // Overlaid on request: past seven the colours repeat, dashed.
        let overlay = try ParsedSVG(SpectrumPlot.render(doc, options: PlotOptions(kind: .top, top: 10, layout: .overlay)))
        XCTAssertEqual(overlay.plotAreas.count, 1)
        XCTAssertEqual(overlay.series[7].value("stroke"), overlay.series[0].value("stroke"))
        XCTAssertNotNil(overlay.series[7].value("stroke-dasharray"))
        XCTAssertThrowsError(try SpectrumPlot.render(doc, options: PlotOptions(kind: .interpolation, layout: .panels)))
    }

    func testMetricFiguresGiveEveryLineItsOwnColour() throws {
        _ = try RenderedFigure.requireRenderer()
        let interpolation = try csv("alpha,train_loss,train_accuracy,test_loss,test_accuracy,top_1,top_2", [
            "0,0.1,0.9,0.2,0.8,4,2", "0.5,2,0.4,2.1,0.35,6,3", "1,0.05,0.95,0.3,0.85,5,1",
        ])
        let figure = try look(interpolation, PlotOptions(), "interpolation")
        XCTAssertEqual(figure.svg.texts(class: "legend-label"), ["train", "test", "top_1", "top_2"])

        // A phase switch near the right edge: its label stays off the frame.
        var rows: [String] = []
        for step in stride(from: 0, through: 1000, by: 50) {
            rows.append("\(step < 980 ? "large batch" : "small batch"),\(step),\(1.0 / Double(step + 1)),0.9,\(1.2 / Double(step + 1)),0.8")
        }
        let curves = try csv("phase,step,train_loss,train_accuracy,test_loss,test_accuracy", rows)
        _ = try look(curves, PlotOptions(logY: true), "curves")
    }

    func testRunSummaryDrawsChosenColumnsAgainstTheStep() throws {
        _ = try RenderedFigure.requireRenderer()
        var rows: [String] = []
        for lr in ["0.1", "0.05"] {
            for step in stride(from: 50, through: 300, by: 50) {
                let s = Double(step), overlap = step == 150 ? "" : String(0.5 + s / 1000)
                rows.append("0,\(lr),blobs,0.5,1.0,\(step),\(step == 300 ? "final" : "step"),\(20 / s),\(2 / s),\(-0.1 / s),\(overlap),\(step / 10)")
            }
        }
        let doc = try csv("seed,lr,dataset,train_loss,train_accuracy,steps,point,trace,max_eigenvalue,min_eigenvalue,gradient_overlap,negatives", rows)
        let figure = try look(doc, PlotOptions(), "summary")
        XCTAssertEqual(figure.svg.plotAreas.count, 3, "trace, max_eigenvalue, gradient_overlap")
        XCTAssertEqual(figure.svg.texts(class: "legend-label"), ["lr = 0.1", "lr = 0.05"])
        XCTAssertEqual(figure.svg.texts(class: "x-title"), ["step"])
        // The missing overlap at step 150 is a gap in both groups.
        let overlaps = figure.svg.series.filter { $0.value("data-series") == "gradient_overlap" }
        XCTAssertEqual(overlaps.map { ($0.value("d") ?? "").filter { $0 == "M" }.count }, [2, 2])
        XCTAssertTrue(figure.svg.texts(class: "caption").joined().contains("2 values were not measured"))

        let chosen = try look(doc, PlotOptions(columns: ["negatives", "train_loss"]), "summary columns")
        XCTAssertEqual(chosen.svg.texts(class: "y-title"), ["negatives", "train_loss"])
        XCTAssertThrowsError(try SpectrumPlot.render(doc, options: PlotOptions(columns: ["lr"]))) { error in
            XCTAssertTrue("\(error)".contains("'lr'"), "\(error)")
        }
        XCTAssertThrowsError(try SpectrumPlot.render(doc, options: PlotOptions(kind: .top)))
        let empty = try csv("seed,steps,point,trace,max_eigenvalue,min_eigenvalue,train_loss", ["0,10,step,,,,", "0,20,final,,,,"])
        XCTAssertThrowsError(try SpectrumPlot.render(empty, options: PlotOptions())) { error in
            XCTAssertTrue("\(error)".contains("none of trace"), "\(error)")
        }
    }

    /// The review finds what it looks for: a figure built with every fault
    /// (a line along its log floor, two legend entries in one colour, a
    /// cut title, text off the canvas, an empty panel) gets each reported.
    func testTheReviewCatchesEachFault() throws {
        _ = try RenderedFigure.requireRenderer()
        let floorLine = Series(group: "a", name: "density", points: [PlotPoint(x: 0, y: 1e-3), PlotPoint(x: 1, y: 1e-3),
                                                                      PlotPoint(x: 2, y: 1)], style: Palette.style(0))
        var figure = Figure(title: "A title cut short\u{2026}", xTitle: "x",
                            panels: [Panel(yTitle: "density", yScale: .log, series: [floorLine], yFloor: 1e-3),
                                     Panel(yTitle: "empty", series: [])],
                            legend: [LegendEntry(label: "a", style: Palette.style(0)), LegendEntry(label: "b", style: Palette.style(0))])
        figure.markers = [VerticalMarker(x: 2, label: String(repeating: "far too long a label ", count: 8))]
        let problems = FigureReview.problems(try RenderedFigure(figure.render(width: 600, height: 400)))
        for fault in ["runs along the log floor", "legend colours repeat", "cut with an ellipsis", "outside the canvas", "panel 1 is blank"] {
            XCTAssertTrue(problems.contains { $0.contains(fault) }, "\(fault) not reported in \(problems)")
        }
    }

    /// The SVG files in a folder of the repository, by name.
    func svgFiles(_ path: String) throws -> [(name: String, text: String)] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(path)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".svg") }.sorted()
        XCTAssertFalse(names.isEmpty, path)
        return try names.map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }

    /// Every figure of the documentation, as committed (the `plot` figures of
    /// scripts/figures.sh, the tour's and the audit's): rendered.
    func testTheDocumentationFiguresLookRight() throws {
        _ = try RenderedFigure.requireRenderer()
        for (name, text) in try svgFiles("docs/img") {
            FigureReview.check(try RenderedFigure(text), name)
        }
    }

    /// The reproduction's figures, as committed: the markup checks only,
    /// to keep the suite fast.
    func testTheReproductionFiguresPassTheMarkupChecks() throws {
        for (name, text) in try svgFiles("docs/reproduction") { FigureReview.checkMarkup(try ParsedSVG(text), name) }
    }
}
