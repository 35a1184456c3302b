/// The largest K eigenvalues of each group against their rank from the top,
/// one line per group, as the paper's Fig 2–4: the outliers stand above a
/// gap, and their count is what changes between groups.
enum TopPlot {
    static func figure(_ groups: [SpectrumGroup], options: PlotOptions) -> Figure {
        let tops = groups.map { Array($0.eigenvalues.sorted(by: >).prefix(options.top)) }
        let scale: AxisScale = options.symlog ? .symlog(fitting: tops.flatMap { $0 }) : options.logY ? .log : .linear
        let series = zip(groups, tops).enumerated().map { i, pair in
            Series(group: pair.0.label, name: "top",
                   points: EigenvalueAxis.drawable(pair.1.enumerated().map { PlotPoint(x: Double($0.offset + 1), y: $0.element) }, scale),
                   style: Palette.style(i))
        }
        return Figure(
            title: options.title ?? "Largest \(options.top) eigenvalues",
            xTitle: "rank from the top",
            xIntegerTicks: true,
            panels: [Panel(yTitle: EigenvalueAxis.title(scale), yScale: scale, series: series)],
            legend: groups.enumerated().map { i, group in LegendEntry(label: group.label, style: Palette.style(i)) })
    }
}
