/// One row of an SLQ table: one quadrature node of one probe.
public struct QuadratureRow: Equatable, Sendable {
    /// The matrix (`hessian`, `gauss_newton`, `residual`).
    public var matrix: String
    /// "init", "final" or "step".
    public var point: String
    /// Updates made before the point; nil when unknown (a loaded model).
    public var step: Int?
    /// The probe the node comes from, 0-based.
    public var probe: Int
    /// The node, a Ritz value of the probe's Lanczos run.
    public var node: Double
    /// Its weight; the weights of one probe sum to 1/P.
    public var weight: Double

    /// A row.
    public init(matrix: String, point: String, step: Int?, probe: Int, node: Double, weight: Double) {
        self.matrix = matrix
        self.point = point
        self.step = step
        self.probe = probe
        self.node = node
        self.weight = weight
    }
}

/// The tidy long CSV of SLQ estimates: one row per quadrature node, with
/// columns `matrix, point, step, probe, node, weight`; the weights of each
/// probe sum to 1/P, all of a matrix's at one point to 1.
public enum QuadratureTable {
    /// The columns.
    public static let schema = TableSchema<QuadratureRow>([
        TableColumn("matrix", .group, \.matrix), TableColumn("point", .group, \.point), TableColumn("step", .group, \.step),
        TableColumn("probe", .measure, \.probe), TableColumn("node", .measure, \.node), TableColumn("weight", .measure, \.weight),
    ], blank: QuadratureRow(matrix: "", point: "", step: nil, probe: 0, node: 0, weight: 0))

    /// The CSV header.
    public static let columns = schema.names

    /// A table with only the header.
    public static func empty() -> CSVTable { CSVTable(columns: columns) }

    /// Every node of the quadratures in `snapshot` (spectra without one have none).
    public static func rows(_ snapshot: SpectrumSnapshot) -> [QuadratureRow] {
        snapshot.spectra.flatMap { spectrum -> [QuadratureRow] in
            guard let q = spectrum.quadrature else { return [] }
            return q.nodes.indices.map { i in
                QuadratureRow(matrix: spectrum.part.rawValue, point: snapshot.point, step: snapshot.step, probe: q.probes[i],
                              node: q.nodes[i], weight: q.weights[i])
            }
        }
    }

    /// Appends every node of the quadratures in `snapshot`.
    public static func append(_ snapshot: SpectrumSnapshot, to table: inout CSVTable) {
        for row in rows(snapshot) { table.append(schema.fields(row)) }
    }
}
