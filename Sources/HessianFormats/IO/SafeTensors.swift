import Foundation
import HessianCore

/// The safetensors format (Hugging Face), as `safetensors.torch.save_file`
/// writes it:
///
///     [8 bytes: header length n, little-endian u64]
///     [n bytes: JSON {"name": {"dtype": "F32", "shape": [3, 4],
///                              "data_offsets": [begin, end]}, …,
///                     "__metadata__": {"key": "value", …}}]
///     [data: each tensor's bytes little-endian, row-major, at
///            data_offsets relative to the end of the header]
///
/// Floating-point dtypes F64, F32, F16 and BF16 are widened to Double
/// exactly; other dtypes are refused by name.
public enum SafeTensors {
    /// Largest header read: the format's own limit (100 MB).
    public static let largestHeader = 100_000_000

    /// Whether `bytes`, the start of a file of `fileSize` bytes (by default
    /// `bytes` is the whole file), look like safetensors: a header length
    /// that fits the file, followed by a JSON object. Nine bytes decide.
    public static func isSafeTensors(_ bytes: [UInt8], fileSize: Int? = nil) -> Bool {
        let size = fileSize ?? bytes.count
        guard bytes.count >= 9, size >= 10 else { return false }
        let length = BinaryNumbers.unsigned(bytes, at: 0, size: 8)
        return length >= 2 && length <= UInt64(size - 8) && bytes[8] == UInt8(ascii: "{")
    }

    /// Parses and checks a whole file; `path` names it in errors.
    ///
    /// - Throws: `TensorFileError` naming the file and, where one is at
    ///   fault, the tensor: a header length beyond the file, a header that
    ///   is not a JSON object, an unknown or non-float dtype, a shape that
    ///   is not a list of sizes, offsets out of range, of the wrong length
    ///   for the shape, or overlapping another tensor's, a name given twice
    ///   (a tensor or a `__metadata__` key).
    public static func decode(_ bytes: [UInt8], path: String) throws -> TensorArchive {
        func fail(_ tensor: String?, _ problem: String) -> TensorFileError {
            TensorFileError(path: path, tensor: tensor, problem: problem)
        }
        guard bytes.count >= 8 else {
            throw fail(nil, "the file has \(bytes.count) bytes, fewer than the 8 of a safetensors header length")
        }
        let declared = BinaryNumbers.unsigned(bytes, at: 0, size: 8)
        guard declared <= UInt64(bytes.count - 8) else {
            throw fail(nil, "the header length \(declared) runs past the end of the file (\(bytes.count) bytes): not safetensors, or truncated")
        }
        guard declared <= UInt64(largestHeader) else { throw fail(nil, "the header length \(declared) exceeds the format's 100 MB limit") }
        let headerLength = Int(declared)
        let dataStart = 8 + headerLength
        let dataSize = bytes.count - dataStart
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart])),
              let header = object as? [String: Any] else {
            throw fail(nil, "the safetensors header is not a JSON object")
        }
        // A parser keeps one of two equal names silently (PyTorch's loader the last): refuse, naming it.
        if let repeated = JSONDuplicateKeys.first(in: bytes[8..<dataStart]) {
            throw fail(repeated, "the name appears twice in one object of the safetensors header: readers disagree on which one counts")
        }

        var metadata: [String: String] = [:]
        if let raw = header["__metadata__"] {
            guard let entries = raw as? [String: Any] else { throw fail(nil, "__metadata__ must map names to strings") }
            for (key, value) in entries {
                guard let text = value as? String else { throw fail(nil, "__metadata__ entry '\(key)' is not a string") }
                metadata[key] = text
            }
        }

        var entries: [(name: String, type: ElementType, shape: [Int], begin: Int, end: Int)] = []
        for (name, raw) in header where name != "__metadata__" {
            guard let info = raw as? [String: Any] else { throw fail(name, "its header entry is not a JSON object") }
            guard let dtype = info["dtype"] as? String else { throw fail(name, "no \"dtype\"") }
            let type: ElementType
            switch dtype {
            case "F64": type = .float(bytes: 8)
            case "F32": type = .float(bytes: 4)
            case "F16": type = .float(bytes: 2)
            case "BF16": type = .bfloat16
            default:
                throw fail(name, UnsupportedLayer.batchNormStatistic(name) ?? "dtype \(dtype) is not read: weights must be F64, F32, F16 or BF16")
            }
            guard let shape = wholeNumbers(info["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
                throw fail(name, "\"shape\" must be a list of non-negative whole numbers")
            }
            guard let offsets = wholeNumbers(info["data_offsets"]), offsets.count == 2 else {
                throw fail(name, "\"data_offsets\" must be two whole numbers [begin, end]")
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, begin <= end, end <= dataSize else {
                throw fail(name, "data_offsets [\(begin), \(end)] lie outside the \(dataSize) data bytes")
            }
            let bytesNeeded = NamedTensor.elementCount(shape).map { $0.multipliedReportingOverflow(by: type.size) }
            guard let bytesNeeded, !bytesNeeded.overflow, bytesNeeded.partialValue == end - begin else {
                throw fail(name, "data_offsets [\(begin), \(end)] hold \(end - begin) bytes, not the shape (\(shape.map(String.init).joined(separator: ", "))) of \(dtype)")
            }
            entries.append((name, type, shape, begin, end))
        }
        entries.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        for (previous, next) in zip(entries, entries.dropFirst()) where next.begin < previous.end {
            throw fail(next.name, "its bytes [\(next.begin), \(next.end)) overlap those of '\(previous.name)' [\(previous.begin), \(previous.end))")
        }

        let widened = entries.reduce(0) { $0 + ($1.end - $1.begin) / $1.type.size }
        try MemoryBudget.require(8 * widened, for: "widening the tensors of \(path) to float64",
                                 available: MemoryBudget.availableBytes())
        let tensors = entries.map { entry -> NamedTensor in
            let count = (entry.end - entry.begin) / entry.type.size
            // Float types cannot fail to widen.
            let values = (try? ElementType.widen(bytes, at: dataStart + entry.begin, count: count, type: entry.type, bigEndian: false).get()) ?? []
            return NamedTensor(name: entry.name, shape: entry.shape, values: values)
        }
        return TensorArchive(tensors: tensors, metadata: metadata)
    }

    /// A safetensors file of F64 tensors in the given order, with string
    /// `metadata`; the header is padded with spaces to a multiple of 8 bytes
    /// so that the data is aligned, as the reference writer does.
    public static func encode(_ tensors: [NamedTensor], metadata: [String: String]) -> [UInt8] {
        var header = "{"
        if !metadata.isEmpty {
            header += "\"__metadata__\":{"
            header += metadata.sorted { $0.key < $1.key }.map { "\(jsonString($0.key)):\(jsonString($0.value))" }.joined(separator: ",")
            header += "},"
        }
        var offset = 0
        header += tensors.map { tensor in
            let end = offset + 8 * tensor.values.count
            defer { offset = end }
            return "\(jsonString(tensor.name)):{\"dtype\":\"F64\",\"shape\":[\(tensor.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(end)]}"
        }.joined(separator: ",")
        header += "}"
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(UInt8(ascii: " ")) }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + headerBytes.count + offset)
        BinaryNumbers.appendLittleEndian(UInt64(headerBytes.count), to: &bytes)
        bytes += headerBytes
        for tensor in tensors {
            for value in tensor.values { BinaryNumbers.appendLittleEndian(value.bitPattern, to: &bytes) }
        }
        return bytes
    }

    /// JSON numbers that are whole and fit an Int, or nil.
    private static func wholeNumbers(_ raw: Any?) -> [Int]? {
        guard let list = raw as? [Any] else { return nil }
        var out: [Int] = []
        for item in list {
            guard let number = item as? NSNumber, let value = Int(exactly: number.doubleValue) else { return nil }
            out.append(value)
        }
        return out
    }

    /// `text` as a JSON string literal.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
