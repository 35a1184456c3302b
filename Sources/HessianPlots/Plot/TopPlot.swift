/// The largest K eigenvalues of each group against their rank from the top,
/// one line per group, as the paper's Fig 2–4: the outliers stand above a
/// gap, and their count is what changes between groups. On a log axis the
/// values ≤ 0 and round-off positives are left out (`LogAxisCut`).
enum TopPlot {
    static func figure(_ groups: [SpectrumGroup], options: PlotOptions) -> Figure {
        let k = options.top ?? PlotOptions.defaultTop
        let tops = groups.map { Array($0.eigenvalues.sorted(by: >).prefix(k)) }
        let scale: AxisScale = options.symlog ? .symlog(fitting: tops.flatMap { $0 }) : options.logY ? .log : .linear
        var cut = LogAxisCut()
        let lines = zip(groups, tops).map { group, top -> [PlotPoint] in
            let points = top.enumerated().map { PlotPoint(x: Double($0.offset + 1), y: $0.element) }
            return scale == .log ? cut.keep(points, spectrum: group.eigenvalues) : points
        }
        return GroupFigure.figure(
            title: options.title ?? "Largest \(k) eigenvalues", xTitle: "rank from the top", xIntegerTicks: true,
            panel: Panel(yTitle: EigenvalueAxis.title(scale), yScale: scale, series: []),
            groups: zip(groups, lines).map { GroupFigure.Line(label: $0.0.label, name: "top", points: $0.1) },
            layout: options.layout, caption: [cut.caption].compactMap { $0 })
    }
}
