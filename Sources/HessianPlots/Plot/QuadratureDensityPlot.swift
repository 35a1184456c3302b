import Foundation
import HessianCore
import HessianFormats

/// The density of SLQ estimates (`hessian-spectrum … --method slq`: columns
/// matrix, point, step, probe, node, weight), each group's nodes θ and
/// weights τ smoothed by a Gaussian kernel,
///
///     ρ(x) = Σ_k τ_k · exp(−(x − θ_k)²/(2σ²)) / (σ√(2π)),
///
/// on a log density axis as `DensityPlot`; with an exact spectrum CSV of
/// the same network, each of its groups' exact density (same σ) dashed on
/// top. Groups are the distinct combinations of every column but probe,
/// node and weight (so the probes of one matrix are pooled).
enum QuadratureDensityPlot {
    /// Columns that hold values rather than name a group.
    static let valueColumns = Set(QuadratureTable.schema.names(.measure))

    /// One group's nodes and weights.
    struct Group {
        var label: String
        var nodes: [Double]
        var weights: [Double]
    }

    /// The groups of an SLQ CSV, in order of first appearance.
    /// - Throws: `PlotError` as `SpectrumGroups.read`.
    static func read(_ document: CSVDocument, groupBy: [String]?) throws -> [Group] {
        guard !document.rows.isEmpty else { throw PlotError.noRows(source: document.source) }
        let keyNames = try PlotGrouping.columns(of: document, valueColumns: valueColumns, groupBy: groupBy)
        let keyColumns = keyNames.compactMap { document.index(of: $0) }
        let nodeColumn = try document.requireColumn("node"), weightColumn = try document.requireColumn("weight")
        var order: [[String]] = []
        var members: [[String]: (nodes: [Double], weights: [Double])] = [:]
        for (row, fields) in document.rows.enumerated() {
            let key = keyColumns.map { fields[$0].trimmingCharacters(in: .whitespaces) }
            let node = try PlotNumber.read(document, row: row, column: nodeColumn)
            let weight = try PlotNumber.read(document, row: row, column: weightColumn)
            if members[key] == nil { order.append(key) }
            members[key, default: ([], [])].nodes.append(node)
            members[key, default: ([], [])].weights.append(weight)
        }
        try PlotGrouping.check(order, names: keyNames, source: document.source)
        // Pooled groups (--group-by) carry the weights of several estimates: renormalise.
        return zip(order, GroupLabel.labels(for: order, names: keyNames)).map { key, label in
            let m = members[key] ?? ([], [])
            let total = m.weights.reduce(0, +)
            return Group(label: label, nodes: m.nodes, weights: total > 0 ? m.weights.map { $0 / total } : m.weights)
        }
    }

    static func figure(_ groups: [Group], exact: [SpectrumGroup], options: PlotOptions) -> Figure {
        let all = groups.flatMap(\.nodes) + exact.flatMap(\.eigenvalues)
        let sigma = options.bandwidth ?? SpectralDensity.defaultBandwidth(exact.isEmpty ? all : exact.flatMap(\.eigenvalues))
        let low = (all.min() ?? 0) - 4 * sigma, high = (all.max() ?? 1) + 4 * sigma
        let grid = (0..<DensityPlot.gridPoints).map { i in low + (high - low) * Double(i) / Double(DensityPlot.gridPoints - 1) }
        var series: [Series] = []
        var legend: [LegendEntry] = []
        for (g, group) in groups.enumerated() {
            let q = SpectralQuadrature(nodes: group.nodes, weights: group.weights, probes: [], steps: [])
            let points = grid.map { PlotPoint(x: $0, y: AuditFigure.density(q, at: $0, bandwidth: sigma)) }
            series.append(Series(group: group.label, name: "slq", points: points, style: Palette.style(g)))
            legend.append(LegendEntry(label: "\(group.label), SLQ", style: Palette.style(g)))
        }
        for (e, group) in exact.enumerated() {
            let density = SpectralDensity(eigenvalues: group.eigenvalues, bandwidth: sigma)
            var style = Palette.style(groups.count + e)
            style.dash = Palette.testDash
            series.append(Series(group: group.label, name: "exact", points: grid.map { PlotPoint(x: $0, y: density.density(at: $0)) },
                                 style: style))
            legend.append(LegendEntry(label: "\(group.labelWithM), exact", style: style))
        }
        let peak = series.flatMap { $0.points.map(\.y) }.max() ?? 0
        let floor = peak > 0 ? peak * DensityPlot.floorRatio : 1e-12
        for i in series.indices {
            series[i].points = series[i].points.map { PlotPoint(x: $0.x, y: max($0.y, floor)) }
        }
        return Figure(
            title: options.title ?? String(format: "SLQ spectral density, Gaussian kernel \u{03C3} = %.3g", sigma),
            xTitle: "eigenvalue",
            panels: [Panel(yTitle: "density (log scale)", yScale: .log, series: series, yFloor: floor)],
            legend: legend)
    }
}
