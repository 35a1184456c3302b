import CZlib

/// Raw deflate streams (RFC 1951, as inside zip members) and CRC-32,
/// through zlib. Zip archives are the only user; `Gzip` inflates gzip files.
enum Deflate {
    enum Failure: Error, Equatable {
        /// The stream is not valid deflate data; zlib's message.
        case corrupt(String)
        /// The stream ends before its end-of-block marker.
        case truncated
        /// It inflates to a different size than the archive declares.
        case wrongSize(Int)
    }

    /// Output is grown as the stream inflates, this many bytes at a time, so
    /// a member that declares more than it holds costs no more than it holds.
    static let piece = 1 << 20

    /// Inflates a raw deflate stream that must give exactly `size` bytes.
    /// The output grows piece by piece (never to more than `size` + 1 bytes)
    /// instead of being allocated at the declared size up front.
    /// - Complexity: O(size) time; memory the bytes actually produced.
    static func inflate(_ compressed: ArraySlice<UInt8>, size: Int) throws -> [UInt8] {
        var stream = z_stream()
        // Negative window bits: a raw stream, no zlib or gzip wrapper.
        guard inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure.corrupt("zlib cannot start inflating (out of memory?)")
        }
        defer { inflateEnd(&stream) }
        guard compressed.count <= Int(UInt32.max), size < Int(UInt32.max) else { throw Failure.corrupt("member too large") }
        // One spare byte beyond `size` shows whether the stream would give more.
        let limit = size + 1
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, piece))
        var status: Int32 = Z_OK
        let input = Array(compressed)
        // Each piece is inflated into one reused buffer and copied on (a
        // memcpy), rather than zero-filled into the output element by element.
        var chunk = [UInt8](repeating: 0, count: min(limit, piece))
        input.withUnsafeBufferPointer { inputBuffer in
            chunk.withUnsafeMutableBufferPointer { chunkBuffer in
                // zlib only reads through next_in; the pointer is mutable for historical reasons.
                stream.next_in = inputBuffer.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
                stream.avail_in = UInt32(inputBuffer.count)
                while output.count < limit {
                    let room = min(chunkBuffer.count, limit - output.count)
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = UInt32(room)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    let produced = room - Int(stream.avail_out)
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: chunkBuffer[0..<produced]))
                    if status != Z_OK || produced == 0 { break }
                }
            }
        }
        let produced = output.count
        switch status {
        case Z_STREAM_END:
            guard produced == size else { throw Failure.wrongSize(produced) }
            return output
        case Z_OK where produced == limit, Z_BUF_ERROR where produced == limit:
            throw Failure.wrongSize(produced)
        case Z_BUF_ERROR, Z_OK:
            throw Failure.truncated
        default:
            throw Failure.corrupt(stream.msg.map { String(cString: $0) } ?? "zlib status \(status)")
        }
    }

    /// The first at most `count` bytes a raw deflate stream inflates to:
    /// fewer when it ends, is damaged or runs out of input before then.
    /// Reads no more input than the prefix needs.
    static func prefix(_ compressed: ArraySlice<UInt8>, count: Int) -> [UInt8] {
        var stream = z_stream()
        guard count > 0, inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return [] }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: count)
        let input = compressed.prefix(Int(UInt32.max))
        let produced = input.withUnsafeBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer -> Int in
                stream.next_in = inputBuffer.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
                stream.avail_in = UInt32(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = UInt32(outputBuffer.count)
                _ = CZlib.inflate(&stream, Z_SYNC_FLUSH)
                return outputBuffer.count - Int(stream.avail_out)
            }
        }
        return Array(output.prefix(produced))
    }

    /// CRC-32 (ISO 3309), as zip stores for each member.
    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt = CZlib.crc32(0, nil, 0)
        bytes.withUnsafeBufferPointer { buffer in
            var start = buffer.baseAddress
            var remaining = buffer.count
            while remaining > 0, let base = start {
                let chunk = min(remaining, Int(UInt32.max))
                crc = CZlib.crc32(crc, base, UInt32(chunk))
                start = base + chunk
                remaining -= chunk
            }
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}
