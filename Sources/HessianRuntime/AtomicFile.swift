import Foundation

/// Writes a whole file or nothing: the text goes to a temporary file beside
/// the destination, which is renamed over it only once it is complete (and,
/// during a staged run, only once the whole run has succeeded; see
/// `OutputStaging`), so a failed run never leaves a partial output file.
public enum AtomicFile {
    /// Writes `text` as UTF-8 to `path`, whole or not at all.
    public static func write(_ text: String, to path: String) throws {
        try OutputStaging.write(Array(text.utf8), to: path)
    }

    /// Writes `data` to `path`, whole or not at all.
    public static func write(_ data: Data, to path: String) throws {
        try OutputStaging.write([UInt8](data), to: path)
    }
}

/// Failures writing results.
public enum OutputError: Error, CustomStringConvertible, Equatable {
    case cannotWrite(path: String, reason: String)
    /// The reader of stdout (or of a FIFO) went away, as `| head` does.
    case brokenPipe

    /// One line for a human.
    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        case .brokenPipe: return "the reader of the output closed it"
        }
    }
}
