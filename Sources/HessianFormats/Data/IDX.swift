import HessianCore

/// An array of unsigned bytes read from an IDX file.
public struct IDXArray: Equatable, Sendable {
    /// The size of each dimension, outermost first: `[N, rows, cols]` for
    /// MNIST images, `[N]` for labels.
    public let dimensions: [Int]
    /// The elements in row-major order (the last index runs fastest).
    public let bytes: [UInt8]
}

/// The IDX file format of the MNIST data sets (LeCun, Cortes & Burges):
///
///     magic      00 00 tt nn   tt = element type, nn = number of dimensions
///     sizes      nn big-endian UInt32, outermost first
///     payload    the product of the sizes elements, row-major
///
/// Only the unsigned-byte type (`tt = 08`) that MNIST-format image and label
/// files use is read. A gzip-compressed file (starting with `1f 8b`) is
/// inflated first, whatever its name.
public enum IDX {
    /// The type code of unsigned bytes.
    static let unsignedByte: UInt8 = 0x08

    /// What the header of an IDX file declares.
    struct Header: Equatable {
        var dimensions: [Int]
        /// 4 + 4 · rank.
        var size: Int
        /// The product of the dimensions: the bytes of data that must follow.
        var payload: Int
        var shape: String { dimensions.map(String.init).joined(separator: " × ") }
    }

    /// An IDX file opened and its header read, its data not yet.
    final class Reader {
        let header: Header
        let path: String
        private let bytes: ByteReader

        /// Opens `path` (`-`: stdin) and reads and checks the header. For a
        /// plain file the data's size is checked against the header from the
        /// file's size, before any of it is read.
        init(path: String) throws {
            let reader = try DataFile.reading { try ByteReader(path: path) }
            bytes = reader
            self.path = reader.name
            let name = reader.name
            var head = try DataFile.reading { try reader.read(exactly: 4) }
            if head.count == 4 { head += try DataFile.reading { try reader.read(exactly: 4 * Int(head[3])) } }
            header = try IDX.header(of: head, path: name, complete: true)
            if let size = bytes.input.regularSize, !bytes.isCompressed {
                try IDX.checkPayload(found: size - header.size, header: header, path: name)
            }
        }

        /// The data, after checking that `purpose` fits in memory.
        func readPayload() throws -> IDXArray {
            try MemoryBudget.require(header.payload, for: "the \(header.shape) bytes of \(path)",
                                     available: MemoryBudget.availableBytes())
            let payload = try DataFile.reading { try bytes.read(exactly: header.payload) }
            var found = payload.count
            if found == header.payload {
                // Whatever follows is trailing data; count up to 1 MB of it.
                while found - header.payload <= 1 << 20 {
                    let more = try DataFile.reading { try bytes.next() }
                    if more.isEmpty { break }
                    found += more.count
                }
            }
            try IDX.checkPayload(found: found, header: header, path: path)
            return IDXArray(dimensions: header.dimensions, bytes: payload)
        }
    }

    /// Reads the IDX file at `path`, plain or gzip-compressed.
    ///
    /// Throws `DatasetError.file` naming the file when it is missing, empty,
    /// not IDX, of an element type other than unsigned byte, shorter than its
    /// dimensions say, or longer (trailing data). A plain file's size is
    /// compared with its header before its data is read; a gzip file is
    /// inflated no further than its header says (plus one piece, to see
    /// trailing data).
    public static func read(path: String) throws -> IDXArray {
        try Reader(path: path).readPayload()
    }

    /// Parses the bytes of an IDX file; `path` names it in errors.
    static func decode(_ file: [UInt8], path: String) throws -> IDXArray {
        let header = try header(of: file, path: path, complete: false)
        try checkPayload(found: file.count - header.size, header: header, path: path)
        return IDXArray(dimensions: header.dimensions, bytes: Array(file[header.size...]))
    }

    /// The header at the start of `file`. `complete`: `file` holds the
    /// header only, as `Reader` reads it.
    static func header(of file: [UInt8], path: String, complete: Bool) throws -> Header {
        func failure(_ problem: String) -> DatasetError { .file(path: path, problem: problem) }
        guard !file.isEmpty else { throw failure("the file is empty") }
        guard file.count >= 4 else {
            throw failure("truncated: an IDX file starts with a 4-byte magic number, found only \(file.count) bytes")
        }
        guard file[0] == 0, file[1] == 0 else {
            let found = file[0..<4].map { hex($0) }.joined(separator: " ")
            throw failure("wrong magic number: the file starts with \(found), where an IDX file has 00 00 08 and its number of dimensions")
        }
        guard file[2] == unsignedByte else {
            throw failure("unsupported element type 0x\(hex(file[2])) (\(typeName(file[2]))): only unsigned bytes (0x08) are read")
        }
        let rank = Int(file[3])
        guard rank > 0 else { throw failure("the magic number declares 0 dimensions") }
        let headerSize = 4 + 4 * rank
        guard file.count >= headerSize else {
            throw failure("truncated: the header of \(rank) dimensions needs \(headerSize) bytes, found \(file.count)")
        }
        let dimensions = (0..<rank).map { i -> Int in
            let at = 4 + 4 * i
            return Int(file[at]) << 24 | Int(file[at + 1]) << 16 | Int(file[at + 2]) << 8 | Int(file[at + 3])
        }
        var expected = 1
        for size in dimensions {
            let (product, overflow) = expected.multipliedReportingOverflow(by: size)
            guard !overflow else {
                throw failure("the dimensions \(dimensions.map(String.init).joined(separator: " × ")) are too large")
            }
            expected = product
        }
        return Header(dimensions: dimensions, size: headerSize, payload: expected)
    }

    /// Checks that `found` bytes of data are what the header declares.
    static func checkPayload(found: Int, header: Header, path: String) throws {
        let expected = header.payload
        guard found >= expected else {
            throw DatasetError.file(path: path, problem: "truncated: expected \(expected) bytes of data (\(header.shape)), found \(found)")
        }
        guard found == expected else {
            let amount = found - expected > 1 << 20 ? "more than 1 MB" : "\(found - expected) bytes"
            throw DatasetError.file(path: path, problem: "\(amount) of trailing data after the \(expected) bytes that the dimensions \(header.shape) describe")
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }

    private static func typeName(_ code: UInt8) -> String {
        switch code {
        case 0x09: return "signed byte"
        case 0x0B: return "16-bit integer"
        case 0x0C: return "32-bit integer"
        case 0x0D: return "32-bit float"
        case 0x0E: return "64-bit float"
        default: return "not an IDX type"
        }
    }
}
