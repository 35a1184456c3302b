@testable import HessianCore
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianExperiments
@testable import HessianRuntime
import HessianKit
import XCTest

/// Files that mean different things to different readers are refused: a name
/// given twice (JSON parsers keep the first or the last), members that
/// declare more than they hold, labels that would build a network of
/// empty classes.
final class TensorFileDuplicateTests: XCTestCase {
    private let weight = #""w": {"dtype": "F64", "shape": [1], "data_offsets": [0, 8]}"#

    private func assertRefused(_ bytes: [UInt8], naming fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try SafeTensors.decode(bytes, path: "m.safetensors"), file: file, line: line) { error in
            XCTAssert("\(error)".contains(fragment), "\(error)", file: file, line: line)
        }
    }

    func testRepeatedSafeTensorsNamesAreRefused() throws {
        let data = TensorBytes.littleEndian(UInt64(1.0.bitPattern))
        assertRefused(TensorBytes.safetensors(header: "{\(weight), \(weight)}", data: data), naming: "'w'")
        // Equal after decoding the escape.
        assertRefused(TensorBytes.safetensors(header: "{\(weight), \(weight.replacingOccurrences(of: "\"w\"", with: #""\u0077""#))}", data: data), naming: "'w'")
        assertRefused(TensorBytes.safetensors(header: #"{"__metadata__": {"k": "1", "k": "2"}, "# + weight + "}", data: data), naming: "'k'")
        assertRefused(TensorBytes.safetensors(header: #"{"__metadata__": {}, "__metadata__": {}, "# + weight + "}", data: data), naming: "__metadata__")
        // The same name in different objects is fine.
        let archive = try SafeTensors.decode(TensorBytes.safetensors(header: #"{"__metadata__": {"w": "x"}, "# + weight + "}", data: data), path: "m")
        XCTAssertEqual(archive.tensors.map(\.name), ["w"])
        XCTAssertEqual(archive.metadata, ["w": "x"])
    }

    func testRepeatedNPZMembersAreRefused() {
        let member = TensorBytes.Member(name: "x.npy", bytes: TensorBytes.npy([1, 2], shape: [2]))
        XCTAssertThrowsError(try NPZ.decode(TensorBytes.zip([member, member]), path: "d.npz")) { error in
            XCTAssert("\(error)".contains("x.npy"), "\(error)")
            XCTAssert("\(error)".contains("two members"), "\(error)")
        }
    }

    /// safetensors is recognised from its first bytes whatever the file's
    /// extension, even when its header is longer than the bytes looked at.
    func testSafeTensorsRecognisedByContent() throws {
        let model = try MLP(sizes: [40, 30, 2], activation: .relu, loss: .nll, initScale: 0.5, seed: 1)
        let bytes = ModelFile.encode(model, as: .safetensors)
        XCTAssertEqual(ModelFormat(content: Array(bytes.prefix(16)), fileSize: bytes.count), .safetensors)
        XCTAssertNil(ModelFormat(content: Array(bytes.prefix(16))), "16 bytes alone do not hold the header")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("model-\(UUID().uuidString).bin")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        XCTAssertEqual(try ModelFile.read(path: file.path).parameters, model.parameters)
    }

    /// A deflated member inflates into memory as it goes: declaring more
    /// than the stream gives is an error about the size, not an allocation
    /// of the declared size; a huge member from a tiny stream is refused.
    func testDeflatedMembersAreCheckedAsTheyInflate() {
        let payload = [UInt8](repeating: 7, count: 5000)
        XCTAssertThrowsError(try Deflate.inflate(([0x01] + TensorBytes.littleEndian(UInt16(5000)) + TensorBytes.littleEndian(~UInt16(5000)) + payload)[...],
                                                 size: 3 * Deflate.piece)) { error in
            XCTAssertEqual(error as? Deflate.Failure, .wrongSize(5000))
        }
        XCTAssertEqual(try Deflate.inflate(([0x01] + TensorBytes.littleEndian(UInt16(5000)) + TensorBytes.littleEndian(~UInt16(5000)) + payload)[...], size: 5000), payload)
    }

    /// C = largest label + 1 is at most max(256, N).
    func testClassCountIsBoundedByTheData() throws {
        let few = try Dataset(features: [0, 1, 2, 3, 4], labels: [0, 1, 0, 1, 999], dimension: 1, classCount: 1000)
        XCTAssertThrowsError(try few.checkClassCount(source: "d.csv")) { error in
            XCTAssert("\(error)".contains("999"), "\(error)")
        }
        let enough = try Dataset(features: [0, 1, 2, 3, 4], labels: [0, 1, 0, 1, 255], dimension: 1, classCount: 256)
        XCTAssertNoThrow(try enough.checkClassCount(source: "d.csv"))
        XCTAssertEqual(Dataset.largestClassCount(examples: 5000), 5000)
    }
}
