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

/// The tidy long CSV of spectra: one row per eigenvalue, with columns
/// `[group columns…,] matrix, point, step, index, eigenvalue`; `index` is
/// 0-based in ascending order of the eigenvalue.
public enum SpectrumTable {
    /// The CSV header of a spectrum table (plus residual_norm for Lanczos).
    public static let columns = ["matrix", "point", "step", "index", "eigenvalue"]

    /// The last column of a table of Lanczos results: ‖H·x − λ·x‖.
    public static let residualColumn = "residual_norm"

    /// A table with the given leading group columns (e.g. `clusters`), and
    /// a last `residual_norm` column when `residuals` (Lanczos results).
    public static func empty(groupColumns: [String] = [], residuals: Bool = false) -> CSVTable {
        CSVTable(columns: groupColumns + columns + (residuals ? [residualColumn] : []))
    }

    /// Appends every eigenvalue of `snapshot`, each row starting with
    /// `groupValues`; `index` is the value's position among all M
    /// eigenvalues. A table with a `residual_norm` column gets each value's
    /// residual norm there (empty when the spectrum has none).
    public static func append(_ snapshot: SpectrumSnapshot, groupValues: [String] = [], to table: inout CSVTable) {
        let step = snapshot.step.map(String.init) ?? ""
        let withResiduals = table.columns.last == residualColumn
        for spectrum in snapshot.spectra {
            let prefix = groupValues + [spectrum.matrix, snapshot.point, step]
            for (i, value) in spectrum.eigenvalues.enumerated() {
                var row = prefix + [String(spectrum.index(i)), CSVField.number(value)]
                if withResiduals { row.append(spectrum.residualNorms.map { CSVField.number($0[i]) } ?? "") }
                table.append(row)
            }
        }
    }
}
