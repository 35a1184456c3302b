/// How one line is drawn.
struct LineStyle: Equatable {
    var color: String
    /// An SVG dash array ("6 4"), nil for a solid line.
    var dash: String? = nil
    var width: Double = 1.6
    /// Fill the closed outline lightly (histograms).
    var filled: Bool = false
}

/// One line of a panel: one `<path class="series">` in the SVG, whose
/// `data-group` is `group` and `data-series` is `name`.
struct Series {
    var group: String
    var name: String
    var points: [PlotPoint]
    var style: LineStyle
}

/// One set of axes. Panels are stacked vertically and share the x axis.
struct Panel {
    var yTitle: String
    var yScale: AxisScale = .linear
    var series: [Series]
    /// Values the y axis must cover besides the data (0 for counts).
    var yIncludes: [Double] = []
    /// For a log axis: where it starts, below its first decade tick.
    var yFloor: Double? = nil
}

struct LegendEntry {
    var label: String
    var style: LineStyle
}

/// A dashed vertical line across every panel, labelled at the top.
struct VerticalMarker {
    var x: Double
    var label: String
}

/// The page layout in pixels, shared by every kind so that a data point's
/// position can be computed from the data alone:
/// - the plot area of a single panel spans x ∈ [`left`, width − `right` −
///   legend width] and y ∈ [`top`, height − `bottom`];
/// - n panels divide that height equally with `panelGap` between them;
/// - the legend, when there is one, takes a column at the right whose width
///   fits its longest label (at most 40 % of the width);
/// - each axis maps its domain (the data widened to whole ticks, see
///   `Axis.fitted`) linearly in its scale's coordinate onto the plot area,
///   y upwards.
enum FigureLayout {
    static let left = 84.0
    static let right = 20.0
    static let top = 44.0
    static let bottom = 56.0
    static let panelGap = 28.0
    static let legendGap = 16.0
    static let legendSample = 26.0
    static let legendRow = 18.0
    /// A generous average advance of a 12 px sans-serif glyph.
    static let characterWidth = 7.0
    /// Series with at most this many points get a dot at every point.
    static let markerLimit = 60

    static func legendWidth(_ entries: [LegendEntry], pageWidth: Double) -> Double {
        guard !entries.isEmpty else { return 0 }
        let longest = entries.map(\.label.count).max() ?? 0
        let wanted = legendGap + legendSample + 6 + Double(longest) * characterWidth
        return min(wanted, 0.4 * pageWidth)
    }
}

/// A figure ready to draw: title, shared x axis, panels, legend, markers.
struct Figure {
    var title: String
    var xTitle: String
    var xScale: AxisScale = .linear
    var xIntegerTicks = false
    /// Values the x axis must cover besides the data.
    var xIncludes: [Double] = []
    var panels: [Panel]
    var legend: [LegendEntry]
    var markers: [VerticalMarker] = []
    /// A message in the middle of the first panel (e.g. nothing to show).
    var note: String? = nil

    func render(width: Int, height: Int) -> String {
        var canvas = SVGCanvas(width: width, height: height)
        let w = Double(width), h = Double(height)
        let legendWidth = FigureLayout.legendWidth(legend, pageWidth: w)
        let plotLeft = FigureLayout.left, plotRight = w - FigureLayout.right - legendWidth
        let plotTop = FigureLayout.top, plotBottom = h - FigureLayout.bottom
        let count = Double(max(1, panels.count))
        let panelHeight = (plotBottom - plotTop - FigureLayout.panelGap * (count - 1)) / count

        var xAxis = fittedXAxis(pixels: plotRight - plotLeft)
        xAxis.start = plotLeft
        xAxis.end = plotRight

        for (p, panel) in panels.enumerated() {
            let top = plotTop + Double(p) * (panelHeight + FigureLayout.panelGap)
            var yAxis = fittedYAxis(panel, pixels: panelHeight)
            yAxis.start = top + panelHeight
            yAxis.end = top
            canvas.open("g", ["class": "panel", "data-panel": String(p)])
            drawGrid(&canvas, x: xAxis, y: yAxis, top: top, bottom: top + panelHeight)
            drawMarkers(&canvas, x: xAxis, top: top, bottom: top + panelHeight, labelled: p == 0)
            for series in panel.series { draw(series, &canvas, x: xAxis, y: yAxis) }
            canvas.element("rect", ["class": "plot-area", "x": SVGCanvas.number(plotLeft), "y": SVGCanvas.number(top),
                                    "width": SVGCanvas.number(plotRight - plotLeft),
                                    "height": SVGCanvas.number(panelHeight),
                                    "fill": "none", "stroke": "#333333", "stroke-width": "1"])
            drawYAxis(&canvas, yAxis, left: plotLeft, title: panel.yTitle)
            if p == panels.count - 1 { drawXAxis(&canvas, xAxis, bottom: top + panelHeight) }
            if p == 0, let note {
                canvas.text(note, x: (plotLeft + plotRight) / 2, y: top + panelHeight / 2, anchor: "middle",
                            size: 13, className: "note")
            }
            canvas.close("g")
        }
        canvas.text(xTitle, x: (plotLeft + plotRight) / 2, y: h - 14, anchor: "middle", size: 13,
                    className: "axis-title x-title")
        canvas.text(title, x: w / 2, y: 26, anchor: "middle", size: 15, weight: "bold", className: "title")
        drawLegend(&canvas, left: plotRight + FigureLayout.legendGap, top: plotTop, bottom: plotBottom,
                   width: legendWidth - FigureLayout.legendGap)
        return canvas.render(title: title)
    }

    // MARK: Axes

    private func fittedXAxis(pixels: Double) -> Axis {
        var values = xIncludes + markers.map(\.x)
        for panel in panels { for s in panel.series { values += s.points.map(\.x) } }
        let (low, high) = Self.range(values, scale: xScale)
        let target = max(2, Int(pixels / 80))
        return Axis.fitted(low: low, high: high, scale: xScale, targetTicks: target, integerSteps: xIntegerTicks)
    }

    private func fittedYAxis(_ panel: Panel, pixels: Double) -> Axis {
        var values = panel.yIncludes
        for s in panel.series { values += s.points.map(\.y) }
        let (low, high) = Self.range(values, scale: panel.yScale)
        let target = max(2, Int(pixels / 45))
        var axis = Axis.fitted(low: low, high: high, scale: panel.yScale, targetTicks: target)
        if let floor = panel.yFloor, panel.yScale == .log, floor < axis.upper {
            axis.lower = floor
            axis.ticks.removeAll { $0.value < floor }
        }
        return axis
    }

    /// The smallest and largest value, positive ones only on a log scale;
    /// (0, 1) when there are none.
    private static func range(_ values: [Double], scale: AxisScale) -> (Double, Double) {
        let usable = scale == .log ? values.filter { $0 > 0 } : values
        guard let low = usable.min(), let high = usable.max() else { return scale == .log ? (1, 10) : (0, 1) }
        return (low, high)
    }

    // MARK: Drawing

    private func drawGrid(_ canvas: inout SVGCanvas, x: Axis, y: Axis, top: Double, bottom: Double) {
        canvas.open("g", ["class": "grid"])
        for tick in x.ticks {
            let px = x.pixel(tick.value)
            canvas.line(x1: px, y1: top, x2: px, y2: bottom, stroke: "#e6e6e6", className: "grid-line")
        }
        for tick in y.ticks {
            let py = y.pixel(tick.value)
            let isZero = tick.value == 0 && y.lower < 0 && y.upper > 0
            canvas.line(x1: x.start, y1: py, x2: x.end, y2: py, stroke: isZero ? "#9a9a9a" : "#e6e6e6",
                        className: isZero ? "zero-line" : "grid-line")
        }
        canvas.close("g")
    }

    private func drawMarkers(_ canvas: inout SVGCanvas, x: Axis, top: Double, bottom: Double, labelled: Bool) {
        for marker in markers {
            let px = x.pixel(marker.x)
            canvas.line(x1: px, y1: top, x2: px, y2: bottom, stroke: "#555555", width: 1.2, dash: "5 4",
                        className: "marker-line")
            guard labelled else { continue }
            let textWidth = Double(marker.label.count) * FigureLayout.characterWidth * 11 / 12
            let fitsRight = px + 4 + textWidth <= x.end
            canvas.text(marker.label, x: fitsRight ? px + 4 : px - 4, y: top + 14, anchor: fitsRight ? "start" : "end",
                        size: 11, className: "marker-label")
        }
    }

    private func drawYAxis(_ canvas: inout SVGCanvas, _ axis: Axis, left: Double, title: String) {
        canvas.open("g", ["class": "axis y-axis"])
        for tick in axis.ticks {
            let py = axis.pixel(tick.value)
            canvas.line(x1: left - 5, y1: py, x2: left, y2: py, stroke: "#333333", className: "tick")
            canvas.text(tick.label, x: left - 8, y: py + 4, anchor: "end", size: 11, className: "tick-label")
        }
        canvas.close("g")
        canvas.text(title, x: 18, y: (axis.start + axis.end) / 2, anchor: "middle", size: 13, rotate: -90,
                    className: "axis-title y-title")
    }

    private func drawXAxis(_ canvas: inout SVGCanvas, _ axis: Axis, bottom: Double) {
        canvas.open("g", ["class": "axis x-axis"])
        for tick in axis.ticks {
            let px = axis.pixel(tick.value)
            canvas.line(x1: px, y1: bottom, x2: px, y2: bottom + 5, stroke: "#333333", className: "tick")
            canvas.text(tick.label, x: px, y: bottom + 19, anchor: "middle", size: 11, className: "tick-label")
        }
        canvas.close("g")
    }

    private func draw(_ series: Series, _ canvas: inout SVGCanvas, x: Axis, y: Axis) {
        let pixels = series.points.map { PlotPoint(x: x.pixel($0.x), y: y.pixel($0.y)) }
        let thinned = PathThinning.thin(pixels)
        var d = ""
        d.reserveCapacity(thinned.count * 16)
        for (i, p) in thinned.enumerated() {
            d += (i == 0 ? "M" : " L") + SVGCanvas.number(p.x) + " " + SVGCanvas.number(p.y)
        }
        if series.style.filled, !thinned.isEmpty { d += " Z" }
        let style = series.style
        var attributes: [(String, String)] = [
            ("class", "series"), ("data-group", series.group), ("data-series", series.name), ("d", d),
            ("fill", style.filled ? style.color : "none"),
        ]
        if style.filled { attributes.append(("fill-opacity", "0.18")) }
        attributes += [("stroke", style.color), ("stroke-width", SVGCanvas.number(style.width)),
                       ("stroke-linejoin", "round"), ("stroke-linecap", "round")]
        if let dash = style.dash { attributes.append(("stroke-dasharray", dash)) }
        canvas.element("path", attributes)

        if !style.filled, !series.points.isEmpty, series.points.count <= FigureLayout.markerLimit {
            canvas.open("g", ["class": "markers", "data-group": series.group, "fill": style.color])
            for p in pixels {
                canvas.element("circle", ["cx": SVGCanvas.number(p.x), "cy": SVGCanvas.number(p.y), "r": "2.6"])
            }
            canvas.close("g")
        }
    }

    private func drawLegend(_ canvas: inout SVGCanvas, left: Double, top: Double, bottom: Double, width: Double) {
        guard !legend.isEmpty else { return }
        let rows = max(1, Int((bottom - top) / FigureLayout.legendRow))
        var shown = legend
        var hidden = 0
        if legend.count > rows {
            shown = Array(legend.prefix(rows - 1))
            hidden = legend.count - shown.count
        }
        let maxCharacters = max(4, Int((width - FigureLayout.legendSample - 6) / FigureLayout.characterWidth))
        canvas.open("g", ["class": "legend"])
        for (i, entry) in shown.enumerated() {
            let y = top + 10 + Double(i) * FigureLayout.legendRow
            let style = entry.style
            if style.filled {
                canvas.element("rect", ["class": "legend-swatch", "x": SVGCanvas.number(left), "y": SVGCanvas.number(y - 6),
                                        "width": SVGCanvas.number(FigureLayout.legendSample), "height": "12",
                                        "fill": style.color, "fill-opacity": "0.18", "stroke": style.color])
            } else {
                canvas.line(x1: left, y1: y, x2: left + FigureLayout.legendSample, y2: y, stroke: style.color,
                            width: style.width + 0.4, dash: style.dash, className: "legend-line")
            }
            canvas.text(Self.shorten(entry.label, to: maxCharacters), x: left + FigureLayout.legendSample + 6, y: y + 4,
                        className: "legend-label")
        }
        if hidden > 0 {
            let y = top + 10 + Double(shown.count) * FigureLayout.legendRow
            canvas.text("\u{2026} and \(hidden) more", x: left, y: y + 4, className: "legend-label")
        }
        canvas.close("g")
    }

    static func shorten(_ text: String, to characters: Int) -> String {
        text.count <= characters ? text : String(text.prefix(characters - 1)) + "\u{2026}"
    }
}
