import CZlib
import Foundation

/// Files that may be gzip-compressed (RFC 1952), inflated through zlib.
///
/// A file is taken as gzip when it starts with the gzip magic number
/// `1f 8b`, whatever its name; any other file is passed through unchanged.
/// This is the only place in the library that calls zlib.
enum Gzip {
    /// Whether `bytes` start with the gzip magic number `1f 8b`.
    static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The contents of the file at `path`, inflated when it is gzip.
    /// - Throws: `FileReadError` naming the file and what is wrong.
    static func contents(ofFile path: String) throws -> [UInt8] {
        let raw = try readBytes(path)
        return isCompressed(raw) ? try inflate(raw, path: path) : raw
    }

    /// The raw bytes of the file at `path`.
    static func readBytes(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FileReadError(path: path, problem: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw FileReadError(path: path, problem: "is a folder, not a file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileReadError(path: path, problem: "cannot read the file (check its permissions)")
        }
        return [UInt8](data)
    }

    /// Inflates a gzip stream of one or more members, as `gzip -d` does;
    /// `path` names the file in errors. Every member's CRC-32 and length are
    /// checked by zlib.
    static func inflate(_ compressed: [UInt8], path: String) throws -> [UInt8] {
        func failure(_ problem: String) -> FileReadError { FileReadError(path: path, problem: problem) }
        var stream = z_stream()
        // 15 window bits (the deflate maximum) + 16: expect a gzip wrapper.
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw failure("zlib cannot start inflating (out of memory?)")
        }
        defer { inflateEnd(&stream) }

        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        let chunkSize = chunk.count
        try compressed.withUnsafeBufferPointer { input in
            try chunk.withUnsafeMutableBufferPointer { buffer in
                guard let inputStart = input.baseAddress, let chunkStart = buffer.baseAddress else { return }
                // zlib counts input in 32-bit units, so larger files go in slices.
                var handedOver = 0
                while true {
                    if stream.avail_in == 0 && handedOver < input.count {
                        let slice = min(input.count - handedOver, Int(UInt32.max))
                        // zlib only reads through next_in; the pointer is mutable for historical reasons.
                        stream.next_in = UnsafeMutablePointer(mutating: inputStart + handedOver)
                        stream.avail_in = UInt32(slice)
                        handedOver += slice
                    }
                    stream.next_out = chunkStart
                    stream.avail_out = UInt32(chunkSize)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    output.append(contentsOf: buffer[0..<(chunkSize - Int(stream.avail_out))])
                    switch status {
                    case Z_OK:
                        continue
                    case Z_STREAM_END:
                        let remaining = Int(stream.avail_in) + (input.count - handedOver)
                        if remaining == 0 { return }
                        let next = input.count - remaining
                        guard remaining >= 2, input[next] == 0x1F, input[next + 1] == 0x8B else {
                            throw failure("\(remaining) bytes of trailing data after the end of the gzip stream")
                        }
                        // Another member follows, as `cat a.gz b.gz` makes.
                        inflateReset(&stream)
                    case Z_BUF_ERROR where stream.avail_in == 0 && handedOver == input.count:
                        throw failure("the gzip stream ends early: the file is truncated")
                    case Z_DATA_ERROR:
                        let detail = stream.msg.map { String(cString: $0) } ?? "invalid data"
                        throw failure("the gzip stream does not inflate (\(detail)): the file is corrupt")
                    case Z_MEM_ERROR:
                        throw failure("out of memory while inflating")
                    default:
                        throw failure("the gzip stream does not inflate (zlib status \(status))")
                    }
                }
            }
        }
        return output
    }
}
