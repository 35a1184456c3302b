/// Reading a data file (IDX, CSV), plain or gzip-compressed.
enum DataFile {
    /// The bytes of the file at `path`, inflated when gzip.
    /// - Throws: `DatasetError.file` naming the file and what is wrong.
    static func bytes(at path: String) throws -> [UInt8] {
        do {
            return try Gzip.contents(ofFile: path)
        } catch let error as FileReadError {
            throw DatasetError.file(path: error.path, problem: error.problem)
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
