@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class ActivationTests: XCTestCase {
    /// Points away from the kinks at 0, over the range where every σ is
    /// neither saturated nor tiny.
    let points = stride(from: -4.0, through: 4.0, by: 0.37).filter { abs($0) > 1e-3 }

    /// σ′ against the central difference (σ(z + h) − σ(z − h))/2h and σ″
    /// against that of σ′, for every activation: the truncation error is
    /// O(h²·|σ‴|) ≈ 1e-10 and the rounding error ε·|σ|/h ≈ 1e-10 at h = 1e-5,
    /// so 1e-8 (absolute; every σ′, σ″ here is O(1)) can only fail for a
    /// wrong formula.
    func testDerivativesMatchCentralDifferences() {
        let h = 1e-5
        for sigma in Activation.allCases + [.elu(alpha: 0.7), .leakyReLU(slope: 0.2)] {
            for z in points {
                let first = (sigma.value(z + h) - sigma.value(z - h)) / (2 * h)
                let second = (sigma.firstDerivative(z + h) - sigma.firstDerivative(z - h)) / (2 * h)
                XCTAssertEqual(sigma.firstDerivative(z), first, accuracy: 1e-8, "σ′ of \(sigma) at \(z)")
                XCTAssertEqual(sigma.secondDerivative(z), second, accuracy: 1e-8, "σ″ of \(sigma) at \(z)")
            }
        }
    }

    /// Values against closed forms computed another way: GELU(1) = Φ(1)
    /// (the normal CDF, tabulated 0.8413447460685429), GELU(−z) = GELU(z) − z,
    /// SiLU(z) = z/(1 + e^−z), softplus(z) = log(1 + e^z), ELU and LeakyReLU
    /// below zero, and the tanh form of GELU within 1e-3 of the erf form
    /// (PyTorch's documented approximation error).
    func testValuesMatchIndependentClosedForms() {
        XCTAssertEqual(Activation.gelu.value(1), 0.8413447460685429, accuracy: 1e-15)
        for z in points {
            XCTAssertEqual(Activation.gelu.value(-z), Activation.gelu.value(z) - z, accuracy: 1e-14)
            XCTAssertEqual(Activation.silu.value(z), z / (1 + exp(-z)), accuracy: 1e-14)
            XCTAssertEqual(Activation.softplus.value(z), log(1 + exp(z)), accuracy: 1e-14)
            XCTAssertEqual(Activation.geluTanh.value(z), Activation.gelu.value(z), accuracy: 1e-3)
            XCTAssertEqual(Activation.sigmoid.value(z), 1 / (1 + exp(-z)), accuracy: 1e-15)
        }
        XCTAssertEqual(Activation.elu(alpha: 2).value(-1), 2 * (exp(-1) - 1), accuracy: 1e-15)
        XCTAssertEqual(Activation.leakyReLU(slope: 0.1).value(-3), -0.3, accuracy: 1e-15)
        XCTAssertEqual(Activation.leakyReLU(slope: 0.1).firstDerivative(0), 0.1)
        XCTAssertEqual(Activation.relu.firstDerivative(0), 0)
        XCTAssertEqual(Activation.softplus.value(800), 800, "no overflow for large z")
        XCTAssertEqual(Activation.silu.value(-800), 0, accuracy: 1e-300)
    }

    /// Names: case-insensitive, PyTorch's class names, parameters after a
    /// colon, canonical names reading back to the same activation, and
    /// refusals for unknown names or stray parameters.
    func testNamesReadCaseInsensitivelyAndRoundTrip() {
        let cases: [(String, Activation)] = [
            ("ReLU", .relu), ("Tanh", .tanh), ("GELU", .gelu), ("gelu_tanh", .geluTanh), ("SiLU", .silu),
            ("Softplus", .softplus), ("Identity", .linear), ("ELU", .elu(alpha: 1)), ("elu:0.5", .elu(alpha: 0.5)),
            ("LeakyReLU", .leakyReLU(slope: 0.01)), ("leaky_relu:0.2", .leakyReLU(slope: 0.2)), ("SIGMOID", .sigmoid),
        ]
        for (name, expected) in cases { XCTAssertEqual(Activation(rawValue: name), expected, name) }
        for sigma in Activation.allCases + [.elu(alpha: 0.3), .leakyReLU(slope: 0.25)] {
            XCTAssertEqual(Activation(rawValue: sigma.rawValue), sigma, sigma.rawValue)
        }
        for bad in ["swish", "relu:1", "leaky_relu:x", "elu:nan", "", "gelu:"] {
            XCTAssertNil(Activation(rawValue: bad), bad)
        }
        XCTAssertEqual(Activations(text: "GELU, tanh,SiLU")?.layers, [.gelu, .tanh, .silu])
        XCTAssertEqual(Activations(text: "relu,tanh")?.description, "relu,tanh")
        XCTAssertEqual(Activations(text: "relu,tanh")?.csvText, "relu/tanh")
        XCTAssertNil(Activations(text: "relu,,tanh"))
    }
}
