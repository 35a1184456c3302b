import HessianFormats

/// The eigenvalues of one matrix at one point of one run: the rows of a
/// spectrum CSV that share matrix, point, step and every group column.
struct SpectrumGroup: Equatable {
    /// For the legend: only the parts that differ between groups.
    var label: String
    /// Ordered by the CSV's `index` column (ascending eigenvalues).
    var eigenvalues: [Double]

    /// The label with the group's M, unless a `params` column already gives it.
    var labelWithM: String {
        label.contains("M = ") ? label : "\(label) (M = \(eigenvalues.count))"
    }
}

enum SpectrumGroups {
    /// Splits a spectrum CSV into groups, in order of first appearance: by
    /// every column but `index`, `eigenvalue` and `residual_norm` (as
    /// `outliers` does), or by `groupBy` only, pooling the eigenvalues of
    /// rows that differ elsewhere.
    /// - Throws: `PlotError` for a non-numeric or non-finite eigenvalue or
    ///   index, a file without rows, an unknown `groupBy` column, or more
    ///   groups than a plot can show.
    static func read(_ document: CSVDocument, groupBy: [String]? = nil) throws -> [SpectrumGroup] {
        guard !document.rows.isEmpty else { throw PlotError.noRows(source: document.source) }
        let keyNames = try PlotGrouping.columns(of: document, valueColumns: CSVContent.spectrumValueColumns, groupBy: groupBy)
        let keyColumns = keyNames.compactMap { document.index(of: $0) }
        let indexColumn = try document.requireColumn("index")
        let valueColumn = try document.requireColumn("eigenvalue")

        var order: [[String]] = []
        var members: [[String]: [(index: Double, value: Double)]] = [:]
        for (row, fields) in document.rows.enumerated() {
            let key = keyColumns.map { fields[$0].trimmingCharacters(in: .whitespaces) }
            let index = try PlotNumber.read(document, row: row, column: indexColumn)
            let value = try PlotNumber.read(document, row: row, column: valueColumn)
            if members[key] == nil { order.append(key) }
            members[key, default: []].append((index, value))
        }
        try PlotGrouping.check(order, names: keyNames, source: document.source)
        let labels = GroupLabel.labels(for: order, names: keyNames)
        return zip(order, labels).map { key, label in
            let rows = members[key] ?? []
            // Pooled spectra have repeated indices: order those by value.
            let sorted = groupBy == nil ? rows.sorted { $0.index < $1.index } : rows.sorted { $0.value < $1.value }
            return SpectrumGroup(label: label, eigenvalues: sorted.map(\.value))
        }
    }
}

/// Legend text for groups: the key parts that differ between groups, in the
/// paper's notation (k clusters, h hidden units, M parameters).
enum GroupLabel {
    static func labels(for keys: [[String]], names: [String]) -> [String] {
        guard !keys.isEmpty else { return [] }
        let pointAt = names.firstIndex(of: "point"), stepAt = names.firstIndex(of: "step")
        var shown = names.indices.filter { i in Set(keys.map { $0[i] }).count > 1 }
        if let pointAt, let stepAt, shown.contains(stepAt) {
            // The step is written with the point ("step 200"), so it needs the
            // point's column whenever it varies.
            shown.removeAll { $0 == stepAt }
            if !shown.contains(pointAt) { shown.append(pointAt) }
        }
        if shown.isEmpty {
            // One group: say what it is.
            shown = names.indices.filter { i in i != stepAt && !keys[0][i].isEmpty }
        }
        shown.sort()
        return keys.map { key in
            let parts = shown.compactMap { i -> String? in
                let value = key[i]
                switch names[i] {
                case "matrix": return matrixName(value)
                case "block": return blockName(value)
                case "point":
                    let step = stepAt.map { key[$0] } ?? ""
                    if value == "step" { return step.isEmpty ? "step" : "step \(step)" }
                    return value == "init" ? "initial" : value
                default:
                    return value.isEmpty ? nil : "\(symbol(names[i])) = \(value)"
                }
            }
            return parts.isEmpty ? "all" : parts.joined(separator: ", ")
        }
    }

    /// The display names of the `matrix` values: H, its parts, and the
    /// three class levels of G.
    static let matrixNames: [String: String] = [
        "hessian": "Hessian H",
        "gauss_newton": "Gauss-Newton G",
        "residual": "residual R",
        "gn_class": "class means G_class",
        "gn_cross": "cross-class G_cross",
        "gn_within": "within-class G_within",
    ]

    static func matrixName(_ raw: String) -> String { matrixNames[raw] ?? raw }

    /// A `block` value for reading: `all` the whole matrix, `layer2` "layer 2",
    /// `layer2.weight` "layer 2 weight"; anything else as written.
    static func blockName(_ raw: String) -> String {
        if raw == "all" { return "all layers" }
        let parts = raw.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts[0].hasPrefix("layer"), let number = Int(parts[0].dropFirst("layer".count)),
              parts.count == 1 || ["weight", "bias"].contains(parts[1]) else { return raw }
        return (["layer \(number)"] + parts.dropFirst().map(String.init)).joined(separator: " ")
    }

    static func symbol(_ column: String) -> String {
        switch column {
        case "clusters": return "k"
        case "hidden": return "h"
        case "params": return "M"
        case "batch_size": return "batch"
        case "alpha": return "\u{03B1}"
        default: return column
        }
    }
}

/// Reading plotted numbers: finite, or a one-line error naming the line.
enum PlotNumber {
    static func read(_ document: CSVDocument, row: Int, column: Int) throws -> Double {
        let text = document.rows[row][column].trimmingCharacters(in: .whitespaces)
        guard let value = Double(text) else {
            throw PlotError.notANumber(source: document.source, line: document.rowLines[row], column: document.columns[column], text: text)
        }
        guard value.isFinite else {
            throw PlotError.notFinite(source: document.source, line: document.rowLines[row], column: document.columns[column], text: text)
        }
        return value
    }

    /// Nil for an empty field (a value that was not measured).
    static func optional(_ document: CSVDocument, row: Int, column: Int) throws -> Double? {
        if document.rows[row][column].trimmingCharacters(in: .whitespaces).isEmpty { return nil }
        return try read(document, row: row, column: column)
    }
}
