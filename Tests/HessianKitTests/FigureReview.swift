@testable import HessianCore
@testable import HessianFormats
@testable import HessianPlots
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// What a reviewer checks on a rendered figure, as assertions.
enum FigureReview {
    /// Average advance of a glyph as a fraction of the font size: generous
    /// for DejaVu Sans, the renderer's sans-serif on Debian (measured
    /// about 0.5 on mixed text).
    static let glyphWidth = 0.56

    /// Every check, on the markup and on the pixels; each problem fails the test.
    static func check(_ figure: RenderedFigure, _ name: String, expectsData: Bool = true,
                      file: StaticString = #filePath, line: UInt = #line) {
        for problem in problems(figure, expectsData: expectsData) { XCTFail("\(name): \(problem)", file: file, line: line) }
    }

    /// The markup checks; each problem fails the test.
    static func checkMarkup(_ svg: ParsedSVG, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        for problem in markupProblems(svg) { XCTFail("\(name): \(problem)", file: file, line: line) }
    }

    /// What a reviewer would send back, on the markup and on the pixels.
    static func problems(_ figure: RenderedFigure, expectsData: Bool = true) -> [String] {
        let svg = figure.svg
        var found = markupProblems(svg)
        func fail(_ message: String) { found.append(message) }

        // The picture has the size the SVG declares.
        let declaredWidth = Int(svg.root?.value("width") ?? "") ?? -1, declaredHeight = Int(svg.root?.value("height") ?? "") ?? -1
        let expected = (Int((Double(declaredWidth) * RenderedFigure.zoom).rounded()), Int((Double(declaredHeight) * RenderedFigure.zoom).rounded()))
        if (figure.width, figure.height) != expected {
            fail("rendered \(figure.width)×\(figure.height), declared \(declaredWidth)×\(declaredHeight) at zoom \(RenderedFigure.zoom)")
        }

        // The outermost pixels blank: nothing runs off the edge.
        var edge = 0
        for x in 0..<figure.width where !figure.isWhite(x, 0) || !figure.isWhite(x, figure.height - 1) { edge += 1 }
        for y in 0..<figure.height where !figure.isWhite(0, y) || !figure.isWhite(figure.width - 1, y) { edge += 1 }
        if edge > 0 { fail("\(edge) pixels drawn on the canvas's edge") }

        // Every plot area shows some data in colour.
        if expectsData {
            for (p, area) in svg.plotAreas.enumerated() where !figure.has(20, in: area, figure.isColoured) {
                fail("panel \(p) is blank")
            }
        }
        return found
    }

    /// The checks that need no renderer: legend colours, cut text, text
    /// inside the canvas, marker labels off the frame, log floors.
    static func markupProblems(_ svg: ParsedSVG) -> [String] {
        var found: [String] = []
        func fail(_ message: String) { found.append(message) }
        let canvasWidth = Double(svg.root?.value("width") ?? "") ?? 0, canvasHeight = Double(svg.root?.value("height") ?? "") ?? 0

        // Every legend entry its own colour.
        let swatches = svg.elements("line", class: "legend-line") + svg.elements("rect", class: "legend-swatch")
        let colours = swatches.compactMap { $0.value("stroke")?.lowercased() }
        if Set(colours).count != colours.count { fail("legend colours repeat: \(colours)") }

        let texts = svg.elements("text")
        // No text is cut.
        for text in texts {
            let content = text.stringValue ?? ""
            if content.hasSuffix("\u{2026}") || content.hasSuffix("...") { fail("text cut with an ellipsis: '\(content)'") }
        }

        // Every text inside the canvas (estimated extent).
        for text in texts {
            guard let box = extent(text) else { continue }
            if box.x < 0 || box.y < 0 || box.x + box.width > canvasWidth || box.y + box.height > canvasHeight {
                fail("text '\(text.stringValue ?? "")' reaches outside the canvas: \(box)")
            }
        }

        // Marker labels keep a margin from the frame.
        if let area = svg.plotAreas.first {
            for label in svg.elements("text", class: "marker-label") {
                guard let box = extent(label) else { continue }
                if box.x < area.x + 4 || box.x + box.width > area.x + area.width - 4 {
                    fail("marker label '\(label.stringValue ?? "")' touches the frame")
                }
            }
        }

        // No line along the floor of a log axis.
        for panel in svg.elements("g", class: "panel") where panel.value("data-y-scale") == "log" {
            guard let frame = panel.elements(forName: "rect").first(where: { $0.value("class") == "plot-area" }) else { continue }
            let floorY = (Double(frame.value("y") ?? "") ?? 0) + (Double(frame.value("height") ?? "") ?? 0) - PlotArea.inset
            for path in panel.elements(forName: "path") where path.value("class") == "series" {
                for (a, b) in segments(path) where abs(a.y - floorY) < 0.5 && abs(b.y - floorY) < 0.5 && a.x != b.x {
                    fail("series '\(path.value("data-group") ?? "")' runs along the log floor at y = \(floorY) from x = \(a.x) to \(b.x)")
                    break
                }
            }
        }
        return found
    }

    /// The segments of a series path, subpath by subpath (`M` starts a new one).
    static func segments(_ path: XMLElement) -> [(PlotPoint, PlotPoint)] {
        var out: [(PlotPoint, PlotPoint)] = []
        for piece in (path.value("d") ?? "").split(separator: "M") {
            let numbers = piece.split(whereSeparator: { " LZ".contains($0) }).compactMap { Double($0) }
            let points = stride(from: 0, to: numbers.count - 1, by: 2).map { PlotPoint(x: numbers[$0], y: numbers[$0 + 1]) }
            out += zip(points, points.dropFirst()).map { ($0, $1) }
        }
        return out
    }

    /// The estimated box of a text element, from its anchor, font size and
    /// length; rotated by −90° for a vertical title.
    static func extent(_ text: XMLElement) -> PixelRect? {
        guard let x = Double(text.value("x") ?? ""), let y = Double(text.value("y") ?? "") else { return nil }
        let size = Double(text.value("font-size") ?? "") ?? 12
        let length = Double((text.stringValue ?? "").count) * size * glyphWidth
        let shift: Double
        switch text.value("text-anchor") {
        case "middle": shift = length / 2
        case "end": shift = length
        default: shift = 0
        }
        if (text.value("transform") ?? "").hasPrefix("rotate(-90") {
            return PixelRect(x: x - size, y: y - length + shift, width: size * 1.2, height: length)
        }
        return PixelRect(x: x - shift, y: y - size, width: length, height: size * 1.25)
    }
}
