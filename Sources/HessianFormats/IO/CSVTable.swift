import Foundation

/// A CSV table built in memory: a header row, then one row per record, with
/// numbers written as the shortest text that reads back to the same Double.
public struct CSVTable: Sendable {
    /// The header.
    public let columns: [String]
    /// The CSV text so far, header first.
    public private(set) var text: String

    /// A table with this header and no rows.
    public init(columns: [String]) {
        self.columns = columns
        self.text = columns.joined(separator: ",") + "\n"
    }

    /// Appends one row; `fields` must match the header in length.
    public mutating func append(_ fields: [String]) {
        precondition(fields.count == columns.count, "CSV row has \(fields.count) fields for \(columns.count) columns")
        text += fields.joined(separator: ",")
        text += "\n"
    }

    /// The rows without the header line (for `--no-header`).
    public var rowsText: Substring { text.drop(while: { $0 != "\n" }).dropFirst() }

    /// The same table with `names` in front of the header and `values` in
    /// front of every row. (Rows are lines: no field the tool writes holds a
    /// line break.)
    public func prefixed(names: [String], values: [String]) -> CSVTable {
        guard !names.isEmpty else { return self }
        var out = CSVTable(columns: names + columns)
        let lead = values.joined(separator: ",") + ","
        for line in rowsText.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            out.text += lead
            out.text += line
            out.text += "\n"
        }
        return out
    }

    /// Appends the rows of another table with the same header.
    public mutating func append(contentsOf other: CSVTable) {
        precondition(other.columns == columns, "CSV headers differ")
        text += other.text.drop(while: { $0 != "\n" }).dropFirst()
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
