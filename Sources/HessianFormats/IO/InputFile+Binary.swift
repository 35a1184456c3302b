import Foundation
import HessianCore

extension InputFile {
    /// The first `count` bytes of the regular file at `path` (fewer when it
    /// is shorter), without using up a stream: nil for stdin (`-`), pipes,
    /// devices and files that cannot be opened.
    public static func head(_ path: String, count: Int) -> [UInt8]? {
        guard path != "-", let status = POSIXFile.status(path), status.st_mode & S_IFMT == S_IFREG,
              let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: count) else { return nil }
        return [UInt8](data)
    }

    /// The whole regular file at `path` as bytes (a binary format: safetensors,
    /// .npz), refused before reading when it is larger than `limit`.
    /// - Parameter kind: what the file should be, for messages.
    /// - Throws: `FileReadError`.
    public static func readBinary(_ path: String, kind: String, limit: Int = textLimit()) throws -> [UInt8] {
        guard let status = POSIXFile.status(path) else { throw FileReadError(path: path, problem: "no such file") }
        guard status.st_mode & S_IFMT == S_IFREG else { throw FileReadError(path: path, problem: "\(kind) is read from a regular file only") }
        let size = Int(status.st_size)
        guard size <= limit else {
            throw FileReadError(path: path, problem: "the file is \(MemoryBudget.format(size)), more than the \(MemoryBudget.format(limit)) a \(kind) file may take in the memory available")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileReadError(path: path, problem: "cannot read the file (check its permissions)")
        }
        return [UInt8](data)
    }
}
