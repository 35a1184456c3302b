/// The members of a zip archive (PKWARE APPNOTE), as NumPy's `savez` and
/// `savez_compressed` write them: stored or deflated, ZIP64 extensions
/// included. Sizes and offsets come from the central directory; every
/// member's CRC-32 is checked.
enum ZipArchive {
    struct Member: Equatable {
        var name: String
        var bytes: [UInt8]
    }

    /// Whether `bytes` start like a zip archive (a local header, or the
    /// end record of an empty archive).
    static func isZip(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06])
    }

    /// Deflated members may together widen to this many bytes of float64
    /// values (32 MiB) at any ratio; beyond it, to at most
    /// `largestWideningRatio` times their compressed bytes. Real arrays stay
    /// far below that ratio (MNIST's uint8 images deflate about 5 times, so
    /// 40 times as float64; float data 1–2 times), while a file under 1 MB
    /// cannot make more than 128 MB of values.
    static let freeWidening = 32 << 20
    static let largestWideningRatio = 128

    /// Bytes of float64 values that `size` bytes of a member widen to: by
    /// its `.npy` dtype read from `prefix`, its first inflated bytes, or
    /// 8 per byte (the widest, uint8) when the header is not there.
    static func widening(_ size: Int, name: String, prefix: [UInt8]) -> Int {
        let elementSize = name.hasSuffix(".npy") ? NumPyArray.elementSize(prefix: prefix) ?? 1 : 1
        return size / elementSize > Int.max / 8 ? Int.max : size / elementSize * 8
    }

    /// Every member, in central-directory order.
    static func members(of bytes: [UInt8], path: String) throws -> [Member] {
        var members: [Member] = []
        try forEachMember(of: bytes, path: path) { members.append($0) }
        return members
    }

    /// Calls `body` with each member in central-directory order, inflating
    /// one member at a time so that only one is held at once.
    /// - Throws: `TensorFileError` naming the file and, where one is at
    ///   fault, the member: no end record, entries beyond the file, an
    ///   encrypted member, a compression other than stored or deflate, a
    ///   member that does not inflate to its size, a CRC mismatch, deflated
    ///   members widening to more float64 values than `freeWidening` and
    ///   `largestWideningRatio` allow (checked before inflating them);
    ///   whatever `body` throws.
    static func forEachMember(of bytes: [UInt8], path: String, _ body: (Member) throws -> Void) throws {
        func fail(_ member: String?, _ problem: String) -> TensorFileError {
            TensorFileError(path: path, tensor: member, problem: problem)
        }
        func u16(_ at: Int) -> Int { Int(BinaryNumbers.unsigned(bytes, at: at, size: 2)) }
        func u32(_ at: Int) -> Int { Int(BinaryNumbers.unsigned(bytes, at: at, size: 4)) }
        func u64(_ at: Int) -> UInt64 { BinaryNumbers.unsigned(bytes, at: at, size: 8) }
        func signature(_ at: Int, _ value: UInt32) -> Bool {
            at >= 0 && at + 4 <= bytes.count && BinaryNumbers.unsigned(bytes, at: at, size: 4) == UInt64(value)
        }

        // The end of central directory record: 22 bytes plus a comment of at most 65535.
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var end = bytes.count - 22
        while end >= lowest && !signature(end, 0x0605_4B50) { end -= 1 }
        guard end >= lowest else { throw fail(nil, "no zip end-of-directory record: the archive is truncated or not a zip") }
        var entryCount = u16(end + 10)
        var directorySize = u32(end + 12)
        var directoryOffset = u32(end + 16)
        if entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: a locator just before the end record points to the ZIP64 end record.
            guard signature(end - 20, 0x0706_4B50) else { throw fail(nil, "the ZIP64 end-of-directory locator is missing") }
            let record = BinaryNumbers.unsigned(bytes, at: end - 20 + 8, size: 8)
            guard bytes.count >= 56, record <= UInt64(bytes.count - 56), signature(Int(record), 0x0606_4B50) else {
                throw fail(nil, "the ZIP64 end-of-directory record lies outside the file")
            }
            let r = Int(record)
            guard u64(r + 32) <= UInt64(Int.max), u64(r + 40) <= UInt64(Int.max), u64(r + 48) <= UInt64(Int.max) else {
                throw fail(nil, "the ZIP64 end-of-directory record is out of range")
            }
            entryCount = Int(u64(r + 32))
            directorySize = Int(u64(r + 40))
            directoryOffset = Int(u64(r + 48))
        }
        guard directoryOffset <= bytes.count, directorySize <= bytes.count - directoryOffset else {
            throw fail(nil, "the zip central directory lies outside the file: the archive is truncated")
        }

        var position = directoryOffset
        // Float64 bytes and compressed bytes of the deflated members so far.
        var widened = 0, deflated = 0
        for _ in 0..<entryCount {
            guard position + 46 <= bytes.count, signature(position, 0x0201_4B50) else {
                throw fail(nil, "a zip central-directory entry is missing or damaged")
            }
            let flags = u16(position + 8)
            let method = u16(position + 10)
            let crc = UInt32(u32(position + 16))
            var compressedSize = u32(position + 20)
            var size = u32(position + 24)
            let nameLength = u16(position + 28), extraLength = u16(position + 30), commentLength = u16(position + 32)
            var localOffset = u32(position + 42)
            let nameStart = position + 46
            guard nameStart + nameLength + extraLength + commentLength <= bytes.count else {
                throw fail(nil, "a zip central-directory entry runs past the end of the file")
            }
            let name = String(decoding: bytes[nameStart..<(nameStart + nameLength)], as: UTF8.self)
            // ZIP64 sizes and offset, in this order, for each field that is saturated.
            var extra = nameStart + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = u16(extra), length = u16(extra + 2)
                guard extra + 4 + length <= extraEnd else { break }
                if id == 0x0001 {
                    var field = extra + 4
                    func next() throws -> Int {
                        guard field + 8 <= extra + 4 + length, u64(field) <= UInt64(Int.max) else {
                            throw fail(name, "its ZIP64 extra field is damaged")
                        }
                        defer { field += 8 }
                        return Int(u64(field))
                    }
                    if size == 0xFFFF_FFFF { size = try next() }
                    if compressedSize == 0xFFFF_FFFF { compressedSize = try next() }
                    if localOffset == 0xFFFF_FFFF { localOffset = try next() }
                }
                extra += 4 + length
            }
            position = extraEnd + commentLength

            if name.hasSuffix("/") { continue }
            guard flags & 1 == 0 else { throw fail(name, "the member is encrypted") }
            guard localOffset <= bytes.count - 30, signature(localOffset, 0x0403_4B50) else {
                throw fail(name, "its local header is missing: the archive is truncated or damaged")
            }
            let dataStart = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28)
            guard dataStart <= bytes.count, compressedSize <= bytes.count - dataStart else {
                throw fail(name, "the member is truncated: \(compressedSize) bytes declared, \(max(0, bytes.count - dataStart)) present")
            }
            let raw = bytes[dataStart..<(dataStart + compressedSize)]
            let contents: [UInt8]
            switch method {
            case 0:
                guard compressedSize == size else { throw fail(name, "a stored member of \(compressedSize) bytes declares \(size) bytes uncompressed") }
                contents = Array(raw)
            case 8:
                // Deflate expands at most 1032-fold; a larger claim is damage, not data.
                guard size / 1032 <= compressedSize + 1 else {
                    throw fail(name, "declares \(size) bytes from \(compressedSize) deflated bytes, more than deflate can give: the archive is damaged")
                }
                // Arrays of real data deflate a few times at most; many values
                // from few bytes are a decompression bomb, not data to analyse.
                let widening = Self.widening(size, name: name, prefix: Deflate.prefix(raw, count: 4096))
                widened = widened > Int.max - widening ? Int.max : widened + widening
                deflated += compressedSize
                guard widened <= Self.freeWidening || widened / Self.largestWideningRatio <= deflated else {
                    throw fail(name, "the deflated members up to this one, \(deflated) bytes, would widen to \((widened >> 20) + 1) MiB of float64 values, more than \(Self.largestWideningRatio) times their size (a decompression bomb?): compressed arrays above \(Self.freeWidening >> 20) MiB in all as float64 are read only below that ratio; save the arrays with numpy.savez (stored, not compressed)")
                }
                do {
                    contents = try Deflate.inflate(raw, size: size)
                } catch Deflate.Failure.truncated {
                    throw fail(name, "the deflated member ends early: the archive is truncated")
                } catch Deflate.Failure.wrongSize(let got) {
                    throw fail(name, "the deflated member inflates to \(got == size + 1 ? "more than \(size)" : String(got)) bytes, not the \(size) declared")
                } catch Deflate.Failure.corrupt(let message) {
                    throw fail(name, "the deflated member does not inflate (\(message)): the archive is corrupt")
                }
            default:
                throw fail(name, "compression method \(method) (\(methodName(method))) is not read: only stored and deflated members are (numpy.savez, numpy.savez_compressed)")
            }
            guard Deflate.crc32(contents[...]) == crc else { throw fail(name, "CRC-32 mismatch: the member is corrupt") }
            try body(Member(name: name, bytes: contents))
        }
    }

    /// A zip of stored (uncompressed) members, which `numpy.load` and every
    /// unzip read. Members and the archive must each stay below 4 GiB.
    static func stored(_ members: [Member]) -> [UInt8] {
        var bytes: [UInt8] = []
        var directory: [UInt8] = []
        func put16(_ v: Int, _ into: inout [UInt8]) { BinaryNumbers.appendLittleEndian(UInt16(truncatingIfNeeded: v), to: &into) }
        func put32(_ v: Int, _ into: inout [UInt8]) { BinaryNumbers.appendLittleEndian(UInt32(truncatingIfNeeded: v), to: &into) }
        for member in members {
            let name = Array(member.name.utf8)
            let crc = Int(Deflate.crc32(member.bytes[...]))
            let offset = bytes.count
            // Version 2.0, no flags, stored, time and date of 1980-01-01 00:00.
            let common: (inout [UInt8]) -> Void = { out in
                put16(20, &out); put16(0, &out); put16(0, &out); put16(0, &out); put16(0x21, &out)
                put32(crc, &out); put32(member.bytes.count, &out); put32(member.bytes.count, &out)
                put16(name.count, &out); put16(0, &out)
            }
            put32(0x0403_4B50, &bytes)
            common(&bytes)
            bytes += name
            bytes += member.bytes

            put32(0x0201_4B50, &directory)
            put16(20, &directory)
            common(&directory)
            put16(0, &directory); put16(0, &directory); put16(0, &directory); put32(0, &directory)
            put32(offset, &directory)
            directory += name
        }
        let directoryOffset = bytes.count
        bytes += directory
        put32(0x0605_4B50, &bytes)
        put16(0, &bytes); put16(0, &bytes)
        put16(members.count, &bytes); put16(members.count, &bytes)
        put32(directory.count, &bytes); put32(directoryOffset, &bytes)
        put16(0, &bytes)
        return bytes
    }

    private static func methodName(_ method: Int) -> String {
        switch method {
        case 9: return "deflate64"
        case 12: return "bzip2"
        case 14: return "LZMA"
        case 93: return "Zstandard"
        case 95: return "XZ"
        default: return "unknown"
        }
    }
}
