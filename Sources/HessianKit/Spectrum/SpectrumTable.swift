/// The spectra measured at one point of a run.
public struct SpectrumSnapshot: Sendable {
    /// "init", "final" or "step".
    public var point: String
    /// Updates made before this point; nil when unknown (a loaded model).
    public var step: Int?
    public var spectra: [PartSpectrum]

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
    public static let columns = ["matrix", "point", "step", "index", "eigenvalue"]

    /// A table with the given leading group columns (e.g. `clusters`).
    public static func empty(groupColumns: [String] = []) -> CSVTable {
        CSVTable(columns: groupColumns + columns)
    }

    /// Appends every eigenvalue of `snapshot`, each row starting with `groupValues`.
    public static func append(_ snapshot: SpectrumSnapshot, groupValues: [String] = [], to table: inout CSVTable) {
        let step = snapshot.step.map(String.init) ?? ""
        for spectrum in snapshot.spectra {
            let prefix = groupValues + [spectrum.part.rawValue, snapshot.point, step]
            for (index, value) in spectrum.eigenvalues.enumerated() {
                table.append(prefix + [String(index), CSVField.number(value)])
            }
        }
    }
}
