@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class SafeTensorsTests: XCTestCase {
    private let model = Fixture.model([4, 5, 3], .tanh, .nll, scale: 0.7, seed: 21)

    /// Every dtype gives the model whose parameters are the same numbers
    /// rounded to that dtype and widened: bit for bit, so the same spectrum.
    func testEachFloatDtypeWidensExactly() throws {
        for dtype in [TensorBytes.DType.f64, .f32, .f16, .bf16] {
            let bytes = TensorBytes.safetensors(TensorBytes.layers(of: model), dtype: dtype, metadata: ["activation": "tanh", "loss": "nll"])
            let read = try ModelFile.decode(bytes: bytes, path: "m.safetensors")
            let expected = TensorBytes.rounded(model, to: dtype)
            XCTAssertEqual(read, expected, dtype.rawValue)
            if dtype != .f64 { XCTAssertNotEqual(read.parameters, model.parameters, "\(dtype.rawValue) should round") }
        }
    }

    func testHalfPrecisionSpecialValuesWiden() {
        // 1, −2, the smallest subnormal 2⁻²⁴, the largest half 65504.
        let bits: [UInt16] = [0x3C00, 0xC000, 0x0001, 0x7BFF]
        XCTAssertEqual(bits.map { Double(Float16Bits.value($0)) }, [1, -2, 0x1p-24, 65504])
        XCTAssert(Float16Bits.value(0x7C00).isInfinite)
        XCTAssert(Float16Bits.value(0x7E00).isNaN)
    }

    func testExportRoundTripIsBitExact() throws {
        let bytes = ModelFile.encode(model, as: .safetensors)
        XCTAssert(SafeTensors.isSafeTensors(bytes))
        XCTAssertEqual(BinaryNumbers.unsigned(bytes, at: 0, size: 8) % 8, 0, "the data starts 8-byte aligned")
        let archive = try SafeTensors.decode(bytes, path: "m.safetensors")
        XCTAssertEqual(archive.tensors.map(\.name), ["0.weight", "0.bias", "2.weight", "2.bias"])
        XCTAssertEqual(archive.metadata, ["format": "hessian-spectrum-mlp", "version": "1", "layers": "4,5,3", "activation": "tanh", "loss": "nll"])
        XCTAssertEqual(try ModelFile.decode(bytes: bytes, path: "m.safetensors"), model)
    }

    func testActivationAndLossComeFromMetadataOrTheCaller() throws {
        let bare = TensorBytes.safetensors(TensorBytes.layers(of: model), dtype: .f64)
        XCTAssertThrowsError(try ModelFile.decode(bytes: bare, path: "m.safetensors")) { error in
            XCTAssertEqual(error as? ModelSettingError, .missing(path: "m.safetensors", setting: .activation))
        }
        XCTAssertThrowsError(try ModelFile.decode(bytes: bare, path: "m.safetensors", options: ModelReadOptions(activation: .tanh))) { error in
            XCTAssertEqual(error as? ModelSettingError, .missing(path: "m.safetensors", setting: .loss))
        }
        XCTAssertEqual(try ModelFile.decode(bytes: bare, path: "m.safetensors", options: ModelReadOptions(activation: .tanh, loss: .nll)), model)
        let recorded = TensorBytes.safetensors(TensorBytes.layers(of: model), dtype: .f64, metadata: ["activation": "tanh", "loss": "nll"])
        XCTAssertThrowsError(try ModelFile.decode(bytes: recorded, path: "m.safetensors", options: ModelReadOptions(activation: .relu))) { error in
            XCTAssertEqual(error as? ModelSettingError, .conflict(path: "m.safetensors", setting: .activation, recorded: "tanh", given: "relu"))
        }
    }

    /// Each malformed file is one error naming the file and, where one is at fault, the tensor.
    func testMalformedFilesNameTheFileAndTheTensor() {
        let w = #""0.weight":{"dtype":"F64","shape":[1,1],"data_offsets":[0,8]}"#
        let b = #""0.bias":{"dtype":"F64","shape":[1],"data_offsets":[8,16]}"#
        let meta = #""__metadata__":{"activation":"relu","loss":"mse"}"#
        let sixteen = [UInt8](repeating: 0, count: 16)
        var nan = TensorBytes.littleEndian(Double.nan.bitPattern) + [UInt8](repeating: 0, count: 8)
        nan[0] = nan[0] | 1
        let cases: [([UInt8], String?, String)] = [
            ([1, 2, 3], nil, "fewer than the 8"),
            (TensorBytes.littleEndian(UInt64(1000)) + Array("{}".utf8), nil, "runs past the end"),
            (TensorBytes.safetensors(header: "{not json", data: []), nil, "not a JSON object"),
            (TensorBytes.safetensors(header: "{\(meta),\(w.replacingOccurrences(of: "[0,8]", with: "[0,80]")),\(b)}", data: sixteen), "0.weight", "outside the 16 data bytes"),
            (TensorBytes.safetensors(header: "{\(meta),\(w),\(b.replacingOccurrences(of: "[8,16]", with: "[4,12]"))}", data: sixteen), "0.bias", "overlap"),
            (TensorBytes.safetensors(header: "{\(meta),\(w.replacingOccurrences(of: "F64", with: "I64")),\(b)}", data: sixteen), "0.weight", "dtype I64"),
            (TensorBytes.safetensors(header: "{\(meta),\(w.replacingOccurrences(of: "[1,1]", with: "[1,2]")),\(b)}", data: sixteen), "0.weight", "hold 8 bytes"),
            (TensorBytes.safetensors(header: "{\(meta),\(w),\(b.replacingOccurrences(of: "[1]", with: "[2]").replacingOccurrences(of: "[8,16]", with: "[8,24]"))}", data: sixteen + [UInt8](repeating: 0, count: 8)), "0.bias", "does not match the 1 outputs"),
            (TensorBytes.safetensors(header: "{\(meta),\(w),\(b)}", data: nan), "0.weight", "not a finite number"),
            (TensorBytes.safetensors(header: "{\(meta),\(w),\(b),\"bn.running_mean\":{\"dtype\":\"F64\",\"shape\":[0],\"data_offsets\":[16,16]}}", data: sixteen), "bn.running_mean", "BatchNorm statistic"),
        ]
        for (bytes, tensor, fragment) in cases {
            XCTAssertThrowsError(try ModelFile.decode(bytes: bytes, path: "bad.safetensors"), fragment) { error in
                let message = "\(error)"
                XCTAssert(message.hasPrefix("bad.safetensors: "), message)
                if let tensor { XCTAssert(message.contains("tensor '\(tensor)'"), "'\(message)' should name \(tensor)") }
                XCTAssert(message.contains(fragment), "'\(message)' should mention \(fragment)")
                XCTAssertFalse(message.contains("\n"), "one line: \(message)")
            }
        }
    }

    func testLayersThatDoNotChainAreRefusedByName() {
        var layers = TensorBytes.layers(of: model)
        layers[2] = (layers[2].name, [3, 4], [Double](repeating: 0.5, count: 12))
        let bytes = TensorBytes.safetensors(layers, dtype: .f32, metadata: ["activation": "tanh", "loss": "nll"])
        XCTAssertThrowsError(try ModelFile.decode(bytes: bytes, path: "m.safetensors")) { error in
            let message = "\(error)"
            XCTAssert(message.contains("tensor '2.weight'") && message.contains("takes 4 inputs") && message.contains("'0.weight'"), message)
        }
    }
}
