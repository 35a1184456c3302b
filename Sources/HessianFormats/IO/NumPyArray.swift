import Foundation
import HessianCore

/// The NumPy `.npy` format (versions 1.0, 2.0 and 3.0):
///
///     "\x93NUMPY" major minor  header-length (u16 LE for 1.0, u32 LE after)
///     {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }  padded, '\n'
///     raw elements
///
/// Read: floats `f8`, `f4`, `f2` and integers `i1`…`i8`, `u1`…`u8`, `b1`,
/// little- or big-endian, C or Fortran order (returned in C order).
/// Written: `<f8`, C order, version 1.0, the header padded to 64 bytes.
public enum NumPyArray {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// Whether `bytes` start with the .npy magic string.
    public static func isNumPy(_ bytes: [UInt8]) -> Bool { bytes.starts(with: magic) }

    /// Parses one array; `path` and `name` (the member of an .npz, or nil)
    /// name it in errors.
    public static func decode(_ bytes: [UInt8], path: String, name: String? = nil) throws -> NamedTensor {
        func fail(_ problem: String) -> TensorFileError { TensorFileError(path: path, tensor: name, problem: problem) }
        let (fields, dataStart) = try header(bytes, fail)
        guard case .text(let descr)? = fields["descr"] else { throw fail("the .npy header has no 'descr' string (structured arrays are not read)") }
        guard case .flag(let fortranOrder)? = fields["fortran_order"] else { throw fail("the .npy header has no 'fortran_order'") }
        guard case .tuple(let shape)? = fields["shape"] else { throw fail("the .npy header has no 'shape' tuple") }
        let (type, bigEndian) = try elementType(descr, fail)
        guard let count = NamedTensor.elementCount(shape) else { throw fail("the shape \(shape) is too large") }
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: type.size)
        guard !overflow, byteCount <= bytes.count - dataStart else {
            throw fail("the array is truncated: shape \(NamedTensor(name: "", shape: shape, values: []).shapeText) of '\(descr)' needs \(overflow ? "more" : String(byteCount)) bytes, \(bytes.count - dataStart) are there")
        }
        try MemoryBudget.require(8 * count, for: "widening \(name.map { "'\($0)' of " } ?? "")\(path) to float64",
                                 available: MemoryBudget.availableBytes())
        let values: [Double]
        switch ElementType.widen(bytes, at: dataStart, count: count, type: type, bigEndian: bigEndian) {
        case .success(let v): values = v
        case .failure(let error): throw fail("element \(error.index) is an integer beyond 2^53, which a float64 cannot hold exactly")
        }
        var tensor = NamedTensor(name: name ?? "", shape: shape, values: values, isInteger: type.isInteger)
        if fortranOrder && shape.count > 1 { tensor.values = cOrder(fromFortran: values, shape: shape) }
        return tensor
    }

    /// The fields of a `.npy` header and where the array's data start.
    private static func header(_ bytes: [UInt8], _ fail: (String) -> TensorFileError) throws -> (fields: [String: HeaderValue], dataStart: Int) {
        guard bytes.count >= 10, isNumPy(bytes) else { throw fail("not a .npy array (no \\x93NUMPY magic)") }
        let major = bytes[6]
        let lengthSize: Int
        switch major {
        case 1: lengthSize = 2
        case 2, 3: lengthSize = 4
        default: throw fail(".npy version \(major).\(bytes[7]) is not read (1.0, 2.0 and 3.0 are)")
        }
        guard bytes.count >= 8 + lengthSize else { throw fail("the .npy header is truncated") }
        let headerLength = Int(BinaryNumbers.unsigned(bytes, at: 8, size: lengthSize))
        let dataStart = 8 + lengthSize + headerLength
        guard dataStart <= bytes.count else { throw fail("the .npy header length \(headerLength) runs past the end of the array") }
        guard let header = String(bytes: bytes[(8 + lengthSize)..<dataStart], encoding: major == 3 ? .utf8 : .isoLatin1) else {
            throw fail("the .npy header is not text")
        }
        var parser = HeaderParser(header)
        let fields: [String: HeaderValue]
        do { fields = try parser.dictionary() } catch { throw fail("the .npy header is not a dictionary literal: \(header.trimmingCharacters(in: .whitespacesAndNewlines))") }
        return (fields, dataStart)
    }

    /// The bytes per element of the array whose first bytes are `prefix`,
    /// or nil when they hold no complete header of a dtype this reader takes.
    static func elementSize(prefix: [UInt8]) -> Int? {
        let fail = { (problem: String) in TensorFileError(path: "", tensor: nil, problem: problem) }
        guard let (fields, _) = try? header(prefix, fail), case .text(let descr)? = fields["descr"],
              let (type, _) = try? elementType(descr, fail) else { return nil }
        return type.size
    }

    /// A version 1.0 `<f8` C-order array of `shape` (the product of whose
    /// sizes must be `values.count`).
    public static func encode(_ values: [Double], shape: [Int]) -> [UInt8] {
        encode(shape: shape, descr: "<f8", elementCount: values.count) { bytes in
            for value in values { BinaryNumbers.appendLittleEndian(value.bitPattern, to: &bytes) }
        }
    }

    /// A version 1.0 `<i8` C-order array of `shape`.
    public static func encode(integers values: [Int], shape: [Int]) -> [UInt8] {
        encode(shape: shape, descr: "<i8", elementCount: values.count) { bytes in
            for value in values { BinaryNumbers.appendLittleEndian(Int64(value), to: &bytes) }
        }
    }

    /// A version 1.0 `<U…` array of strings (UTF-32), which NumPy reads
    /// without pickling.
    static func encode(strings: [String]) -> [UInt8] {
        let width = max(1, strings.map { $0.unicodeScalars.count }.max() ?? 1)
        return encode(shape: [strings.count], descr: "<U\(width)", elementCount: strings.count) { bytes in
            for text in strings {
                let scalars = Array(text.unicodeScalars)
                for k in 0..<width { BinaryNumbers.appendLittleEndian(k < scalars.count ? scalars[k].value : 0, to: &bytes) }
            }
        }
    }

    private static func encode(shape: [Int], descr: String, elementCount: Int, body: (inout [UInt8]) -> Void) -> [UInt8] {
        let shapeText = "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shapeText), }"
        // Magic (6) + version (2) + length (2) + header + "\n" is a multiple of 64.
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var bytes = magic + [1, 0]
        BinaryNumbers.appendLittleEndian(UInt16(header.utf8.count), to: &bytes)
        bytes += Array(header.utf8)
        body(&bytes)
        return bytes
    }

    /// Strings of a `<U…`/`>U…` array, for metadata.
    static func decodeStrings(_ bytes: [UInt8]) -> [String]? {
        guard bytes.count >= 10, isNumPy(bytes), bytes[6] == 1 else { return nil }
        let headerLength = Int(BinaryNumbers.unsigned(bytes, at: 8, size: 2))
        let dataStart = 10 + headerLength
        guard dataStart <= bytes.count, let header = String(bytes: bytes[10..<dataStart], encoding: .isoLatin1) else { return nil }
        var parser = HeaderParser(header)
        guard let fields = try? parser.dictionary(),
              case .text(let descr)? = fields["descr"], case .tuple(let shape)? = fields["shape"], shape.count <= 1,
              descr.count >= 3, descr.dropFirst().first == "U", let width = Int(descr.dropFirst(2)), width > 0 else { return nil }
        let bigEndian = descr.first == ">"
        let count = shape.first ?? 1
        // The width comes from the file: a huge one must not overflow 4·width.
        let (elementBytes, overflow) = width.multipliedReportingOverflow(by: 4)
        guard !overflow, count >= 0, count <= (bytes.count - dataStart) / elementBytes else { return nil }
        return (0..<count).map { i in
            var text = String.UnicodeScalarView()
            for k in 0..<width {
                let code = UInt32(BinaryNumbers.unsigned(bytes, at: dataStart + 4 * (i * width + k), size: 4, bigEndian: bigEndian))
                if code == 0 { break }
                if let scalar = Unicode.Scalar(code) { text.append(scalar) }
            }
            return String(text)
        }
    }

    private static func elementType(_ descr: String, _ fail: (String) -> TensorFileError) throws -> (ElementType, Bool) {
        let order = descr.first
        guard let order, "<>|=".contains(order), let size = Int(descr.dropFirst(2)), descr.count >= 3 else {
            throw fail("dtype '\(descr)' is not read: use float64, float32 or an integer type")
        }
        let kind = descr.dropFirst().first
        let bigEndian = order == ">"
        switch (kind, size) {
        case ("f", 8), ("f", 4), ("f", 2): return (.float(bytes: size), bigEndian)
        case ("i", 1), ("i", 2), ("i", 4), ("i", 8): return (.signed(bytes: size), bigEndian)
        case ("u", 1), ("u", 2), ("u", 4), ("u", 8): return (.unsigned(bytes: size), bigEndian)
        case ("b", 1): return (.bool, false)
        default: throw fail("dtype '\(descr)' is not read: use float64, float32 or an integer type")
        }
    }

    /// Row-major copy of a column-major array of `shape`.
    private static func cOrder(fromFortran values: [Double], shape: [Int]) -> [Double] {
        var out = [Double](repeating: 0, count: values.count)
        var index = [Int](repeating: 0, count: shape.count)
        for f in 0..<values.count {
            // `index` is the multi-index of Fortran position f; its C position:
            var c = 0
            for axis in 0..<shape.count { c = c * shape[axis] + index[axis] }
            out[c] = values[f]
            for axis in 0..<shape.count {
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
            }
        }
        return out
    }

    enum HeaderValue: Equatable {
        case text(String)
        case flag(Bool)
        case tuple([Int])
    }

    /// The Python dict literal of a .npy header: string keys, and values that
    /// are strings, True/False or tuples of whole numbers.
    struct HeaderParser {
        private var scalars: [Unicode.Scalar]
        private var position = 0
        struct Malformed: Error {}

        init(_ text: String) { scalars = Array(text.unicodeScalars) }

        mutating func dictionary() throws -> [String: HeaderValue] {
            try expect("{")
            var out: [String: HeaderValue] = [:]
            while true {
                skipSpace()
                if peek == "}" { position += 1; break }
                let key = try string()
                try expect(":")
                skipSpace()
                out[key] = try value()
                skipSpace()
                if peek == "," { position += 1; continue }
                try expect("}")
                break
            }
            skipSpace()
            guard position == scalars.count else { throw Malformed() }
            return out
        }

        private var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        private mutating func skipSpace() {
            while let c = peek, c == " " || c == "\n" || c == "\t" || c == "\r" { position += 1 }
        }

        private mutating func expect(_ c: Unicode.Scalar) throws {
            skipSpace()
            guard peek == c else { throw Malformed() }
            position += 1
        }

        private mutating func string() throws -> String {
            skipSpace()
            guard let quote = peek, quote == "'" || quote == "\"" else { throw Malformed() }
            position += 1
            var text = String.UnicodeScalarView()
            while let c = peek, c != quote {
                text.append(c)
                position += 1
            }
            guard peek == quote else { throw Malformed() }
            position += 1
            return String(text)
        }

        private mutating func value() throws -> HeaderValue {
            switch peek {
            case "'", "\"": return .text(try string())
            case "(": 
                position += 1
                var sizes: [Int] = []
                while true {
                    skipSpace()
                    if peek == ")" { position += 1; break }
                    var digits = ""
                    while let c = peek, ("0"..."9").contains(c) { digits.unicodeScalars.append(c); position += 1 }
                    // Python 2 wrote 3L for long sizes.
                    if peek == "L" { position += 1 }
                    guard let size = Int(digits) else { throw Malformed() }
                    sizes.append(size)
                    skipSpace()
                    if peek == "," { position += 1 } else if peek != ")" { throw Malformed() }
                }
                return .tuple(sizes)
            default:
                var word = ""
                while let c = peek, c.properties.isAlphabetic { word.unicodeScalars.append(c); position += 1 }
                switch word {
                case "True": return .flag(true)
                case "False": return .flag(false)
                default: throw Malformed()
                }
            }
        }
    }
}
