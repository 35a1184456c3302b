/// Stacked panels sharing the x axis: loss above, accuracy below, and the
/// largest Hessian eigenvalues (interpolate's `top_k` columns) at the bottom
/// when there are any; one line per group and metric, solid for the
/// training set and dashed for the test set. With `logY` the loss and
/// eigenvalue axes are logarithmic (values ≤ 0 left out).
enum MetricPanels {
    static func panels(_ groups: [MetricGroup], logY: Bool = false) -> (panels: [Panel], legend: [LegendEntry]) {
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
                    group.series[metric].map {
                        Series(group: group.label, name: metric.rawValue,
                               points: losses ? EigenvalueAxis.drawable($0, lossScale) : $0, style: style(g, metric))
                    }
                }
            }
        }
        let hasTest = groups.contains { $0.series[.testLoss] != nil || $0.series[.testAccuracy] != nil }
        var legend: [LegendEntry]
        if single {
            legend = [LegendEntry(label: "train", style: style(0, .trainLoss))]
            if hasTest { legend.append(LegendEntry(label: "test", style: style(0, .testLoss))) }
        } else {
            legend = groups.enumerated().map { g, group in LegendEntry(label: group.label, style: Palette.style(g)) }
            legend.append(LegendEntry(label: "train", style: LineStyle(color: Palette.neutral)))
            if hasTest { legend.append(LegendEntry(label: "test", style: LineStyle(color: Palette.neutral, dash: Palette.testDash))) }
        }
        var panels = [Panel(yTitle: logY ? "loss (log scale)" : "loss", yScale: lossScale, series: series(true)),
                      Panel(yTitle: "accuracy", series: series(false))]
        let ranks = Array(Set(groups.flatMap(\.tops.keys))).sorted()
        if !ranks.isEmpty {
            // One group: a colour per rank; several: a colour per group.
            let tops = groups.enumerated().flatMap { g, group in
                ranks.compactMap { k in
                    group.tops[k].map { points in
                        Series(group: group.label, name: "top_\(k)", points: EigenvalueAxis.drawable(points, lossScale),
                               style: single ? Palette.style(k - 1) : Palette.style(g))
                    }
                }
            }
            panels.append(Panel(yTitle: logY ? "top eigenvalues (log)" : "top eigenvalues", yScale: lossScale, series: tops))
            if single {
                legend += ranks.prefix(Palette.colors.count).map { k in
                    LegendEntry(label: "top_\(k)", style: Palette.style(k - 1))
                }
            }
        }
        return (panels, legend)
    }
}
