import Foundation
import HessianFormats

/// A run summary (`train --summary`, `spectrum --summary`: a row per
/// measured point) drawn as chosen columns against the step: one panel per
/// column, stacked and sharing the step axis, one line per group (tags and
/// configuration, as the other tables) — the curvature-during-training
/// figure (trace, largest eigenvalue, gradient overlap, … against step).
///
/// Rows without a step (a model loaded from a file) cannot be placed and
/// are left out; an empty field (a figure not measured there) is a gap.
enum SummaryPlot {
    /// Drawn when `--columns` is not given: those of these that hold values.
    static let defaultColumns = ["trace", "max_eigenvalue", "gradient_overlap"]
    /// The fallback when the run measured no spectrum figures.
    static let fitColumns = ["train_loss", "train_accuracy"]

    struct Group {
        var label: String
        /// Per chosen column, its points in increasing step (NaN: not measured).
        var lines: [[PlotPoint]]
    }

    /// The panel title of a known column.
    static func description(_ column: String) -> String? {
        switch column {
        case "trace": return "trace of the Hessian (sum of its eigenvalues)"
        case "max_eigenvalue": return "largest eigenvalue"
        case "min_eigenvalue": return "smallest eigenvalue"
        case "gradient_overlap": return "gradient overlap with the top eigenspace"
        case "negatives": return "negative eigenvalues (below the zero level)"
        case "grad_norm": return "full-batch gradient norm"
        case "train_loss": return "training loss"
        case "test_loss": return "test loss"
        case "train_accuracy": return "training accuracy"
        case "test_accuracy": return "test accuracy"
        default: return nil
        }
    }

    /// The chosen columns: `requested`, each of which must be a value column
    /// of the file, or the defaults that hold values.
    /// - Throws: `PlotError` for a requested column that is not a measured
    ///   column, or no default column with a value.
    static func columns(_ document: CSVDocument, requested: [String]?) throws -> [String] {
        let values = document.columns.filter { CSVContent.summaryValueColumns.contains($0) && $0 != "steps" && $0 != "point" }
        if let requested {
            for name in requested where !values.contains(name) {
                throw PlotError.unknownColumn(source: document.source, option: .plotColumns, column: name, columns: values)
            }
            return requested
        }
        func measured(_ name: String) -> Bool {
            guard let c = document.index(of: name) else { return false }
            return document.rows.contains { !$0[c].trimmingCharacters(in: .whitespaces).isEmpty }
        }
        let figures = defaultColumns.filter(measured)
        let chosen = figures.isEmpty ? fitColumns.filter(measured) : figures
        guard !chosen.isEmpty else {
            throw PlotError.nothingMeasured(source: document.source, columns: defaultColumns + fitColumns)
        }
        return chosen
    }

    /// Groups the rows by every column that is not a value column (or by
    /// `groupBy`) and reads `columns` against `steps`.
    /// - Throws: `PlotError` for a file without rows or without a step in
    ///   any row, a field that is not a finite number, an unknown column,
    ///   or too many groups.
    static func read(_ document: CSVDocument, columns: [String], groupBy: [String]?) throws -> [Group] {
        guard !document.rows.isEmpty else { throw PlotError.noRows(source: document.source) }
        let keyNames = try PlotGrouping.columns(of: document, valueColumns: CSVContent.summaryValueColumns, groupBy: groupBy)
        let keyColumns = keyNames.compactMap { document.index(of: $0) }
        let stepColumn = try document.requireColumn("steps")
        let valueColumns = try columns.map { try document.requireColumn($0) }
        var order: [[String]] = []
        var members: [[String]: [(x: Double, values: [Double])]] = [:]
        for (row, fields) in document.rows.enumerated() {
            guard let step = try PlotNumber.optional(document, row: row, column: stepColumn) else { continue }
            let key = keyColumns.map { fields[$0].trimmingCharacters(in: .whitespaces) }
            let values = try valueColumns.map { try PlotNumber.optional(document, row: row, column: $0) ?? .nan }
            if members[key] == nil { order.append(key) }
            members[key, default: []].append((step, values))
        }
        guard !order.isEmpty else { throw PlotError.noSteps(source: document.source) }
        try PlotGrouping.check(order, names: keyNames, source: document.source)
        let labels = keyNames.isEmpty ? order.map { _ in "all" } : GroupLabel.labels(for: order, names: keyNames)
        return zip(order, labels).map { key, label in
            let rows = PlotGrouping.sortedByX(members[key] ?? []) { $0.x }
            return Group(label: label, lines: columns.indices.map { c in rows.map { PlotPoint(x: $0.x, y: $0.values[c]) } })
        }
    }

    static func figure(_ groups: [Group], columns: [String], options: PlotOptions) -> Figure {
        let panels = columns.enumerated().map { c, column in
            Panel(title: description(column), yTitle: column,
                  series: groups.enumerated().map { g, group in
                      Series(group: group.label, name: column, points: group.lines[c], style: Palette.style(g))
                  },
                  yIntegerTicks: column == "negatives")
        }
        let gaps = groups.reduce(0) { $0 + $1.lines.reduce(0) { $0 + $1.filter { !$0.y.isFinite }.count } }
        return Figure(
            title: options.title ?? "Over training: " + columns.joined(separator: ", "),
            xTitle: "step",
            xIntegerTicks: true,
            panels: panels,
            legend: groups.count > 1 ? groups.enumerated().map { g, group in LegendEntry(label: group.label, style: Palette.style(g)) } : [],
            caption: gaps > 0 ? ["\(gaps) values were not measured at their step (empty fields); the lines have gaps there."] : [])
    }
}
