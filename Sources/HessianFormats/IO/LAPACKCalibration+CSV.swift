import Foundation
import HessianCore

/// A calibration as tidy CSV, one row per library × driver × order: the
/// table `hessian-spectrum calibrate` prints and the cache file holds.
extension LAPACKCalibration {
    /// One row of the table: what the calibration is valid for, then one
    /// measurement.
    public struct Row: Equatable, Sendable {
        public var key: Key
        public var measurement: Measurement
        /// `calibrate`'s columns after the cache's: the DGEMM floor at the
        /// measurement's order and OpenBLAS syevd's time there over this one's.
        public var floorSeconds: Double?
        public var speedup: Double?

        /// A row of the cache.
        public init(key: Key, measurement: Measurement) {
            self.key = key
            self.measurement = measurement
        }
    }

    /// The cache's columns: what the calibration is valid for, then what
    /// was measured.
    public static let schema = TableSchema<Row>(cacheColumns, blank: blankRow)

    /// The table `calibrate` prints: the cache's columns, then
    /// `floor_seconds` and `speedup`.
    public static let reportSchema = TableSchema<Row>(cacheColumns + [
        TableColumn("floor_seconds", .measure, \.floorSeconds), TableColumn("speedup", .measure, \.speedup),
    ], blank: blankRow)

    private static let cacheColumns: [TableColumn<Row>] = [
        TableColumn("cpu", .group, \.key.cpu.model), TableColumn("cores", .group, \.key.cpu.cores),
        TableColumn("threads", .group, \.key.threads), TableColumn("version", .group, \.key.version),
        TableColumn("order", .group, \.measurement.order), TableColumn("lapack", .group, \.measurement.candidate.library),
        TableColumn("path", .group, \.measurement.candidate.path), TableColumn("driver", .group, \.measurement.candidate.driver),
        TableColumn("seconds", .measure, \.measurement.seconds),
    ]

    private static let blankRow = Row(key: Key(cpu: CPUIdentity(model: "", cores: 0), threads: 0, version: ""),
                                      measurement: Measurement(library: "", path: "", driver: .divideAndConquer, order: 0, seconds: .nan))

    /// The header: what the calibration is valid for, then what was measured.
    public static let csvColumns = schema.names

    /// A row per measurement.
    public var rows: [Row] { measurements.map { Row(key: key, measurement: $0) } }

    /// The table, times as shortest round-trip numbers.
    public var csv: CSVTable { Self.schema.table(rows) }

    /// Reads back the `csv` text.
    /// - Throws: `CSVError` when the text is not that table: another header,
    ///   no rows, rows that disagree on the key, an unknown driver, or a
    ///   number that does not read.
    public init(csv text: String, source: String) throws {
        let document = try CSVDocument(text: text, source: source)
        guard document.columns == Self.csvColumns else {
            throw CSVError.malformed(source: source, line: 1, problem: "the header is not \(Self.csvColumns.joined(separator: ","))")
        }
        guard let first = document.rows.first else { throw CSVError.malformed(source: source, line: 2, problem: "no measurements") }
        func integer(_ text: String, _ row: Int) throws -> Int {
            guard let value = Int(text), value > 0 else {
                throw CSVError.malformed(source: source, line: document.rowLines[row], problem: "\(text.debugDescription) is not a positive integer")
            }
            return value
        }
        let key = Key(cpu: CPUIdentity(model: first[0], cores: try integer(first[1], 0)), threads: try integer(first[2], 0), version: first[3])
        var measurements: [Measurement] = []
        for (index, row) in document.rows.enumerated() {
            let line = document.rowLines[index]
            guard row.count == Self.csvColumns.count, Array(row[0..<4]) == Array(first[0..<4]) else {
                throw CSVError.malformed(source: source, line: line, problem: "the row is not of the same machine as the first")
            }
            let order = try integer(row[4], index)
            guard let driver = EigenDriver(rawValue: row[7]) else {
                throw CSVError.malformed(source: source, line: line, problem: "\(row[7].debugDescription) is not a driver")
            }
            guard let seconds = Double(row[8]), seconds.isFinite, seconds > 0 else {
                throw CSVError.malformed(source: source, line: line, problem: "\(row[8].debugDescription) is not a positive time")
            }
            measurements.append(Measurement(library: row[5], path: row[6], driver: driver, order: order, seconds: seconds))
        }
        self.init(key: key, measurements: measurements)
    }
}
