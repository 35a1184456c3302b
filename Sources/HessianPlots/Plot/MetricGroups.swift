import HessianFormats

/// A point of a line, in data units.
struct PlotPoint: Equatable {
    var x: Double
    var y: Double
}

/// The four numbers a training run reports.
enum Metric: String, CaseIterable {
    case trainLoss = "train_loss"
    case testLoss = "test_loss"
    case trainAccuracy = "train_accuracy"
    case testAccuracy = "test_accuracy"

    var isLoss: Bool { self == .trainLoss || self == .testLoss }
    var isTest: Bool { self == .testLoss || self == .testAccuracy }
}

/// Where the `phase` column changes value between consecutive rows.
struct PhaseSwitch: Equatable {
    /// Half way between the last row of the old phase and the first of the new.
    var x: Double
    /// The old and the new phase, with what else changed with them
    /// ("small (batch = 10)").
    var from: String
    var to: String
}

/// The rows of an interpolation or curves CSV that share every group column.
struct MetricGroup {
    var label: String
    /// Each metric's points, in increasing x; metrics absent from the file or
    /// with every field empty are missing.
    var series: [Metric: [PlotPoint]]
    /// Interpolate's `top_k` columns: k ↦ the k-th largest eigenvalue along x.
    var tops: [Int: [PlotPoint]] = [:]
    var switches: [PhaseSwitch]
}

enum MetricGroups {
    /// Splits a table of metrics against `xColumn` (alpha or step) into
    /// groups, in order of first appearance: by every column that is not x,
    /// a metric, `phase` or a `top_k` column (the rule of `outliers`), or by
    /// `groupBy` only, pooling rows that differ elsewhere into the mean at
    /// each x. Empty metric fields are skipped.
    ///
    /// A group column that only changes where `phase` does, and whose
    /// values occupy successive x ranges (the batch size of a two-phase
    /// run), describes the phases rather than separate runs: it joins the
    /// phase-switch label instead of splitting the line.
    /// - Throws: `PlotError` for a non-numeric or non-finite field, a file
    ///   without rows, an unknown `groupBy` column, or too many groups.
    static func read(_ document: CSVDocument, xColumn: String, groupBy: [String]? = nil) throws -> [MetricGroup] {
        guard !document.rows.isEmpty else { throw PlotError.noRows(source: document.source) }
        let candidates = try PlotGrouping.columns(of: document, valueColumns: CSVContent.metricValueColumns(document, x: xColumn),
                                                  groupBy: groupBy)
        let x = try document.requireColumn(xColumn)
        let metrics = Metric.allCases.compactMap { m in document.index(of: m.rawValue).map { (m, $0) } }
        let topColumns = document.columns.indices.compactMap { c in InterpolationPoint.topRank(document.columns[c]).map { ($0, c) } }
        let phaseColumn = document.index(of: "phase")

        struct Row { var x: Double; var values: [Metric: Double]; var tops: [Int: Double]; var phase: String; var tags: [String: String] }
        var rows: [Row] = []
        for (r, fields) in document.rows.enumerated() {
            var row = Row(x: try PlotNumber.read(document, row: r, column: x), values: [:], tops: [:],
                          phase: phaseColumn.map { fields[$0].trimmingCharacters(in: .whitespaces) } ?? "", tags: [:])
            for (metric, column) in metrics {
                row.values[metric] = try PlotNumber.optional(document, row: r, column: column)
            }
            for (k, column) in topColumns {
                row.tops[k] = try PlotNumber.optional(document, row: r, column: column)
            }
            for name in candidates {
                if let c = document.index(of: name) { row.tags[name] = fields[c].trimmingCharacters(in: .whitespaces) }
            }
            rows.append(row)
        }

        func followsPhase(_ name: String) -> Bool {
            var valueOfPhase: [String: String] = [:]
            var span: [String: (low: Double, high: Double)] = [:]
            for row in rows {
                let value = row.tags[name] ?? ""
                if let known = valueOfPhase[row.phase], known != value { return false }
                valueOfPhase[row.phase] = value
                let s = span[value] ?? (row.x, row.x)
                span[value] = (min(s.low, row.x), max(s.high, row.x))
            }
            let spans = span.values.sorted { $0.low < $1.low }
            return zip(spans, spans.dropFirst()).allSatisfy { $0.high <= $1.low }
        }
        let phaseTags = phaseColumn == nil ? [] : candidates.filter(followsPhase)
        let keyNames = candidates.filter { !phaseTags.contains($0) }
        let shownTags = phaseTags.filter { name in Set(rows.map { $0.tags[name] ?? "" }).count > 1 }

        var order: [[String]] = []
        var members: [[String]: [Row]] = [:]
        for row in rows {
            let key = keyNames.map { row.tags[$0] ?? "" }
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(row)
        }
        try PlotGrouping.check(order, names: keyNames, source: document.source)
        let labels = keyNames.isEmpty ? order.map { _ in "all" } : GroupLabel.labels(for: order, names: keyNames)
        return zip(order, labels).map { key, label in
            var sorted = PlotGrouping.sortedByX(members[key] ?? []) { $0.x }
            if groupBy != nil { sorted = pooled(sorted) }
            var series: [Metric: [PlotPoint]] = [:]
            for (metric, _) in metrics {
                let points = sorted.compactMap { row in row.values[metric].map { PlotPoint(x: row.x, y: $0) } }
                if !points.isEmpty { series[metric] = points }
            }
            var tops: [Int: [PlotPoint]] = [:]
            for (k, _) in topColumns {
                let points = sorted.compactMap { row in row.tops[k].map { PlotPoint(x: row.x, y: $0) } }
                if !points.isEmpty { tops[k] = points }
            }
            var switches: [PhaseSwitch] = []
            var previous: Row? = nil
            for row in sorted where !row.phase.isEmpty {
                if let p = previous, p.phase != row.phase {
                    func describe(_ row: Row) -> String {
                        let tags = shownTags.compactMap { name in row.tags[name].map { "\(GroupLabel.symbol(name)) = \($0)" } }
                        return tags.isEmpty ? row.phase : "\(row.phase) (\(tags.joined(separator: ", ")))"
                    }
                    switches.append(PhaseSwitch(x: (p.x + row.x) / 2, from: describe(p), to: describe(row)))
                }
                previous = row
            }
            return MetricGroup(label: label, series: series, tops: tops, switches: switches)
        }

        /// Rows of one x and phase (sorted by x) merged into their mean.
        func pooled(_ sorted: [Row]) -> [Row] {
            var out: [Row] = []
            var counts: [[String: Int]] = []
            for row in sorted {
                if let last = out.last, last.x == row.x, last.phase == row.phase {
                    let i = out.count - 1
                    for (metric, value) in row.values {
                        out[i].values[metric, default: 0] += value
                        counts[i][metric.rawValue, default: 0] += 1
                    }
                    for (k, value) in row.tops {
                        out[i].tops[k, default: 0] += value
                        counts[i]["top_\(k)", default: 0] += 1
                    }
                } else {
                    out.append(row)
                    var c: [String: Int] = [:]
                    for metric in row.values.keys { c[metric.rawValue] = 1 }
                    for k in row.tops.keys { c["top_\(k)"] = 1 }
                    counts.append(c)
                }
            }
            for i in out.indices {
                for metric in out[i].values.keys { out[i].values[metric]! /= Double(counts[i][metric.rawValue] ?? 1) }
                for k in out[i].tops.keys { out[i].tops[k]! /= Double(counts[i]["top_\(k)"] ?? 1) }
            }
            return out
        }
    }
}
