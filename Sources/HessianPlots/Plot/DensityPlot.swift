import Foundation
import HessianCore

/// The spectral density of each group's exact eigenvalues, smoothed by a
/// Gaussian kernel (`SpectralDensity`), on a log density axis so the few
/// outliers show beside the bulk; with `marchenkoPastur`, each group's
/// Marchenko–Pastur law (ratio M/N, σ² the mean eigenvalue unless given)
/// dashed on top, as the paper's Appendix B, Fig 9.
///
/// The curves are sampled at `gridPoints` equal steps from the smallest
/// eigenvalue − 4σ to the largest + 4σ. The log axis starts at
/// `floorRatio` of the largest density: where a curve falls below it, it
/// stops (a gap) rather than run along the floor, and the caption gives the
/// floor and the share of the grid below it.
///
/// A colour per curve (each law its own too); past `PlotLayout.overlayLimit`
/// curves, or with `--layout panels`, a panel per group with its law.
enum DensityPlot {
    static let gridPoints = 1000
    static let floorRatio = 1e-7

    static func figure(_ groups: [SpectrumGroup], options: PlotOptions) -> Figure {
        let all = groups.flatMap(\.eigenvalues)
        let sigma = options.bandwidth ?? SpectralDensity.defaultBandwidth(all)
        let low = (all.min() ?? 0) - 4 * sigma, high = (all.max() ?? 1) + 4 * sigma
        let grid = (0..<gridPoints).map { i in low + (high - low) * Double(i) / Double(gridPoints - 1) }
        let densities = groups.map { group -> [PlotPoint] in
            let density = SpectralDensity(eigenvalues: group.eigenvalues, bandwidth: sigma)
            return grid.map { PlotPoint(x: $0, y: density.density(at: $0)) }
        }
        let laws = groups.map { group -> MarchenkoPastur? in
            guard options.marchenkoPastur, let n = options.samples, !group.eigenvalues.isEmpty else { return nil }
            return law(for: group.eigenvalues, samples: n, variance: options.variance)
        }
        let lawCurves = laws.map { $0.map(curve) }
        let peak = (densities + lawCurves.compactMap { $0 }).flatMap { $0.map(\.y) }.max() ?? 0
        let floor = peak > 0 ? peak * floorRatio : 1e-12
        let below = densities.flatMap { $0 }.filter { $0.y < floor }.count
        let share = Double(below) / Double(max(1, densities.count * gridPoints))
        let caption = floorCaption(floor: floor, share: share)
        let panels = options.layout.usesPanels(groups: groups.count + laws.compactMap { $0 }.count)
        func lawLabel(_ law: MarchenkoPastur) -> String {
            "Marchenko\u{2013}Pastur, q = \(short(law.ratio)), \u{03C3}\u{00B2} = \(short(law.variance))"
        }
        var lawStyle = Palette.style(1)
        lawStyle.dash = Palette.testDash

        var figurePanels: [Panel] = []
        var legend: [LegendEntry] = []
        let yTitle = "density (log scale)"
        if panels {
            for (g, group) in groups.enumerated() {
                var series = [Series(group: group.label, name: "density", points: densities[g], style: Palette.style(0))]
                var title = group.labelWithM
                if let law = laws[g], let points = lawCurves[g] {
                    series.append(Series(group: group.label, name: "marchenko-pastur", points: points, style: lawStyle))
                    title += "; q = \(short(law.ratio)), \u{03C3}\u{00B2} = \(short(law.variance))"
                }
                figurePanels.append(Panel(title: title, yTitle: yTitle, yScale: .log, series: series, yFloor: floor))
            }
            if laws.contains(where: { $0 != nil }) {
                legend = [LegendEntry(label: "kernel density", style: Palette.style(0)),
                          LegendEntry(label: "Marchenko\u{2013}Pastur law (q and \u{03C3}\u{00B2} in each title)", style: lawStyle)]
            }
        } else {
            var series: [Series] = []
            for (g, group) in groups.enumerated() {
                series.append(Series(group: group.label, name: "density", points: densities[g], style: Palette.style(g)))
                legend.append(LegendEntry(label: group.labelWithM, style: Palette.style(g)))
            }
            var colour = groups.count
            for (g, law) in laws.enumerated() {
                guard let law, let points = lawCurves[g] else { continue }
                var style = Palette.style(colour)
                style.dash = Palette.testDash
                colour += 1
                series.append(Series(group: groups[g].label, name: "marchenko-pastur", points: points, style: style))
                legend.append(LegendEntry(label: lawLabel(law) + (groups.count > 1 ? " (\(groups[g].label))" : ""), style: style))
            }
            figurePanels = [Panel(yTitle: yTitle, yScale: .log, series: series, yFloor: floor)]
        }
        return Figure(
            title: options.title ?? "Spectral density, Gaussian kernel \u{03C3} = \(short(sigma))",
            xTitle: "eigenvalue",
            panels: figurePanels,
            legend: legend,
            caption: [caption],
            columns: panels ? PlotLayout.columns(for: groups.count) : 1,
            sharedY: panels)
    }

    /// The caption of a log density axis starting at `floorRatio` of the
    /// peak (`floor`), `share` of the curves' grid points below it.
    static func floorCaption(floor: Double, share: Double) -> String {
        "Log density axis from 10" + TickLabel.superscript(Int(log10(floorRatio).rounded())) + " of the peak density"
            + " (\(short(floor))); the curves stop where they fall below it (\(percent(share)) of the kernel density's grid)."
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

    /// A share as a percentage with two significant digits ("0.52 %", "38 %").
    private static func percent(_ share: Double) -> String {
        share == 0 ? "0 %" : String(format: "%.2g %%", 100 * share)
    }
}
