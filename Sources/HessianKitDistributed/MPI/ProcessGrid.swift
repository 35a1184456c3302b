import CDistributed
import HessianCore

/// A BLACS process grid and the ScaLAPACK descriptor of an n × n matrix
/// distributed over it block-cyclically.
final class ProcessGrid {
    let context: Int32
    let layout: BlockCyclicLayout
    /// ScaLAPACK's 9-integer array descriptor of the local array.
    let descriptor: [Int32]

    /// Collective: every process of the world joins a rows × columns grid.
    init(rows: Int, columns: Int, order n: Int, block: Int) throws {
        var context: Int32 = 0, myRow: Int32 = 0, myColumn: Int32 = 0
        guard hs_blacs_gridinit(Int32(rows), Int32(columns), &context, &myRow, &myColumn) == 0 else {
            throw DistributedError.grid("BLACS could not form a \(rows)×\(columns) process grid")
        }
        self.context = context
        layout = BlockCyclicLayout(order: n, block: block, processRows: rows, processColumns: columns,
                                   row: Int(myRow), column: Int(myColumn))
        precondition(Int(hs_numroc(Int32(n), Int32(block), myRow, Int32(rows))) == layout.localRows)
        var descriptor = [Int32](repeating: 0, count: 9)
        let info = hs_descinit(&descriptor, Int32(n), Int32(block), context, Int32(layout.localRows))
        self.descriptor = descriptor
        guard info == 0 else {
            hs_blacs_gridexit(context)
            throw DistributedError.scalapack(routine: "descinit", info: Int(info))
        }
    }

    deinit { hs_blacs_gridexit(context) }

    /// The layout and descriptor of an n × `columns` matrix on this grid,
    /// with the rows split as the square matrix's (as PDORMTR asks).
    func panel(columns k: Int) throws -> (columns: BlockCyclicLayout.Side, descriptor: [Int32]) {
        var descriptor = [Int32](repeating: 0, count: 9)
        let info = hs_descinit_general(&descriptor, Int32(layout.order), Int32(k), Int32(layout.block), context,
                                       Int32(layout.localRows))
        guard info == 0 else { throw DistributedError.scalapack(routine: "descinit", info: Int(info)) }
        return (layout.columns, descriptor)
    }

    /// The squarest rows × columns = p with rows ≤ columns.
    static func squarest(_ p: Int) -> (rows: Int, columns: Int) {
        var rows = 1
        var r = 1
        while r * r <= p {
            if p % r == 0 { rows = r }
            r += 1
        }
        return (rows, p / rows)
    }
}
