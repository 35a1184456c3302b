import Foundation

/// Every eigenvalue against its rank in ascending order, as the paper's
/// Fig 1: the bulk at zero, the outliers at the right, negatives at the left.
enum OrderedPlot {
    static func figure(_ groups: [SpectrumGroup], options: PlotOptions) -> Figure {
        let all = groups.flatMap(\.eigenvalues)
        let scale: AxisScale = options.symlog ? .symlog(fitting: all) : options.logY ? .log : .linear
        let series = groups.enumerated().map { i, group in
            Series(group: group.label, name: "eigenvalues",
                   points: EigenvalueAxis.drawable(group.eigenvalues.enumerated().map { PlotPoint(x: Double($0.offset), y: $0.element) }, scale),
                   style: Palette.style(i))
        }
        return Figure(
            title: options.title ?? "Ordered eigenvalues",
            xTitle: "rank in ascending order",
            xIntegerTicks: true,
            panels: [Panel(yTitle: EigenvalueAxis.title(scale), yScale: scale, series: series)],
            legend: groups.enumerated().map { i, group in
                LegendEntry(label: group.labelWithM, style: Palette.style(i))
            })
    }
}

/// The y axis title of eigenvalue plots, naming the linear part of a
/// symmetric-log scale.
enum EigenvalueAxis {
    static func title(_ scale: AxisScale) -> String {
        if scale == .log { return "eigenvalue (log scale, positive only)" }
        guard case .symlog(let c) = scale else { return "eigenvalue" }
        return "eigenvalue (symmetric log, linear within \u{00B1}\(TickLabel.decade(Axis.decade(log10(c).rounded()))))"
    }
}

extension EigenvalueAxis {
    /// The points a scale can show: on a log axis only y > 0.
    static func drawable(_ points: [PlotPoint], _ scale: AxisScale) -> [PlotPoint] {
        scale == .log ? points.filter { $0.y > 0 } : points
    }
}
