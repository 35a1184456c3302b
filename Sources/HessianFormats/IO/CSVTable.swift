import Foundation

/// A CSV table built in memory: a header and one row of values per record,
/// numbers as the shortest text that reads back to the same Double (see
/// `CSVField`). Rows stay values until `text` renders them, quoting a value
/// that holds a comma, quote or line break; so columns are added to rows
/// (`prefixed`), never to rendered lines, and a reader in the same process
/// takes the values as they are (`CSVDocument(_:source:)`).
public struct CSVTable: Sendable, Equatable {
    /// The header.
    public let columns: [String]
    /// The rows, each as many values as the header, unquoted.
    public private(set) var rows: [[String]]

    /// A table with this header and no rows.
    public init(columns: [String]) {
        self.columns = columns
        self.rows = []
    }

    /// Appends one row of values (unquoted: `text` quotes them); `fields`
    /// must match the header in length.
    public mutating func append(_ fields: [String]) {
        precondition(fields.count == columns.count, "CSV row has \(fields.count) fields for \(columns.count) columns")
        rows.append(fields)
    }

    /// The CSV text, header first, a line per row.
    public var text: String { Self.line(columns) + rowsText }

    /// The rows without the header line (for `--no-header`).
    public var rowsText: String { rows.map(Self.line).joined() }

    private static func line(_ fields: [String]) -> String { fields.map(CSVField.text).joined(separator: ",") + "\n" }

    /// The same table with `names` in front of the header and `values` in
    /// front of every row.
    public func prefixed(names: [String], values: [String]) -> CSVTable {
        precondition(names.count == values.count, "\(names.count) column names for \(values.count) values")
        guard !names.isEmpty else { return self }
        var out = CSVTable(columns: names + columns)
        out.rows = rows.map { values + $0 }
        return out
    }

    /// Appends the rows of another table with the same header.
    public mutating func append(contentsOf other: CSVTable) {
        precondition(other.columns == columns, "CSV headers differ")
        rows += other.rows
    }
}

/// Text for one CSV field.
public enum CSVField {
    /// Shortest round-trip text of a Double (Swift's `description`): `0.1`,
    /// `1e-05`, `-3.5`, `nan`, `inf`.
    @inlinable public static func number(_ x: Double) -> String { x.description }
    @inlinable public static func number(_ x: Int) -> String { String(x) }

    /// Quotes a string field when it holds a comma, quote or newline.
    public static func text(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}
