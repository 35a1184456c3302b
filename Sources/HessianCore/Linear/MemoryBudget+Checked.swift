extension MemoryBudget {
    /// 8·∏`factors`, the bytes of that many doubles, or `Int.max` when the
    /// product overflows (sizes from a flag or a file can be anything).
    public static func bytesOfDoubles(_ factors: Int...) -> Int { bytesOfDoubles(factors) }

    /// Throws `MemoryError.insufficient` unless 8·∏`factors` bytes (checked
    /// arithmetic; a product that overflows fits nowhere, even where the
    /// available memory is unknown) are available.
    public static func requireDoubles(_ factors: Int..., for purpose: String, available: Int?) throws {
        let bytes = bytesOfDoubles(factors)
        if bytes == Int.max { throw MemoryError.insufficient(purpose: purpose, needed: bytes, available: available ?? 0) }
        try require(bytes, for: purpose, available: available)
    }

    private static func bytesOfDoubles(_ factors: [Int]) -> Int {
        var product = 8
        for factor in factors {
            let (next, overflow) = product.multipliedReportingOverflow(by: max(0, factor))
            if overflow { return Int.max }
            product = next
        }
        return product
    }
}
