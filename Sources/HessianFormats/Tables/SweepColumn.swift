/// The columns a sweep puts in front of each spectrum it writes, naming
/// the configuration the spectrum belongs to.
public enum SweepColumn: String, CaseIterable, Sendable {
    /// k, the number of clusters (`clusters`).
    case clusters
    /// The hidden width (`widths`).
    case width
    /// M, the network's parameters (every sweep).
    case params
    /// The batch size (`batch`).
    case batchSize = "batch_size"

    /// The columns with these values in front of every row of a table.
    public static func columns(_ values: [(SweepColumn, Int)]) -> ConstantColumns {
        ConstantColumns(names: values.map(\.0.rawValue), values: values.map { String($0.1) })
    }
}
