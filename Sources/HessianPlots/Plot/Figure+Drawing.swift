extension Axis {
    /// Whether a value is drawn on this axis: finite and, on a log scale,
    /// positive and not below the axis's lower end (its floor).
    func shows(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        guard scale == .log else { return true }
        return value > 0 && value >= lower * (1 - 1e-12)
    }
}

extension Figure {
    /// The pieces of a line the axes can show, in pixels and thinned: a
    /// point the axes cannot show (non-finite, or off a log axis) ends the
    /// piece before it, so a line that leaves the axis stops there instead
    /// of being drawn along the floor.
    func drawableRuns(_ points: [PlotPoint], x: Axis, y: Axis) -> [[PlotPoint]] {
        var runs: [[PlotPoint]] = []
        var current: [PlotPoint] = []
        for p in points {
            if x.shows(p.x), y.shows(p.y) {
                current.append(PlotPoint(x: x.pixel(p.x), y: y.pixel(p.y)))
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs.map(PathThinning.thin)
    }

    func drawGrid(_ canvas: inout SVGCanvas, x: Axis, y: Axis, area: PixelRect) {
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

    /// Draws the marker lines (and, in the first panel, their labels, at
    /// least `FigureLayout.textMargin` inside the frame, on the side with
    /// room); returns where the labels are.
    func drawMarkers(_ canvas: inout SVGCanvas, x: Axis, area: PixelRect, labelled: Bool) -> [PixelRect] {
        var labels: [PixelRect] = []
        let top = area.y, bottom = area.y + area.height
        let left = area.x + FigureLayout.textMargin, right = area.x + area.width - FigureLayout.textMargin
        for marker in markers {
            let px = x.pixel(marker.x)
            canvas.line(x1: px, y1: top, x2: px, y2: bottom, stroke: "#555555", width: 1.2, dash: "5 4",
                        className: "marker-line")
            guard labelled else { continue }
            let textWidth = Double(marker.label.count) * FigureLayout.tickCharacterWidth
            let fitsRight = px + 4 + textWidth <= right || px - 4 - textWidth < left && right - px > px - left
            let textX = fitsRight ? max(px + 4, left) : min(px - 4, right)
            canvas.text(marker.label, x: textX, y: top + 14, anchor: fitsRight ? "start" : "end",
                        size: 11, className: "marker-label")
            labels.append(PixelRect(x: fitsRight ? textX : textX - textWidth, y: top + 3, width: textWidth, height: 14))
            if let before = marker.before, fitsRight {
                let beforeWidth = Double(before.count) * FigureLayout.tickCharacterWidth
                guard px - 4 - beforeWidth >= left else { continue }
                canvas.text(before, x: px - 4, y: top + 14, anchor: "end", size: 11, className: "marker-label")
                labels.append(PixelRect(x: px - 4 - beforeWidth, y: top + 3, width: beforeWidth, height: 14))
            }
        }
        return labels
    }

    func drawYAxis(_ canvas: inout SVGCanvas, _ axis: Axis, left: Double, labelled: Bool) {
        canvas.open("g", ["class": "axis y-axis"])
        for tick in axis.ticks {
            let py = axis.pixel(tick.value)
            canvas.line(x1: left - 5, y1: py, x2: left, y2: py, stroke: "#333333", className: "tick")
            if labelled { canvas.text(tick.label, x: left - 8, y: py + 4, anchor: "end", size: 11, className: "tick-label") }
        }
        canvas.close("g")
    }

    func drawXAxis(_ canvas: inout SVGCanvas, _ axis: Axis, bottom: Double, labelled: Bool) {
        canvas.open("g", ["class": "axis x-axis"])
        for tick in axis.ticks {
            let px = axis.pixel(tick.value)
            canvas.line(x1: px, y1: bottom, x2: px, y2: bottom + 5, stroke: "#333333", className: "tick")
            if labelled { canvas.text(tick.label, x: px, y: bottom + 19, anchor: "middle", size: 11, className: "tick-label") }
        }
        canvas.close("g")
    }

    /// One `<path class="series">` through the pieces `runs` (pixels; a
    /// filled one closes each piece), and a dot per point when there are few.
    func draw(_ series: Series, _ runs: [[PlotPoint]], _ canvas: inout SVGCanvas) {
        var d = ""
        d.reserveCapacity(runs.reduce(0) { $0 + $1.count } * 16)
        let style = series.style
        for run in runs {
            for (i, p) in run.enumerated() {
                d += (d.isEmpty ? "M" : i == 0 ? " M" : " L") + SVGCanvas.number(p.x) + " " + SVGCanvas.number(p.y)
            }
            if style.filled { d += " Z" }
        }
        var attributes: [(String, String)] = [
            ("class", "series"), ("data-group", series.group), ("data-series", series.name), ("d", d),
            ("fill", style.filled ? style.color : "none"),
        ]
        if style.filled { attributes.append(("fill-opacity", "0.18")) }
        attributes += [("stroke", style.color), ("stroke-width", SVGCanvas.number(style.width)),
                       ("stroke-linejoin", "round"), ("stroke-linecap", "round")]
        if let dash = style.dash { attributes.append(("stroke-dasharray", dash)) }
        canvas.element("path", attributes)

        let dots = runs.flatMap { $0 }
        if !style.filled, !dots.isEmpty, series.points.count <= FigureLayout.markerLimit {
            canvas.open("g", ["class": "markers", "data-group": series.group, "fill": style.color])
            for p in dots {
                canvas.element("circle", ["cx": SVGCanvas.number(p.x), "cy": SVGCanvas.number(p.y), "r": "2.6"])
            }
            canvas.close("g")
        }
    }
}
