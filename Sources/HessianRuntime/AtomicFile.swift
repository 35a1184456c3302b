import Foundation
import HessianFormats

/// Writes a whole file or nothing: the text goes to a temporary file beside
/// the destination, which is renamed over it only once it is complete (and,
/// during a staged run, only once the whole run has succeeded; see
/// `OutputStaging`), so a failed run never leaves a partial output file.
/// The value is the `FileWriter` the commands give the library's writers.
public struct AtomicFile: FileWriter {
    public init() {}

    /// Writes `bytes` to `path`, whole or not at all.
    public func write(_ bytes: [UInt8], to path: String) throws {
        try OutputStaging.write(bytes, to: path)
    }

    /// Creates the folder `path` and its missing parents; during a staged
    /// run they are removed again when the run fails.
    public func createFolder(_ path: String) throws {
        try OutputStaging.createFolder(path)
    }

    /// Writes `text` as UTF-8 to `path`, whole or not at all.
    public static func write(_ text: String, to path: String) throws {
        try OutputStaging.write(Array(text.utf8), to: path)
    }

    /// Writes `data` to `path`, whole or not at all.
    public static func write(_ data: Data, to path: String) throws {
        try OutputStaging.write([UInt8](data), to: path)
    }
}
