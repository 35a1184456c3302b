import Foundation
import HessianCore

/// A calibration as tidy CSV, one row per library × driver × order: the
/// table `hessian-spectrum calibrate` prints and the cache file holds.
extension LAPACKCalibration {
    /// The header: what the calibration is valid for, then what was measured.
    public static let csvColumns = ["cpu", "cores", "threads", "version", "order", "lapack", "path", "driver", "seconds"]

    /// The table, times as shortest round-trip numbers.
    public var csv: CSVTable {
        var table = CSVTable(columns: Self.csvColumns)
        for m in measurements { table.append(csvFields(m)) }
        return table
    }

    /// The fields of `m`'s row, in the order of `csvColumns`.
    public func csvFields(_ m: Measurement) -> [String] {
        [key.cpu.model, String(key.cpu.cores), String(key.threads), key.version,
         String(m.order), m.candidate.library, m.candidate.path, m.candidate.driver.rawValue, CSVField.number(m.seconds)]
    }

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
