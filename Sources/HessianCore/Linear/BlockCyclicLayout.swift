/// Which entries of an n × n matrix one process holds in a 2-D block-cyclic
/// distribution (ScaLAPACK's layout, first block on process (0, 0)).
///
/// Indices are cut into blocks of `block`; block b of the rows belongs to
/// process row b mod `processRows`, block b of the columns to process column
/// b mod `processColumns`. A process stores its rows × columns in a local
/// column-major array of `localRows` × `localColumns`, its owned indices in
/// increasing order, so owned global indices in a range map to consecutive
/// local ones.
public struct BlockCyclicLayout: Sendable, Equatable {
    public var order: Int
    public var block: Int
    public var processRows: Int
    public var processColumns: Int
    public var row: Int
    public var column: Int

    public init(order: Int, block: Int, processRows: Int, processColumns: Int, row: Int, column: Int) {
        precondition(order >= 0 && block > 0 && processRows > 0 && processColumns > 0)
        precondition((0..<processRows).contains(row) && (0..<processColumns).contains(column))
        self.order = order
        self.block = block
        self.processRows = processRows
        self.processColumns = processColumns
        self.row = row
        self.column = column
    }

    /// One side (rows or columns) of the distribution, as seen by one process.
    public struct Side: Sendable, Equatable {
        public var block: Int
        public var processes: Int
        public var process: Int

        /// Whether global index `i` is on this process.
        public func owns(_ i: Int) -> Bool { (i / block) % processes == process }

        /// How many indices below `i` are on this process (ScaLAPACK's NUMROC for i = n).
        public func ownedBelow(_ i: Int) -> Int {
            let cycle = block * processes
            let full = (i / cycle) * block
            let rest = i % cycle - process * block
            return full + min(max(rest, 0), block)
        }

        /// The local position of an owned global index.
        public func local(_ i: Int) -> Int { (i / (block * processes)) * block + i % block }
    }

    public var rows: Side { Side(block: block, processes: processRows, process: row) }
    public var columns: Side { Side(block: block, processes: processColumns, process: column) }

    public var localRows: Int { rows.ownedBelow(order) }
    public var localColumns: Int { columns.ownedBelow(order) }
    /// The leading dimension of the local array (at least 1, as ScaLAPACK asks).
    public var leadingDimension: Int { max(1, localRows) }
    /// Values in the local array.
    public var localCount: Int { leadingDimension * localColumns }
}
