import Foundation

/// Activations by name: `relu`, `gelu_tanh`, `leaky_relu:0.2`, or PyTorch's
/// class names (`GELU`, `LeakyReLU`), without regard to case or underscores.
extension Activation: RawRepresentable, Codable {
    /// The activation a name denotes, a parameter after `:` for ELU (α)
    /// and LeakyReLU (slope); nil for an unknown name or a parameter that
    /// is not a finite number or given to an activation without one.
    public init?(rawValue: String) {
        let parts = rawValue.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let key = parts[0].lowercased().filter { $0 != "_" && $0 != " " }
        var parameter: Double?
        if parts.count == 2 {
            guard let value = Double(parts[1].trimmingCharacters(in: .whitespaces)), value.isFinite else { return nil }
            parameter = value
        }
        switch key {
        case "elu": self = .elu(alpha: parameter ?? 1); return
        case "leakyrelu": self = .leakyReLU(slope: parameter ?? 0.01); return
        default: break
        }
        guard parameter == nil else { return nil }
        switch key {
        case "relu": self = .relu
        case "tanh": self = .tanh
        case "sigmoid": self = .sigmoid
        case "linear", "identity": self = .linear
        case "gelu": self = .gelu
        case "gelutanh": self = .geluTanh
        case "silu": self = .silu
        case "softplus": self = .softplus
        default: return nil
        }
    }

    /// The canonical name, which reads back to the same activation:
    /// lower case, the parameter written as the shortest round-trip text.
    public var rawValue: String {
        switch self {
        case .relu: return "relu"
        case .tanh: return "tanh"
        case .sigmoid: return "sigmoid"
        case .linear: return "linear"
        case .gelu: return "gelu"
        case .geluTanh: return "gelu_tanh"
        case .silu: return "silu"
        case .softplus: return "softplus"
        case .elu(let alpha): return alpha == 1 ? "elu" : "elu:\(alpha)"
        case .leakyReLU(let slope): return "leaky_relu:\(slope)"
        }
    }

    /// Decodes the name.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Activation(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown activation '\(text)'"))
        }
        self = value
    }

    /// Encodes the name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
