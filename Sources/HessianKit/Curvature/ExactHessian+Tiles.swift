import Foundation

extension ExactHessian {
    /// Writes this process's entries of the matrix `part` into `local`, the
    /// local array of a 2-D block-cyclic distribution, without forming M × M.
    ///
    /// The dense assembly writes, for each neuron i of each layer l, the rows
    /// of its parameters over every column from its first weight on:
    /// ã_{l−1}ᵀ·Z with the panel Z (N × (M − first)) of products. Here the
    /// panel is built for the neurons that have rows on this process only,
    /// its columns on this process are copied into a compact panel Z_c, and
    /// one DGEMM with the owned columns of ã_{l−1} writes the owned rows:
    /// every entry H[r, c] with c ≥ r of the local array (the upper
    /// triangle, all that ScaLAPACK's `uplo = "U"` drivers read).
    ///
    /// With `full`, a second pass does the same with the roles of process
    /// rows and columns exchanged and writes the transposed products, so
    /// that the lower triangle is set too (ELPA reads the full matrix).
    ///
    /// - Complexity: about 2·N·M²/P flops per pass for P processes, plus the
    ///   panels (N·M per neuron with owned rows); memory: the local array,
    ///   one N × M panel and the per-example blocks.
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

    /// One pass: the rows of `rows`' owned parameters times the owned
    /// columns of `columns`, written as they are or transposed.
    private func assembleSide(
        _ part: HessianPart, rows: BlockCyclicLayout.Side, columns: BlockCyclicLayout.Side, ld: Int,
        into target: UnsafeMutablePointer<Double>, transposed: Bool,
        blocks: BlockTable, transfers: BlockTable
    ) {
        let layout = state.layout
        let depth = layout.depth
        let m = layout.count
        let n = state.count
        let sizes = layout.sizes
        let scale = 1 / Double(n)
        let threads = WorkerThreads.count
        var panel = [Double](repeating: 0, count: n * m)
        var compact = [Double](repeating: 0, count: n * max(1, columns.ownedBelow(m)))
        var inputs = [Double](repeating: 0, count: n * (sizes.dropLast().max() ?? 1))
        let ones = [Double](repeating: 1, count: n)
        panel.withUnsafeMutableBufferPointer { zBuffer in
            compact.withUnsafeMutableBufferPointer { cBuffer in
                inputs.withUnsafeMutableBufferPointer { uBuffer in
                    let z = zBuffer.baseAddress!, zc = cBuffer.baseAddress!, u = uBuffer.baseAddress!
                    for l in 1...depth {
                        let widthL = sizes[l], fanInL = sizes[l - 1]
                        for i in 0..<widthL {
                            let first = layout.weightOffset(l) + i * fanInL
                            let biasRow = layout.biasOffset(l) + i
                            let ownedInputs = (0..<fanInL).filter { rows.owns(first + $0) }
                            let biasOwned = rows.owns(biasRow)
                            guard !ownedInputs.isEmpty || biasOwned else { continue }
                            let columnStart = columns.ownedBelow(first)
                            let width = columns.ownedBelow(m) - columnStart
                            guard width > 0 else { continue }
                            // Only the neurons with a column on this process fill their panel columns.
                            var items: [(Int, Int)] = []
                            for mm in l...depth {
                                let fanIn = sizes[mm - 1]
                                for k in 0..<sizes[mm] {
                                    let w0 = max(first, layout.weightOffset(mm) + k * fanIn)
                                    let w1 = layout.weightOffset(mm) + (k + 1) * fanIn
                                    let hasWeight = w0 < w1 && columns.ownedBelow(w1) > columns.ownedBelow(w0)
                                    if hasWeight || columns.owns(layout.biasOffset(mm) + k) { items.append((mm, k)) }
                                }
                            }
                            DispatchQueue.concurrentPerform(iterations: min(threads, max(1, items.count))) { worker in
                                var t = worker
                                while t < items.count {
                                    let (mm, k) = items[t]
                                    t += threads
                                    fillPanel(z: z, first: first, layer: l, neuron: i, columnLayer: mm, columnNeuron: k,
                                              part: part, blocks: blocks, transfers: transfers)
                                }
                            }
                            // Z_c: the owned columns from `first` on, in order.
                            var q = 0
                            var c = first
                            while c < m {
                                let blockEnd = min(m, (c / columns.block + 1) * columns.block)
                                if columns.owns(c) {
                                    let count = blockEnd - c
                                    (zc + q * n).update(from: z + (c - first) * n, count: count * n)
                                    q += count
                                }
                                c = blockEnd
                            }
                            if let j0 = ownedInputs.first {
                                let input = state.pass.inputs[l - 1]
                                input.withUnsafeBufferPointer { a in
                                    for (p, j) in ownedInputs.enumerated() {
                                        (u + p * n).update(from: a.baseAddress! + j * n, count: n)
                                    }
                                }
                                let rowStart = rows.local(first + j0)
                                if transposed {
                                    BLAS.gemm(transA: true, transB: false, m: width, n: ownedInputs.count, k: n,
                                              alpha: scale, a: zc, lda: n, b: u, ldb: n,
                                              beta: 0, c: target + rowStart * ld + columnStart, ldc: ld)
                                } else {
                                    BLAS.gemm(transA: true, transB: false, m: ownedInputs.count, n: width, k: n,
                                              alpha: scale, a: u, lda: n, b: zc, ldb: n,
                                              beta: 0, c: target + columnStart * ld + rowStart, ldc: ld)
                                }
                            }
                            if biasOwned {
                                let b = rows.local(biasRow)
                                ones.withUnsafeBufferPointer { one in
                                    if transposed {
                                        BLAS.gemv(trans: true, m: n, n: width, alpha: scale, a: zc, lda: n,
                                                  x: one.baseAddress!, beta: 0, y: target + b * ld + columnStart, incy: 1)
                                    } else {
                                        BLAS.gemv(trans: true, m: n, n: width, alpha: scale, a: zc, lda: n,
                                                  x: one.baseAddress!, beta: 0, y: target + columnStart * ld + b, incy: ld)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
