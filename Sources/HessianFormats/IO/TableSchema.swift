import Foundation
import HessianCore

/// A value that one CSV field holds: how it is written and read back.
public protocol CSVFieldValue {
    /// The field's text, unquoted (`CSVTable.text` quotes it).
    var csvField: String { get }
    /// The value a field's text stands for, or nil when it is not one.
    init?(csvField: String)
}

extension Double: CSVFieldValue {
    /// The shortest text that reads back to the same Double (`CSVField.number`).
    public var csvField: String { CSVField.number(self) }
    public init?(csvField: String) { self.init(csvField.trimmingCharacters(in: .whitespaces)) }
}

extension Int: CSVFieldValue {
    public var csvField: String { String(self) }
    public init?(csvField: String) { self.init(csvField.trimmingCharacters(in: .whitespaces)) }
}

extension String: CSVFieldValue {
    public var csvField: String { self }
    public init?(csvField: String) { self = csvField }
}

extension Optional: CSVFieldValue where Wrapped: CSVFieldValue {
    /// An empty field for nil.
    public var csvField: String { map(\.csvField) ?? "" }
    public init?(csvField: String) {
        if csvField.trimmingCharacters(in: .whitespaces).isEmpty {
            self = .none
        } else if let value = Wrapped(csvField: csvField) {
            self = .some(value)
        } else {
            return nil
        }
    }
}

/// One column of a table the tool writes: its name, whether it names the
/// group a row belongs to or holds a measured value, and how a row's value
/// is written and read back.
public struct TableColumn<Row> {
    /// What a column means to a reader that groups rows (`plot`, `outliers`).
    public enum Role: Sendable {
        /// Names the spectrum, run or series a row belongs to (`matrix`, `point`).
        case group
        /// A measured value, or a position within a group (`eigenvalue`, `index`).
        case measure
    }

    /// The header name.
    public let name: String
    /// Group or measure.
    public let role: Role
    /// The row's value as a field.
    let field: (Row) -> String
    /// Sets the row's value from a field; false when the text is not a value.
    let read: (inout Row, String) -> Bool

    /// A column whose value a row gives by `get` and takes by `set`.
    public init<Value: CSVFieldValue>(_ name: String, _ role: Role, get: @escaping (Row) -> Value,
                                      set: @escaping (inout Row, Value) -> Void) {
        self.name = name
        self.role = role
        self.field = { get($0).csvField }
        self.read = { row, text in
            guard let value = Value(csvField: text) else { return false }
            set(&row, value)
            return true
        }
    }

    /// A column holding the row's property at `keyPath`.
    public init<Value: CSVFieldValue>(_ name: String, _ role: Role, _ keyPath: WritableKeyPath<Row, Value>) {
        self.init(name, role, get: { $0[keyPath: keyPath] }, set: { $0[keyPath: keyPath] = $1 })
    }
}

/// The one declaration of a table's columns: the writer renders rows with
/// it, and every reader (the figures, the summary of a spectrum CSV, the
/// tests) finds its columns by the same names.
public struct TableSchema<Row> {
    /// The columns, in header order.
    public let columns: [TableColumn<Row>]
    /// The row that `rows(of:)` fills in, one column at a time.
    private let blank: Row

    /// A schema of `columns`; `blank` is the row reading starts from.
    public init(_ columns: [TableColumn<Row>], blank: Row) {
        self.columns = columns
        self.blank = blank
    }

    /// The header.
    public var names: [String] { columns.map(\.name) }

    /// The names of the columns of `role`.
    public func names(_ role: TableColumn<Row>.Role) -> [String] { columns.filter { $0.role == role }.map(\.name) }

    /// A row's values in header order.
    public func fields(_ row: Row) -> [String] { columns.map { $0.field(row) } }

    /// A table of `rows` under this header.
    public func table<Rows: Sequence>(_ rows: Rows) -> CSVTable where Rows.Element == Row {
        var table = CSVTable(columns: names)
        for row in rows { table.append(fields(row)) }
        return table
    }

    /// The rows of a document that has these columns (in any order, among
    /// others such as tags).
    /// - Throws: `CSVError.missingColumn` for a column it lacks,
    ///   `CSVError.malformed` for a field that is not a value of its column.
    public func rows(of document: CSVDocument) throws -> [Row] {
        let positions = try columns.map { try document.requireColumn($0.name) }
        return try document.rows.indices.map { r in
            var row = blank
            for (column, position) in zip(columns, positions) where !column.read(&row, document.rows[r][position]) {
                throw CSVError.malformed(source: document.source, line: document.rowLines[r],
                                         problem: "'\(document.rows[r][position])' in column \(column.name) is not a value of it")
            }
            return row
        }
    }
}

extension CSVFieldValue where Self: RawRepresentable, RawValue == String {
    /// The raw value.
    public var csvField: String { rawValue }
    public init?(csvField: String) { self.init(rawValue: csvField.trimmingCharacters(in: .whitespaces)) }
}

extension HessianPart: CSVFieldValue {}
extension EigenDriver: CSVFieldValue {}
