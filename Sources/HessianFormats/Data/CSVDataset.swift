import Foundation
import HessianCore

/// A data set as CSV text, the format the command line saves training data
/// in and reads data sets from, so that data from any tool can be analysed:
///
///     label,x0,x1,…,x{d−1}
///     3,0.25,-1.5,…
///
/// one row per example; labels are whole numbers 0…C−1 and the number of
/// classes C is the largest label + 1 (at least 2). Numbers are written as
/// the shortest text that reads back to the same Double, so writing and
/// reading a data set gives it back bit for bit.
public enum CSVDataset {
    /// The largest label read: a class number beyond it is far more likely
    /// a wrong column than a real class, and would size the output layer.
    public static let largestLabel = 999_999

    /// The CSV text of `data`, header first, one line per example.
    /// - Complexity: O(N · d).
    public static func encode(_ data: Dataset) -> String {
        var text = "label," + (0..<data.dimension).map { "x\($0)" }.joined(separator: ",") + "\n"
        for s in 0..<data.count {
            text += String(data.labels[s])
            for j in 0..<data.dimension {
                text += ","
                text += data.feature(j, of: s).description
            }
            text += "\n"
        }
        return text
    }

    /// Reads a data set written by `encode` or by any tool that writes the
    /// same format; a gzip-compressed file is inflated first.
    ///
    /// - Throws: `DatasetError.file` naming the file and, where it applies,
    ///   the line: a missing or empty file, a header other than
    ///   `label,x0,x1,…`, no examples, ragged rows, fields that are not
    ///   finite numbers, labels that are not whole numbers ≥ 0.
    public static func read(path: String) throws -> Dataset {
        let bytes = try DataFile.reading { try InputFile.readText(path, kind: "CSV") }
        let path = path == "-" ? "stdin" : path
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DatasetError.file(path: path, problem: "the file is not UTF-8 text")
        }
        do {
            return try decode(CSVDocument(text: text, source: path), path: path)
        } catch let error as CSVError {
            throw DatasetError.file(path: path, problem: problem(of: error))
        }
    }

    /// The data set in a parsed CSV document; `path` names it in errors.
    static func decode(_ document: CSVDocument, path: String) throws -> Dataset {
        func failure(line: Int, _ problem: String) -> DatasetError { .file(path: path, problem: "line \(line): \(problem)") }
        let columns = document.columns
        guard columns[0] == "label" else {
            throw failure(line: 1, "the header must be label,x0,x1,…; its first column is '\(columns[0])'")
        }
        guard columns.count >= 2 else { throw failure(line: 1, "the header has no feature columns x0,x1,…") }
        for (i, name) in columns.enumerated().dropFirst() where name != "x\(i - 1)" {
            throw failure(line: 1, "the header must be label,x0,x1,…; column \(i + 1) is '\(name)' where x\(i - 1) belongs")
        }
        let count = document.rows.count
        let dimension = columns.count - 1
        guard count > 0 else { throw failure(line: 2, "no examples after the header") }

        var labels = [Int](repeating: 0, count: count)
        var features = [Double](repeating: 0, count: count * dimension)
        for (s, row) in document.rows.enumerated() {
            let line = document.rowLines[s]
            let labelText = row[0].trimmingCharacters(in: .whitespaces)
            // A whole number written as a float ("3.0") is still that class.
            guard let label = Int(labelText) ?? Double(labelText).flatMap({ Int(exactly: $0) }) else {
                throw failure(line: line, "label '\(labelText)' is not a whole number")
            }
            guard label >= 0 else { throw failure(line: line, "label \(label) is negative: labels are 0, 1, 2, …") }
            guard label <= largestLabel else {
                throw failure(line: line, "label \(label) is too large: labels are class numbers 0…\(largestLabel)")
            }
            labels[s] = label
            for j in 0..<dimension {
                let fieldText = row[j + 1].trimmingCharacters(in: .whitespaces)
                guard let x = Double(fieldText) else {
                    let shown = fieldText.isEmpty ? "an empty field" : "'\(fieldText)'"
                    throw failure(line: line, "\(shown) in column x\(j) is not a number")
                }
                guard x.isFinite else { throw failure(line: line, "'\(fieldText)' in column x\(j) is not a finite number") }
                features[j * count + s] = x
            }
        }
        let classCount = max(2, (labels.max() ?? 0) + 1)
        // Shapes agree, labels lie in 0..<classCount and every value is finite, as checked above.
        return Dataset(unchecked: features, labels: labels, dimension: dimension, classCount: classCount)
    }

    static func problem(of error: CSVError) -> String {
        switch error {
        case .unreadable: return "cannot read the file"
        case .malformed(_, let line, let problem): return "line \(line): \(problem)"
        case .missingColumn(_, let column): return "no column named '\(column)'"
        }
    }
}
