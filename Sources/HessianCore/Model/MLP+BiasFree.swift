/// Bias-free layers. The Hessian with respect to the real parameters is the
/// principal submatrix of the full-layout Hessian at the missing biases
/// held at 0, so the maths runs on the full layout and every operator is
/// restricted to the real coordinates: `freeIndices` picks them, `restricted`
/// drops the missing biases from a full-layout vector, `embedded` puts them
/// back as zeros.
extension MLP {
    /// Whether some layer has no bias.
    public var hasMissingBiases: Bool { hasBias.contains(false) }

    /// The positions in the full layout of the M real parameters, ascending
    /// (the order of eigenvectors, gradients and files).
    /// - Complexity: O(`layout.count`).
    public var freeIndices: [Int] {
        var kept: [Int] = []
        kept.reserveCapacity(parameterCount)
        for l in 1...layout.depth {
            let start = layout.weightOffset(l)
            let end = hasBias[l - 1] ? start + layout.layerCount(l) : layout.biasOffset(l)
            kept += start..<end
        }
        return kept
    }

    /// The M real entries of a full-layout vector.
    public func restricted(_ full: [Double]) -> [Double] {
        hasMissingBiases ? freeIndices.map { full[$0] } : full
    }

    /// A full-layout vector with the M real entries `free` and 0 at every
    /// missing bias.
    public func embedded(_ free: [Double]) -> [Double] {
        guard hasMissingBiases else { return free }
        var full = [Double](repeating: 0, count: layout.count)
        for (value, index) in zip(free, freeIndices) { full[index] = value }
        return full
    }

    /// Zeros the missing bias entries of a full-layout vector in place (a
    /// gradient, so that training never moves them).
    func zeroMissingBiases(_ full: inout [Double]) {
        for (l, present) in zip(1..., hasBias) where !present {
            let start = layout.biasOffset(l)
            for i in start..<(start + layout.sizes[l]) { full[i] = 0 }
        }
    }
}
