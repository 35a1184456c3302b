@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
import XCTest

/// The anatomy figures of a real small network, drawn as `plot` draws the
/// CSV of `train --decompose classes --blocks layers`: the three levels of G
/// beside H's largest eigenvalues in one panel, and H's per-layer blocks a
/// panel each, each titled with its display name and reviewed in pixels.
final class LevelsFigureTests: XCTestCase {
    /// tanh 6-5-4 on 4 Gaussian clusters: M = 35 + 24 = 59.
    func spectrumCSV() throws -> CSVDocument {
        let data = try Blobs(clusters: 4, dimension: 6, seed: 3).generate(train: 24, test: 0).train
        let model = Fixture.model([6, 5, 4], .tanh, .nll, scale: 0.8, seed: 5)
        var rows: [String] = []
        func add(_ matrix: String, _ block: String, _ values: [Double]) {
            rows += values.enumerated().map { "\(matrix),\(block),final,0,\($0.offset),\($0.element)" }
        }
        var h = ExactHessian(model: model, data: data).assemble(.hessian)
        let m = model.parameterCount
        add("hessian", "all", try SymmetricEigensolver.eigenvalues(destroying: &h, order: m))
        let split = try GaussNewtonClassSplit(model: model, data: data)
        add("gn_class", "all", try split.meanEigenvalues(.classMeans))
        add("gn_cross", "all", try split.meanEigenvalues(.crossClass))
        add("gn_within", "all", try split.withinEigenvalues(method: .dense))
        let blocks = try BlockSpectra.compute(model: model, data: data, parts: [.hessian], granularity: .layers)[0]
        for (block, values) in zip(blocks.blocks, blocks.eigenvalues) { add("hessian", block.name, values) }
        return try csv("matrix,block,point,step,index,eigenvalue", rows)
    }

    func testTheThreeLevelsAndTheBlocksOfARealNetworkLookRight() throws {
        _ = try RenderedFigure.requireRenderer()
        let document = try spectrumCSV()

        let levels = try RenderedFigure(SpectrumPlot.render(document, options: PlotOptions(
            kind: .top, top: 20, logY: true, filters: [RowFilter(column: "block", value: "all")])))
        FigureReview.check(levels, "three levels")
        XCTAssertEqual(levels.svg.plotAreas.count, 1, "overlaid: H beside the levels")
        XCTAssertEqual(levels.svg.texts(class: "legend-label"),
                       ["Hessian H", "class means G_class", "cross-class G_cross", "within-class G_within"])
        XCTAssertEqual(levels.svg.series.count, 4)
        for path in levels.svg.series { XCTAssertFalse((path.value("d") ?? "nan").lowercased().contains("nan")) }

        let blocks = try RenderedFigure(SpectrumPlot.render(document, options: PlotOptions(
            kind: .top, logY: true, filters: [RowFilter(column: "matrix", value: "hessian")], layout: .panels)))
        FigureReview.check(blocks, "blocks")
        XCTAssertEqual(blocks.svg.plotAreas.count, 3)
        XCTAssertEqual(blocks.svg.texts(class: "panel-title"), ["all layers", "layer 1", "layer 2"])
        for path in blocks.svg.series { XCTAssertFalse((path.value("d") ?? "nan").lowercased().contains("nan")) }
    }

    func testBlockNamesRead() {
        XCTAssertEqual(GroupLabel.blockName("all"), "all layers")
        XCTAssertEqual(GroupLabel.blockName("layer12"), "layer 12")
        XCTAssertEqual(GroupLabel.blockName("layer1.weight"), "layer 1 weight")
        XCTAssertEqual(GroupLabel.blockName("layer3.bias"), "layer 3 bias")
        for raw in ["layers", "layer1.other", "conv1", "layer1.weight.x"] { XCTAssertEqual(GroupLabel.blockName(raw), raw) }
        XCTAssertEqual(GroupLabel.matrixName("gn_cross"), "cross-class G_cross")
        XCTAssertEqual(GroupLabel.matrixName("other"), "other")
    }
}
