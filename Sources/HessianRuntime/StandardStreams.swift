import Foundation
import HessianFormats

/// Safe use of stdin, stdout and stderr.
///
/// A descriptor 0, 1 or 2 that is closed when the process starts is opened
/// on /dev/null (so no file the tool opens later can take its number and
/// receive its text) and remembered as closed: writing data to a closed
/// stdout or reading a closed stdin is an error, writing to a closed stderr
/// is skipped. Writes never trap: a full disk or a closed stream is an
/// `OutputError`, a reader that went away (EPIPE) is `OutputError.brokenPipe`.
public enum StandardStreams {
    nonisolated(unsafe) private static var closedAtStart: Set<Int32> = []

    /// Call first thing in `main`: reopens closed standard descriptors on
    /// /dev/null and ignores SIGPIPE, so a broken pipe is an EPIPE error the
    /// tool handles rather than a signal death.
    public static func secure() {
        for descriptor: Int32 in [0, 1, 2] where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY)
            if null >= 0 && null != descriptor {
                dup2(null, descriptor)
                close(null)
            }
            closedAtStart.insert(descriptor)
        }
        signal(SIGPIPE, SIG_IGN)
    }

    /// Whether stdin was closed when the process started.
    public static var stdinClosed: Bool { closedAtStart.contains(0) }

    /// Whether descriptor 0, 1 or 2 was closed when the process started.
    static func wasClosedAtStart(_ descriptor: Int32) -> Bool { closedAtStart.contains(descriptor) }

    /// Writes data meant for stdout.
    /// - Throws: `OutputError.cannotWrite` naming "standard output" (closed,
    ///   disk full, …) or `OutputError.brokenPipe` when the reader is gone.
    public static func writeOutput(_ bytes: [UInt8]) throws {
        guard !closedAtStart.contains(1) else {
            throw OutputError.cannotWrite(path: "standard output", reason: "it is closed")
        }
        do {
            try POSIXFile.writeAll(1, bytes)
        } catch {
            if error.code == EPIPE { throw OutputError.brokenPipe }
            throw OutputError.cannotWrite(path: "standard output", reason: error.text)
        }
    }

    /// Writes text for humans to stderr; a failure is ignored, since there is
    /// nowhere left to report it.
    public static func writeError(_ text: String) {
        guard !closedAtStart.contains(2) else { return }
        try? POSIXFile.writeAll(2, Array(text.utf8))
    }
}
