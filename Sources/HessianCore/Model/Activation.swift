import Foundation

/// The hidden-layer nonlinearity σ, with its first and second derivatives,
/// which the exact Hessian needs.
public enum Activation: String, CaseIterable, Codable, Sendable {
    case relu, tanh, sigmoid, linear

    /// σ(z).
    @inlinable public func value(_ z: Double) -> Double {
        switch self {
        case .relu: return z > 0 ? z : 0
        case .tanh: return Foundation.tanh(z)
        case .sigmoid: return 1 / (1 + Foundation.exp(-z))
        case .linear: return z
        }
    }

    /// σ'(z). ReLU's derivative at 0 is taken as 0.
    @inlinable public func firstDerivative(_ z: Double) -> Double {
        switch self {
        case .relu: return z > 0 ? 1 : 0
        case .tanh: let t = Foundation.tanh(z); return 1 - t * t
        case .sigmoid: let s = 1 / (1 + Foundation.exp(-z)); return s * (1 - s)
        case .linear: return 1
        }
    }

    /// σ''(z); zero for the piecewise-linear activations.
    @inlinable public func secondDerivative(_ z: Double) -> Double {
        switch self {
        case .relu, .linear: return 0
        case .tanh: let t = Foundation.tanh(z); return -2 * t * (1 - t * t)
        case .sigmoid: let s = 1 / (1 + Foundation.exp(-z)); return s * (1 - s) * (1 - 2 * s)
        }
    }

    /// True when σ'' vanishes everywhere it exists (ReLU, linear).
    public var isPiecewiseLinear: Bool { self == .relu || self == .linear }
}
