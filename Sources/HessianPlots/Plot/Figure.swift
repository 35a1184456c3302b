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
    /// Ticks on whole numbers only (counts).
    var yIntegerTicks = false
}

/// A dashed vertical line across every panel, labelled at the top: `label`
/// to its right and, if given, `before` to its left.
struct VerticalMarker {
    var x: Double
    var label: String
    var before: String? = nil
}

/// The page layout in pixels, shared by every kind so that a data point's
/// position can be computed from the data alone:
/// - the plot area of a single panel spans x ∈ [`left`, width − `right`]
///   and y ∈ [`top`, height − `bottom`]; n panels divide that height
///   equally with `panelGap` between them;
/// - the legend sits inside the first panel where it covers the least data;
///   when it would take more than 45 % of the plot's width or 55 % of the
///   panel's height it moves to a column at the right, and the plot area
///   ends `LegendBox.gap` before it;
/// - each axis maps its domain (see `Axis.fitted`) linearly, in its scale's
///   coordinate, onto the plot area less `inset` on every side, y upwards,
///   so that lines at the ends of the data stay clear of the frame.
enum FigureLayout {
    static let left = 84.0
    static let right = 20.0
    static let top = 44.0
    static let bottom = 56.0
    static let panelGap = 28.0
    static let inset = 8.0
    /// A generous average advance of a 12 px sans-serif glyph.
    static let characterWidth = 6.6
    /// The same for the 11 px tick labels and the 15 px bold title.
    static let tickCharacterWidth = 6.1
    static let titleCharacterWidth = 9.2
    /// Series with at most this many points get a dot at every point.
    static let markerLimit = 60
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
        let plotLeft = FigureLayout.left, plotTop = FigureLayout.top, plotBottom = h - FigureLayout.bottom
        let count = Double(max(1, panels.count))
        let panelHeight = (plotBottom - plotTop - FigureLayout.panelGap * (count - 1)) / count
        let fullRight = w - FigureLayout.right
        let box = LegendBox(legend, maxWidth: 0.4 * w)
        let inside = box.fitsInside(plotWidth: fullRight - plotLeft, panelHeight: panelHeight)
        let plotRight = inside || legend.isEmpty ? fullRight : fullRight - box.width - LegendBox.gap + LegendBox.padding

        var xAxis = fittedXAxis(pixels: plotRight - plotLeft)
        xAxis.start = plotLeft + FigureLayout.inset
        xAxis.end = plotRight - FigureLayout.inset
        let yAxes = panels.enumerated().map { p, panel -> Axis in
            let top = plotTop + Double(p) * (panelHeight + FigureLayout.panelGap)
            var axis = fittedYAxis(panel, pixels: panelHeight)
            axis.start = top + panelHeight - FigureLayout.inset
            axis.end = top + FigureLayout.inset
            return axis
        }
        // One y-title position for all panels, just left of the widest tick label.
        let widestTick = yAxes.flatMap(\.ticks).map { Double($0.label.count) }.max() ?? 1
        let yTitleX = max(14, plotLeft - 8 - widestTick * FigureLayout.tickCharacterWidth - 8)

        var firstPanelLines: [[PlotPoint]] = []
        var obstacles: [PixelRect] = []
        for (p, panel) in panels.enumerated() {
            let yAxis = yAxes[p]
            let top = plotTop + Double(p) * (panelHeight + FigureLayout.panelGap), bottom = top + panelHeight
            let lines = panel.series.map { s in PathThinning.thin(s.points.map { PlotPoint(x: xAxis.pixel($0.x), y: yAxis.pixel($0.y)) }) }
            canvas.open("g", ["class": "panel", "data-panel": String(p)])
            drawGrid(&canvas, x: xAxis, y: yAxis, area: PixelRect(x: plotLeft, y: top, width: plotRight - plotLeft, height: panelHeight))
            let labels = drawMarkers(&canvas, x: xAxis, top: top, bottom: bottom, left: plotLeft, right: plotRight,
                                     labelled: p == 0)
            for (series, line) in zip(panel.series, lines) { draw(series, line, &canvas) }
            canvas.element("rect", ["class": "plot-area", "x": SVGCanvas.number(plotLeft), "y": SVGCanvas.number(top),
                                    "width": SVGCanvas.number(plotRight - plotLeft),
                                    "height": SVGCanvas.number(panelHeight),
                                    "fill": "none", "stroke": "#333333", "stroke-width": "1"])
            drawYAxis(&canvas, yAxis, left: plotLeft, title: panel.yTitle + yAxis.unitSuffix, titleX: yTitleX)
            if p == panels.count - 1 { drawXAxis(&canvas, xAxis, bottom: bottom) }
            if p == 0 {
                firstPanelLines = lines + markers.map { m in [PlotPoint(x: xAxis.pixel(m.x), y: top), PlotPoint(x: xAxis.pixel(m.x), y: bottom)] }
                obstacles = labels
                if let note {
                    let y = top + panelHeight * 0.4
                    canvas.text(note, x: (plotLeft + plotRight) / 2, y: y, anchor: "middle", size: 13, className: "note")
                    let noteWidth = Double(note.count) * FigureLayout.characterWidth
                    obstacles.append(PixelRect(x: (plotLeft + plotRight - noteWidth) / 2, y: y - 13, width: noteWidth, height: 17))
                }
            }
            canvas.close("g")
        }
        canvas.text(xTitle + xAxis.unitSuffix, x: (plotLeft + plotRight) / 2, y: h - 14, anchor: "middle", size: 13,
                    className: "axis-title x-title")
        let titleRoom = Int(saturating: (w - 20) / FigureLayout.titleCharacterWidth)
        canvas.text(Self.shorten(title, to: titleRoom), x: w / 2, y: 26, anchor: "middle", size: 15, weight: "bold",
                    className: "title")
        if inside {
            let area = PixelRect(x: plotLeft, y: plotTop, width: plotRight - plotLeft, height: panelHeight)
            let place = box.bestPlace(in: area, lines: firstPanelLines, obstacles: obstacles)
            box.draw(&canvas, x: place.x, y: place.y, rows: legend.count, framed: true)
        } else {
            let rows = max(1, Int(saturating: (plotBottom - plotTop - 2 * LegendBox.padding + 6) / LegendBox.row))
            box.draw(&canvas, x: plotRight + LegendBox.gap - LegendBox.padding, y: plotTop - LegendBox.padding, rows: rows, framed: false)
        }
        return canvas.render(title: title)
    }

    // MARK: Axes

    private func fittedXAxis(pixels: Double) -> Axis {
        var values = xIncludes + markers.map(\.x)
        for panel in panels { for s in panel.series { values += s.points.map(\.x) } }
        let (low, high) = Self.range(values, scale: xScale)
        let target = max(2, Int(saturating: pixels / 80))
        return Axis.fitted(low: low, high: high, scale: xScale, targetTicks: target, integerSteps: xIntegerTicks)
    }

    private func fittedYAxis(_ panel: Panel, pixels: Double) -> Axis {
        var values = panel.yIncludes
        for s in panel.series { values += s.points.map(\.y) }
        let (low, high) = Self.range(values, scale: panel.yScale)
        let target = max(2, Int(saturating: pixels / 45))
        var axis = Axis.fitted(low: low, high: high, scale: panel.yScale, targetTicks: target,
                               integerSteps: panel.yIntegerTicks)
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

    private func drawGrid(_ canvas: inout SVGCanvas, x: Axis, y: Axis, area: PixelRect) {
        canvas.open("g", ["class": "grid"])
        for tick in x.ticks {
            let px = x.pixel(tick.value)
            canvas.line(x1: px, y1: area.y, x2: px, y2: area.y + area.height, stroke: "#e6e6e6", className: "grid-line")
        }
        for tick in y.ticks {
            let py = y.pixel(tick.value)
            let isZero = tick.value == 0 && y.lower < 0 && y.upper > 0
            canvas.line(x1: area.x, y1: py, x2: area.x + area.width, y2: py, stroke: isZero ? "#9a9a9a" : "#e6e6e6",
                        className: isZero ? "zero-line" : "grid-line")
        }
        canvas.close("g")
    }

    /// Draws the marker lines (and, in the first panel, their labels);
    /// returns where the labels are.
    private func drawMarkers(_ canvas: inout SVGCanvas, x: Axis, top: Double, bottom: Double, left: Double,
                             right: Double, labelled: Bool) -> [PixelRect] {
        var labels: [PixelRect] = []
        for marker in markers {
            let px = x.pixel(marker.x)
            canvas.line(x1: px, y1: top, x2: px, y2: bottom, stroke: "#555555", width: 1.2, dash: "5 4",
                        className: "marker-line")
            guard labelled else { continue }
            let textWidth = Double(marker.label.count) * FigureLayout.tickCharacterWidth
            let fitsRight = px + 4 + textWidth <= right
            let textX = fitsRight ? px + 4 : px - 4
            canvas.text(marker.label, x: textX, y: top + 14, anchor: fitsRight ? "start" : "end",
                        size: 11, className: "marker-label")
            labels.append(PixelRect(x: fitsRight ? textX : textX - textWidth, y: top + 3, width: textWidth, height: 14))
            if let before = marker.before, fitsRight {
                let beforeWidth = Double(before.count) * FigureLayout.tickCharacterWidth
                guard px - 4 - beforeWidth >= left + 4 else { continue }
                canvas.text(before, x: px - 4, y: top + 14, anchor: "end", size: 11, className: "marker-label")
                labels.append(PixelRect(x: px - 4 - beforeWidth, y: top + 3, width: beforeWidth, height: 14))
            }
        }
        return labels
    }

    private func drawYAxis(_ canvas: inout SVGCanvas, _ axis: Axis, left: Double, title: String, titleX: Double) {
        canvas.open("g", ["class": "axis y-axis"])
        for tick in axis.ticks {
            let py = axis.pixel(tick.value)
            canvas.line(x1: left - 5, y1: py, x2: left, y2: py, stroke: "#333333", className: "tick")
            canvas.text(tick.label, x: left - 8, y: py + 4, anchor: "end", size: 11, className: "tick-label")
        }
        canvas.close("g")
        canvas.text(title, x: titleX, y: (axis.start + axis.end) / 2, anchor: "middle", size: 13, rotate: -90,
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

    /// One `<path class="series">` through `line` (pixels), and a dot per
    /// point when there are few.
    private func draw(_ series: Series, _ line: [PlotPoint], _ canvas: inout SVGCanvas) {
        var d = ""
        d.reserveCapacity(line.count * 16)
        for (i, p) in line.enumerated() {
            d += (i == 0 ? "M" : " L") + SVGCanvas.number(p.x) + " " + SVGCanvas.number(p.y)
        }
        let style = series.style
        if style.filled, !line.isEmpty { d += " Z" }
        var attributes: [(String, String)] = [
            ("class", "series"), ("data-group", series.group), ("data-series", series.name), ("d", d),
            ("fill", style.filled ? style.color : "none"),
        ]
        if style.filled { attributes.append(("fill-opacity", "0.18")) }
        attributes += [("stroke", style.color), ("stroke-width", SVGCanvas.number(style.width)),
                       ("stroke-linejoin", "round"), ("stroke-linecap", "round")]
        if let dash = style.dash { attributes.append(("stroke-dasharray", dash)) }
        canvas.element("path", attributes)

        if !style.filled, !line.isEmpty, series.points.count <= FigureLayout.markerLimit {
            canvas.open("g", ["class": "markers", "data-group": series.group, "fill": style.color])
            for p in line {
                canvas.element("circle", ["cx": SVGCanvas.number(p.x), "cy": SVGCanvas.number(p.y), "r": "2.6"])
            }
            canvas.close("g")
        }
    }

    static func shorten(_ text: String, to characters: Int) -> String {
        text.count <= characters ? text : String(text.prefix(max(1, characters - 1))) + "\u{2026}"
    }
}
