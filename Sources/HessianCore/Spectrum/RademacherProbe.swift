extension RandomSource {
    /// A Rademacher vector: n independent entries ±1 with probability ½
    /// each, so E[z·zᵀ] = I and ‖z‖² = n exactly (one random bit per entry).
    public mutating func rademacher(_ n: Int) -> [Double] {
        var z = [Double](repeating: 1, count: n)
        var bits: UInt64 = 0
        for i in 0..<n {
            if i % 64 == 0 { bits = next() }
            if bits & 1 == 1 { z[i] = -1 }
            bits >>= 1
        }
        return z
    }
}
