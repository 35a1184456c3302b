import HessianFormats
import HessianCore

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

    /// The fewest ranks a width summary's default shows.
    static let minimumTop = 10

    /// Ranks shown unless `--top` says: three times the largest outlier
    /// count of any group (the elbow of its sorted values, the method and
    /// window of `outliers`), at least `minimumTop`, so the outliers and
    /// the start of the bulk fill the panel rather than the bulk's flat tail.
    static func defaultTop(_ groups: [Group]) -> Int {
        let most = groups.map { outlierCount($0.points.map(\.y), method: .elbow) }.max() ?? 0
        return max(minimumTop, 3 * most)
    }

    static func figure(_ groups: [Group], kind: PlotKind, options: PlotOptions) -> Figure {
        let negative = kind == .negative
        let values = groups.flatMap { $0.points.map(\.y) }
        let scale: AxisScale = options.symlog ? .symlog(fitting: values) : options.logY ? .log : .linear
        var cut = LogAxisCut()
        let k = options.top ?? defaultTop(groups)
        let longest = groups.map(\.points.count).max() ?? 0
        let lines = groups.map { group -> GroupFigure.Line in
            let points = negative ? group.points : Array(group.points.prefix(k))
            return GroupFigure.Line(label: negative ? "\(group.label) (\(group.points.count) negative)" : group.label,
                                    name: negative ? "negative" : "top",
                                    points: scale == .log ? cut.keep(points, spectrum: group.points.map(\.y)) : points)
        }
        return GroupFigure.figure(
            title: options.title ?? (negative ? "Negative eigenvalues" : "Largest eigenvalues"),
            xTitle: negative ? "rank as % of M (from the most negative)" : "rank from the top", xIntegerTicks: !negative,
            panel: Panel(yTitle: EigenvalueAxis.title(scale), yScale: scale, series: [], yIncludes: negative ? [0] : []),
            groups: lines, layout: options.layout,
            caption: [cut.caption, !negative && options.top == nil && k < longest
                ? "Ranks 1\u{2013}\(k) of \(longest): three times the most outliers of a width (elbow, as outliers counts), "
                    + "at least \(minimumTop); \(options.settingWords[.top] ?? "a larger number of top eigenvalues") draws more." : nil].compactMap { $0 },
            note: groups.allSatisfy(\.points.isEmpty) ? (negative ? "no negative eigenvalues" : "no top eigenvalues") : nil)
    }
}
