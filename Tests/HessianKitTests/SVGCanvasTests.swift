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

final class SVGCanvasTests: XCTestCase {
    func testEscapingKeepsAnyTextWellFormed() throws {
        let nasty = "a<b>&\"c\" 'd' \u{0}\u{7}\u{1B} \u{FFFE} ü α"
        var canvas = SVGCanvas(width: 320, height: 240)
        canvas.text(nasty, x: 1, y: 2, className: nasty)
        canvas.element("path", ["d": "M0 0", "data-group": nasty])
        let svg = try ParsedSVG(canvas.render(title: nasty))
        let text = try XCTUnwrap(svg.elements("text").first?.stringValue)
        XCTAssertEqual(text, "a<b>&\"c\" 'd' \u{FFFD}\u{FFFD}\u{FFFD} \u{FFFD} ü α")
        XCTAssertEqual(svg.elements("path").first?.value("data-group"), text)
    }

    func testTheDocumentIsStandalone() throws {
        let text = SVGCanvas(width: 320, height: 240).render(title: "t")
        let svg = try ParsedSVG(text)
        XCTAssertEqual(svg.root?.value("width"), "320")
        XCTAssertEqual(svg.root?.value("viewBox"), "0 0 320 240")
        for forbidden in ["<script", "<image", "<style", "@import", "href", "url("] {
            XCTAssertFalse(text.contains(forbidden), forbidden)
        }
    }

    func testNumbersAreRoundedToHundredthsWithoutTrailingZeros() {
        let cases: [(Double, String)] = [(0, "0"), (12, "12"), (1.5, "1.5"), (1.25, "1.25"), (1.006, "1.01"),
                                         (-0.004, "0"), (-3.1, "-3.1"), (0.07, "0.07"), (.nan, "0"), (123.456, "123.46")]
        for (x, text) in cases {
            XCTAssertEqual(SVGCanvas.number(x), text, "\(x)")
        }
    }
}
