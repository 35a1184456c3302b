import CDistributed
import HessianCore

/// Eigenvalues of a symmetric matrix held block-cyclically on a process
/// grid, through ELPA or ScaLAPACK; the same values end on every process.
enum ParallelEigensolver {
    /// The eigenvalues with 0-based positions in `wanted` (ascending), of
    /// the matrix in `local` (destroyed). ELPA reads both triangles, the
    /// ScaLAPACK drivers the upper one. PDSYEVR computes only an index range
    /// (one call, so a range at both ends costs a full solve).
    /// - Complexity: about (4/3)·n³/P flops per process for all eigenvalues
    ///   (PDSYEVD: about 3× that, as it forms the eigenvectors).
    static func eigenvalues(_ local: inout [Double], grid: ProcessGrid, solver: DistributedEigensolver,
                            wanted: Range<Int>) throws -> [Double] {
        let layout = grid.layout
        let n = layout.order
        var w = [Double](repeating: 0, count: max(1, n))
        switch solver {
        case .auto:
            preconditionFailure("the plan resolves auto to a solver")
        case .elpa:
            let status = local.withUnsafeMutableBufferPointer { a in
                hs_elpa_eigenvalues(Int32(n), Int32(n), a.baseAddress, Int32(layout.leadingDimension), Int32(layout.localColumns),
                                    Int32(layout.block), grid.context, Int32(layout.row), Int32(layout.column), 1, &w)
            }
            guard status == 0 else { throw DistributedError.elpa(stage: Int(status)) }
            return Array(w[wanted])
        case .pdsyevr:
            var found: Int32 = 0
            let info = local.withUnsafeMutableBufferPointer { a in
                hs_pdsyevr(Int32(n), a.baseAddress, grid.descriptor, Int32(wanted.lowerBound + 1), Int32(wanted.upperBound), &w, &found)
            }
            guard info == 0 else { throw DistributedError.scalapack(routine: "pdsyevr", info: Int(info)) }
            guard Int(found) == wanted.count else {
                throw DistributedError.scalapack(routine: "pdsyevr found \(found) of \(wanted.count) eigenvalues", info: 0)
            }
            return Array(w[0..<wanted.count])
        case .pdsyev:
            let info = local.withUnsafeMutableBufferPointer { a in hs_pdsyev(Int32(n), a.baseAddress, grid.descriptor, &w) }
            guard info == 0 else { throw DistributedError.scalapack(routine: "pdsyev", info: Int(info)) }
            return Array(w[wanted])
        case .pdsyevd:
            var z = [Double](repeating: 0, count: layout.localCount)
            let info = local.withUnsafeMutableBufferPointer { a in
                hs_pdsyevd(Int32(n), a.baseAddress, grid.descriptor, &w, &z, grid.descriptor)
            }
            guard info == 0 else { throw DistributedError.scalapack(routine: "pdsyevd", info: Int(info)) }
            return Array(w[wanted])
        }
    }

    /// Bytes of work arrays each driver holds at its peak beyond the local
    /// matrix (local rows × columns, block b, order n). PDSYEV: its
    /// documented workspace, 5n + b·(rows + 1) values; PDSYEVR about as
    /// small (18n more). ELPA and PDSYEVD: local arrays of the matrix's
    /// size, from peaks measured on 2 processes at M = 5510 and 10,330 less
    /// PDSYEV's peak, rounded up (ELPA's divide and conquer forms the
    /// tridiagonal eigenvectors even when only eigenvalues are asked for;
    /// PDSYEVD also returns them).
    static func workspaceBytes(_ solver: DistributedEigensolver, order n: Int, localRows: Int, localColumns: Int, block: Int) -> Int {
        let local = Double(8 * localRows * localColumns)
        let reduction = 8 * (5 * n + block * (localRows + 1) + 1)
        switch solver {
        case .pdsyev, .auto: return reduction
        case .pdsyevr: return reduction + 8 * 18 * n
        case .elpa: return Int(3.1 * local)
        case .pdsyevd: return Int(2.6 * local)
        }
    }
}
