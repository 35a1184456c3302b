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

/// Reading back the SVG the plots write, with an XML parser, so a test sees
/// what a browser would.
struct ParsedSVG {
    let document: XMLDocument

    /// Parses `text`; fails the test if it is not well-formed XML.
    init(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        do {
            document = try XMLDocument(xmlString: text, options: [])
        } catch {
            XCTFail("not well-formed XML: \(error)", file: file, line: line)
            throw error
        }
    }

    var root: XMLElement? { document.rootElement() }

    /// Elements named `name` whose class list holds `className`.
    func elements(_ name: String, class className: String? = nil) -> [XMLElement] {
        var found: [XMLElement] = []
        func visit(_ node: XMLNode) {
            if let element = node as? XMLElement, element.name?.split(separator: ":").last.map(String.init) == name {
                let classes = (element.value("class") ?? "").split(separator: " ").map(String.init)
                if className == nil || classes.contains(className ?? "") { found.append(element) }
            }
            for child in node.children ?? [] { visit(child) }
        }
        if let root { visit(root) }
        return found
    }

    func texts(class className: String) -> [String] {
        elements("text", class: className).map { $0.stringValue ?? "" }
    }

    /// The `series` paths, in document order.
    var series: [XMLElement] { elements("path", class: "series") }

    /// The plot-area rectangles, one per panel.
    var plotAreas: [PlotArea] {
        elements("rect", class: "plot-area").map { r in
            func n(_ name: String) -> Double { Double(r.value(name) ?? "") ?? .nan }
            return PlotArea(x: n("x"), y: n("y"), width: n("width"), height: n("height"))
        }
    }
}

/// A panel's frame as drawn, and the documented mapping into it: the axis
/// domain fills the frame less 8 px on every side, y upwards.
struct PlotArea {
    var x, y, width, height: Double
    static let inset = 8.0

    /// The pixel of the point at fractions (fx, fy) of the x and y domains.
    func at(_ fx: Double, _ fy: Double) -> PlotPoint {
        PlotPoint(x: x + Self.inset + fx * (width - 2 * Self.inset),
                  y: y + height - Self.inset - fy * (height - 2 * Self.inset))
    }
}

extension XMLElement {
    /// An attribute's value. (Looked up in `attributes`: on Linux,
    /// `attribute(forName:)` finds nothing inside a default namespace.)
    func value(_ attribute: String) -> String? {
        attributes?.first { $0.name == attribute }?.stringValue
    }

    /// The vertices of a path written as `M x y L x y …` (with optional `Z`).
    var vertices: [PlotPoint] {
        let numbers = (value("d") ?? "").split(whereSeparator: { " MLZ".contains($0) }).compactMap { Double($0) }
        return stride(from: 0, to: numbers.count - 1, by: 2).map { PlotPoint(x: numbers[$0], y: numbers[$0 + 1]) }
    }
}

/// Builds CSV text from a header and rows.
func csv(_ header: String, _ rows: [String]) throws -> CSVDocument {
    try CSVDocument(text: ([header] + rows).joined(separator: "\n") + "\n", source: "test.csv")
}

/// Spectrum rows `[prefix,]matrix,point,step,index,eigenvalue` for one group.
func spectrumRows(_ values: [Double], matrix: String = "hessian", point: String = "final", step: String = "100",
                  prefix: String = "") -> [String] {
    values.enumerated().map { "\(prefix)\(matrix),\(point),\(step),\($0.offset),\($0.element)" }
}

/// Asserts two pixel positions agree to within `tolerance` pixels (the SVG
/// writes coordinates to 1/100 pixel).
func assertPixel(_ actual: PlotPoint?, _ expected: PlotPoint, tolerance: Double = 0.02,
                 file: StaticString = #filePath, line: UInt = #line) {
    guard let actual else { return XCTFail("no point", file: file, line: line) }
    XCTAssertEqual(actual.x, expected.x, accuracy: tolerance, "x", file: file, line: line)
    XCTAssertEqual(actual.y, expected.y, accuracy: tolerance, "y", file: file, line: line)
}
