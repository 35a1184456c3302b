import HessianCore

/// The spectra measured at one point of a run.
public struct SpectrumSnapshot: Sendable {
    /// "init", "final" or "step".
    public var point: String
    /// Updates made before this point; nil when unknown (a loaded model).
    public var step: Int?
    /// The spectra measured there.
    public var spectra: [PartSpectrum]

    /// A snapshot at `point` after `step` updates.
    public init(point: String, step: Int?, spectra: [PartSpectrum]) {
        self.point = point
        self.step = step
        self.spectra = spectra
    }
}

/// One row of a spectrum table: one eigenvalue of one matrix at one point.
public struct SpectrumRow: Equatable, Sendable {
    /// The matrix (`hessian`, `gauss_newton`, `residual`).
    public var matrix: String
    /// With `--blocks`: `all` for the whole matrix, else the diagonal block
    /// (`layer1`, `layer1.weight`, …) whose eigenvalue this is.
    public var block: String?
    /// "init", "final" or "step".
    public var point: String
    /// Updates made before the point; nil when unknown (a loaded model).
    public var step: Int?
    /// The eigenvalue's position among all M, 0-based, ascending.
    public var index: Int
    /// λ.
    public var eigenvalue: Double
    /// ‖H·x − λ·x‖ of a Lanczos or power-iteration result.
    public var residualNorm: Double?

    /// A row.
    public init(matrix: String, block: String? = nil, point: String, step: Int?, index: Int, eigenvalue: Double,
                residualNorm: Double? = nil) {
        self.matrix = matrix
        self.block = block
        self.point = point
        self.step = step
        self.index = index
        self.eigenvalue = eigenvalue
        self.residualNorm = residualNorm
    }
}

/// The tidy long CSV of spectra: one row per eigenvalue, with columns
/// `[group columns…,] matrix, point, step, index, eigenvalue`; `index` is
/// 0-based in ascending order of the eigenvalue.
public enum SpectrumTable {
    /// The last column of a table of Lanczos results: ‖H·x − λ·x‖.
    public static let residualColumn = "residual_norm"

    /// The columns of a spectrum table, with `residual_norm` last when
    /// `residuals` (Lanczos results) and `block` after `matrix` when
    /// `blocks` (`--blocks`).
    public static func schema(residuals: Bool = false, blocks: Bool = false) -> TableSchema<SpectrumRow> {
        TableSchema([TableColumn("matrix", .group, \.matrix)] + (blocks ? [TableColumn(blockColumn, .group, \.block)] : []) + [
            TableColumn("point", .group, \.point), TableColumn("step", .group, \.step),
            TableColumn("index", .measure, \.index), TableColumn("eigenvalue", .measure, \.eigenvalue),
        ] + (residuals ? [TableColumn(residualColumn, .measure, \.residualNorm)] : []),
        blank: SpectrumRow(matrix: "", point: "", step: nil, index: 0, eigenvalue: 0))
    }

    /// The CSV header of a spectrum table (plus residual_norm for Lanczos).
    public static let columns = schema().names

    /// The rows of `snapshot`: every eigenvalue of each of its spectra,
    /// `index` the value's position among all M, each with its residual
    /// norm when the spectrum has them.
    public static func rows(_ snapshot: SpectrumSnapshot) -> [SpectrumRow] {
        snapshot.spectra.flatMap { spectrum in
            spectrum.eigenvalues.indices.map { i in
                SpectrumRow(matrix: spectrum.matrix, point: snapshot.point, step: snapshot.step, index: spectrum.index(i),
                            eigenvalue: spectrum.eigenvalues[i], residualNorm: spectrum.residualNorms?[i])
            }
        }
    }

    /// A table with the given leading group columns (e.g. `clusters`), a
    /// last `residual_norm` column when `residuals` (Lanczos results), and
    /// a `block` column when `blocks`.
    public static func empty(groupColumns: [String] = [], residuals: Bool = false, blocks: Bool = false) -> CSVTable {
        CSVTable(columns: groupColumns + schema(residuals: residuals, blocks: blocks).names)
    }

    /// The spectra of a sweep: each snapshot's rows with its configuration
    /// (`columns`, named `groupColumns` in every entry) in front.
    public static func table(_ snapshots: [(SpectrumSnapshot, ConstantColumns)], groupColumns: [SweepColumn]) -> CSVTable {
        let schema = schema()
        var table = CSVTable(columns: groupColumns.map(\.rawValue) + schema.names)
        for (snapshot, columns) in snapshots { table.append(contentsOf: columns.applied(to: schema.table(rows(snapshot)))) }
        return table
    }

    /// Appends every eigenvalue of `snapshot`, each row starting with
    /// `groupValues`. A table with a `residual_norm` column gets each
    /// value's residual norm there (empty when the spectrum has none); a
    /// table with a `block` column gets `all` there.
    public static func append(_ snapshot: SpectrumSnapshot, groupValues: [String] = [], to table: inout CSVTable) {
        let blocks = hasBlockColumn(table, groupColumns: groupValues.count)
        let schema = schema(residuals: table.columns.last == residualColumn, blocks: blocks)
        for var row in rows(snapshot) {
            if blocks { row.block = wholeMatrix }
            table.append(groupValues + schema.fields(row))
        }
    }
}
