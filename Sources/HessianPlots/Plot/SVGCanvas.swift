/// A minimal SVG 1.1 writer: elements are appended as text and every piece
/// of user text is escaped, so the document is well-formed XML whatever the
/// CSV held. The result needs no fonts, scripts, images or style sheets.
struct SVGCanvas {
    let width: Int
    let height: Int
    private var body: [String] = []

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Text safe inside an element or a double-quoted attribute. Characters
    /// that XML 1.0 forbids (control characters other than tab and line
    /// ends) become U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || (0xFFFE...0xFFFF).contains(v) {
                    out.unicodeScalars.append("\u{FFFD}")
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A coordinate rounded to 1/100 pixel, written without trailing zeros.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let hundredths = Int(saturating: (x * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = hundredths.magnitude
        let whole = magnitude / 100, fraction = magnitude % 100
        if fraction == 0 { return sign + String(whole) }
        if fraction % 10 == 0 { return sign + "\(whole).\(fraction / 10)" }
        return sign + "\(whole)." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// Appends one element. `attributes` are written in order, values
    /// escaped; `text` (escaped) becomes the element's content.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>, text: String? = nil) {
        element(name, attributes.map { ($0.key, $0.value) }, text: text)
    }

    mutating func element(_ name: String, _ attributes: [(String, String)], text: String? = nil) {
        var line = "<" + name
        for (key, value) in attributes {
            line += " \(key)=\"\(Self.escape(value))\""
        }
        if let text {
            line += ">" + Self.escape(text) + "</\(name)>"
        } else {
            line += "/>"
        }
        body.append(line)
    }

    /// Opens a group; close it with `close("g")`.
    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        var line = "<" + name
        for (key, value) in attributes {
            line += " \(key)=\"\(Self.escape(value))\""
        }
        body.append(line + ">")
    }

    mutating func close(_ name: String) {
        body.append("</\(name)>")
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
                       dash: String? = nil, className: String) {
        let n = Self.number
        if let dash {
            element("line", ["class": className, "x1": n(x1), "y1": n(y1), "x2": n(x2), "y2": n(y2),
                             "stroke": stroke, "stroke-width": n(width), "stroke-dasharray": dash])
        } else {
            element("line", ["class": className, "x1": n(x1), "y1": n(y1), "x2": n(x2), "y2": n(y2),
                             "stroke": stroke, "stroke-width": n(width)])
        }
    }

    /// Text anchored at (x, y): `anchor` is start, middle or end; `rotate`
    /// turns it about its anchor (−90 for a vertical axis title).
    mutating func text(_ content: String, x: Double, y: Double, anchor: String = "start", size: Double = 12,
                       rotate: Double? = nil, weight: String? = nil, className: String) {
        let n = Self.number
        switch (rotate, weight) {
        case let (angle?, _):
            element("text", ["class": className, "x": n(x), "y": n(y), "text-anchor": anchor, "font-size": n(size),
                             "transform": "rotate(\(n(angle)) \(n(x)) \(n(y)))"], text: content)
        case let (nil, weight?):
            element("text", ["class": className, "x": n(x), "y": n(y), "text-anchor": anchor, "font-size": n(size),
                             "font-weight": weight], text: content)
        case (nil, nil):
            element("text", ["class": className, "x": n(x), "y": n(y), "text-anchor": anchor, "font-size": n(size)],
                    text: content)
        }
    }

    /// The finished document.
    func render(title: String) -> String {
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(width)" height="\(height)" \
        viewBox="0 0 \(width) \(height)" font-family="sans-serif" font-size="12">
        <title>\(Self.escape(title))</title>
        <rect class="background" x="0" y="0" width="\(width)" height="\(height)" fill="#ffffff"/>

        """
        out.reserveCapacity(out.utf8.count + body.reduce(0) { $0 + $1.utf8.count + 1 } + 8)
        for line in body {
            out += line
            out += "\n"
        }
        out += "</svg>\n"
        return out
    }
}
