@testable import HessianFormats

/// The gzip inflater under every compressed reader, with its output bound:
/// any bytes, inflated to at most 1 MB.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Both as given and behind a gzip magic number, so the inflater itself is reached.
    for input in [bytes, [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03] + bytes] {
        if let out = try? Gzip.inflate(input, path: "fuzz", limit: 1 << 20) {
            precondition(out.count <= 1 << 20, "inflated past the limit")
        }
    }
    return 0
}
