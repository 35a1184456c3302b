import HessianCore

/// The negative eigenvalues of each group against their rank as a
/// percentage of that group's M, as the paper's Fig 5–6: in percent, the
/// left edges of networks of different sizes coincide.
///
/// The i-th eigenvalue in ascending order (0-based) is drawn at
/// x = 100 · i / M, so the most negative is at 0. Negative means below
/// −z, z = 10⁻⁶·max|λ| of the group (`ZeroLevel`), as everywhere in the
/// tool: the round-off of a dense solve's zero bulk is not drawn as negative.
enum NegativePlot {
    static func figure(_ groups: [SpectrumGroup], options: PlotOptions) -> Figure {
        let negatives = groups.map { group -> [Double] in
            let z = ZeroLevel().level(of: group.eigenvalues)
            return group.eigenvalues.sorted().filter { $0 < -z }
        }
        let scale: AxisScale = options.symlog ? .symlog(fitting: negatives.flatMap { $0 }) : .linear
        let lines = zip(groups, negatives).map { group, values -> GroupFigure.Line in
            let m = Double(group.eigenvalues.count)
            return GroupFigure.Line(label: "\(group.label) (\(values.count) negative)", name: "negative",
                                    points: values.enumerated().map { PlotPoint(x: 100 * Double($0.offset) / m, y: $0.element) })
        }
        return GroupFigure.figure(
            title: options.title ?? "Negative eigenvalues", xTitle: "rank as % of M (ascending order)",
            panel: Panel(yTitle: EigenvalueAxis.title(scale), yScale: scale, series: [], yIncludes: [0]),
            groups: lines, layout: options.layout,
            note: negatives.allSatisfy(\.isEmpty) ? "no negative eigenvalues" : nil)
    }
}
