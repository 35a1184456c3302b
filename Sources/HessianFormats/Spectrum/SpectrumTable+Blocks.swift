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

/// One row of `--block-norms`: the norm of one block of one matrix.
public struct BlockNormRow: Equatable, Sendable {
    /// The matrix (`hessian`, `gauss_newton`, `residual`).
    public var matrix: String
    /// "init", "final" or "step".
    public var point: String
    /// Updates made before the point; nil when unknown (a loaded model).
    public var step: Int?
    /// The row block a and the column block b of A_ab.
    public var blockA: String
    public var blockB: String
    /// ‖A_ab‖_F.
    public var frobeniusNorm: Double
    /// ‖A_ab‖_F² / ‖A‖_F².
    public var share: Double

    /// A row.
    public init(matrix: String, point: String, step: Int?, blockA: String, blockB: String, frobeniusNorm: Double, share: Double) {
        self.matrix = matrix
        self.point = point
        self.step = step
        self.blockA = blockA
        self.blockB = blockB
        self.frobeniusNorm = frobeniusNorm
        self.share = share
    }
}

/// The CSV of `--block-norms`: for each matrix A and each ordered pair of
/// blocks (a, b), in parameter order, ‖A_ab‖_F and its share
/// ‖A_ab‖_F² / ‖A‖_F² of the whole (the shares of one matrix sum to 1).
public enum BlockNormTable {
    /// The columns.
    public static let schema = TableSchema<BlockNormRow>([
        TableColumn("matrix", .group, \.matrix), TableColumn("point", .group, \.point), TableColumn("step", .group, \.step),
        TableColumn("block_a", .group, \.blockA), TableColumn("block_b", .group, \.blockB),
        TableColumn("frobenius_norm", .measure, \.frobeniusNorm), TableColumn("share", .measure, \.share),
    ], blank: BlockNormRow(matrix: "", point: "", step: nil, blockA: "", blockB: "", frobeniusNorm: 0, share: 0))

    /// The header.
    public static let columns = schema.names

    /// The B² pairs of each of `spectra`, measured at `point` after `step` updates.
    public static func rows(_ spectra: [BlockSpectrum], point: String, step: Int?) -> [BlockNormRow] {
        spectra.flatMap { spectrum in
            let total = spectrum.frobeniusNorm
            return spectrum.blocks.indices.flatMap { a in
                spectrum.blocks.indices.map { b in
                    let norm = spectrum.frobeniusNorm(a, b)
                    return BlockNormRow(matrix: spectrum.part.rawValue, point: point, step: step, blockA: spectrum.blocks[a].name,
                                        blockB: spectrum.blocks[b].name, frobeniusNorm: norm,
                                        share: total > 0 ? norm * norm / (total * total) : 0)
                }
            }
        }
    }
}

/// One row of `--anatomy`: one saved eigenvector's fraction in one subspace.
public struct AnatomyRow: Equatable, Sendable {
    /// The matrix (`hessian`, `gauss_newton`, `residual`).
    public var matrix: String
    /// "init", "final" or "step".
    public var point: String
    /// Updates made before the point; nil when unknown (a loaded model).
    public var step: Int?
    /// The vector's row among the point's eigenvectors.
    public var vector: Int
    /// Its eigenvalue's position among all M, 0-based, ascending.
    public var index: Int
    /// λ.
    public var eigenvalue: Double
    /// `layer1.weight`, `layer1.bias`, …, `gradient`, ….
    public var subspace: String
    /// ‖P_S·v‖² / ‖v‖².
    public var fraction: Double

    /// A row.
    public init(matrix: String, point: String, step: Int?, vector: Int, index: Int, eigenvalue: Double, subspace: String,
                fraction: Double) {
        self.matrix = matrix
        self.point = point
        self.step = step
        self.vector = vector
        self.index = index
        self.eigenvalue = eigenvalue
        self.subspace = subspace
        self.fraction = fraction
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
    /// The columns.
    public static let schema = TableSchema<AnatomyRow>([
        TableColumn("matrix", .group, \.matrix), TableColumn("point", .group, \.point), TableColumn("step", .group, \.step),
        TableColumn("vector", .group, \.vector), TableColumn("index", .group, \.index), TableColumn("eigenvalue", .group, \.eigenvalue),
        TableColumn("subspace", .group, \.subspace), TableColumn("fraction", .measure, \.fraction),
    ], blank: AnatomyRow(matrix: "", point: "", step: nil, vector: 0, index: 0, eigenvalue: 0, subspace: "", fraction: 0))

    /// The header.
    public static let columns = schema.names

    /// The rows of `snapshot`, whose spectra have the anatomies `anatomies`
    /// (one list per spectrum, one anatomy per eigenvector).
    public static func rows(_ snapshot: SpectrumSnapshot, anatomies: [[EigenvectorAnatomy]]) -> [AnatomyRow] {
        precondition(anatomies.count == snapshot.spectra.count, "one list of anatomies per spectrum")
        var rows: [AnatomyRow] = []
        var vector = 0
        for (spectrum, list) in zip(snapshot.spectra, anatomies) {
            for (i, anatomy) in list.enumerated() {
                for fraction in anatomy.fractions {
                    rows.append(AnatomyRow(matrix: spectrum.part.rawValue, point: snapshot.point, step: snapshot.step, vector: vector,
                                           index: spectrum.index(i), eigenvalue: spectrum.eigenvalues[i], subspace: fraction.subspace,
                                           fraction: fraction.value))
                }
                vector += 1
            }
        }
        return rows
    }
}
