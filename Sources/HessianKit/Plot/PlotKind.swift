/// Which figure to draw.
public enum PlotKind: String, CaseIterable, Sendable {
    /// Chosen from the CSV: a spectrum with one group → `ordered`, with
    /// several → `top`; an interpolation → `interpolation`; training curves
    /// → `curves`.
    case auto
    /// Every eigenvalue against its rank in ascending order (Fig 1).
    case ordered
    /// The largest K eigenvalues of each group against their rank from the
    /// top (Fig 2–4).
    case top
    /// The negative eigenvalues against rank as a percentage of M (Fig 5–6).
    case negative
    /// How many eigenvalues fall in each of N equal bins (Fig 9).
    case histogram
    /// Loss and accuracy along w(α) = w₀ + α(w₁ − w₀) (Fig 8).
    case interpolation
    /// Loss and accuracy against the training step, phase switches marked (Fig 7).
    case curves
}

/// What a CSV file holds, recognised from its header.
enum CSVContent: Equatable {
    case spectrum
    case interpolation
    case curves

    static let spectrumColumns = ["matrix", "point", "step", "index", "eigenvalue"]
    static let interpolationColumns = ["alpha", "train_loss", "train_accuracy", "test_loss", "test_accuracy"]
    static let curvesColumns = ["step", "train_loss", "train_accuracy"]

    /// Columns that split rows into groups (one line each) when present.
    static let groupColumns = ["clusters", "width", "hidden", "params", "batch_size", "alpha", "method",
                               "activation", "algorithm", "scale", "seed", "run"]

    /// Recognises the content from the header; extra columns are allowed.
    /// A spectrum may omit `step` (models loaded from a file have none).
    static func recognise(_ document: CSVDocument) throws -> CSVContent {
        let columns = Set(document.columns)
        if columns.isSuperset(of: spectrumColumns.filter { $0 != "step" }) { return .spectrum }
        if columns.isSuperset(of: interpolationColumns) { return .interpolation }
        if columns.isSuperset(of: curvesColumns) { return .curves }
        throw PlotError.unrecognisedColumns(source: document.source, columns: document.columns)
    }

    /// The kinds that can draw this content.
    var kinds: [PlotKind] {
        switch self {
        case .spectrum: return [.ordered, .top, .negative, .histogram]
        case .interpolation: return [.interpolation]
        case .curves: return [.curves]
        }
    }

    var name: String {
        switch self {
        case .spectrum: return "a spectrum"
        case .interpolation: return "an interpolation"
        case .curves: return "training curves"
        }
    }
}
