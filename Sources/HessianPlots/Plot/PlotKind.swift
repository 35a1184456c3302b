import HessianCore
import HessianFormats

/// Which figure to draw.
public enum PlotKind: String, CaseIterable, Sendable {
    /// Chosen from the CSV: a spectrum with one group → `ordered`, with
    /// several → `top`; an interpolation → `interpolation`; training curves
    /// → `curves`; a width summary → `top`; a run summary → `summary`.
    case auto
    /// Every eigenvalue against its rank in ascending order (Fig 1).
    case ordered
    /// The largest K eigenvalues of each group against their rank from the
    /// top (Fig 2–4).
    case top
    /// The negative eigenvalues against rank as a percentage of M (Fig 5–6).
    case negative
    /// How many eigenvalues fall in each of N equal bins.
    case histogram
    /// The eigenvalues' density smoothed by a Gaussian kernel, on a log
    /// density axis, optionally with the Marchenko–Pastur law (Fig 9).
    case density
    /// Loss and accuracy along w(α) = w₀ + α(w₁ − w₀) (Fig 8).
    case interpolation
    /// Loss and accuracy against the training step, phase switches marked (Fig 7).
    case curves
    /// A run summary's columns (`--columns`) against the step, a panel each.
    case summary
}

/// What a CSV file holds, recognised from its header.
enum CSVContent: Equatable {
    case spectrum
    case interpolation
    case curves
    case widthSummary
    case runSummary
    /// An SLQ estimate: nodes and weights (`--method slq`).
    case quadrature

    static let spectrumColumns = SpectrumTable.columns
    static let interpolationColumns = InterpolationPoint.schema(top: 0).names
    static let curvesColumns = ["step", "train_loss", "train_accuracy"]
    static let widthSummaryColumns = WidthSummaryRow.schema.names(.measure)
    static let quadratureColumns = ["node", "weight"]

    /// Columns that hold values rather than name a group: every other
    /// column splits the rows into groups (one line each).
    static let spectrumValueColumns = Set(SpectrumTable.schema(residuals: true).names(.measure))
    static let widthSummaryValueColumns = Set(WidthSummaryRow.schema.names(.measure))
    /// A run summary's header has these (`--summary` of train, spectrum).
    static let runSummaryColumns = ["steps", "point", "trace", "max_eigenvalue", "min_eigenvalue"]
    /// A run summary's measured columns; the rest (configuration, tags)
    /// group its rows.
    static let summaryValueColumns = Set(RunSummaryRow.schema(blockDiagonal: true).names(.measure))
    /// Of an interpolation or curves table, besides the x column: the
    /// metrics, `phase` (marked, not split) and the `top_k` eigenvalues.
    static func metricValueColumns(_ document: CSVDocument, x: String) -> Set<String> {
        var values: Set<String> = Set(interpolationColumns + [x, "phase"])
        for column in document.columns where InterpolationPoint.topRank(column) != nil { values.insert(column) }
        return values
    }

    /// Recognises the content from the header; extra columns are allowed.
    /// A spectrum may omit `step` (models loaded from a file have none).
    static func recognise(_ document: CSVDocument) throws -> CSVContent {
        let columns = Set(document.columns)
        if columns.isSuperset(of: quadratureColumns) { return .quadrature }
        if columns.isSuperset(of: spectrumColumns.filter { $0 != "step" }) { return .spectrum }
        if columns.isSuperset(of: widthSummaryColumns) { return .widthSummary }
        if columns.isSuperset(of: runSummaryColumns) { return .runSummary }
        if columns.isSuperset(of: interpolationColumns) { return .interpolation }
        if columns.isSuperset(of: curvesColumns) { return .curves }
        throw PlotError.unrecognisedColumns(source: document.source, columns: document.columns)
    }

    /// The kinds that can draw this content.
    var kinds: [PlotKind] {
        switch self {
        case .spectrum: return [.ordered, .top, .negative, .histogram, .density]
        case .widthSummary: return [.top, .negative]
        case .interpolation: return [.interpolation]
        case .curves: return [.curves]
        case .runSummary: return [.summary]
        case .quadrature: return [.density]
        }
    }

    var name: String {
        switch self {
        case .spectrum: return "a spectrum"
        case .interpolation: return "an interpolation"
        case .curves: return "training curves"
        case .widthSummary: return "a width summary"
        case .runSummary: return "a run summary"
        case .quadrature: return "an SLQ estimate (node, weight)"
        }
    }
}
