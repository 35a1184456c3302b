/// How many eigenvalues fall in each of N equal-width bins between the
/// smallest and the largest of all groups, one outline per group (the
/// paper's densities, Fig 9), or a panel per group past three. A log count
/// axis shows the few outliers next to the bulk of thousands; empty bins
/// are gaps there.
enum HistogramPlot {
    /// Bin counts over [low, high]; the last bin includes `high`.
    static func counts(_ values: [Double], bins: Int, low: Double, high: Double) -> [Int] {
        var counts = [Int](repeating: 0, count: bins)
        // Halves keep the differences finite for numbers near ±Double.greatestFiniteMagnitude.
        let span = high / 2 - low / 2
        for v in values {
            let position = ((v / 2 - low / 2) / span * Double(bins)).rounded(.down)
            let bin = position.isFinite ? min(bins - 1, max(0, Int(saturating: position))) : 0
            counts[bin] += 1
        }
        return counts
    }

    static func figure(_ groups: [SpectrumGroup], options: PlotOptions) -> Figure {
        let all = groups.flatMap(\.eigenvalues)
        var low = all.min() ?? 0, high = all.max() ?? 1
        if !(high - low > 1e-12 * max(abs(low), abs(high))) {
            let pad = low == 0 ? 0.5 : abs(low) * 0.05
            low -= pad
            high += pad
        }
        let bins = options.bins
        let halfSpan = high / 2 - low / 2
        let edge = { (i: Int) -> Double in
            let half = halfSpan * (Double(i) / Double(bins))
            return i == bins ? high : (low + half) + half
        }
        let log = options.logCount
        var empty = 0
        let lines = groups.map { group -> GroupFigure.Line in
            let counts = counts(group.eigenvalues, bins: bins, low: low, high: high)
            // Linear: a closed outline from the axis. Log: steps at the
            // counts, with a gap at every empty bin (0 is off a log axis).
            var points = log ? [] : [PlotPoint(x: low, y: 0)]
            for (i, c) in counts.enumerated() {
                let y = log && c == 0 ? Double.nan : Double(c)
                if c == 0 { empty += 1 }
                points.append(PlotPoint(x: edge(i), y: y))
                points.append(PlotPoint(x: edge(i + 1), y: y))
            }
            if !log { points.append(PlotPoint(x: high, y: 0)) }
            return GroupFigure.Line(label: group.labelWithM, name: "histogram", points: points)
        }
        let caption = log && empty > 0
            ? ["Log count axis: empty bins (\(empty) of \(bins * groups.count)) are not drawn."] : []
        return GroupFigure.figure(
            title: options.title ?? "Eigenvalue histogram, \(bins) bins", xTitle: "eigenvalue",
            panel: Panel(yTitle: log ? "count (log scale)" : "count", yScale: log ? .log : .linear, series: [],
                         yIncludes: log ? [] : [0], yFloor: log ? 0.5 : nil, yIntegerTicks: true),
            groups: lines, layout: options.layout, limit: PlotLayout.histogramOverlayLimit, filled: !log, caption: caption)
    }
}
