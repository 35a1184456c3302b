import CZlib
import Foundation
import HessianCore

/// Files that may be gzip-compressed (RFC 1952), inflated through zlib.
///
/// A file is taken as gzip when it starts with the gzip magic number
/// `1f 8b`, whatever its name; any other file is passed through unchanged.
/// With `Deflate` (raw deflate and CRC-32 for zip archives), the only place
/// in the library that calls zlib.
enum Gzip {
    /// Whether `bytes` start with the gzip magic number `1f 8b`.
    static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The contents of the file at `path`, inflated when it is gzip, at most
    /// `limit` bytes of them (more is an error).
    static func contents(ofFile path: String, limit: Int = InputFile.textLimit()) throws -> [UInt8] {
        let reader = try ByteReader(path: path)
        var out: [UInt8] = []
        while true {
            let piece = try reader.next()
            if piece.isEmpty { return out }
            out += piece
            if out.count > limit {
                throw FileReadError(path: reader.name, problem: "the contents pass \(MemoryBudget.format(limit)), the most this reader accepts")
            }
        }
    }

    /// Inflates a whole gzip stream of one or more members held in memory,
    /// as `gzip -d` does, at most `limit` bytes; `path` names it in errors.
    static func inflate(_ compressed: [UInt8], path: String, limit: Int = Int.max) throws -> [UInt8] {
        let inflater = try GzipInflater(name: path, first: compressed) { [] }
        var out: [UInt8] = []
        while true {
            let piece = try inflater.next(upTo: 1 << 18)
            if piece.isEmpty { return out }
            out += piece
            if out.count > limit {
                throw FileReadError(path: path, problem: "inflates to more than \(MemoryBudget.format(limit))")
            }
        }
    }
}

/// A gzip stream inflated piece by piece from a source of compressed bytes,
/// so that the output is bounded by what the caller asks for, whatever the
/// compression ratio. Every member's CRC-32 and length are checked by zlib;
/// members written one after another (`cat a.gz b.gz`) inflate to the
/// concatenation.
final class GzipInflater {
    private let name: String
    private let stream: UnsafeMutablePointer<z_stream>
    private var input: [UInt8]
    private var inputOffset = 0
    private let source: () throws -> [UInt8]
    private var sourceDone = false
    private var finished = false
    private let output: UnsafeMutablePointer<UInt8>
    private static let outputSize = 1 << 18

    /// `first`: bytes already read (starting with the magic number);
    /// `source`: the following bytes, empty at the end.
    init(name: String, first: [UInt8], source: @escaping () throws -> [UInt8]) throws {
        self.name = name
        self.input = first
        self.source = source
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        output = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.outputSize)
        // 15 window bits (the deflate maximum) + 16: expect a gzip wrapper.
        guard inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            stream.deallocate()
            output.deallocate()
            throw FileReadError(path: name, problem: "zlib cannot start inflating (out of memory?)")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        output.deallocate()
    }

    private func failure(_ problem: String) -> FileReadError { FileReadError(path: name, problem: problem) }

    /// Moves on to the next compressed bytes when the current ones are used up.
    private func refill() throws -> Bool {
        if inputOffset < input.count { return true }
        guard !sourceDone else { return false }
        input = try source()
        inputOffset = 0
        if input.isEmpty { sourceDone = true }
        return !input.isEmpty
    }

    /// Up to `limit` inflated bytes; empty at the end of the last member.
    func next(upTo limit: Int) throws -> [UInt8] {
        guard limit > 0 else { return [] }
        while !finished {
            guard try refill() else {
                throw failure("the gzip stream ends early: the file is truncated")
            }
            let room = min(limit, Self.outputSize)
            let (status, used, produced) = input.withUnsafeBufferPointer { buffer -> (Int32, Int, Int) in
                let available = buffer.count - inputOffset
                let slice = min(available, Int(UInt32.max))
                // zlib only reads through next_in; the pointer is mutable for historical reasons.
                stream.pointee.next_in = UnsafeMutablePointer(mutating: buffer.baseAddress! + inputOffset)
                stream.pointee.avail_in = UInt32(slice)
                stream.pointee.next_out = output
                stream.pointee.avail_out = UInt32(room)
                let status = CZlib.inflate(stream, Z_NO_FLUSH)
                return (status, slice - Int(stream.pointee.avail_in), room - Int(stream.pointee.avail_out))
            }
            inputOffset += used
            switch status {
            case Z_OK:
                break
            case Z_BUF_ERROR where produced > 0 || used > 0:
                break
            case Z_STREAM_END:
                try startNextMember()
            case Z_BUF_ERROR:
                // No progress although input and room were given.
                throw failure("the gzip stream does not inflate: the file is corrupt")
            case Z_DATA_ERROR:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "invalid data"
                throw failure("the gzip stream does not inflate (\(detail)): the file is corrupt")
            case Z_MEM_ERROR:
                throw failure("out of memory while inflating")
            default:
                throw failure("the gzip stream does not inflate (zlib status \(status))")
            }
            if produced > 0 { return Array(UnsafeBufferPointer(start: output, count: produced)) }
        }
        return []
    }

    /// After a member's end: the end of the input, another member, or an error.
    private func startNextMember() throws {
        guard try refill() else { finished = true; return }
        // The next two bytes may straddle two reads from the source.
        var head = Array(input[inputOffset...].prefix(2))
        if head.count < 2, let more = try? source(), !more.isEmpty {
            input = Array(input[inputOffset...]) + more
            inputOffset = 0
            head = Array(input.prefix(2))
        }
        guard Gzip.isCompressed(head) else {
            var trailing = input.count - inputOffset
            inputOffset = input.count
            // Counted, not kept; past 1 MB the count stops.
            while trailing <= 1 << 20, !sourceDone {
                let more = try source()
                if more.isEmpty { sourceDone = true }
                trailing += more.count
            }
            let amount = trailing > 1 << 20 ? "more than 1 MB" : "\(trailing) bytes"
            throw failure("\(amount) of trailing data after the end of the gzip stream")
        }
        inflateReset(stream)
    }
}
