import Foundation
import HessianCore
import HessianFormats

/// Draws any CSV the tool writes as a standalone SVG picture.
public enum SpectrumPlot {
    /// The SVG text of `document` drawn as `options.kind`, recognising the
    /// content from the header: a spectrum (`matrix, point, step, index,
    /// eigenvalue`), a width summary (`series, rank, rank_percent,
    /// eigenvalue`), an interpolation (`alpha, train_loss, train_accuracy,
    /// test_loss, test_accuracy`, optional `top_k`) or training curves
    /// (`step, train_loss, train_accuracy`, optional test columns and
    /// `phase`) or a run summary (`--summary`: `steps, point, trace,
    /// max_eigenvalue, min_eigenvalue, …`). Rows are kept by `options.filters`; every other column
    /// (or only `options.groupBy`) splits them into groups, one line each.
    ///
    /// An SLQ estimate (`node, weight`, from `--method slq`) is drawn as a
    /// density (`QuadratureDensityPlot`), with `exact`, a spectrum CSV of
    /// the same network, as dashed exact densities over it.
    ///
    /// `.auto` draws a spectrum with one group as `ordered` and one with
    /// several as `top`, a width summary as `top`, an SLQ estimate as `density`.
    /// - Throws: `PlotError` for an unknown header, a kind that does not fit
    ///   the content, an option that does not apply to the kind, a field
    ///   that is not a finite number, a filter no row passes, or more groups
    ///   than a plot can show apart; `PlotError.overlayNeedsQuadrature` for
    ///   `exact` with another content.
    public static func render(_ document: CSVDocument, exact: CSVDocument? = nil, options: PlotOptions) throws -> String {
        if let problem = options.problem { throw problem }
        let content = try CSVContent.recognise(document)
        if options.kind != .auto, !content.kinds.contains(options.kind) {
            throw PlotError.wrongContent(source: document.source, kind: options.kind, found: content.name,
                                         needs: needs(options.kind))
        }
        if exact != nil && content != .quadrature { throw PlotError.overlayNeedsQuadrature(source: document.source) }
        let selected = try RowFilter.apply(options.filters, to: document)
        let figure: Figure
        switch content {
        case .spectrum:
            let groups = try SpectrumGroups.read(selected, groupBy: options.groupBy)
            let kind = options.kind == .auto ? (groups.count == 1 ? .ordered : .top) : options.kind
            try check(options, for: kind)
            switch kind {
            case .ordered: figure = OrderedPlot.figure(groups, options: options)
            case .negative: figure = NegativePlot.figure(groups, options: options)
            case .histogram: figure = HistogramPlot.figure(groups, options: options)
            case .density: figure = DensityPlot.figure(groups, options: options)
            default: figure = TopPlot.figure(groups, options: options)
            }
        case .widthSummary:
            let kind = options.kind == .auto ? .top : options.kind
            try check(options, for: kind)
            figure = WidthSummaryPlot.figure(try WidthSummaryPlot.read(selected, series: kind == .negative ? "negative" : "top",
                                                                        groupBy: options.groupBy),
                                             kind: kind, options: options)
        case .interpolation:
            try check(options, for: .interpolation)
            figure = InterpolationPlot.figure(try MetricGroups.read(selected, xColumn: "alpha", groupBy: options.groupBy), options: options)
        case .quadrature:
            try check(options, for: .density)
            if options.marchenkoPastur { throw PlotError.marchenkoPasturNeedsEigenvalues(source: document.source) }
            let overlay = try exact.map { try SpectrumGroups.read(RowFilter.apply(options.filters, to: $0), groupBy: options.groupBy) } ?? []
            figure = QuadratureDensityPlot.figure(try QuadratureDensityPlot.read(selected, groupBy: options.groupBy), exact: overlay,
                                                  options: options)
        case .curves:
            try check(options, for: .curves)
            figure = CurvesPlot.figure(try MetricGroups.read(selected, xColumn: "step", groupBy: options.groupBy), options: options)
        case .runSummary:
            try check(options, for: .summary)
            let columns = try SummaryPlot.columns(selected, requested: options.columns)
            figure = SummaryPlot.figure(try SummaryPlot.read(selected, columns: columns, groupBy: options.groupBy),
                                        columns: columns, options: options)
        }
        return figure.render(width: options.width, height: options.height)
    }

    /// Draws the CSV file at `csvPath` and writes the picture beside it, with
    /// the extension `.svg` in place of `.csv` (so `out/widths.csv` gives
    /// `out/widths.svg`) through `writer`; returns the path written.
    /// - Throws: `CSVError` when the file cannot be read, `PlotError`,
    ///   `OutputError` when the picture cannot be written.
    @discardableResult
    public static func writeFigure(besides csvPath: String, options: PlotOptions = PlotOptions(), through writer: some FileWriter) throws -> String {
        let svg = try render(CSVDocument(path: csvPath), options: options)
        let url = URL(fileURLWithPath: csvPath)
        let target = (url.pathExtension.lowercased() == "csv" ? url.deletingPathExtension() : url)
            .appendingPathExtension("svg").path
        try writer.write(svg, to: target)
        return target
    }

    /// Options that only some kinds use are refused elsewhere rather than
    /// silently ignored.
    private static func check(_ options: PlotOptions, for kind: PlotKind) throws {
        func only(_ option: Setting, _ kinds: [PlotKind]) throws {
            if !kinds.contains(kind) { throw PlotError.optionDoesNotApply(option: option, kind: kind) }
        }
        if options.symlog { try only(.symlog, [.ordered, .top, .negative]) }
        if options.logY { try only(.logY, [.ordered, .top, .interpolation, .curves]) }
        if options.logCount { try only(.logCount, [.histogram]) }
        if options.bandwidth != nil { try only(.bandwidth, [.density]) }
        if options.marchenkoPastur { try only(.marchenkoPastur, [.density]) }
        if options.layout != .auto { try only(.plotLayout, [.ordered, .top, .negative, .histogram, .density]) }
        if options.columns != nil { try only(.plotColumns, [.summary]) }
    }

    private static func needs(_ kind: PlotKind) -> String {
        switch kind {
        case .interpolation:
            return "an interpolation (columns \(CSVContent.interpolationColumns.joined(separator: ", ")))"
        case .curves:
            return "training curves (columns \(CSVContent.curvesColumns.joined(separator: ", ")))"
        case .summary:
            return "a run summary (columns \(CSVContent.runSummaryColumns.joined(separator: ", ")), …)"
        case .top, .negative:
            return "a spectrum (columns \(CSVContent.spectrumColumns.joined(separator: ", "))) or a width summary (columns \(CSVContent.widthSummaryColumns.joined(separator: ", ")))"
        default:
            return "a spectrum (columns \(CSVContent.spectrumColumns.joined(separator: ", ")))"
        }
    }
}
