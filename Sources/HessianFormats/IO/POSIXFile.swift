import Foundation

/// The few POSIX calls the readers and writers share, each failure turned
/// into an `errno` the caller can name. Unlike `FileHandle`, nothing here
/// traps on a full disk, a closed descriptor or a broken pipe.
package enum POSIXFile {
    /// Writes every byte of `bytes` to `descriptor`, retrying short writes
    /// and interrupted calls. Throws the `errno` of a failed write.
    package static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) throws(POSIXErrno) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + offset, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw POSIXErrno(code: errno)
            }
            offset += written
        }
    }

    /// Up to `count` bytes from `descriptor`; empty at the end of the input.
    package static func read(_ descriptor: Int32, upTo count: Int) throws(POSIXErrno) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        while true {
            let got = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw POSIXErrno(code: errno)
            }
            buffer.removeSubrange(got...)
            return buffer
        }
    }

    /// The status of `path` (following links), or nil when it does not exist.
    package static func status(_ path: String) -> stat? {
        var s = stat()
        return stat(path, &s) == 0 ? s : nil
    }
}

/// An `errno` value with its text.
package struct POSIXErrno: Error, Equatable {
    package var code: Int32
    package init(code: Int32) { self.code = code }
    package var text: String { String(cString: strerror(code)) }
}
