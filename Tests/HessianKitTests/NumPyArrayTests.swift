@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class NumPyArrayTests: XCTestCase {
    func testByteOrdersDtypesAndFortranOrder() throws {
        let values = [0.5, -1.25, 3.0, 1e-300, -0.0, 7.0]
        XCTAssertEqual(try NumPyArray.decode(TensorBytes.npy(values, shape: [2, 3]), path: "a.npy").values, values)
        XCTAssertEqual(try NumPyArray.decode(TensorBytes.npy(values, shape: [2, 3], bigEndian: true), path: "a.npy").values, values)
        let floats: [Float] = [0.1, -2.5, 3e-8]
        let little = TensorBytes.npy(descr: "<f4", shape: [3], payload: floats.flatMap { TensorBytes.littleEndian($0.bitPattern) })
        let big = TensorBytes.npy(descr: ">f4", shape: [3], payload: floats.flatMap { TensorBytes.bigEndian($0.bitPattern) })
        for bytes in [little, big] {
            XCTAssertEqual(try NumPyArray.decode(bytes, path: "a.npy").values, floats.map(Double.init))
        }
        // Column-major [[1, 2, 3], [4, 5, 6]] is stored 1, 4, 2, 5, 3, 6.
        let fortran = TensorBytes.npy(descr: "<f8", shape: [2, 3], fortran: true, payload: [1.0, 4, 2, 5, 3, 6].flatMap { TensorBytes.littleEndian($0.bitPattern) })
        XCTAssertEqual(try NumPyArray.decode(fortran, path: "a.npy").values, [1, 2, 3, 4, 5, 6])
        let labels = TensorBytes.npy(descr: ">i4", shape: [3], payload: [Int32(2), -1, 9].flatMap { TensorBytes.bigEndian($0) })
        let read = try NumPyArray.decode(labels, path: "y.npy")
        XCTAssertEqual(read.values, [2, -1, 9])
        XCTAssert(read.isInteger)
    }

    func testWrittenArraysReadBack() throws {
        let values = (0..<12).map { Double($0) * 0.37 - 2 }
        let bytes = NumPyArray.encode(values, shape: [3, 4])
        XCTAssertEqual((bytes.count - values.count * 8) % 64, 0, "the header is padded to 64 bytes")
        XCTAssertEqual(try NumPyArray.decode(bytes, path: "a.npy"), NamedTensor(name: "", shape: [3, 4], values: values))
        XCTAssertEqual(NumPyArray.decodeStrings(NumPyArray.encode(strings: ["loss=nll", "é"])), ["loss=nll", "é"])
    }

    func testMalformedArraysNameTheMember() {
        let cases: [([UInt8], String)] = [
            (Array("not numpy".utf8), "no \\x93NUMPY magic"),
            (TensorBytes.npy(descr: "<c16", shape: [1], payload: [UInt8](repeating: 0, count: 16)), "dtype '<c16'"),
            (TensorBytes.npy([1, 2, 3], shape: [2, 2]), "truncated"),
            (TensorBytes.npy(descr: "<u8", shape: [1], payload: TensorBytes.littleEndian(UInt64.max)), "beyond 2^53"),
        ]
        for (bytes, fragment) in cases {
            XCTAssertThrowsError(try NumPyArray.decode(bytes, path: "m.npz", name: "0.weight")) { error in
                let message = "\(error)"
                XCTAssert(message.hasPrefix("m.npz: tensor '0.weight': "), message)
                XCTAssert(message.contains(fragment), "'\(message)' should mention \(fragment)")
            }
        }
    }

    // MARK: .npz

    private let model = Fixture.model([3, 4, 2], .sigmoid, .nll, scale: 0.8, seed: 9)

    private func members(method: UInt16) -> [TensorBytes.Member] {
        TensorBytes.layers(of: model).map { TensorBytes.Member(name: $0.name + ".npy", bytes: TensorBytes.npy($0.values, shape: $0.shape), method: method) }
    }

    func testStoredAndDeflatedArchivesGiveTheModel() throws {
        let options = ModelReadOptions(activation: .sigmoid, loss: .nll)
        for method: UInt16 in [0, 8] {
            XCTAssertEqual(try ModelFile.decode(bytes: TensorBytes.zip(members(method: method)), path: "m.npz", options: options), model, "method \(method)")
        }
        let written = ModelFile.encode(model, as: .npz)
        XCTAssertEqual(try ModelFile.decode(bytes: written, path: "m.npz"), model, "export round trip")
    }

    /// Archives written by numpy 2.4 (`savez` and `savez_compressed`, which
    /// mark every member ZIP64): W1 = [[0.5, −1.25, 2], [0.25, 0.75, −0.5]],
    /// b1 = [0.125, −0.375] as float32, W2 = [[1.5, −2.5], [−0.0625, 3]] as
    /// big-endian float64, b2 = [−1, 0.5].
    func testArchivesWrittenByNumPyRead() throws {
        let expected = [0.5, -1.25, 2, 0.25, 0.75, -0.5, 0.125, -0.375, 1.5, -2.5, -0.0625, 3, -1, 0.5]
        for (name, text) in [("savez", NumPyFixture.savez), ("savez_compressed", NumPyFixture.savezCompressed)] {
            let bytes = [UInt8](Data(base64Encoded: text)!)
            let read = try ModelFile.decode(bytes: bytes, path: "\(name).npz", options: ModelReadOptions(activation: .relu, loss: .nll))
            XCTAssertEqual(read.sizes, [3, 2, 2], name)
            XCTAssertEqual(read.parameters, expected, name)
        }
    }

    func testDamagedArchivesNameTheMember() {
        let good = members(method: 8)
        var unsupported = good
        unsupported[1].method = 12
        let whole = TensorBytes.zip(good)
        // The first half, then the end record, which points past the end.
        let cut = Array(whole[0..<(whole.count / 2)] + whole[(whole.count - 22)...])
        var corrupt = TensorBytes.zip(members(method: 0))
        corrupt[100] ^= 0xFF
        let cases: [([UInt8], String?, String)] = [
            (TensorBytes.zip(unsupported), "0.bias.npy", "compression method 12 (bzip2)"),
            (cut, nil, "truncated"),
            (corrupt, "0.weight.npy", "CRC-32 mismatch"),
            (Array(whole[0..<(whole.count - 30)]), nil, "no zip end-of-directory record"),
            (TensorBytes.zip([TensorBytes.Member(name: "0.weight.npy", bytes: Array(TensorBytes.npy([1, 2], shape: [1, 2]).dropLast(4)))]), "0.weight", "truncated"),
        ]
        for (bytes, member, fragment) in cases {
            XCTAssertThrowsError(try ModelFile.decode(bytes: bytes, path: "m.npz", options: ModelReadOptions(activation: .relu, loss: .nll)), fragment) { error in
                let message = "\(error)"
                XCTAssert(message.hasPrefix("m.npz: "), message)
                if let member { XCTAssert(message.contains("tensor '\(member)'"), "'\(message)' should name \(member)") }
                XCTAssert(message.contains(fragment), "'\(message)' should mention \(fragment)")
            }
        }
    }

    func testDeflatedMemberEndingEarlyIsTruncated() {
        var member = members(method: 8)[0]
        member.method = 8
        var bytes = TensorBytes.zip([member])
        // Declare one more compressed byte than the block holds: inflating ends before the block's end.
        let local = 0
        let declared = BinaryNumbers.unsigned(bytes, at: local + 18, size: 4)
        let shorter = TensorBytes.littleEndian(UInt32(declared - 10))
        // Shrink the compressed size in both headers, leaving the stored block cut.
        for (k, byte) in shorter.enumerated() { bytes[local + 18 + k] = byte }
        let directory = Int(BinaryNumbers.unsigned(bytes, at: bytes.count - 6, size: 4))
        for (k, byte) in shorter.enumerated() { bytes[directory + 20 + k] = byte }
        XCTAssertThrowsError(try ZipArchive.members(of: bytes, path: "m.npz")) { error in
            XCTAssert("\(error)".contains("tensor '0.weight.npy'") && "\(error)".contains("ends early"), "\(error)")
        }
    }
}
