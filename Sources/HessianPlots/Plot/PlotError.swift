import HessianCore

/// Why a CSV cannot be plotted. Each description is one line that names the
/// file and says what to change.
public enum PlotError: Error, CustomStringConvertible, Equatable {
    case unrecognisedColumns(source: String, columns: [String])
    case wrongContent(source: String, kind: PlotKind, found: String, needs: String)
    case noRows(source: String)
    case notANumber(source: String, line: Int, column: String, text: String)
    case notFinite(source: String, line: Int, column: String, text: String)
    case optionDoesNotApply(option: Setting, kind: PlotKind)
    /// A row filter or grouping names a column the file lacks (or a value column).
    case unknownColumn(source: String, option: Setting, column: String, columns: [String])
    /// No row passes the filters; `values` says what the columns hold.
    case noRowsMatch(source: String, filters: String, values: String)
    /// A run summary none of whose rows has a step (models loaded from files).
    case noSteps(source: String)
    /// A run summary without a measured value in any column it could draw.
    case nothingMeasured(source: String, columns: [String])
    /// More groups than a plot can show apart.
    case tooManyGroups(source: String, count: Int, columns: [String], limit: Int)
    /// An exact spectrum to overlay, but the input is not an SLQ estimate.
    case overlayNeedsQuadrature(source: String)
    /// The Marchenko–Pastur law asked for over an SLQ estimate.
    case marchenkoPasturNeedsEigenvalues(source: String)

    /// The plot kinds an option applies to, in words.
    public static func kinds(using option: Setting) -> String {
        switch option {
        case .symlog: return "ordered, top and negative plots"
        case .logY: return "ordered, top, interpolation and curves plots"
        case .bandwidth, .marchenkoPastur: return "density plots"
        case .plotLayout: return "ordered, top, negative, histogram and density plots"
        case .plotColumns: return "summary plots"
        default: return "histograms"
        }
    }

    /// One line for a human.
    public var description: String {
        switch self {
        case .unrecognisedColumns(let source, let columns):
            let found = columns.isEmpty ? "no columns" : "columns " + columns.joined(separator: ", ")
            return "\(source): cannot tell what to plot from \(found); expected a spectrum "
                + "(\(CSVContent.spectrumColumns.joined(separator: ", "))), an interpolation "
                + "(\(CSVContent.interpolationColumns.joined(separator: ", "))), training curves "
                + "(\(CSVContent.curvesColumns.joined(separator: ", "))), a width summary "
                + "(\(CSVContent.widthSummaryColumns.joined(separator: ", "))) or a run summary "
                + "(\(CSVContent.runSummaryColumns.joined(separator: ", ")), …)"
        case .wrongContent(let source, let kind, let found, let needs):
            return "\(source) holds \(found), but a \(kind.rawValue) plot needs \(needs)"
        case .noRows(let source):
            return "\(source): the header is there but there are no rows to plot"
        case .overlayNeedsQuadrature(let source):
            return "\(source) is not an SLQ estimate (columns node, weight): an exact spectrum is overlaid on SLQ densities only"
        case .marchenkoPasturNeedsEigenvalues(let source):
            return "\(source) is an SLQ estimate: the Marchenko–Pastur overlay needs the exact eigenvalues (their count and mean)"
        case .notANumber(let source, let line, let column, let text):
            return "\(source), line \(line): '\(text)' in column \(column) is not a number"
        case .notFinite(let source, let line, let column, let text):
            return "\(source), line \(line): column \(column) holds \(text); only finite numbers can be plotted"
        case .optionDoesNotApply(let option, let kind):
            return "\(option.name) does not apply to \(kind.rawValue) plots, only to \(Self.kinds(using: option))"
        case .unknownColumn(let source, let option, let column, let columns):
            return "\(source): \(option.name) names '\(column)', which is not a column to choose by here; there are \(columns.joined(separator: ", "))"
        case .noRowsMatch(let source, let filters, let values):
            return "\(source): no row has \(filters); \(values)"
        case .noSteps(let source):
            return "\(source): no row has a step (the steps column is empty, as for a model loaded from a file), so there is nothing to draw against the step"
        case .nothingMeasured(let source, let columns):
            return "\(source): none of \(columns.joined(separator: ", ")) holds a value; choose measured columns to plot"
        case .tooManyGroups(let source, let count, let columns, let limit):
            return "\(source) holds \(count) groups\(Self.groupColumns(columns)), more than the \(limit) lines a plot can show apart; "
                + "keep some rows by their values or group by fewer columns (the rest are then pooled)"
        }
    }

    /// " (one per combination of a, b)", or "" without columns.
    public static func groupColumns(_ columns: [String]) -> String {
        columns.isEmpty ? "" : " (one per combination of \(columns.joined(separator: ", ")))"
    }
}
