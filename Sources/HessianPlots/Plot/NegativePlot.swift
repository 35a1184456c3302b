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
        let series = zip(groups, negatives).enumerated().map { i, pair in
            let m = Double(pair.0.eigenvalues.count)
            return Series(group: pair.0.label, name: "negative",
                          points: pair.1.enumerated().map { PlotPoint(x: 100 * Double($0.offset) / m, y: $0.element) },
                          style: Palette.style(i))
        }
        let none = negatives.allSatisfy(\.isEmpty)
        return Figure(
            title: options.title ?? "Negative eigenvalues",
            xTitle: "rank as % of M (ascending order)",
            panels: [Panel(yTitle: EigenvalueAxis.title(scale), yScale: scale, series: series, yIncludes: [0])],
            legend: zip(groups, negatives).enumerated().map { i, pair in
                LegendEntry(label: "\(pair.0.label) (\(pair.1.count) negative)", style: Palette.style(i))
            },
            note: none ? "no negative eigenvalues" : nil)
    }
}
