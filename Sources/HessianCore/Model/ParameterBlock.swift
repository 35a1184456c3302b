/// How the parameters are grouped into the blocks of a curvature matrix.
public enum BlockGranularity: String, CaseIterable, Sendable {
    /// One block per layer, its weights and bias together: `layer1`,
    /// `layer2`, …, numbered 1…L from the input.
    case layers
    /// Each layer's weight matrix and its bias apart: `layer1.weight`,
    /// `layer1.bias`, … (PyTorch's `weight`/`bias`, with the layer named as
    /// above); a bias-free layer has only its weight block.
    case weightsBiases = "weights-biases"
}

/// A named group of parameters: a contiguous range of positions among the
/// M real parameters (the order of gradients, eigenvectors and model files).
public struct ParameterBlock: Sendable, Equatable {
    /// `layer1`, `layer1.weight`, `layer1.bias`, … (see `BlockGranularity`).
    public var name: String
    /// Positions among the M real parameters.
    public var range: Range<Int>

    /// A block of these positions.
    public init(name: String, range: Range<Int>) {
        self.name = name
        self.range = range
    }

    /// Its number of parameters.
    public var count: Int { range.count }
}

extension MLP {
    /// The blocks of `granularity` in parameter order; they partition the
    /// M real parameters (a missing bias has no position, so a bias-free
    /// layer's block holds its weights only).
    /// - Complexity: O(L).
    public func parameterBlocks(_ granularity: BlockGranularity) -> [ParameterBlock] {
        var blocks: [ParameterBlock] = []
        var start = 0
        for l in 1...layout.depth {
            let weights = layout.sizes[l] * layout.sizes[l - 1]
            let biases = hasBias[l - 1] ? layout.sizes[l] : 0
            switch granularity {
            case .layers:
                blocks.append(ParameterBlock(name: "layer\(l)", range: start..<(start + weights + biases)))
            case .weightsBiases:
                blocks.append(ParameterBlock(name: "layer\(l).weight", range: start..<(start + weights)))
                if biases > 0 { blocks.append(ParameterBlock(name: "layer\(l).bias", range: (start + weights)..<(start + weights + biases))) }
            }
            start += weights + biases
        }
        return blocks
    }
}
