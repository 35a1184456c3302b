extension CSVDocument {
    /// The header of `document` with only the rows at `rows`.
    package init(_ document: CSVDocument, rows: [Int]) {
        columns = document.columns
        self.rows = rows.map { document.rows[$0] }
        rowLines = rows.map { document.rowLines[$0] }
        source = document.source
    }
}
