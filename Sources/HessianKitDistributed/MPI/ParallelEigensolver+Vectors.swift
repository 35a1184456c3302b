import CDistributed
import HessianCore

extension ParallelEigensolver {
    /// The eigenpairs at the 0-based ascending positions of `ranges` of the
    /// matrix whose upper triangle is in `local` (destroyed), the same on
    /// every process: the distributed counterpart of the serial
    /// `SymmetricEigensolver.extremeEigenpairs`, step for step.
    ///
    /// 1. PDSYTRD reduces the matrix in place to T = QᵀAQ (PDSYEV's own first step);
    /// 2. T's diagonals are summed from their owners to every process (2·n values);
    /// 3. DSTEMR (of `backend`) gives T's wanted pairs on the first process, broadcast
    ///    (n × k, so that every process holds the same bits);
    /// 4. PDORMTR brings back only these k vectors, Q·Z, as an n × k
    ///    block-cyclic matrix;
    /// 5. they are summed from their owners: k × n on every process.
    ///
    /// Nothing of order n × n is formed besides the matrix itself.
    /// - Complexity: (4/3)·n³/P for the reduction, O(n·k) for T's pairs,
    ///   2·n²·k/P for the back-transformation; memory: the local array and
    ///   three n × k blocks (local, T's, the gathered).
    static func eigenpairs(_ local: inout [Double], grid: ProcessGrid, ranges: [ClosedRange<Int>], backend: LAPACKBackend) throws
        -> SymmetricEigensolver.Eigenpairs {
        let layout = grid.layout
        let n = layout.order
        var tau = [Double](repeating: 0, count: max(1, layout.localColumns))
        let reduced = local.withUnsafeMutableBufferPointer { a in hs_pdsytrd(Int32(n), a.baseAddress, grid.descriptor, &tau) }
        guard reduced == 0 else { throw DistributedError.scalapack(routine: "pdsytrd", info: Int(reduced)) }

        var diagonals = tridiagonal(of: local, layout: layout)
        try MPIWorld.sum(&diagonals)
        var pairs = SymmetricEigensolver.Eigenpairs(values: [], indices: [], vectors: [])
        if MPIWorld.rank == 0 {
            pairs = try SymmetricEigensolver.tridiagonalEigenpairs(
                diagonal: Array(diagonals[0..<n]), offDiagonal: Array(diagonals[n...]), ranges: ranges, backend: backend)
        }
        let k = ranges.reduce(0) { $0 + $1.count }
        var tridiagonalPairs = MPIWorld.rank == 0 ? pairs.values + pairs.vectors : [Double](repeating: 0, count: k * (n + 1))
        try MPIWorld.broadcast(&tridiagonalPairs, from: 0)
        let values = Array(tridiagonalPairs[0..<k])
        let vectors = Array(tridiagonalPairs[k...])

        let (columns, descriptor) = try grid.panel(columns: k)
        let rows = layout.rows, ld = layout.leadingDimension
        var panel = [Double](repeating: 0, count: ld * max(1, columns.ownedBelow(k)))
        forEachOwned(rows: rows, columns: columns, order: n, count: k, leadingDimension: ld) { r, c, at in
            panel[at] = vectors[c * n + r]
        }
        let info = local.withUnsafeMutableBufferPointer { a in
            hs_pdormtr(Int32(n), Int32(k), a.baseAddress, grid.descriptor, tau, &panel, descriptor)
        }
        guard info == 0 else { throw DistributedError.scalapack(routine: "pdormtr", info: Int(info)) }

        var gathered = [Double](repeating: 0, count: n * k)
        forEachOwned(rows: rows, columns: columns, order: n, count: k, leadingDimension: ld) { r, c, at in
            gathered[c * n + r] = panel[at]
        }
        try MPIWorld.sum(&gathered)
        return SymmetricEigensolver.Eigenpairs(values: values, indices: ranges.flatMap { Array($0) }, vectors: gathered)
    }

    /// T's diagonal (n values) then superdiagonal (n − 1, and a 0) as far as
    /// this process holds them, zero elsewhere: after PDSYTRD on the upper
    /// triangle they are A's diagonal and first superdiagonal.
    private static func tridiagonal(of local: [Double], layout: BlockCyclicLayout) -> [Double] {
        let n = layout.order, rows = layout.rows, columns = layout.columns, ld = layout.leadingDimension
        var t = [Double](repeating: 0, count: 2 * n)
        for i in 0..<n where rows.owns(i) {
            let r = rows.local(i)
            if columns.owns(i) { t[i] = local[columns.local(i) * ld + r] }
            if i + 1 < n && columns.owns(i + 1) { t[n + i] = local[columns.local(i + 1) * ld + r] }
        }
        return t
    }

    /// Calls `body` with the global row and column of every entry of an
    /// `order` × `count` block-cyclic matrix this process holds, and the
    /// entry's position in the local column-major array.
    private static func forEachOwned(rows: BlockCyclicLayout.Side, columns: BlockCyclicLayout.Side, order n: Int, count k: Int,
                                     leadingDimension ld: Int, _ body: (Int, Int, Int) -> Void) {
        for c in 0..<k where columns.owns(c) {
            let lc = columns.local(c)
            for r in 0..<n where rows.owns(r) { body(r, c, lc * ld + rows.local(r)) }
        }
    }
}
