/// Where each parameter of a fully connected network sits in the flat
/// parameter vector θ ∈ ℝ^M.
///
/// Order, used everywhere (gradients, Hessian rows, model files): layer by
/// layer, first the weight matrix W_l (out × in, row-major: W_l[i, j] at
/// `weightOffset(l) + i·in + j`), then its bias b_l (`biasOffset(l) + i`).
/// Layers are numbered 1…L; `sizes[0]` is the input dimension d and
/// `sizes[L]` the number of outputs C.
public struct ParameterLayout: Equatable, Sendable {
    /// Widths d, h_1, …, h_{L−1}, C.
    public let sizes: [Int]
    /// `offsets[l − 1]` is where layer l's parameters start.
    public let offsets: [Int]
    /// M, the number of parameters.
    public let count: Int

    /// The layout of a network with these sizes (each positive, at least two).
    public init(sizes: [Int]) {
        precondition(sizes.count >= 2 && sizes.allSatisfy { $0 > 0 }, "layer sizes must be positive")
        self.sizes = sizes
        var offsets: [Int] = []
        var total = 0
        for l in 1..<sizes.count {
            offsets.append(total)
            total += sizes[l] * (sizes[l - 1] + 1)
        }
        self.offsets = offsets
        self.count = total
    }

    /// The number of weight layers, L.
    public var depth: Int { sizes.count - 1 }
    /// d.
    public var inputDimension: Int { sizes[0] }
    /// C.
    public var outputDimension: Int { sizes[sizes.count - 1] }

    /// M for these sizes, without building a layout: Σ_l h_l·(h_{l−1} + 1).
    public static func parameterCount(_ sizes: [Int]) -> Int {
        zip(sizes.dropFirst(), sizes).reduce(0) { $0 + $1.0 * ($1.1 + 1) }
    }

    /// Start of W_l.
    @inlinable public func weightOffset(_ l: Int) -> Int { offsets[l - 1] }
    /// Start of b_l.
    @inlinable public func biasOffset(_ l: Int) -> Int { offsets[l - 1] + sizes[l] * sizes[l - 1] }
    /// Parameters of layer l: h_l·(h_{l−1} + 1).
    @inlinable public func layerCount(_ l: Int) -> Int { sizes[l] * (sizes[l - 1] + 1) }
}
