import Foundation

/// Every eigenvalue against its rank in ascending order, as the paper's
/// Fig 1: the bulk at zero, the outliers at the right, negatives at the
/// left. On a log axis the values ≤ 0 and round-off positives are left out
/// (`LogAxisCut`).
enum OrderedPlot {
    static func figure(_ groups: [SpectrumGroup], options: PlotOptions) -> Figure {
        let all = groups.flatMap(\.eigenvalues)
        let scale: AxisScale = options.symlog ? .symlog(fitting: all) : options.logY ? .log : .linear
        var cut = LogAxisCut()
        let lines = groups.map { group -> GroupFigure.Line in
            let points = group.eigenvalues.enumerated().map { PlotPoint(x: Double($0.offset), y: $0.element) }
            return GroupFigure.Line(label: group.labelWithM, name: "eigenvalues",
                                    points: scale == .log ? cut.keep(points, spectrum: group.eigenvalues) : points)
        }
        return GroupFigure.figure(
            title: options.title ?? "Ordered eigenvalues", xTitle: "rank in ascending order", xIntegerTicks: true,
            panel: Panel(yTitle: EigenvalueAxis.title(scale), yScale: scale, series: []),
            groups: lines, layout: options.layout, caption: [cut.caption].compactMap { $0 })
    }
}

/// The y axis title of eigenvalue plots, naming the linear part of a
/// symmetric-log scale.
enum EigenvalueAxis {
    static func title(_ scale: AxisScale) -> String {
        if scale == .log { return "eigenvalue (log scale)" }
        guard case .symlog(let c) = scale else { return "eigenvalue" }
        return "eigenvalue (symmetric log, linear within \u{00B1}\(TickLabel.decade(Axis.decade(log10(c).rounded()))))"
    }
}
