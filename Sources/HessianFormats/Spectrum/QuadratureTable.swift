/// The tidy long CSV of SLQ estimates: one row per quadrature node, with
/// columns `matrix, point, step, probe, node, weight`; the weights of each
/// probe sum to 1/P, all of a matrix's at one point to 1.
public enum QuadratureTable {
    /// The CSV header.
    public static let columns = ["matrix", "point", "step", "probe", "node", "weight"]

    /// A table with only the header.
    public static func empty() -> CSVTable { CSVTable(columns: columns) }

    /// Appends every node of the quadratures in `snapshot` (spectra without
    /// one add no rows).
    public static func append(_ snapshot: SpectrumSnapshot, to table: inout CSVTable) {
        let step = snapshot.step.map(String.init) ?? ""
        for spectrum in snapshot.spectra {
            guard let q = spectrum.quadrature else { continue }
            for i in q.nodes.indices {
                table.append([spectrum.part.rawValue, snapshot.point, step, String(q.probes[i]),
                              CSVField.number(q.nodes[i]), CSVField.number(q.weights[i])])
            }
        }
    }
}
