import Foundation

/// A CSV document read into memory: its header and its rows as text fields.
/// Handles quoted fields (with doubled quotes inside), `\r\n` line ends and a
/// missing final newline, blank lines and a leading byte-order mark; every row
/// must have as many fields as the header.
public struct CSVDocument: Sendable {
    /// The header.
    public let columns: [String]
    /// The rows, each as many fields as the header.
    public let rows: [[String]]
    /// The line of the text on which each row starts (the first line is 1),
    /// for error messages: blank lines and quoted line breaks make it differ
    /// from the row's position.
    public let rowLines: [Int]
    /// Where the text came from, for error messages.
    public let source: String

    /// Parses `text`; `source` names it in errors (a path, or "stdin").
    public init(text: String, source: String) throws {
        self.source = source
        var records: [[String]] = []
        var recordLines: [Int] = []
        var field = ""
        var record: [String] = []
        var inQuotes = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        var fieldWasQuoted = false
        var line = 1
        var recordLine = 1
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        // Spreadsheet programs often start UTF-8 files with a byte-order mark.
        if let first = next(), first != "\u{FEFF}" { pending = first }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let d = next() {
                        if d == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = d }
                    } else { inQuotes = false }
                } else {
                    // A line break inside quotes is part of the field but still a new line of the text.
                    if c == "\n" { line += 1 }
                    if c == "\r" {
                        pending = next()
                        if pending != "\n" { line += 1 }
                    }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty && !fieldWasQuoted:
                inQuotes = true
                fieldWasQuoted = true
            case ",":
                record.append(field); field = ""; fieldWasQuoted = false
            case "\n", "\r":
                if c == "\r", let d = next(), d != "\n" { pending = d }
                record.append(field); field = ""; fieldWasQuoted = false
                if !(record.count == 1 && record[0].isEmpty) {
                    records.append(record)
                    recordLines.append(recordLine)
                }
                record = []
                line += 1
                recordLine = line
            default:
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw CSVError.malformed(source: source, line: recordLine, problem: "a quoted field is not closed") }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
            recordLines.append(recordLine)
        }
        guard let header = records.first else { throw CSVError.malformed(source: source, line: 1, problem: "the file is empty") }
        self.columns = header.map { $0.trimmingCharacters(in: .whitespaces) }
        for (i, r) in records.enumerated().dropFirst() where r.count != header.count {
            throw CSVError.malformed(source: source, line: recordLines[i], problem: "\(r.count) fields where the header has \(header.count)")
        }
        self.rows = Array(records.dropFirst())
        self.rowLines = Array(recordLines.dropFirst())
    }

    /// Reads and parses a file (`-`: stdin; a FIFO or pipe works too),
    /// within the memory bound of `InputFile.readText`.
    public init(path: String) throws {
        let bytes = try InputFile.readText(path, kind: "CSV")
        let source = path == "-" ? "stdin" : path
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CSVError.malformed(source: source, line: 1, problem: "the file is not UTF-8 text")
        }
        try self.init(text: text, source: source)
    }

    /// Position of a column, or nil.
    public func index(of column: String) -> Int? { columns.firstIndex(of: column) }

    /// Position of a column that must be there.
    public func requireColumn(_ column: String) throws -> Int {
        guard let i = index(of: column) else {
            throw CSVError.missingColumn(source: source, column: column)
        }
        return i
    }

    /// The field at `column` of row `row` as a Double.
    public func number(row: Int, column: Int) throws -> Double {
        let text = rows[row][column].trimmingCharacters(in: .whitespaces)
        guard let x = Double(text) else {
            throw CSVError.malformed(source: source, line: rowLines[row], problem: "'\(text)' in column \(columns[column]) is not a number")
        }
        return x
    }
}

/// What can be wrong with a CSV file.
public enum CSVError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String)
    case malformed(source: String, line: Int, problem: String)
    case missingColumn(source: String, column: String)

    /// One line for a human.
    public var description: String {
        switch self {
        case .unreadable(let path): return "\(path): cannot read the file"
        case .malformed(let source, let line, let problem): return "\(source), line \(line): \(problem)"
        case .missingColumn(let source, let column): return "\(source): no column named '\(column)'"
        }
    }
}
