/// Stacked panels sharing the x axis: loss above, accuracy below, and the
/// largest Hessian eigenvalues (interpolate's `top_k` columns) at the bottom
/// when there are any.
///
/// One group: every line its own colour (train, test, then each `top_k`),
/// the test set also dashed. Several groups: a colour per group, the test
/// set dashed, which the caption says. With `logY` the loss and eigenvalue
/// axes are logarithmic; values ≤ 0 leave a gap, counted in the caption.
enum MetricPanels {
    static func panels(_ groups: [MetricGroup], logY: Bool = false)
        -> (panels: [Panel], legend: [LegendEntry], caption: [String]) {
        let single = groups.count == 1
        func style(_ group: Int, _ metric: Metric) -> LineStyle {
            if single { return metric.isTest ? LineStyle(color: Palette.colors[1], dash: Palette.testDash) : Palette.style(0) }
            var s = Palette.style(group)
            if metric.isTest { s.dash = Palette.testDash }
            return s
        }
        let lossScale: AxisScale = logY ? .log : .linear
        func series(_ losses: Bool) -> [Series] {
            groups.enumerated().flatMap { g, group in
                Metric.allCases.filter { $0.isLoss == losses }.compactMap { metric in
                    group.series[metric].map { Series(group: group.label, name: metric.rawValue, points: $0, style: style(g, metric)) }
                }
            }
        }
        let hasTest = groups.contains { $0.series[.testLoss] != nil || $0.series[.testAccuracy] != nil }
        var legend: [LegendEntry]
        var caption: [String] = []
        if single {
            legend = [LegendEntry(label: "train", style: style(0, .trainLoss))]
            if hasTest { legend.append(LegendEntry(label: "test", style: style(0, .testLoss))) }
        } else {
            legend = groups.enumerated().map { g, group in LegendEntry(label: group.label, style: Palette.style(g)) }
            if hasTest { caption.append("Solid lines: training set; dashed: test set.") }
        }
        let losses = series(true)
        var panels = [Panel(yTitle: logY ? "loss (log scale)" : "loss", yScale: lossScale, series: losses),
                      Panel(yTitle: "accuracy", series: series(false))]
        let ranks = Array(Set(groups.flatMap(\.tops.keys))).sorted()
        var tops: [Series] = []
        if !ranks.isEmpty {
            // One group: a colour per rank after train and test; several: a colour per group.
            let first = 2
            tops = groups.enumerated().flatMap { g, group in
                ranks.compactMap { k in
                    group.tops[k].map { points in
                        Series(group: group.label, name: "top_\(k)", points: points,
                               style: single ? Palette.style(first + k - 1) : Palette.style(g))
                    }
                }
            }
            panels.append(Panel(yTitle: logY ? "top eigenvalues (log)" : "top eigenvalues", yScale: lossScale, series: tops))
            if single {
                legend += ranks.map { k in LegendEntry(label: "top_\(k)", style: Palette.style(first + k - 1)) }
            } else {
                caption.append("Top-eigenvalue panel: the \(ranks.count) largest eigenvalues of each group, in the group's colour.")
            }
        }
        if logY {
            let hidden = (losses + tops).reduce(0) { $0 + $1.points.filter { !($0.y > 0) }.count }
            if hidden > 0 { caption.append("Log axes: \(hidden) values \u{2264} 0 are not drawn; their lines have gaps there.") }
        }
        return (panels, legend, caption)
    }
}
