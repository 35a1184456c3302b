extension Dataset {
    /// `n` examples drawn without replacement so that every class keeps its
    /// share of the data set: class `c` with `N_c` of the `N` examples gets
    /// `n·N_c/N` of them, rounded by largest remainders (each class gets the
    /// whole part, and the examples left over go one each to the classes with
    /// the largest fractional parts, ties to the lower class number).
    ///
    /// Which examples of a class are taken is random from `seed`; they come
    /// back in their order in this data set, so the same seed always gives
    /// the same subset in the same order.
    /// - Throws: `DatasetError.invalid` when `n` is not in `1…count`.
    /// - Complexity: O(N + n · d).
    public func stratifiedSample(_ n: Int, seed: UInt64) throws -> Dataset {
        try checkSampleSize(n)
        var members = [[Int]](repeating: [], count: classCount)
        for (s, label) in labels.enumerated() { members[label].append(s) }
        let quotas = Dataset.largestRemainderShares(of: n, among: members.map(\.count))
        var random = RandomSource(seed: seed)
        var chosen: [Int] = []
        chosen.reserveCapacity(n)
        for (c, quota) in quotas.enumerated() where quota > 0 {
            let order = random.permutation(members[c].count)
            chosen += order.prefix(quota).map { members[c][$0] }
        }
        return subset(chosen.sorted())
    }

    /// The first `n` examples, in order.
    /// - Throws: `DatasetError.invalid` when `n` is not in `1…count`.
    public func first(_ n: Int) throws -> Dataset {
        try checkSampleSize(n)
        return subset(Array(0..<n))
    }

    /// `total` split among groups in proportion to their `sizes` by the
    /// largest-remainder method; requires `0 ≤ total ≤ sizes.sum > 0`, so no
    /// group gets more than its size.
    static func largestRemainderShares(of total: Int, among sizes: [Int]) -> [Int] {
        let whole = sizes.reduce(0, +)
        var shares = sizes.map { $0 * total / whole }
        let remainders = sizes.map { $0 * total % whole }
        let left = total - shares.reduce(0, +)
        let order = sizes.indices.sorted { remainders[$0] > remainders[$1] || (remainders[$0] == remainders[$1] && $0 < $1) }
        for c in order.prefix(left) { shares[c] += 1 }
        return shares
    }

    private func checkSampleSize(_ n: Int) throws {
        guard n > 0 else { throw DatasetError.invalid("the number of examples to pick must be positive, got \(n)") }
        guard n <= count else { throw DatasetError.invalid("cannot pick \(n) examples from a data set of \(count)") }
    }
}
