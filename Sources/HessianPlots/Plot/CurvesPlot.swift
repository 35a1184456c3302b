import HessianCore

/// Loss and accuracy against the training step, as the paper's Fig 7; a
/// dashed line marks every change of the `phase` column (e.g. large batch
/// to small batch), labelled with the old phase on its left and the new on
/// its right.
enum CurvesPlot {
    static func figure(_ groups: [MetricGroup], options: PlotOptions) -> Figure {
        let (panels, legend, caption) = MetricPanels.panels(groups, logY: options.logY)
        var markers: [VerticalMarker] = []
        for s in groups.flatMap(\.switches) where !markers.contains(where: { $0.x == s.x && $0.label == s.to }) {
            markers.append(VerticalMarker(x: s.x, label: s.to, before: s.from))
        }
        return Figure(
            title: options.title ?? "Training curves",
            xTitle: "step",
            xIntegerTicks: true,
            panels: panels,
            legend: legend,
            markers: markers,
            caption: caption)
    }
}
