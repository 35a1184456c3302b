/// A symmetric linear operator x ↦ A·x on ℝⁿ, known only through its
/// product, which may throw (a product computed elsewhere can fail).
public struct SymmetricOperator {
    /// n.
    public let order: Int
    /// Writes A·x (n values) into its second argument without reading it.
    let product: (UnsafePointer<Double>, UnsafeMutablePointer<Double>) throws -> Void

    /// An operator from its product on raw buffers (n values in, n out).
    init(order: Int, product: @escaping (UnsafePointer<Double>, UnsafeMutablePointer<Double>) throws -> Void) {
        self.order = order
        self.product = product
    }

    /// An operator from its product: `product(x)` returns A·x, n values.
    /// - Throws (from the product, during Lanczos): `LanczosError.invalid`
    ///   when it returns a vector of another length, or whatever `product`
    ///   throws.
    public init(order: Int, product: @escaping ([Double]) throws -> [Double]) {
        self.order = order
        self.product = { x, y in
            let ax = try product(Array(UnsafeBufferPointer(start: x, count: order)))
            guard ax.count == order else {
                throw LanczosError.invalid("the operator returned \(ax.count) values for a vector of length \(order)")
            }
            for i in 0..<order { y[i] = ax[i] }
        }
    }

    /// The matrix `part` of the split H = G + R through exact matrix-free
    /// products (`HessianVectorProduct`), on the M real parameters: for a
    /// network with bias-free layers, v is embedded with zeros at the missing
    /// biases and those entries are dropped from the product (the principal
    /// submatrix).
    public static func curvature(_ products: HessianVectorProduct, part: HessianPart) -> SymmetricOperator {
        let workspace = HessianVectorProduct.Workspace(products)
        let model = products.model
        guard model.hasMissingBiases else {
            return SymmetricOperator(order: products.order) { products.apply(part, to: $0, workspace: workspace) }
        }
        return SymmetricOperator(order: model.parameterCount) {
            model.restricted(products.apply(part, to: model.embedded($0), workspace: workspace))
        }
    }

    /// diag(d).
    public static func diagonal(_ d: [Double]) -> SymmetricOperator {
        SymmetricOperator(order: d.count) { x in (0..<d.count).map { d[$0] * x[$0] } }
    }
}
