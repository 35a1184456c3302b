import Foundation
import HessianCore

extension SpectrumSummary {
    /// Columns of a spectrum CSV that vary within one spectrum and so do not
    /// name its group.
    public static let perEigenvalueColumns = SpectrumTable.schema(residuals: true).names(.measure)

    /// The statistics columns after the group columns: `count`, one column
    /// per outlier method, `negatives`, `near_zero_fraction`,
    /// `max_eigenvalue`, `min_eigenvalue`.
    public static let schema = TableSchema<SpectrumSummary>([TableColumn("count", .measure, \.count)]
        + OutlierMethod.allCases.map { method in
            TableColumn(method.rawValue, .measure, get: { $0.outliers(by: method) }, set: { $0.outliers[method] = $1 })
        } + [
            TableColumn("negatives", .measure, \.negatives), TableColumn("near_zero_fraction", .measure, \.nearZeroFraction),
            TableColumn("max_eigenvalue", .measure, \.maxEigenvalue), TableColumn("min_eigenvalue", .measure, \.minEigenvalue),
        ], blank: SpectrumSummary(eigenvalues: []))

    /// The statistics columns after the group columns.
    public static let columns = schema.names

    /// One row per spectrum of a spectrum CSV: the group's values, then
    /// `count`, one column per outlier method, `negatives`,
    /// `near_zero_fraction`, `max_eigenvalue`, `min_eigenvalue`.
    ///
    /// A group is a distinct combination of every column except `index`,
    /// `eigenvalue` and `residual_norm` (so `matrix`, `point`, `step` and
    /// columns such as `clusters`, `width`, `params`, `batch_size`), compared
    /// after trimming spaces; groups keep the order in which they first
    /// appear and their columns keep the file's order. Only `eigenvalue` is
    /// required; rows of a group may come in any order.
    /// - Throws: `SpectrumSummaryError` for a file without an `eigenvalue`
    ///   column or without rows, or an eigenvalue that is not a finite number.
    /// - Complexity: O(n log n) for n rows.
    public static func table(of document: CSVDocument, counting: OutlierCounting = OutlierCounting()) throws -> CSVTable {
        guard let valueColumn = document.index(of: "eigenvalue") else {
            throw SpectrumSummaryError.noEigenvalueColumn(source: document.source, columns: document.columns)
        }
        guard !document.rows.isEmpty else { throw SpectrumSummaryError.noRows(source: document.source) }
        let groupColumns = document.columns.indices.filter { !perEigenvalueColumns.contains(document.columns[$0]) }

        var order: [[String]] = []
        var members: [[String]: [Double]] = [:]
        for (row, fields) in document.rows.enumerated() {
            let text = fields[valueColumn].trimmingCharacters(in: .whitespaces)
            guard let value = Double(text), value.isFinite else {
                throw SpectrumSummaryError.badEigenvalue(source: document.source, line: document.rowLines[row], text: text)
            }
            let key = groupColumns.map { fields[$0].trimmingCharacters(in: .whitespaces) }
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(value)
        }

        let names = groupColumns.map { document.columns[$0] }
        var table = CSVTable(columns: names + columns)
        for key in order {
            let summary = SpectrumSummary(eigenvalues: members[key] ?? [], counting: counting)
            table.append(contentsOf: ConstantColumns(names: names, values: key).applied(to: schema.table([summary])))
        }
        return table
    }
}

/// What can be wrong with a spectrum CSV handed to the summary.
public enum SpectrumSummaryError: Error, CustomStringConvertible, Equatable {
    case noEigenvalueColumn(source: String, columns: [String])
    case noRows(source: String)
    case badEigenvalue(source: String, line: Int, text: String)

    /// One line for a human.
    public var description: String {
        switch self {
        case .noEigenvalueColumn(let source, let columns):
            return "\(source): no 'eigenvalue' column (found \(columns.joined(separator: ","))); "
                + "give a spectrum CSV as written by train or spectrum, with columns \(SpectrumTable.columns.joined(separator: ","))"
        case .noRows(let source):
            return "\(source): the spectrum has a header but no eigenvalues"
        case .badEigenvalue(let source, let line, let text):
            return "\(source), line \(line): eigenvalue '\(text)' is not a finite number"
        }
    }
}
