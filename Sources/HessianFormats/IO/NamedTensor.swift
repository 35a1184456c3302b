/// One array of a tensor file (safetensors, .npy inside .npz), its values
/// widened exactly to Double in C (row-major) order.
public struct NamedTensor: Equatable, Sendable {
    /// The name in the file (`0.weight`; an .npz member without `.npy`).
    public var name: String
    /// Sizes, outermost first; `[]` for a scalar.
    public var shape: [Int]
    /// Product of `shape` values, row-major.
    public var values: [Double]
    /// Whether the file stored whole numbers (an integer dtype).
    public var isInteger: Bool

    /// A tensor of `shape` holding `values` (row-major, their product in number).
    public init(name: String, shape: [Int], values: [Double], isInteger: Bool = false) {
        self.name = name
        self.shape = shape
        self.values = values
        self.isInteger = isInteger
    }

    /// Number of elements: the product of `shape`, or nil when it overflows.
    static func elementCount(_ shape: [Int]) -> Int? {
        var total = 1
        for size in shape {
            guard size >= 0 else { return nil }
            let (product, overflow) = total.multipliedReportingOverflow(by: size)
            if overflow { return nil }
            total = product
        }
        return total
    }

    /// "(3, 4)", as NumPy and PyTorch print shapes.
    var shapeText: String { "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")") }
}

/// The arrays of a tensor file, in the order they are stored, and its
/// string metadata (safetensors `__metadata__`, or an .npz `__metadata__`
/// array).
public struct TensorArchive: Equatable, Sendable {
    /// The arrays, in the order they are stored.
    public var tensors: [NamedTensor]
    /// Key–value strings (`activation`, `loss`, `layers`, …).
    public var metadata: [String: String]
}

/// A tensor file that cannot be read: the file, the tensor (when one is at
/// fault) and what is wrong with it.
public struct TensorFileError: Error, CustomStringConvertible, Equatable {
    /// The file as the caller named it.
    public var path: String
    /// The tensor (or zip member) at fault; nil for the file as a whole.
    public var tensor: String?
    /// What is wrong, in a few words.
    public var problem: String

    /// An error about `tensor` (nil: the file as a whole) of the file at `path`.
    public init(path: String, tensor: String? = nil, problem: String) {
        self.path = path
        self.tensor = tensor
        self.problem = problem
    }

    /// "path: tensor 'name': problem", or "path: problem".
    public var description: String {
        tensor.map { "\(path): tensor '\($0)': \(problem)" } ?? "\(path): \(problem)"
    }
}

/// Little- and big-endian reads of fixed-size numbers from a byte array;
/// the caller has checked that the bytes are there.
enum BinaryNumbers {
    static func unsigned(_ bytes: [UInt8], at offset: Int, size: Int, bigEndian: Bool = false) -> UInt64 {
        var value: UInt64 = 0
        for k in 0..<size {
            let byte = UInt64(bytes[bigEndian ? offset + k : offset + size - 1 - k])
            value = value << 8 | byte
        }
        return value
    }

    static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

/// Reads one element of a floating-point or integer dtype, widened exactly.
enum ElementType: Equatable, Sendable {
    case float(bytes: Int)
    case bfloat16
    case signed(bytes: Int)
    case unsigned(bytes: Int)
    case bool

    var size: Int {
        switch self {
        case .float(let n), .signed(let n), .unsigned(let n): return n
        case .bfloat16: return 2
        case .bool: return 1
        }
    }

    var isInteger: Bool {
        switch self {
        case .float, .bfloat16: return false
        case .signed, .unsigned, .bool: return true
        }
    }

    /// The largest magnitude a Double holds exactly as a whole number.
    static let exactIntegerLimit: UInt64 = 1 << 53

    /// Every element of `count` items at `offset`, widened to Double; nil
    /// when an integer exceeds 2⁵³ (it would not widen exactly), with the
    /// index of the first such element.
    static func widen(_ bytes: [UInt8], at offset: Int, count: Int, type: ElementType, bigEndian: Bool) -> Result<[Double], OutOfRange> {
        var out = [Double](repeating: 0, count: count)
        let size = type.size
        for i in 0..<count {
            let raw = BinaryNumbers.unsigned(bytes, at: offset + i * size, size: size, bigEndian: bigEndian)
            switch type {
            case .float(8): out[i] = Double(bitPattern: raw)
            case .float(4): out[i] = Double(Float(bitPattern: UInt32(truncatingIfNeeded: raw)))
            case .float: out[i] = Double(Float16Bits.value(UInt16(truncatingIfNeeded: raw)))
            case .bfloat16: out[i] = Double(Float(bitPattern: UInt32(truncatingIfNeeded: raw) << 16))
            case .bool: out[i] = raw == 0 ? 0 : 1
            case .unsigned:
                guard raw <= exactIntegerLimit else { return .failure(OutOfRange(index: i)) }
                out[i] = Double(raw)
            case .signed:
                // Sign-extend from `size` bytes.
                let shift = UInt64(64 - 8 * size)
                let value = Int64(bitPattern: raw << shift) >> Int64(shift)
                guard value.magnitude <= exactIntegerLimit else { return .failure(OutOfRange(index: i)) }
                out[i] = Double(value)
            }
        }
        return .success(out)
    }

    struct OutOfRange: Error { var index: Int }
}

/// IEEE 754 binary16 to Float, exactly (every half is a float).
enum Float16Bits {
    static func value(_ bits: UInt16) -> Float {
        let sign: Float = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F)
        let fraction = Float(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction * 0x1p-10) * Float(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}
