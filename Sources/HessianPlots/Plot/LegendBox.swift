/// One legend line: a sample of the line style and its label.
struct LegendEntry {
    var label: String
    var style: LineStyle
}

/// A rectangle in pixels, y downwards.
struct PixelRect {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    func contains(_ p: PlotPoint) -> Bool {
        p.x >= x && p.x <= x + width && p.y >= y && p.y <= y + height
    }

    /// Whether the segment a–b passes through the rectangle (Liang–Barsky
    /// clipping: the segment's parameter interval inside all four edges is
    /// not empty).
    func intersects(_ a: PlotPoint, _ b: PlotPoint) -> Bool {
        var t0 = 0.0, t1 = 1.0
        let dx = b.x - a.x, dy = b.y - a.y
        for (p, q) in [(-dx, a.x - x), (dx, x + width - a.x), (-dy, a.y - y), (dy, y + height - a.y)] {
            if p == 0 {
                if q < 0 { return false }
            } else {
                let r = q / p
                if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
                if t0 > t1 { return false }
            }
        }
        return true
    }

    func intersects(_ other: PixelRect) -> Bool {
        x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height
    }
}

/// The legend: inside the first panel, in the place where it covers the
/// least of the data, or, when it is too large for that, in rows below the
/// plot across its whole width. Labels are never cut: a label longer than
/// the room wraps onto further lines.
struct LegendBox {
    var entries: [LegendEntry]
    /// Each entry's label broken into lines.
    var lines: [[String]]
    /// Entries per row: 1 inside the plot, as many as fit below it.
    var columns: Int
    /// The width of one entry's cell.
    var cellWidth: Double
    var width: Double
    var height: Double

    static let padding = 8.0
    static let gap = 16.0
    static let sample = 26.0
    static let row = 18.0
    /// Extra height of each further line of a wrapped label.
    static let lineHeight = 14.0
    /// Space between the cells of a legend below the plot.
    static let columnGap = 18.0
    /// Inside the plot the box may take at most these fractions of it.
    static let insideWidth = 0.45
    static let insideHeight = 0.55

    /// A one-column box no wider than `maxWidth`.
    init(_ entries: [LegendEntry], maxWidth: Double) {
        self.init(entries, maxWidth: maxWidth, columns: 1)
    }

    /// Rows below a plot `width` wide: as many columns as the widest
    /// entry allows, each label wrapped to its cell.
    static func below(_ entries: [LegendEntry], width: Double) -> LegendBox {
        let widest = entries.map { Self.labelWidth($0.label.count) }.max() ?? 0
        let columns = max(1, min(entries.count, Int(saturating: (width + columnGap) / (widest + columnGap))))
        return LegendBox(entries, maxWidth: (width + columnGap) / Double(columns) - columnGap, columns: columns)
    }

    private init(_ entries: [LegendEntry], maxWidth: Double, columns: Int) {
        self.entries = entries
        self.columns = columns
        let room = max(4, Int(saturating: (maxWidth - 2 * Self.padding - Self.sample - 6) / FigureLayout.characterWidth))
        lines = entries.map { TextWrap.lines($0.label, characters: room) }
        let longest = lines.flatMap { $0.map(\.count) }.max() ?? 0
        cellWidth = Self.labelWidth(longest)
        width = entries.isEmpty ? 0 : Double(columns) * cellWidth + Double(columns - 1) * Self.columnGap
        height = 0
        height = entries.isEmpty ? 0 : rowTops().last.map { $0 + Self.padding - 6 } ?? 0
    }

    /// The width of an entry whose longest line has `characters` characters.
    private static func labelWidth(_ characters: Int) -> Double {
        2 * padding + sample + 6 + Double(characters) * FigureLayout.characterWidth
    }

    /// The top of each row relative to the box, and after them the bottom
    /// of the last.
    private func rowTops() -> [Double] {
        var tops = [Self.padding]
        for start in stride(from: 0, to: entries.count, by: columns) {
            let tallest = lines[start..<min(entries.count, start + columns)].map(\.count).max() ?? 1
            tops.append(tops[tops.count - 1] + Self.row + Double(tallest - 1) * Self.lineHeight)
        }
        return tops
    }

    func fitsInside(plotWidth: Double, panelHeight: Double) -> Bool {
        width <= Self.insideWidth * plotWidth && height <= Self.insideHeight * panelHeight
    }

    /// Where inside `area` the box, with a margin of `clearance`, covers the
    /// fewest line segments and obstacle rectangles; ties go to the top
    /// right, then top left, bottom right, bottom left, top centre, bottom
    /// centre.
    func bestPlace(in area: PixelRect, lines: [[PlotPoint]], obstacles: [PixelRect]) -> PixelRect {
        let inset = 12.0, clearance = 5.0
        let left = area.x + inset, right = area.x + area.width - inset - width
        let top = area.y + inset, bottom = area.y + area.height - inset - height
        let centre = area.x + (area.width - width) / 2
        let candidates = [(right, top), (left, top), (right, bottom), (left, bottom), (centre, top), (centre, bottom)]
            .map { PixelRect(x: $0.0, y: $0.1, width: width, height: height) }
        var best = candidates[0], fewest = Int.max
        for box in candidates {
            let zone = PixelRect(x: box.x - clearance, y: box.y - clearance,
                                 width: box.width + 2 * clearance, height: box.height + 2 * clearance)
            var hits = obstacles.filter { zone.intersects($0) }.count * 1000
            for line in lines {
                if line.count == 1, zone.contains(line[0]) { hits += 1 }
                for (a, b) in zip(line, line.dropFirst()) where zone.intersects(a, b) { hits += 1 }
            }
            if hits < fewest {
                fewest = hits
                best = box
            }
        }
        return best
    }

    /// Draws the box with its top-left corner at (x, y). A box inside the
    /// plot gets a frame and a white background so grid lines do not run
    /// through it.
    func draw(_ canvas: inout SVGCanvas, x: Double, y: Double, framed: Bool) {
        guard !entries.isEmpty else { return }
        let n = SVGCanvas.number
        canvas.open("g", ["class": "legend"])
        if framed {
            canvas.element("rect", ["class": "legend-frame", "x": n(x), "y": n(y), "width": n(width), "height": n(height),
                                    "fill": "#ffffff", "fill-opacity": "0.9", "stroke": "#cccccc", "rx": "3"])
        }
        let tops = rowTops()
        for (i, entry) in entries.enumerated() {
            let left = x + Self.padding + Double(i % columns) * (cellWidth + Self.columnGap)
            let lineY = y + tops[i / columns] + 6
            let style = entry.style
            if style.filled {
                canvas.element("rect", ["class": "legend-swatch", "x": n(left), "y": n(lineY - 6),
                                        "width": n(Self.sample), "height": "12",
                                        "fill": style.color, "fill-opacity": "0.18", "stroke": style.color])
            } else {
                canvas.line(x1: left, y1: lineY, x2: left + Self.sample, y2: lineY, stroke: style.color,
                            width: style.width + 0.4, dash: style.dash, className: "legend-line")
            }
            for (k, text) in lines[i].enumerated() {
                canvas.text(text, x: left + Self.sample + 6, y: lineY + 4 + Double(k) * Self.lineHeight,
                            className: k == 0 ? "legend-label" : "legend-label-continued")
            }
        }
        canvas.close("g")
    }
}
