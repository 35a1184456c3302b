/// How many eigenvalues fall in each of N equal-width bins between the
/// smallest and the largest of all groups, one outline per group (the
/// paper's densities, Fig 9). A log count axis shows the few outliers next
/// to the bulk of thousands.
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
        let series = groups.enumerated().map { g, group -> Series in
            let counts = counts(group.eigenvalues, bins: bins, low: low, high: high)
            var points = [PlotPoint(x: low, y: 0)]
            for (i, c) in counts.enumerated() {
                points.append(PlotPoint(x: edge(i), y: Double(c)))
                points.append(PlotPoint(x: edge(i + 1), y: Double(c)))
            }
            points.append(PlotPoint(x: high, y: 0))
            var style = Palette.style(g)
            style.filled = true
            style.width = 1.2
            return Series(group: group.label, name: "histogram", points: points, style: style)
        }
        let legend = groups.enumerated().map { g, group -> LegendEntry in
            var style = Palette.style(g)
            style.filled = true
            return LegendEntry(label: group.labelWithM, style: style)
        }
        return Figure(
            title: options.title ?? "Eigenvalue histogram, \(bins) bins",
            xTitle: "eigenvalue",
            panels: [Panel(yTitle: options.logCount ? "count (log scale)" : "count",
                           yScale: options.logCount ? .log : .linear, series: series,
                           yIncludes: options.logCount ? [] : [0], yFloor: options.logCount ? 0.5 : nil,
                           yIntegerTicks: true)],
            legend: legend)
    }
}
