import HessianCore

/// Loss and accuracy along the straight line w(α) = w₀ + α (w₁ − w₀)
/// between two solutions, as the paper's Fig 8 (w₀ the large-batch and w₁
/// the small-batch solution); dashed lines mark the solutions at α = 0 and 1.
enum InterpolationPlot {
    static func figure(_ groups: [MetricGroup], options: PlotOptions) -> Figure {
        let (panels, legend, caption) = MetricPanels.panels(groups, logY: options.logY)
        return Figure(
            title: options.title ?? "Loss and accuracy between two solutions",
            xTitle: "\u{03B1}, where w = w\u{2080} + \u{03B1} (w\u{2081} \u{2212} w\u{2080})",
            xIncludes: [0, 1],
            panels: panels,
            legend: legend,
            markers: [VerticalMarker(x: 0, label: "\u{03B1} = 0"), VerticalMarker(x: 1, label: "\u{03B1} = 1")],
            caption: caption)
    }
}
