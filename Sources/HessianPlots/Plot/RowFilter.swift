import HessianCore
import HessianFormats

/// `--where column=value`: keep only the rows whose `column` holds `value`
/// (numbers compare as numbers, so `lr=0.10` matches `0.1`).
public struct RowFilter: Sendable, Equatable {
    /// The column's name in the header.
    public var column: String
    /// The value a kept row holds there.
    public var value: String

    /// A filter keeping rows whose `column` holds `value`.
    public init(column: String, value: String) {
        self.column = column
        self.value = value
    }

    /// Parses `column=value`.
    /// - Throws: `SettingError` without a `=` or a column name.
    public init(parsing text: String) throws {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw SettingError(.rowFilter, .rule("takes column=value, e.g. seed=0"), got: "'\(text)'")
        }
        self.init(column: text[..<equals].trimmingCharacters(in: .whitespaces),
                  value: text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces))
    }

    func matches(_ field: String) -> Bool {
        let text = field.trimmingCharacters(in: .whitespaces)
        if text == value { return true }
        if let a = Double(text), let b = Double(value) { return a == b }
        return false
    }

    /// The rows of `document` that pass every filter.
    /// - Throws: `PlotError.unknownColumn` for a column the file lacks,
    ///   `PlotError.noRowsMatch` when no row passes.
    static func apply(_ filters: [RowFilter], to document: CSVDocument) throws -> CSVDocument {
        guard !filters.isEmpty else { return document }
        let columns = try filters.map { filter -> Int in
            guard let c = document.index(of: filter.column) else {
                throw PlotError.unknownColumn(source: document.source, option: .rowFilter, column: filter.column,
                                              columns: document.columns)
            }
            return c
        }
        let kept = document.rows.indices.filter { r in
            zip(filters, columns).allSatisfy { filter, c in filter.matches(document.rows[r][c]) }
        }
        guard !kept.isEmpty else {
            let values = zip(filters, columns).map { filter, c -> String in
                let seen = PlotGrouping.distinct(document.rows.map { $0[c].trimmingCharacters(in: .whitespaces) })
                return "\(filter.column) has \(PlotGrouping.list(seen))"
            }
            throw PlotError.noRowsMatch(source: document.source,
                                        filters: filters.map { "\($0.column)=\($0.value)" }.joined(separator: " "),
                                        values: values.joined(separator: "; "))
        }
        return CSVDocument(document, rows: kept)
    }
}

/// Which columns split a table into groups (one line each).
///
/// By default every column that is not a value column of the content — the
/// rule of `outliers` — so that a sweep is never pooled silently;
/// `--group-by` names the columns instead, and rows that differ only in the
/// others are pooled on purpose.
enum PlotGrouping {
    /// More groups than this are refused: their lines cannot be told apart.
    static let maximumGroups = 12

    /// `rows` in increasing `x`, rows with equal `x` kept in file order.
    static func sortedByX<Row>(_ rows: [Row], x: (Row) -> Double) -> [Row] {
        rows.enumerated().sorted { a, b in
            x(a.element) != x(b.element) ? x(a.element) < x(b.element) : a.offset < b.offset
        }.map(\.element)
    }

    /// The grouping columns of `document`, in file order: `groupBy` when
    /// given (each must exist and must not be a value column), else every
    /// column outside `valueColumns`.
    static func columns(of document: CSVDocument, valueColumns: Set<String>, groupBy: [String]?) throws -> [String] {
        guard let groupBy else { return document.columns.filter { !valueColumns.contains($0) } }
        for name in groupBy where document.index(of: name) == nil || valueColumns.contains(name) {
            let candidates = document.columns.filter { !valueColumns.contains($0) }
            throw PlotError.unknownColumn(source: document.source, option: .groupBy, column: name, columns: candidates)
        }
        return document.columns.filter { groupBy.contains($0) }
    }

    /// Refuses more than `maximumGroups` groups, naming the columns that
    /// vary and the ways out.
    static func check(_ keys: [[String]], names: [String], source: String) throws {
        guard keys.count > maximumGroups else { return }
        let varying = names.indices.filter { i in Set(keys.map { $0[i] }).count > 1 }.map { names[$0] }
        throw PlotError.tooManyGroups(source: source, count: keys.count, columns: varying, limit: maximumGroups)
    }

    /// Distinct values in order of first appearance.
    static func distinct(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    /// "0, 1, 2" or "0, 1, 2, … (7 values)".
    static func list(_ values: [String]) -> String {
        let shown = values.prefix(6).map { $0.isEmpty ? "''" : $0 }.joined(separator: ", ")
        return values.count > 6 ? "\(shown), … (\(values.count) values)" : shown
    }
}
