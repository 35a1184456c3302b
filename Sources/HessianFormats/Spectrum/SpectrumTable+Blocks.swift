import HessianCore

extension SpectrumTable {
    /// The column a table of block spectra has after `matrix`: `all` for
    /// the whole matrix, a block's name (`layer1`, `layer1.weight`, …) for
    /// the spectrum of its diagonal block.
    public static let blockColumn = "block"

    /// The `block` value of the whole matrix's rows.
    public static let wholeMatrix = "all"

    /// Whether `table` has the `block` column after its group columns and `matrix`.
    static func hasBlockColumn(_ table: CSVTable, groupColumns: Int) -> Bool {
        table.columns.count > groupColumns + 1 && table.columns[groupColumns + 1] == blockColumn
    }

    /// The rows of the spectrum of every diagonal block of `spectra` at
    /// `point` after `step` updates: one per eigenvalue, `index` 0-based
    /// within the block, ascending.
    public static func rows(blocks spectra: [BlockSpectrum], point: String, step: Int?) -> [SpectrumRow] {
        spectra.flatMap { spectrum in
            zip(spectrum.blocks, spectrum.eigenvalues).flatMap { block, values in
                values.enumerated().map { i, value in
                    SpectrumRow(matrix: spectrum.part.rawValue, block: block.name, point: point, step: step, index: i, eigenvalue: value)
                }
            }
        }
    }

    /// Appends the rows of `rows(blocks:point:step:)`, each starting with
    /// `groupValues`, to a table made with `blocks: true`; a
    /// `residual_norm` column stays empty.
    public static func append(blocks spectra: [BlockSpectrum], point: String, step: Int?, groupValues: [String] = [],
                              to table: inout CSVTable) {
        precondition(hasBlockColumn(table, groupColumns: groupValues.count), "a table of block spectra has a block column")
        let schema = schema(residuals: table.columns.last == residualColumn, blocks: true)
        for row in rows(blocks: spectra, point: point, step: step) { table.append(groupValues + schema.fields(row)) }
    }
}

/// The CSV of `--block-norms`: for each matrix A and each pair of blocks
/// (a, b), in parameter order, ‖A_ab‖_F and its share ‖A_ab‖_F² / ‖A‖_F²
/// of the whole (the shares of one matrix sum to 1).
public enum BlockNormTable {
    /// The header.
    public static let columns = ["matrix", "point", "step", "block_a", "block_b", "frobenius_norm", "share"]

    /// A table with no rows.
    public static func empty() -> CSVTable { CSVTable(columns: columns) }

    /// Appends the B² pairs of each of `spectra`, measured at `point` after `step` updates.
    public static func append(_ spectra: [BlockSpectrum], point: String, step: Int?, to table: inout CSVTable) {
        let stepText = step.map(String.init) ?? ""
        for spectrum in spectra {
            let total = spectrum.frobeniusNorm
            for (a, blockA) in spectrum.blocks.enumerated() {
                for (b, blockB) in spectrum.blocks.enumerated() {
                    let norm = spectrum.frobeniusNorm(a, b)
                    table.append([spectrum.part.rawValue, point, stepText, blockA.name, blockB.name, CSVField.number(norm),
                                  CSVField.number(total > 0 ? norm * norm / (total * total) : 0)])
                }
            }
        }
    }
}

/// The CSV of `--anatomy`: one row per saved eigenvector and subspace,
/// with v's fraction ‖P_S·v‖² / ‖v‖² in it (`EigenvectorAnatomy`).
///
/// `vector` is the row of v among the snapshot's eigenvectors (in the
/// order of its spectrum rows, H's then G's then R's); `index` and
/// `eigenvalue` are those of the spectrum CSV. The subspaces are each
/// layer's weights and bias (`layer1.weight`, `layer1.bias`, …, whose
/// fractions sum to 1), then `gradient`; a new measure of a vector is one
/// more named `EigenvectorAnatomy.Fraction`, so one more row per vector.
public enum AnatomyTable {
    /// The header.
    public static let columns = ["matrix", "point", "step", "vector", "index", "eigenvalue", "subspace", "fraction"]

    /// A table with no rows.
    public static func empty() -> CSVTable { CSVTable(columns: columns) }

    /// Appends the rows of `snapshot`, whose spectra have the anatomies
    /// `anatomies` (one list per spectrum, one anatomy per eigenvector).
    public static func append(_ snapshot: SpectrumSnapshot, anatomies: [[EigenvectorAnatomy]], to table: inout CSVTable) {
        precondition(anatomies.count == snapshot.spectra.count, "one list of anatomies per spectrum")
        let stepText = snapshot.step.map(String.init) ?? ""
        var vector = 0
        for (spectrum, list) in zip(snapshot.spectra, anatomies) {
            for (i, anatomy) in list.enumerated() {
                let lead = [spectrum.part.rawValue, snapshot.point, stepText, String(vector), String(spectrum.index(i)),
                            CSVField.number(spectrum.eigenvalues[i])]
                for fraction in anatomy.fractions {
                    table.append(lead + [CSVField.text(fraction.subspace), CSVField.number(fraction.value)])
                }
                vector += 1
            }
        }
    }
}
