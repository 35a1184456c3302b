@testable import HessianFormats

/// The IDX reader (`--images`, `--labels`, MNIST): header, sizes and payload
/// checks, on any bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let array = try? IDX.decode(bytes, path: "fuzz") {
        precondition(array.bytes.count == array.dimensions.reduce(1, *), "payload size differs from the header")
    }
    return 0
}
