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
