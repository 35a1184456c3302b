import Foundation
import HessianCore

/// The spectral density of each group's exact eigenvalues, smoothed by a
/// Gaussian kernel (`SpectralDensity`), on a log density axis so the few
/// outliers show beside the bulk; with `marchenkoPastur`, each group's
/// Marchenko–Pastur law (ratio M/N, σ² the mean eigenvalue unless given)
/// dashed on top, as the paper's Appendix B, Fig 9.
///
/// The curves are sampled at `gridPoints` equal steps from the smallest
/// eigenvalue − 4σ to the largest + 4σ; densities below `floorRatio` of the
/// largest are drawn at that floor, the axis's lower end.
enum DensityPlot {
    static let gridPoints = 1000
    static let floorRatio = 1e-7

    static func figure(_ groups: [SpectrumGroup], options: PlotOptions) -> Figure {
        let all = groups.flatMap(\.eigenvalues)
        let sigma = options.bandwidth ?? SpectralDensity.defaultBandwidth(all)
        let low = (all.min() ?? 0) - 4 * sigma, high = (all.max() ?? 1) + 4 * sigma
        let grid = (0..<gridPoints).map { i in low + (high - low) * Double(i) / Double(gridPoints - 1) }
        var series: [Series] = []
        var legend: [LegendEntry] = []
        var peak = 0.0
        var laws: [(group: Int, law: MarchenkoPastur)] = []
        for (g, group) in groups.enumerated() {
            let density = SpectralDensity(eigenvalues: group.eigenvalues, bandwidth: sigma)
            let points = grid.map { PlotPoint(x: $0, y: density.density(at: $0)) }
            peak = max(peak, points.map(\.y).max() ?? 0)
            series.append(Series(group: group.label, name: "density", points: points, style: Palette.style(g)))
            legend.append(LegendEntry(label: group.labelWithM, style: Palette.style(g)))
            if options.marchenkoPastur, let n = options.samples, !group.eigenvalues.isEmpty {
                laws.append((g, law(for: group.eigenvalues, samples: n, variance: options.variance)))
            }
        }
        for (g, law) in laws {
            let points = curve(law)
            peak = max(peak, points.map(\.y).max() ?? 0)
            var style = Palette.style(g)
            style.dash = Palette.testDash
            series.append(Series(group: groups[g].label, name: "marchenko-pastur", points: points, style: style))
            legend.append(LegendEntry(
                label: "Marchenko\u{2013}Pastur, q = \(short(law.ratio)), \u{03C3}\u{00B2} = \(short(law.variance))"
                    + (groups.count > 1 ? " (\(groups[g].label))" : ""),
                style: style))
        }
        let floor = peak > 0 ? peak * floorRatio : 1e-12
        for i in series.indices {
            series[i].points = series[i].points.map { PlotPoint(x: $0.x, y: max($0.y, floor)) }
        }
        return Figure(
            title: options.title ?? "Spectral density, Gaussian kernel \u{03C3} = \(short(sigma))",
            xTitle: "eigenvalue",
            panels: [Panel(yTitle: "density (log scale)", yScale: .log, series: series, yFloor: floor)],
            legend: legend)
    }

    /// The law for a group of M eigenvalues from N examples: q = M/N, and σ²
    /// given or the mean eigenvalue (the law's own mean).
    static func law(for eigenvalues: [Double], samples: Int, variance: Double?) -> MarchenkoPastur {
        let m = Double(eigenvalues.count)
        return MarchenkoPastur(ratio: m / Double(samples), variance: variance ?? eigenvalues.reduce(0, +) / m)
    }

    /// The continuous density at `gridPoints` points across its support,
    /// denser towards the edges (x = mid − half·cos θ), where it is steepest.
    static func curve(_ law: MarchenkoPastur) -> [PlotPoint] {
        let a = law.lowerEdge, b = law.upperEdge
        let mid = (a + b) / 2, half = (b - a) / 2
        return (0..<gridPoints).map { i in
            let x = mid - half * cos(Double.pi * Double(i) / Double(gridPoints - 1))
            return PlotPoint(x: x, y: law.density(at: x))
        }
    }

    private static func short(_ x: Double) -> String { String(format: "%.3g", x) }
}
