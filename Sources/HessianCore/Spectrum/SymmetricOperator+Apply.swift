extension SymmetricOperator {
    /// A·x for an array x of `order` values.
    /// - Throws: whatever the product throws.
    func apply(_ x: [Double]) throws -> [Double] {
        var y = [Double](repeating: 0, count: order)
        try x.withUnsafeBufferPointer { xb in
            try y.withUnsafeMutableBufferPointer { yb in
                try product(xb.baseAddress.unsafelyUnwrapped, yb.baseAddress.unsafelyUnwrapped)
            }
        }
        return y
    }
}
