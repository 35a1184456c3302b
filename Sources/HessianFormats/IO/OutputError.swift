import Foundation

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
