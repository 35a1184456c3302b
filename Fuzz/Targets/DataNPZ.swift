import Foundation
@testable import HessianFormats

/// The data-file reader (`--data`, `--test-data`) as it recognises NumPy
/// .npz (x, y) or CSV by content.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = [UInt8](UnsafeBufferPointer(start: data, count: size))
    _ = try? DataFile.decode(bytes: bytes, path: "fuzz.npz")
    return 0
}
