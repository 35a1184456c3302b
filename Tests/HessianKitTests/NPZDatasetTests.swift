@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class NPZDatasetTests: XCTestCase {
    private let data = Fixture.data(n: 7, d: 3, classes: 4, seed: 17)

    private func archive(x: [UInt8], y: [UInt8]) -> [UInt8] {
        TensorBytes.zip([TensorBytes.Member(name: "x.npy", bytes: x, method: 8), TensorBytes.Member(name: "y.npy", bytes: y)])
    }

    private var rows: [Double] { (0..<data.count).flatMap { data.example($0) } }

    /// The same examples as CSV and as .npz give the same data set, bit for bit.
    func testNPZAndCSVGiveTheSameDataSet() throws {
        let labels = TensorBytes.npy(descr: "<i8", shape: [data.count], payload: data.labels.flatMap { TensorBytes.littleEndian(Int64($0)) })
        let fromNPZ = try DataFile.decode(bytes: archive(x: TensorBytes.npy(rows, shape: [data.count, data.dimension]), y: labels), path: "d.npz")
        let fromCSV = try DataFile.decode(bytes: Array(CSVDataset.encode(data).utf8), path: "d.csv")
        XCTAssertEqual(fromNPZ, fromCSV)
        XCTAssertEqual(fromNPZ, data)
        XCTAssertEqual(try DataFile.decode(bytes: NPZDataset.encode(data), path: "d.npz"), data, "written and read back")
    }

    func testFloat32FeaturesWidenAndWholeFloatLabelsCount() throws {
        let x = TensorBytes.npy(descr: "<f4", shape: [data.count, data.dimension], payload: rows.flatMap { TensorBytes.littleEndian(Float($0).bitPattern) })
        let read = try DataFile.decode(bytes: archive(x: x, y: TensorBytes.npy(data.labels.map(Double.init), shape: [data.count])), path: "d.npz")
        XCTAssertEqual(read.features, data.features.map { Double(Float($0)) })
        XCTAssertEqual(read.labels, data.labels)
    }

    func testBadArraysNameTheArray() {
        let x = TensorBytes.npy(rows, shape: [data.count, data.dimension])
        let cases: [([UInt8], String, String)] = [
            (TensorBytes.zip([TensorBytes.Member(name: "x.npy", bytes: x)]), "y", "missing"),
            (archive(x: x, y: TensorBytes.npy([0, 1], shape: [2])), "y", "one label per row"),
            (archive(x: x, y: TensorBytes.npy([0, 1.5, 0, 0, 0, 0, 0], shape: [7])), "y", "not a whole number"),
            (archive(x: TensorBytes.npy(rows, shape: [rows.count]), y: TensorBytes.npy(data.labels.map(Double.init), shape: [7])), "x", "is not (N, d)"),
            (archive(x: TensorBytes.npy([.nan] + rows.dropFirst(), shape: [7, 3]), y: TensorBytes.npy(data.labels.map(Double.init), shape: [7])), "x", "element [0, 0] is nan"),
        ]
        for (bytes, tensor, fragment) in cases {
            XCTAssertThrowsError(try DataFile.decode(bytes: bytes, path: "d.npz"), fragment) { error in
                let message = "\(error)"
                XCTAssert(message.hasPrefix("d.npz: tensor '\(tensor)': "), message)
                XCTAssert(message.contains(fragment), "'\(message)' should mention \(fragment)")
            }
        }
    }

    /// A deflated `x.npy` whose directory entry declares `rows` × 1024
    /// elements of `descr` and whose stream holds the header and then ten
    /// 65535-byte stored blocks of zeros (655 KB), but never ends: the reader
    /// can only decide from the header and the sizes, or fail inflating.
    private func unfinishedArchive(_ descr: String, rows: Int) -> [UInt8] {
        let header = TensorBytes.npy(descr: descr, shape: [rows, 1024], payload: [])
        func storedBlock(_ bytes: [UInt8]) -> [UInt8] {
            [0x00] + TensorBytes.littleEndian(UInt16(bytes.count)) + TensorBytes.littleEndian(~UInt16(bytes.count)) + bytes
        }
        let stream = storedBlock(header) + (0..<10).flatMap { _ in storedBlock([UInt8](repeating: 0, count: 65535)) }
        var zip = TensorBytes.zip([TensorBytes.Member(name: "x.npy", bytes: stream)])
        // Make the stored member deflated, of the declared size, in the central directory.
        let directory = Int(BinaryNumbers.unsigned(zip, at: zip.count - 6, size: 4))
        let size = header.count + rows * 1024 * Int(descr.dropFirst(2))!
        zip.replaceSubrange((directory + 10)..<(directory + 12), with: TensorBytes.littleEndian(UInt16(8)))
        zip.replaceSubrange((directory + 24)..<(directory + 28), with: TensorBytes.littleEndian(UInt32(size)))
        return zip
    }

    /// Deflated members may widen to 32 MiB of float64 values in all, and
    /// beyond that to 128 times their compressed bytes: 655 KB may give
    /// 8 MiB of uint8 (64 MiB as float64) or 16 MiB of float64, not 16 MiB
    /// of uint8 (128 MiB as float64), which is refused before inflating.
    func testCompressedArraysWideningFarBeyondTheirSizeAreRefusedBeforeInflating() {
        let cases: [(String, Int, String)] = [
            ("|u1", 16384, "would widen to 129 MiB of float64 values, more than 128 times"),
            ("|u1", 8192, "ends early"),
            ("<f8", 2048, "ends early"),
        ]
        for (descr, rows, fragment) in cases {
            XCTAssertThrowsError(try DataFile.decode(bytes: unfinishedArchive(descr, rows: rows), path: "d.npz"), fragment) { error in
                let message = "\(error)"
                XCTAssert(message.hasPrefix("d.npz: tensor 'x.npy': "), message)
                XCTAssert(message.contains(fragment), "'\(message)' should mention \(fragment)")
            }
        }
        XCTAssertThrowsError(try DataFile.decode(bytes: unfinishedArchive("|u1", rows: 16384), path: "d.npz")) { error in
            XCTAssert("\(error)".contains("save the arrays with numpy.savez (stored, not compressed)"), "\(error)")
        }
    }

    /// A complete deflate stream (one block of fixed Huffman codes) of
    /// `prefix` as literals, a zero byte and `runs` copies of 258 zeros.
    private func deflatedZeros(after prefix: [UInt8], runs: Int) -> [UInt8] {
        var out: [UInt8] = [], bits = 0, filled = 0
        func put(_ value: Int, _ count: Int) {
            for i in 0..<count {
                bits |= ((value >> i) & 1) << filled
                filled += 1
                if filled == 8 { out.append(UInt8(bits)); bits = 0; filled = 0 }
            }
        }
        // Huffman codes go most significant bit first.
        func code(_ value: Int, _ count: Int) { put((0..<count).reduce(0) { $0 | ((value >> $1) & 1) << (count - 1 - $1) }, count) }
        func literal(_ byte: UInt8) { byte < 144 ? code(0x30 + Int(byte), 8) : code(0x190 + Int(byte) - 144, 9) }
        put(1, 1); put(1, 2)
        for byte in prefix + [0] { literal(byte) }
        for _ in 0..<runs { code(0xC5, 8); code(0, 5) }   // length 258, distance 1
        code(0, 7)                                        // end of block
        if filled > 0 { out.append(UInt8(bits)) }
        return out
    }

    /// The rule counts the deflated members together: two arrays of
    /// 24 MiB as float64 from 20 KB each are within 32 MiB one by one, not
    /// together; the first inflates and the second is refused.
    func testTheWideningRuleCountsAllDeflatedMembers() throws {
        let runs = 12193, count = 1 + 258 * runs
        let header = TensorBytes.npy(descr: "|u1", shape: [count], payload: [])
        let stream = deflatedZeros(after: header, runs: runs)
        XCTAssertEqual(try Deflate.inflate(stream[...], size: header.count + count), header + [UInt8](repeating: 0, count: count))
        let crc = TensorBytes.littleEndian(Deflate.crc32((header + [UInt8](repeating: 0, count: count))[...]))
        // Stored members made deflated, with the inflated size and CRC, in the central directory.
        func archive(_ names: [String]) -> [UInt8] {
            var zip = TensorBytes.zip(names.map { TensorBytes.Member(name: $0, bytes: stream) })
            var entry = Int(BinaryNumbers.unsigned(zip, at: zip.count - 6, size: 4))
            for name in names {
                zip.replaceSubrange((entry + 10)..<(entry + 12), with: TensorBytes.littleEndian(UInt16(8)))
                zip.replaceSubrange((entry + 16)..<(entry + 20), with: crc)
                zip.replaceSubrange((entry + 24)..<(entry + 28), with: TensorBytes.littleEndian(UInt32(header.count + count)))
                entry += 46 + name.utf8.count
            }
            return zip
        }
        XCTAssertThrowsError(try NPZ.decode(archive(["a.npy", "b.npy"]), path: "d.npz")) { error in
            XCTAssert("\(error)".hasPrefix("d.npz: tensor 'b.npy': the deflated members up to this one"), "\(error)")
        }
        let one = try NPZ.decode(archive(["a.npy"]), path: "d.npz")
        XCTAssertEqual(one.tensors.map(\.shape), [[count]])
    }
}
