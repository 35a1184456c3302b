import HessianCore
@testable import HessianFormats
@testable import HessianPlots

/// The spectrum CSV readers (`outliers`, `plot`): parsing, grouping, the
/// outlier counts and every kind of picture on every axis scale, on any bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self),
          let document = try? CSVDocument(text: text, source: "fuzz") else { return 0 }
    _ = try? SpectrumSummary.table(of: document)
    // Every kind on each axis scale: values near 5e-324 or ±1.8e308 reach
    // the log, symmetric-log and density code as well as the linear.
    for kind in PlotKind.allCases {
        for (symlog, logY, logCount) in [(false, false, false), (true, false, false), (false, true, true)] {
            _ = try? SpectrumPlot.render(document, options: PlotOptions(kind: kind, top: 5, symlog: symlog, logY: logY, logCount: logCount, bins: 7))
        }
    }
    return 0
}
