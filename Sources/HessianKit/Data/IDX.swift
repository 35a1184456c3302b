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

    /// Reads the IDX file at `path`, plain or gzip-compressed.
    ///
    /// Throws `DatasetError.file` naming the file when it is missing, empty,
    /// not IDX, of an element type other than unsigned byte, shorter than its
    /// dimensions say, or longer (trailing data).
    public static func read(path: String) throws -> IDXArray {
        try decode(DataFile.bytes(at: path), path: path)
    }

    /// Parses the bytes of an IDX file; `path` names it in errors.
    static func decode(_ file: [UInt8], path: String) throws -> IDXArray {
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
        let shape = dimensions.map(String.init).joined(separator: " × ")
        var expected = 1
        for size in dimensions {
            let (product, overflow) = expected.multipliedReportingOverflow(by: size)
            guard !overflow else { throw failure("the dimensions \(shape) are too large") }
            expected = product
        }
        let found = file.count - headerSize
        guard found >= expected else {
            throw failure("truncated: expected \(expected) bytes of data (\(shape)), found \(found)")
        }
        guard found == expected else {
            throw failure("\(found - expected) bytes of trailing data after the \(expected) bytes that the dimensions \(shape) describe")
        }
        return IDXArray(dimensions: dimensions, bytes: Array(file[headerSize...]))
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
