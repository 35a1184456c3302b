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

/// One set of axes. Panels sit in a grid of `Figure.columns` columns
/// (one column: stacked) and share the x axis.
struct Panel {
    /// A label above the panel: the group of a small multiple.
    var title: String? = nil
    var yTitle: String
    var yScale: AxisScale = .linear
    var series: [Series]
    /// Values the y axis must cover besides the data (0 for counts).
    var yIncludes: [Double] = []
    /// For a log axis: where it starts. Values below it are not drawn: a
    /// line leaving the axis stops there and resumes where it comes back.
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
/// - the plot area spans x ∈ [`left`, width − `right`] and y ∈ [`top`,
///   height − `bottom`]; the title takes `titleLine` more at the top for
///   each line past its first, a row of panel titles `panelTitle` more, and
///   the caption `captionLine` more at the bottom for each of its lines;
/// - panels divide that area into a grid, `panelGap` between rows and
///   `columnGap` between columns;
/// - the legend sits inside the first panel where it covers the least data;
///   when it would take more than 45 % of the panel's width or 55 % of its
///   height it moves below the plot, in as many columns as fit, and the
///   plot area ends that much higher;
/// - each axis maps its domain (see `Axis.fitted`) linearly, in its scale's
///   coordinate, onto the panel less `inset` on every side, y upwards,
///   so that lines at the ends of the data stay clear of the frame.
enum FigureLayout {
    static let left = 84.0
    static let right = 20.0
    static let top = 44.0
    static let bottom = 56.0
    static let panelGap = 28.0
    static let columnGap = 14.0
    static let inset = 8.0
    static let titleLine = 19.0
    static let panelTitle = 10.0
    static let captionLine = 15.0
    /// Text keeps at least this distance from a panel's frame.
    static let textMargin = 6.0
    /// A generous average advance of a 12 px sans-serif glyph.
    static let characterWidth = 6.6
    /// The same for the 11 px tick labels and the 15 px bold title.
    static let tickCharacterWidth = 6.1
    static let titleCharacterWidth = 9.2
    /// The same for the 11 px caption, wrapped with room to spare.
    static let captionCharacterWidth = 6.4
    /// Series with at most this many points get a dot at every point.
    static let markerLimit = 60
}

/// A figure ready to draw: title, shared x axis, panels, legend, markers
/// and a caption.
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
    /// Sentences under the plot saying what is not drawn and why (a log
    /// axis's floor, round-off left out) and what line styles mean.
    var caption: [String] = []
    /// Panels per row. Small multiples (several columns, or `sharedY`)
    /// share one y axis, labelled on the first column only.
    var columns = 1
    var sharedY = false

    func render(width: Int, height: Int) -> String {
        var canvas = SVGCanvas(width: width, height: height)
        let w = Double(width), h = Double(height)
        let titleLines = TextWrap.lines(title, characters: Int(saturating: (w - 20) / FigureLayout.titleCharacterWidth))
        let hasPanelTitles = panels.contains { $0.title != nil }
        let plotLeft = FigureLayout.left, plotRight = w - FigureLayout.right
        let plotTop = FigureLayout.top + Double(titleLines.count - 1) * FigureLayout.titleLine
            + (hasPanelTitles ? FigureLayout.panelTitle : 0)
        let captionLines = caption.flatMap {
            TextWrap.lines($0, characters: Int(saturating: (w - 24) / FigureLayout.captionCharacterWidth))
        }
        let captionHeight = Double(captionLines.count) * FigureLayout.captionLine
        let columns = max(1, min(self.columns, panels.count))
        let rows = max(1, (panels.count + columns - 1) / columns)
        let shared = sharedY || columns > 1
        let panelWidth = (plotRight - plotLeft - FigureLayout.columnGap * Double(columns - 1)) / Double(columns)
        func panelHeight(_ bottom: Double) -> Double {
            max(20, (bottom - plotTop - FigureLayout.panelGap * Double(rows - 1)) / Double(rows))
        }
        let inside = LegendBox(legend, maxWidth: 0.4 * w)
        let legendInside = legend.isEmpty
            || inside.fitsInside(plotWidth: panelWidth, panelHeight: panelHeight(h - FigureLayout.bottom - captionHeight))
        let below = LegendBox.below(legend, width: plotRight - plotLeft)
        let legendHeight = legendInside ? 0 : below.height + 4
        let plotBottom = h - FigureLayout.bottom - captionHeight - legendHeight
        let cellHeight = panelHeight(plotBottom)
        let areas = panels.indices.map { p in
            PixelRect(x: plotLeft + Double(p % columns) * (panelWidth + FigureLayout.columnGap),
                      y: plotTop + Double(p / columns) * (cellHeight + FigureLayout.panelGap),
                      width: panelWidth, height: cellHeight)
        }

        let xFit = fittedXAxis(pixels: panelWidth)
        let sharedAxis = shared ? fittedYAxis(panels, pixels: cellHeight) : nil
        let xAxes = areas.map { area -> Axis in
            var axis = xFit
            axis.start = area.x + FigureLayout.inset
            axis.end = area.x + area.width - FigureLayout.inset
            return axis
        }
        let yAxes = zip(panels, areas).map { panel, area -> Axis in
            var axis = sharedAxis ?? fittedYAxis([panel], pixels: cellHeight)
            axis.start = area.y + area.height - FigureLayout.inset
            axis.end = area.y + FigureLayout.inset
            return axis
        }
        // One y-title position for all panels, just left of the widest tick label.
        let widestTick = yAxes.flatMap(\.ticks).map { Double($0.label.count) }.max() ?? 1
        let yTitleX = max(14, plotLeft - 8 - widestTick * FigureLayout.tickCharacterWidth - 8)

        var firstPanelLines: [[PlotPoint]] = []
        var obstacles: [PixelRect] = []
        for (p, panel) in panels.enumerated() {
            let area = areas[p], xAxis = xAxes[p], yAxis = yAxes[p]
            let lines = panel.series.map { drawableRuns($0.points, x: xAxis, y: yAxis) }
            canvas.open("g", ["class": "panel", "data-panel": String(p), "data-y-scale": panel.yScale == .log ? "log" : "linear"])
            drawGrid(&canvas, x: xAxis, y: yAxis, area: area)
            let labels = drawMarkers(&canvas, x: xAxis, area: area, labelled: p == 0)
            for (series, runs) in zip(panel.series, lines) { draw(series, runs, &canvas) }
            canvas.element("rect", ["class": "plot-area", "x": SVGCanvas.number(area.x), "y": SVGCanvas.number(area.y),
                                    "width": SVGCanvas.number(area.width),
                                    "height": SVGCanvas.number(area.height),
                                    "fill": "none", "stroke": "#333333", "stroke-width": "1"])
            drawYAxis(&canvas, yAxis, left: area.x, labelled: !shared || p % columns == 0)
            if !shared {
                canvas.text(panel.yTitle + yAxis.unitSuffix, x: yTitleX, y: (yAxis.start + yAxis.end) / 2, anchor: "middle",
                            size: 13, rotate: -90, className: "axis-title y-title")
            }
            drawXAxis(&canvas, xAxis, bottom: area.y + area.height, labelled: p + columns >= panels.count)
            if let title = panel.title {
                canvas.text(title, x: area.x + 2, y: area.y - 6, size: 12, className: "panel-title")
            }
            if p == 0 {
                firstPanelLines = lines.flatMap { $0 }
                    + markers.map { m in [PlotPoint(x: xAxis.pixel(m.x), y: area.y), PlotPoint(x: xAxis.pixel(m.x), y: area.y + area.height)] }
                obstacles = labels
                if let note {
                    let y = area.y + area.height * 0.4
                    canvas.text(note, x: area.x + area.width / 2, y: y, anchor: "middle", size: 13, className: "note")
                    let noteWidth = Double(note.count) * FigureLayout.characterWidth
                    obstacles.append(PixelRect(x: area.x + (area.width - noteWidth) / 2, y: y - 13, width: noteWidth, height: 17))
                }
            }
            canvas.close("g")
        }
        if shared, let axis = yAxes.first, let last = yAxes.last {
            canvas.text((panels.first?.yTitle ?? "") + axis.unitSuffix, x: yTitleX, y: (plotTop + (last.start + FigureLayout.inset)) / 2,
                        anchor: "middle", size: 13, rotate: -90, className: "axis-title y-title")
        }
        canvas.text(xTitle + xFit.unitSuffix, x: (plotLeft + plotRight) / 2, y: plotBottom + 42, anchor: "middle", size: 13,
                    className: "axis-title x-title")
        for (i, line) in titleLines.enumerated() {
            canvas.text(line, x: w / 2, y: 26 + Double(i) * FigureLayout.titleLine, anchor: "middle", size: 15, weight: "bold",
                        className: "title")
        }
        if legendInside, let area = areas.first {
            let place = inside.bestPlace(in: area, lines: firstPanelLines, obstacles: obstacles)
            inside.draw(&canvas, x: place.x, y: place.y, framed: true)
        } else {
            below.draw(&canvas, x: plotLeft - LegendBox.padding, y: plotBottom + 50, framed: false)
        }
        for (i, line) in captionLines.enumerated() {
            canvas.text(line, x: 12, y: plotBottom + 42 + legendHeight + FigureLayout.captionLine * Double(i + 1), size: 11,
                        className: "caption")
        }
        return canvas.render(title: title)
    }

    // MARK: Axes

    private func fittedXAxis(pixels: Double) -> Axis {
        var values = xIncludes + markers.map(\.x)
        for panel in panels { for s in panel.series { values += s.points.map(\.x) } }
        let (low, high) = Self.range(values, scale: xScale, floor: nil)
        let target = max(2, Int(saturating: pixels / 80))
        return Axis.fitted(low: low, high: high, scale: xScale, targetTicks: target, integerSteps: xIntegerTicks)
    }

    /// One y axis for `panels` (one panel, or small multiples sharing it):
    /// scale, floor and tick rule of the first.
    private func fittedYAxis(_ panels: [Panel], pixels: Double) -> Axis {
        guard let first = panels.first else { return Axis.fitted(low: 0, high: 1, scale: .linear, targetTicks: 2) }
        var values: [Double] = []
        for panel in panels {
            values += panel.yIncludes
            for s in panel.series { values += s.points.map(\.y) }
        }
        let floor = first.yScale == .log ? first.yFloor : nil
        let (low, high) = Self.range(values, scale: first.yScale, floor: floor)
        let target = max(2, Int(saturating: pixels / 45))
        var axis = Axis.fitted(low: low, high: high, scale: first.yScale, targetTicks: target,
                               integerSteps: first.yIntegerTicks)
        if let floor, floor < axis.upper {
            axis.lower = floor
            axis.ticks.removeAll { $0.value < floor }
        }
        return axis
    }

    /// The smallest and largest finite value, on a log scale only positive
    /// ones at or above `floor`; (0, 1) or (1, 10) when there are none.
    private static func range(_ values: [Double], scale: AxisScale, floor: Double?) -> (Double, Double) {
        let usable = values.filter { $0.isFinite && (scale != .log || ($0 > 0 && $0 >= (floor ?? 0))) }
        guard let low = usable.min(), let high = usable.max() else { return scale == .log ? (1, 10) : (0, 1) }
        return (low, high)
    }
}
