/// The hidden activations of a network, one per hidden layer: σ_l for
/// layers l = 1…L−1, or a single σ for all of them.
///
/// Written as one name (`relu`: every hidden layer) or a comma-separated
/// list with one name per hidden layer (`gelu,tanh,silu`).
public struct Activations: Hashable, Sendable, CustomStringConvertible {
    /// One activation for every hidden layer, or one per hidden layer.
    public let layers: [Activation]

    /// The same σ in every hidden layer.
    public init(_ activation: Activation) { layers = [activation] }

    /// σ_1, …, σ_{L−1} (one entry: every hidden layer); not empty.
    public init(_ layers: [Activation]) {
        precondition(!layers.isEmpty, "at least one activation")
        self.layers = layers
    }

    /// The activations a comma-separated list of names denotes, or nil
    /// when a name is unknown (see `Activation.init(rawValue:)`).
    public init?(text: String) {
        let names = text.split(separator: ",", omittingEmptySubsequences: false)
        var layers: [Activation] = []
        for name in names {
            guard let activation = Activation(rawValue: name.trimmingCharacters(in: .whitespaces)) else { return nil }
            layers.append(activation)
        }
        guard !layers.isEmpty else { return nil }
        self.layers = layers
    }

    /// σ_l of hidden layer l (1-based).
    @inlinable public subscript(layer l: Int) -> Activation { layers.count == 1 ? layers[0] : layers[l - 1] }

    /// The names joined by `separator`; one name when every layer has the same.
    public func text(separator: String = ",") -> String {
        if let first = layers.first, layers.allSatisfy({ $0 == first }) { return first.rawValue }
        return layers.map(\.rawValue).joined(separator: separator)
    }

    /// The names, comma-separated (one name when all are the same).
    public var description: String { text() }

    /// The name for a CSV field, which may not hold commas: `gelu/tanh/silu`.
    public var csvText: String { text(separator: "/") }

    /// True when every σ_l is piecewise linear (σ″ = 0).
    public var isPiecewiseLinear: Bool { layers.allSatisfy(\.isPiecewiseLinear) }

    /// The first activation that is not piecewise linear, if any.
    public var firstCurved: Activation? { layers.first { !$0.isPiecewiseLinear } }

    /// One entry per hidden layer of a network with `hidden` hidden layers:
    /// a single activation is repeated; a list must have `hidden` entries
    /// (a network without hidden layers keeps the single one it was given).
    /// - Throws: `ModelError.invalid` when a list has another length.
    public func expanded(hiddenLayers hidden: Int) throws -> Activations {
        if layers.count == 1 { return hidden <= 1 ? self : Activations(Array(repeating: layers[0], count: hidden)) }
        guard layers.count == hidden else {
            throw ModelError.invalid("\(layers.count) activations (\(description)) for \(hidden) hidden layer\(hidden == 1 ? "" : "s"): give one name for all or one per hidden layer")
        }
        return self
    }
}

extension Activations: ExpressibleByArrayLiteral {
    /// σ_1, …, σ_{L−1} from a literal list.
    public init(arrayLiteral elements: Activation...) { self.init(elements) }
}
