extension ExactHessian {
    /// The matrix `part` with respect to the M real parameters only: the
    /// full-layout matrix (missing biases held at 0), then its principal
    /// submatrix on `MLP.freeIndices`, compacted in place to the first M²
    /// values of `matrix` (column-major M × M). `matrix` may hold any number
    /// of values on entry; it holds exactly M² on return. Returns M.
    /// - Complexity: that of `assemble(_:into:)` plus O(M²) to compact.
    public func assembleFree(_ part: HessianPart, into matrix: inout [Double]) -> Int {
        let full = order
        if matrix.count < full * full { matrix.append(contentsOf: repeatElement(0, count: full * full - matrix.count)) }
        if matrix.count > full * full { matrix.removeLast(matrix.count - full * full) }
        assemble(part, into: &matrix)
        let model = self.model
        guard model.hasMissingBiases else { return full }
        let kept = model.freeIndices, m = kept.count
        // Destination c·M + r never exceeds the source column·full + row, and
        // destinations grow, so no source is overwritten before it is read.
        for (c, column) in kept.enumerated() {
            for (r, row) in kept.enumerated() { matrix[c * m + r] = matrix[column * full + row] }
        }
        matrix.removeLast(full * full - m * m)
        return m
    }
}
