/// Two stacked panels sharing the x axis: loss above, accuracy below; one
/// line per group and metric, solid for the training set and dashed for the
/// test set.
enum MetricPanels {
    static func panels(_ groups: [MetricGroup]) -> (panels: [Panel], legend: [LegendEntry]) {
        let single = groups.count == 1
        func style(_ group: Int, _ metric: Metric) -> LineStyle {
            if single { return metric.isTest ? LineStyle(color: Palette.colors[1], dash: Palette.testDash) : Palette.style(0) }
            var s = Palette.style(group)
            if metric.isTest { s.dash = Palette.testDash }
            return s
        }
        func series(_ losses: Bool) -> [Series] {
            groups.enumerated().flatMap { g, group in
                Metric.allCases.filter { $0.isLoss == losses }.compactMap { metric in
                    group.series[metric].map {
                        Series(group: group.label, name: metric.rawValue, points: $0, style: style(g, metric))
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
        return ([Panel(yTitle: "loss", series: series(true)), Panel(yTitle: "accuracy", series: series(false))], legend)
    }
}

/// Loss and accuracy along the straight line w(α) = w₀ + α (w₁ − w₀)
/// between two solutions, as the paper's Fig 8 (w₀ the large-batch and w₁
/// the small-batch solution); dashed lines mark the solutions at α = 0 and 1.
enum InterpolationPlot {
    static func figure(_ groups: [MetricGroup], options: PlotOptions) -> Figure {
        let (panels, legend) = MetricPanels.panels(groups)
        return Figure(
            title: options.title ?? "Loss and accuracy between two solutions",
            xTitle: "\u{03B1}, where w = w\u{2080} + \u{03B1} (w\u{2081} \u{2212} w\u{2080})",
            xIncludes: [0, 1],
            panels: panels,
            legend: legend,
            markers: [VerticalMarker(x: 0, label: "\u{03B1} = 0"), VerticalMarker(x: 1, label: "\u{03B1} = 1")])
    }
}

/// Loss and accuracy against the training step, as the paper's Fig 7; a
/// dashed line marks every change of the `phase` column (e.g. large batch
/// to small batch), labelled with the new phase.
enum CurvesPlot {
    static func figure(_ groups: [MetricGroup], options: PlotOptions) -> Figure {
        let (panels, legend) = MetricPanels.panels(groups)
        var markers: [VerticalMarker] = []
        for s in groups.flatMap(\.switches) where !markers.contains(where: { $0.x == s.x && $0.label == s.phase }) {
            markers.append(VerticalMarker(x: s.x, label: s.phase))
        }
        return Figure(
            title: options.title ?? "Training curves",
            xTitle: "step",
            xIntegerTicks: true,
            panels: panels,
            legend: legend,
            markers: markers)
    }
}
