import Foundation
@testable import HessianFormats

/// The weights-file readers (`--model`, `--from`, `--to` with safetensors or
/// NumPy .npz): format detection, the safetensors header, the zip directory
/// and members (stored and deflated), .npy headers, the naming and
/// shape-chaining rules, each with the activation and loss given and not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = [UInt8](UnsafeBufferPointer(start: data, count: size))
    _ = try? ModelFile.decode(bytes: bytes, path: "fuzz.safetensors", options: ModelReadOptions(activation: .relu, loss: .nll))
    _ = try? ModelFile.decode(bytes: bytes, path: "fuzz.npz", options: ModelReadOptions(weightLayout: .inOut))
    _ = try? NumPyArray.decode(bytes, path: "fuzz.npy")
    return 0
}
