import Foundation

extension ExactHessian {
    /// Writes this process's entries of the matrix `part` into `local`, the
    /// local array of a 2-D block-cyclic distribution, without forming M × M.
    ///
    /// The dense assembly writes, for each neuron i of each layer l, the rows
    /// of its parameters over every column from its first weight on:
    /// ã_{l−1}ᵀ·Z with the panel Z (N × (M − first)) of products. Here the
    /// panel is built for the neurons that have rows on this process only,
    /// and only its columns on this process, packed (Z_c, N × M/p_c), and
    /// one DGEMM with the owned columns of ã_{l−1} writes the owned rows:
    /// every entry H[r, c] with c ≥ r of the local array (the upper
    /// triangle, all that ScaLAPACK's `uplo = "U"` drivers read).
    ///
    /// With `full`, a second pass does the same with the roles of process
    /// rows and columns exchanged and writes the transposed products, so
    /// that the lower triangle is set too (ELPA reads the full matrix).
    ///
    /// - Complexity: about 2·N·M²/P flops per pass for P processes, plus the
    ///   panels (N·M/p_c per neuron with owned rows); memory: the local
    ///   array, one N × M/p_c panel and the per-example blocks
    ///   (`tileWorkspaceBytes`).
    public func assembleTiles(_ part: HessianPart, layout: BlockCyclicLayout, into local: inout [Double], full: Bool) {
        precondition(layout.order == order, "the layout must be of order M")
        precondition(local.count == layout.localCount, "the local array must hold localRows × localColumns values")
        let blocks = curvatureBlocks(part)
        let transfers = part.includesNetworkCurvature ? activationJacobians() : BlockTable(depth: state.layout.depth)
        local.withUnsafeMutableBufferPointer { buffer in
            let target = buffer.baseAddress!
            assembleSide(part, rows: layout.rows, columns: layout.columns, ld: layout.leadingDimension,
                         into: target, transposed: false, blocks: blocks, transfers: transfers)
            if full {
                assembleSide(part, rows: layout.columns, columns: layout.rows, ld: layout.leadingDimension,
                             into: target, transposed: true, blocks: blocks, transfers: transfers)
            }
        }
    }

    /// Bytes the tile assembly needs besides the local array: the packed
    /// panel Z_c of `ownedColumns` columns, the owned inputs and the
    /// per-example blocks A⁽ˡᵐ⁾ and K⁽ˡᵐ⁾.
    public static func tileWorkspaceBytes(sizes: [Int], examples n: Int, ownedColumns: Int) -> Int {
        let m = ParameterLayout.parameterCount(sizes)
        return workspaceBytes(sizes: sizes, examples: n) - 8 * n * m + 8 * n * (max(1, ownedColumns) + (sizes.dropLast().max() ?? 1) + 1)
    }

    /// One pass: the rows of `rows`' owned parameters times the owned
    /// columns of `columns`, written as they are or transposed.
    private func assembleSide(
        _ part: HessianPart, rows: BlockCyclicLayout.Side, columns: BlockCyclicLayout.Side, ld: Int,
        into target: UnsafeMutablePointer<Double>, transposed: Bool,
        blocks: BlockTable, transfers: BlockTable
    ) {
        let layout = state.layout
        let n = state.count
        var compact = [Double](repeating: 0, count: n * max(1, columns.ownedBelow(layout.count)))
        var inputs = [Double](repeating: 0, count: n * (layout.sizes.dropLast().max() ?? 1))
        compact.withUnsafeMutableBufferPointer { cBuffer in
            inputs.withUnsafeMutableBufferPointer { uBuffer in
                let tile = TileTarget(rows: rows, columns: columns, ld: ld, base: target, transposed: transposed)
                for l in 1...layout.depth {
                    for i in 0..<layout.sizes[l] {
                        assembleTileRows(layer: l, neuron: i, part: part, tile: tile, panel: cBuffer.baseAddress!,
                                         inputs: uBuffer.baseAddress!, blocks: blocks, transfers: transfers)
                    }
                }
            }
        }
    }

    /// This process's share of the local array, seen from one pass.
    private struct TileTarget {
        let rows: BlockCyclicLayout.Side
        let columns: BlockCyclicLayout.Side
        let ld: Int
        let base: UnsafeMutablePointer<Double>
        let transposed: Bool
    }

    /// The owned rows of neuron i of layer l over the owned columns from its
    /// first weight on: the packed panel Z_c, then one DGEMM with the owned
    /// inputs for the weight rows and one DGEMV (Z_c's column sums) for the
    /// bias row.
    private func assembleTileRows(
        layer l: Int, neuron i: Int, part: HessianPart, tile: TileTarget,
        panel zc: UnsafeMutablePointer<Double>, inputs u: UnsafeMutablePointer<Double>,
        blocks: BlockTable, transfers: BlockTable
    ) {
        let layout = state.layout
        let n = state.count, m = layout.count
        let fanIn = layout.sizes[l - 1]
        let first = layout.weightOffset(l) + i * fanIn
        let biasRow = layout.biasOffset(l) + i
        let ownedInputs = (0..<fanIn).filter { tile.rows.owns(first + $0) }
        let biasOwned = tile.rows.owns(biasRow)
        guard !ownedInputs.isEmpty || biasOwned else { return }
        let columnStart = tile.columns.ownedBelow(first)
        let width = tile.columns.ownedBelow(m) - columnStart
        guard width > 0 else { return }
        fillOwnedPanel(PanelColumns(base: zc, examples: n, first: first, owned: (tile.columns, columnStart)),
                       layer: l, neuron: i, part: part, blocks: blocks, transfers: transfers)
        let scale = 1 / Double(n)
        if let j0 = ownedInputs.first {
            state.pass.inputs[l - 1].withUnsafeBufferPointer { a in
                for (p, j) in ownedInputs.enumerated() { (u + p * n).update(from: a.baseAddress! + j * n, count: n) }
            }
            let rowStart = tile.rows.local(first + j0)
            if tile.transposed {
                BLAS.gemm(transA: true, transB: false, m: width, n: ownedInputs.count, k: n, alpha: scale, a: zc, lda: n,
                          b: u, ldb: n, beta: 0, c: tile.base + rowStart * tile.ld + columnStart, ldc: tile.ld)
            } else {
                BLAS.gemm(transA: true, transB: false, m: ownedInputs.count, n: width, k: n, alpha: scale, a: u, lda: n,
                          b: zc, ldb: n, beta: 0, c: tile.base + columnStart * tile.ld + rowStart, ldc: tile.ld)
            }
        }
        if biasOwned {
            let b = tile.rows.local(biasRow)
            let ones = [Double](repeating: 1, count: n)
            ones.withUnsafeBufferPointer { one in
                let y = tile.transposed ? tile.base + b * tile.ld + columnStart : tile.base + columnStart * tile.ld + b
                BLAS.gemv(trans: true, m: n, n: width, alpha: scale, a: zc, lda: n,
                          x: one.baseAddress!, beta: 0, y: y, incy: tile.transposed ? 1 : tile.ld)
            }
        }
    }

    /// The owned panel columns of neuron i of layer l: only the column
    /// neurons with a parameter the panel keeps, spread over the worker threads.
    private func fillOwnedPanel(_ panel: PanelColumns, layer l: Int, neuron i: Int, part: HessianPart,
                                blocks: BlockTable, transfers: BlockTable) {
        let layout = state.layout
        let columns = panel.owned!.side
        var items: [(Int, Int)] = []
        for mm in l...layout.depth {
            let fanIn = layout.sizes[mm - 1]
            for k in 0..<layout.sizes[mm] {
                let w0 = max(panel.first, layout.weightOffset(mm) + k * fanIn)
                let w1 = layout.weightOffset(mm) + (k + 1) * fanIn
                let hasWeight = w0 < w1 && columns.ownedBelow(w1) > columns.ownedBelow(w0)
                if hasWeight || columns.owns(layout.biasOffset(mm) + k) { items.append((mm, k)) }
            }
        }
        let threads = self.threads
        DispatchQueue.concurrentPerform(iterations: min(threads, max(1, items.count))) { worker in
            for t in stride(from: worker, to: items.count, by: threads) {
                let (mm, k) = items[t]
                fillPanel(panel, layer: l, neuron: i, columnLayer: mm, columnNeuron: k,
                          part: part, blocks: blocks, transfers: transfers)
            }
        }
    }
}
