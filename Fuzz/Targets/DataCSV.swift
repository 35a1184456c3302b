@testable import HessianFormats

/// The data-set CSV reader (`--data`, `--dataset csv`): UTF-8 check, CSV
/// parsing and the label,x0,… checks, on any bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    if let document = try? CSVDocument(text: text, source: "fuzz") {
        _ = try? CSVDataset.decode(document, path: "fuzz")
    }
    return 0
}
