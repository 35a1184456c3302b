@testable import HessianFormats

/// The `.npy` reader on any bytes after a valid magic and version: the
/// header length, the dictionary literal (descr, fortran_order, shape), the
/// dtype width and the element count, and the `<U…` metadata strings.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Array(UnsafeBufferPointer(start: data, count: size))
    // The first byte picks the version, so the fuzzer spends its time past the magic.
    let version: UInt8 = body.first.map { 1 + $0 % 3 } ?? 1
    let bytes = NumPyArray.magic + [version, 0] + body.dropFirst()
    _ = try? NumPyArray.decode(bytes, path: "fuzz")
    _ = NumPyArray.decodeStrings(bytes)
    return 0
}
