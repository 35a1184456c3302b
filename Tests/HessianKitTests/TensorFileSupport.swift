import Foundation
@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime

/// Tensor files written byte by byte, independently of the library's
/// writers: safetensors of any dtype, .npy of any descr, zip archives with
/// stored or deflate-coded members and a bitwise CRC-32.
enum TensorBytes {
    /// Element encodings.
    enum DType: String {
        case f64 = "F64", f32 = "F32", f16 = "F16", bf16 = "BF16"

        /// `x` rounded to this type and widened back, as the file will hold it.
        func rounded(_ x: Double) -> Double {
            switch self {
            case .f64: return x
            case .f32: return Double(Float(x))
            case .f16: return Double(Float(Float16(x)))
            case .bf16: return Double(Float(bitPattern: bfloat16Bits(x) << 16))
            }
        }

        /// Little-endian bytes of `x` in this type.
        func bytes(_ x: Double) -> [UInt8] {
            switch self {
            case .f64: return littleEndian(x.bitPattern)
            case .f32: return littleEndian(Float(x).bitPattern)
            case .f16: return littleEndian(Float16(x).bitPattern)
            case .bf16: return littleEndian(UInt16(bfloat16Bits(x)))
            }
        }

        /// The top 16 bits of the float, rounded to nearest even.
        private func bfloat16Bits(_ x: Double) -> UInt32 {
            let bits = Float(x).bitPattern
            let rounding = 0x7FFF + ((bits >> 16) & 1)
            return (bits &+ rounding) >> 16
        }
    }

    static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        (0..<MemoryLayout<T>.size).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    static func bigEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] { littleEndian(value).reversed() }

    /// A safetensors file from a literal JSON header and data bytes.
    static func safetensors(header: String, data: [UInt8]) -> [UInt8] {
        let h = Array(header.utf8)
        return littleEndian(UInt64(h.count)) + h + data
    }

    /// A safetensors file of tensors in one dtype, packed in order.
    static func safetensors(_ tensors: [(name: String, shape: [Int], values: [Double])], dtype: DType, metadata: [String: String] = [:]) -> [UInt8] {
        var entries: [String] = []
        if !metadata.isEmpty {
            entries.append("\"__metadata__\":{" + metadata.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\"\($0.value)\"" }.joined(separator: ",") + "}")
        }
        var data: [UInt8] = []
        for tensor in tensors {
            let begin = data.count
            for v in tensor.values { data += dtype.bytes(v) }
            entries.append("\"\(tensor.name)\":{\"dtype\":\"\(dtype.rawValue)\",\"shape\":[\(tensor.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(begin),\(data.count)]}")
        }
        return safetensors(header: "{" + entries.joined(separator: ",") + "}", data: data)
    }

    /// A .npy version 1.0 file with the given descr and raw element bytes.
    static func npy(descr: String, shape: [Int], fortran: Bool = false, payload: [UInt8]) -> [UInt8] {
        let shapeText = "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")
        let header = Array("{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shapeText), }\n".utf8)
        return [0x93] + Array("NUMPY".utf8) + [1, 0] + littleEndian(UInt16(header.count)) + header + payload
    }

    /// `<f8` or `>f8` .npy of row-major `values`.
    static func npy(_ values: [Double], shape: [Int], bigEndian big: Bool = false) -> [UInt8] {
        npy(descr: big ? ">f8" : "<f8", shape: shape, payload: values.flatMap { big ? bigEndian($0.bitPattern) : littleEndian($0.bitPattern) })
    }

    /// CRC-32 (reflected, polynomial 0xEDB88320), bit by bit.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// One zip member: stored (method 0), deflate (8) as a single
    /// uncompressed deflate block, or any other method number with the
    /// bytes as they are.
    struct Member {
        var name: String
        var bytes: [UInt8]
        var method: UInt16 = 0
    }

    /// A zip archive of `members`.
    static func zip(_ members: [Member]) -> [UInt8] {
        var out: [UInt8] = [], directory: [UInt8] = []
        for member in members {
            let name = Array(member.name.utf8)
            // A deflate stream of one final stored block: 0x01, LEN, ~LEN, data.
            let body = member.method == 8
                ? [0x01] + littleEndian(UInt16(member.bytes.count)) + littleEndian(~UInt16(member.bytes.count)) + member.bytes
                : member.bytes
            let fields = littleEndian(UInt16(20)) + littleEndian(UInt16(0)) + littleEndian(member.method) + littleEndian(UInt32(0))
                + littleEndian(crc32(member.bytes)) + littleEndian(UInt32(body.count)) + littleEndian(UInt32(member.bytes.count))
                + littleEndian(UInt16(name.count)) + littleEndian(UInt16(0))
            let offset = out.count
            out += littleEndian(UInt32(0x0403_4B50)) + fields + name + body
            directory += littleEndian(UInt32(0x0201_4B50)) + littleEndian(UInt16(20)) + fields
                + littleEndian(UInt16(0)) + littleEndian(UInt16(0)) + littleEndian(UInt16(0)) + littleEndian(UInt32(0))
                + littleEndian(UInt32(offset)) + name
        }
        let start = out.count
        out += directory
        out += littleEndian(UInt32(0x0605_4B50)) + littleEndian(UInt16(0)) + littleEndian(UInt16(0))
            + littleEndian(UInt16(members.count)) + littleEndian(UInt16(members.count))
            + littleEndian(UInt32(directory.count)) + littleEndian(UInt32(start)) + littleEndian(UInt16(0))
        return out
    }

    /// The layers of `model` as (name, shape, row-major values), weights (out, in),
    /// under PyTorch nn.Sequential names, or `names(l)` for layer l = 1…L.
    static func layers(of model: MLP, names: (Int) -> (weight: String, bias: String) = { ("\(2 * ($0 - 1)).weight", "\(2 * ($0 - 1)).bias") },
                       inOut: Bool = false) -> [(name: String, shape: [Int], values: [Double])] {
        let layout = model.layout
        var out: [(name: String, shape: [Int], values: [Double])] = []
        for l in 1...layout.depth {
            let fanIn = layout.sizes[l - 1], fanOut = layout.sizes[l]
            let w = Array(model.parameters[layout.weightOffset(l)..<(layout.weightOffset(l) + fanOut * fanIn)])
            let b = Array(model.parameters[layout.biasOffset(l)..<(layout.biasOffset(l) + fanOut)])
            let weight = inOut ? (0..<(fanIn * fanOut)).map { k in w[(k % fanOut) * fanIn + k / fanOut] } : w
            out.append((names(l).weight, inOut ? [fanIn, fanOut] : [fanOut, fanIn], weight))
            out.append((names(l).bias, [fanOut], b))
        }
        return out
    }

    /// `model` with every parameter rounded as `dtype` stores it.
    static func rounded(_ model: MLP, to dtype: DType) -> MLP {
        var copy = model
        copy.parameters = model.parameters.map(dtype.rounded)
        return copy
    }
}
