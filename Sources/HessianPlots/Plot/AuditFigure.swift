import Foundation
import HessianCore

/// The figure of `hessian-spectrum audit`: the exact eigenvalue histogram,
/// scaled to a density (count / (M · bin width)), with each SLQ estimate
/// over it smoothed by a Gaussian kernel,
///
///     ρ(x) = Σ_k τ_k · exp(−(x − θ_k)²/(2σ²)) / (σ√(2π)),
///
/// σ 1 % of the exact span (`SpectralDensity.defaultBandwidth`), on a log
/// density axis so the outliers show beside the bulk; below the axis's
/// floor (`DensityPlot.floorRatio` of the peak) a curve stops, and empty
/// bins are gaps.
public enum AuditFigure {
    /// Histogram bins of the exact spectrum.
    static let bins = 100

    /// The SVG of the figure, `width` × `height` pixels.
    public static func svg(exact: [Double], estimates: [(label: String, quadrature: SpectralQuadrature)],
                           width: Int = 900, height: Int = 560) -> String {
        let low = exact.min() ?? 0, high = exact.max() ?? 1
        let span = high > low ? high - low : max(1, abs(low))
        let sigma = SpectralDensity.defaultBandwidth(exact)
        let binWidth = span / Double(bins)
        let counts = HistogramPlot.counts(exact, bins: bins, low: low, high: low + span)
        let scale = 1 / (Double(max(1, exact.count)) * binWidth)
        // Steps at the bin densities; an empty bin is off the log axis, a gap.
        var outline: [PlotPoint] = []
        for (i, c) in counts.enumerated() {
            let y = c == 0 ? Double.nan : Double(c) * scale
            outline.append(PlotPoint(x: low + Double(i) * binWidth, y: y))
            outline.append(PlotPoint(x: low + Double(i + 1) * binWidth, y: y))
        }
        var histogram = LineStyle(color: Palette.neutral)
        histogram.width = 1.2
        var series = [Series(group: "exact", name: "histogram", points: outline, style: histogram)]
        var legend = [LegendEntry(label: "exact, M = \(exact.count)", style: histogram)]
        let grid = (0..<DensityPlot.gridPoints).map { i in
            low - 4 * sigma + (span + 8 * sigma) * Double(i) / Double(DensityPlot.gridPoints - 1)
        }
        var peak = outline.map(\.y).filter(\.isFinite).max() ?? 1
        for (g, estimate) in estimates.enumerated() {
            let q = estimate.quadrature
            let points = grid.map { x in PlotPoint(x: x, y: density(q, at: x, bandwidth: sigma)) }
            peak = max(peak, points.map(\.y).max() ?? 0)
            series.append(Series(group: estimate.label, name: "slq", points: points, style: Palette.style(g)))
            legend.append(LegendEntry(label: estimate.label, style: Palette.style(g)))
        }
        let floor = peak * DensityPlot.floorRatio
        let curves = series.dropFirst().flatMap(\.points)
        let share = Double(curves.filter { $0.y < floor }.count) / Double(max(1, curves.count))
        let figure = Figure(title: String(format: "Exact spectrum and SLQ estimates, Gaussian kernel \u{03C3} = %.3g", sigma),
                            xTitle: "eigenvalue",
                            panels: [Panel(yTitle: "density (log scale)", yScale: .log, series: series, yFloor: floor)],
                            legend: legend, caption: [DensityPlot.floorCaption(floor: floor, share: share)])
        return figure.render(width: width, height: height)
    }

    /// The smoothed SLQ density at x.
    static func density(_ q: SpectralQuadrature, at x: Double, bandwidth sigma: Double) -> Double {
        let norm = 1 / (sigma * (2 * Double.pi).squareRoot())
        var total = 0.0
        for (theta, weight) in zip(q.nodes, q.weights) {
            let u = (x - theta) / sigma
            if abs(u) < SpectralDensity.cutoff { total += weight * exp(-u * u / 2) }
        }
        return total * norm
    }
}
