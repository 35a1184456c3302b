@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

/// Files and layers this tool cannot analyse are refused with one line
/// naming the thing and the way out.
final class UnsupportedLayerTests: XCTestCase {
    /// A `torch.save` zip (its `archive/data.pkl` member) and a legacy
    /// pickle are named as such, with the safetensors way out.
    func testTorchSaveFilesPointToSafetensors() {
        let zip = ZipArchive.stored([.init(name: "archive/data.pkl", bytes: [0x80, 0x02, 0x7D, 0x2E]),
                                     .init(name: "archive/data/0", bytes: [UInt8](repeating: 0, count: 8))])
        for (bytes, name) in [(zip, "m.pt"), ([0x80, 0x02, 0x8A, 0x0A, 0x6C], "legacy.pth")] {
            XCTAssertThrowsError(try ModelFile.decode(bytes: bytes, path: name)) { error in
                let text = "\(error)"
                XCTAssert(text.contains("torch.save") && text.contains("safetensors.torch.save_file"), text)
                XCTAssert(text.hasPrefix(name), text)
            }
        }
    }

    /// A BatchNorm1d state dict (statistics and a 1-D scale), a LayerNorm
    /// (a 1-D scale) and a Conv2d kernel are each refused by the tensor's
    /// name as not a Linear layer.
    func testNormalisationAndConvolutionTensorsAreNamed() {
        let linear: [(name: String, shape: [Int], values: [Double])] = [("0.weight", [2, 2], [1, 0, 0, 1]), ("0.bias", [2], [0, 0])]
        let cases: [([(name: String, shape: [Int], values: [Double])], String, String)] = [
            (linear + [("1.running_mean", [2], [0, 0]), ("1.running_var", [2], [1, 1]), ("1.weight", [2], [1, 1]), ("1.bias", [2], [0, 0])], "BatchNorm", "1."),
            (linear + [("1.weight", [2], [1, 1]), ("1.bias", [2], [0, 0])], "LayerNorm", "1.weight"),
            ([("0.weight", [4, 1, 3, 3], [Double](repeating: 0.1, count: 36)), ("0.bias", [4], [0, 0, 0, 0])], "convolution", "0.weight"),
        ]
        for (tensors, kind, tensor) in cases {
            let bytes = TensorBytes.safetensors(tensors, dtype: .f64, metadata: ["activation": "relu", "loss": "nll"])
            XCTAssertThrowsError(try ModelFile.decode(bytes: bytes, path: "m.safetensors")) { error in
                let text = "\(error)"
                XCTAssert(text.contains(kind) && text.contains("not a Linear layer") && text.contains(tensor), text)
                XCTAssertFalse(text.contains("\n"), text)
            }
        }
    }
}
