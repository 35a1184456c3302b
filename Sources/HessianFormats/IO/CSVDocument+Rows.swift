extension CSVDocument {
    /// The header of `document` with only the rows at `rows`.
    package init(_ document: CSVDocument, rows: [Int]) {
        columns = document.columns
        self.rows = rows.map { document.rows[$0] }
        rowLines = rows.map { document.rowLines[$0] }
        source = document.source
    }
}

extension CSVDocument {
    /// The table as a reader sees it, without rendering it to text and
    /// parsing it back: its header and values; `source` names it in errors,
    /// row i on line i + 2.
    public init(_ table: CSVTable, source: String) {
        columns = table.columns
        rows = table.rows
        rowLines = table.rows.indices.map { $0 + 2 }
        self.source = source
    }
}
