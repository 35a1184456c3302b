import HessianFormats

/// The width sweep's summary (`widths --summary`): the top eigenvalues of
/// each width against their rank (Fig 3), or the negative ones against rank
/// as a percentage of M (Fig 5), one line per width and matrix.
enum WidthSummaryPlot {
    struct Group {
        var label: String
        var points: [PlotPoint]
    }

    /// The rows of `series` ("top" or "negative"), grouped by every column
    /// but the value columns (or by `groupBy`): x is `rank` for the top
    /// series and `rank_percent` for the negative one.
    static func read(_ document: CSVDocument, series: String, groupBy: [String]?) throws -> [Group] {
        guard !document.rows.isEmpty else { throw PlotError.noRows(source: document.source) }
        let keyNames = try PlotGrouping.columns(of: document, valueColumns: CSVContent.widthSummaryValueColumns, groupBy: groupBy)
        let keyColumns = keyNames.compactMap { document.index(of: $0) }
        let seriesColumn = try document.requireColumn("series")
        let xColumn = try document.requireColumn(series == "top" ? "rank" : "rank_percent")
        let valueColumn = try document.requireColumn("eigenvalue")
        var order: [[String]] = []
        var members: [[String]: [PlotPoint]] = [:]
        for (row, fields) in document.rows.enumerated() {
            let key = keyColumns.map { fields[$0].trimmingCharacters(in: .whitespaces) }
            if members[key] == nil {
                order.append(key)
                members[key] = []
            }
            guard fields[seriesColumn].trimmingCharacters(in: .whitespaces) == series else { continue }
            members[key, default: []].append(PlotPoint(x: try PlotNumber.read(document, row: row, column: xColumn),
                                                       y: try PlotNumber.read(document, row: row, column: valueColumn)))
        }
        try PlotGrouping.check(order, names: keyNames, source: document.source)
        let labels = GroupLabel.labels(for: order, names: keyNames)
        return zip(order, labels).map { key, label in
            Group(label: label, points: (members[key] ?? []).sorted { $0.x < $1.x })
        }
    }

    static func figure(_ groups: [Group], kind: PlotKind, options: PlotOptions) -> Figure {
        let negative = kind == .negative
        let values = groups.flatMap { $0.points.map(\.y) }
        let scale: AxisScale = options.symlog ? .symlog(fitting: values) : options.logY ? .log : .linear
        let series = groups.enumerated().map { i, group in
            Series(group: group.label, name: negative ? "negative" : "top",
                   points: EigenvalueAxis.drawable(group.points, scale), style: Palette.style(i))
        }
        let none = groups.allSatisfy(\.points.isEmpty)
        return Figure(
            title: options.title ?? (negative ? "Negative eigenvalues" : "Largest eigenvalues"),
            xTitle: negative ? "rank as % of M (from the most negative)" : "rank from the top",
            xIntegerTicks: !negative,
            panels: [Panel(yTitle: EigenvalueAxis.title(scale), yScale: scale, series: series, yIncludes: negative ? [0] : [])],
            legend: groups.enumerated().map { i, group in
                LegendEntry(label: negative ? "\(group.label) (\(group.points.count) negative)" : group.label, style: Palette.style(i))
            },
            note: none ? (negative ? "no negative eigenvalues" : "no top eigenvalues") : nil)
    }
}
