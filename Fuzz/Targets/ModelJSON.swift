import Foundation
import HessianCore
@testable import HessianFormats

/// The model file reader (`--model`, `--from`, `--to`): the layers peek
/// that bounds the read, then JSON decoding and every check.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    if let layers = ModelFile.declaredLayers(in: String(decoding: bytes, as: UTF8.self)) {
        _ = ParameterLayout.checkedParameterCount(layers).map { ModelFile.largestFileSize(parameters: $0) }
    }
    _ = try? ModelFile.decode(bytes, path: "fuzz")
    return 0
}
