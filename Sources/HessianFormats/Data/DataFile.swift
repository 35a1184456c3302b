import Foundation
import HessianCore

/// Reading a data file: IDX or CSV, plain or gzip-compressed, or NumPy .npz.
public enum DataFile {
    /// The bytes of the file at `path`, inflated when gzip.
    /// - Throws: `DatasetError.file` naming the file and what is wrong.
    static func bytes(at path: String) throws -> [UInt8] {
        do {
            return try Gzip.contents(ofFile: path)
        } catch let error as FileReadError {
            throw DatasetError.file(path: error.path, problem: error.problem)
        }
    }

    /// The data set in the file at `path`, whose format is recognised by its
    /// content: NumPy .npz (a zip, `NPZDataset`) or CSV (`CSVDataset`,
    /// plain or gzip).
    /// A CSV file is read as `CSVDataset.read` reads it (`-`: stdin, within
    /// the text limits); an .npz whole, from a regular file that fits.
    public static func read(path: String) throws -> Dataset {
        guard let head = InputFile.head(path, count: 4), NPZ.isNPZ(head) else { return try CSVDataset.read(path: path) }
        let bytes = try reading { try InputFile.readBinary(path, kind: "NumPy .npz") }
        return try NPZDataset.decode(bytes, path: path)
    }

    /// The data set in a file's bytes, whatever its format; a pure function
    /// of its input (`path` only names the file in errors).
    /// - Throws: `TensorFileError` (.npz), `DatasetError.file` (CSV).
    public static func decode(bytes: [UInt8], path: String) throws -> Dataset {
        if NPZ.isNPZ(bytes) { return try NPZDataset.decode(bytes, path: path) }
        let text: [UInt8]
        do {
            text = Gzip.isCompressed(bytes) ? try Gzip.inflate(bytes, path: path) : bytes
        } catch let error as FileReadError {
            throw DatasetError.file(path: error.path, problem: error.problem)
        }
        guard let string = String(bytes: text, encoding: .utf8) else {
            throw DatasetError.file(path: path, problem: "the file is neither NumPy .npz nor UTF-8 CSV text")
        }
        do {
            return try CSVDataset.decode(CSVDocument(text: string, source: path), path: path)
        } catch let error as CSVError {
            throw DatasetError.file(path: path, problem: CSVDataset.problem(of: error))
        }
    }

    /// Writes `data` whole or not at all: NumPy .npz for a path ending in
    /// `.npz`, CSV otherwise, through `writer`.
    public static func write(_ data: Dataset, to path: String, through writer: some FileWriter) throws {
        if path.lowercased().hasSuffix(".npz") {
            try writer.write(NPZDataset.encode(data), to: path)
        } else if data.targets != nil {
            throw DatasetError.file(path: path, problem: "regression targets are written as .npz only: name the file …npz")
        } else {
            try writer.write(CSVDataset.encode(data), to: path)
        }
    }

    /// Runs a read, turning `FileReadError` into `DatasetError.file`.
    static func reading<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as FileReadError {
            throw DatasetError.file(path: error.path, problem: error.problem)
        }
    }
}
