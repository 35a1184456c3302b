import Foundation

/// The nonlinearity σ of one hidden layer, with its first and second
/// derivatives, which the exact Hessian needs. Each is PyTorch's module of
/// the same name with its default arguments unless a parameter is given:
///
/// | name | σ(z) | PyTorch |
/// |---|---|---|
/// | `relu` | max(z, 0) | `nn.ReLU()` |
/// | `tanh` | tanh z | `nn.Tanh()` |
/// | `sigmoid` | 1/(1 + e^−z) | `nn.Sigmoid()` |
/// | `linear` | z | `nn.Identity()` |
/// | `gelu` | z·Φ(z) = ½z(1 + erf(z/√2)) | `nn.GELU()` |
/// | `gelu_tanh` | ½z(1 + tanh(√(2/π)(z + 0.044715z³))) | `nn.GELU(approximate='tanh')` |
/// | `silu` | z·s(z), s the logistic sigmoid | `nn.SiLU()` |
/// | `softplus` | log(1 + e^z) | `nn.Softplus()` for z < 20 (PyTorch returns z above its threshold 20) |
/// | `elu:α` | z (z > 0), α(e^z − 1) | `nn.ELU(alpha=α)`, α = 1 by default |
/// | `leaky_relu:a` | z (z > 0), a·z | `nn.LeakyReLU(a)`, a = 0.01 by default |
///
/// Names are matched without regard to case or underscores, so PyTorch's
/// class names (`ReLU`, `GELU`, `SiLU`, `LeakyReLU`, `Identity`) are read too.
/// At a kink the derivative is PyTorch's: 0 for ReLU at 0, a for LeakyReLU.
public enum Activation: Hashable, Sendable {
    case relu, tanh, sigmoid, linear, gelu, geluTanh, silu, softplus
    /// ELU with its α.
    case elu(alpha: Double)
    /// LeakyReLU with its negative slope.
    case leakyReLU(slope: Double)

    /// σ(z).
    @inlinable public func value(_ z: Double) -> Double {
        switch self {
        case .relu: return z > 0 ? z : 0
        case .tanh: return Foundation.tanh(z)
        case .sigmoid: return Self.logistic(z)
        case .linear: return z
        case .gelu: return 0.5 * z * Foundation.erfc(-z * Self.rsqrt2)
        case .geluTanh: return 0.5 * z * (1 + Foundation.tanh(Self.tanhArgument(z)))
        case .silu: return z * Self.logistic(z)
        case .softplus: return Swift.max(z, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(z)))
        case .elu(let alpha): return z > 0 ? z : alpha * Foundation.expm1(z)
        case .leakyReLU(let slope): return z > 0 ? z : slope * z
        }
    }

    /// σ′(z).
    @inlinable public func firstDerivative(_ z: Double) -> Double {
        switch self {
        case .relu: return z > 0 ? 1 : 0
        case .tanh: let t = Foundation.tanh(z); return 1 - t * t
        case .sigmoid, .softplus:
            let s = Self.logistic(z)
            return self == .sigmoid ? s * (1 - s) : s
        case .linear: return 1
        case .gelu:
            // Φ(z) + z·φ(z).
            return 0.5 * Foundation.erfc(-z * Self.rsqrt2) + z * Self.normalDensity(z)
        case .geluTanh:
            // ½(1 + t) + ½z(1 − t²)u′, t = tanh u.
            let t = Foundation.tanh(Self.tanhArgument(z))
            return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * Self.tanhArgumentSlope(z)
        case .silu:
            // s(1 + z(1 − s)).
            let s = Self.logistic(z)
            return s * (1 + z * (1 - s))
        case .elu(let alpha): return z > 0 ? 1 : alpha * Foundation.exp(z)
        case .leakyReLU(let slope): return z > 0 ? 1 : slope
        }
    }

    /// σ″(z); zero for the piecewise-linear activations.
    @inlinable public func secondDerivative(_ z: Double) -> Double {
        switch self {
        case .relu, .linear, .leakyReLU: return 0
        case .tanh: let t = Foundation.tanh(z); return -2 * t * (1 - t * t)
        case .sigmoid: let s = Self.logistic(z); return s * (1 - s) * (1 - 2 * s)
        case .gelu:
            // φ(z)(2 − z²).
            return Self.normalDensity(z) * (2 - z * z)
        case .geluTanh:
            // (1 − t²)u′ + ½z(1 − t²)(u″ − 2t·u′²).
            let t = Foundation.tanh(Self.tanhArgument(z)), slope = Self.tanhArgumentSlope(z)
            let sech2 = 1 - t * t
            return sech2 * slope + 0.5 * z * sech2 * (Self.tanhArgumentCurvature(z) - 2 * t * slope * slope)
        case .silu:
            // s(1 − s)(2 + z(1 − 2s)).
            let s = Self.logistic(z)
            return s * (1 - s) * (2 + z * (1 - 2 * s))
        case .softplus: let s = Self.logistic(z); return s * (1 - s)
        case .elu(let alpha): return z > 0 ? 0 : alpha * Foundation.exp(z)
        }
    }

    /// True when σ″ vanishes everywhere it exists (ReLU, LeakyReLU, linear).
    public var isPiecewiseLinear: Bool {
        switch self {
        case .relu, .linear, .leakyReLU: return true
        default: return false
        }
    }

    /// 1/(1 + e^−z), without overflow for large |z|.
    @usableFromInline static func logistic(_ z: Double) -> Double {
        if z >= 0 { return 1 / (1 + Foundation.exp(-z)) }
        let e = Foundation.exp(z)
        return e / (1 + e)
    }

    @usableFromInline static let rsqrt2 = 1 / 2.0.squareRoot()
    @usableFromInline static let sqrt2OverPi = (2 / Double.pi).squareRoot()
    @usableFromInline static let geluCubic = 0.044715

    /// φ(z) = e^(−z²/2)/√(2π).
    @usableFromInline static func normalDensity(_ z: Double) -> Double {
        Foundation.exp(-0.5 * z * z) / (2 * Double.pi).squareRoot()
    }

    /// u = √(2/π)(z + 0.044715z³) of the tanh approximation of GELU, and its
    /// first and second derivatives.
    @usableFromInline static func tanhArgument(_ z: Double) -> Double { sqrt2OverPi * (z + geluCubic * z * z * z) }
    @usableFromInline static func tanhArgumentSlope(_ z: Double) -> Double { sqrt2OverPi * (1 + 3 * geluCubic * z * z) }
    @usableFromInline static func tanhArgumentCurvature(_ z: Double) -> Double { sqrt2OverPi * 6 * geluCubic * z }
}

extension Activation: CaseIterable {
    /// Every activation, ELU and LeakyReLU with PyTorch's default parameter.
    public static var allCases: [Activation] {
        [.relu, .tanh, .sigmoid, .linear, .gelu, .geluTanh, .silu, .softplus, .elu(alpha: 1), .leakyReLU(slope: 0.01)]
    }

    /// The names accepted, for messages and help.
    public static var names: [String] {
        ["relu", "tanh", "sigmoid", "linear", "gelu", "gelu_tanh", "silu", "softplus", "elu[:alpha]", "leaky_relu[:slope]"]
    }
}
