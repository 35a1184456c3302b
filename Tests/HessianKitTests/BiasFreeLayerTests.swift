@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
import Foundation
import XCTest

/// Networks with bias-free `Linear` layers (PyTorch's `bias=False`): the
/// Hessian is taken with respect to the real parameters only.
final class BiasFreeLayerTests: XCTestCase {
    let sizes = [3, 4, 3, 4, 3]
    let hasBias = [true, false, true, true]

    /// A GELU–tanh–SiLU network whose second layer has no bias.
    func model(_ loss: Loss, activations: Activations = [.gelu, .tanh, .silu], sizes: [Int]? = nil, hasBias: [Bool]? = nil) throws -> MLP {
        let sizes = sizes ?? self.sizes, hasBias = hasBias ?? self.hasBias
        var full = try MLP(sizes: sizes, activations: activations, loss: loss, initScale: 0.7, seed: 4).parameters
        let layout = ParameterLayout(sizes: sizes)
        for (l, present) in zip(1..., hasBias) where !present {
            for i in 0..<sizes[l] { full[layout.biasOffset(l) + i] = 0 }
        }
        return try MLP(sizes: sizes, activations: activations, loss: loss, parameters: full, hasBias: hasBias)
    }

    /// M counts only the real parameters: 16 + 12 + 16 + 15 = 59 of the 62
    /// of the same sizes with every bias; nonzero entries where a bias is
    /// missing are refused.
    func testParameterCountSkipsMissingBiases() throws {
        let network = try model(.nll)
        XCTAssertEqual(network.parameterCount, 59)
        XCTAssertEqual(network.layout.count, 62)
        XCTAssertEqual(network.freeIndices.count, 59)
        XCTAssertFalse(network.freeIndices.contains(ParameterLayout(sizes: sizes).biasOffset(2)))
        XCTAssertEqual(SpectrumProblem(sizes: sizes, activations: [.relu], loss: .nll, examples: 1, request: SpectrumRequest(),
                                       hasBias: hasBias).parameterCount, 59)
        var nonzero = network.parameters
        nonzero[network.layout.biasOffset(2)] = 0.5
        XCTAssertThrowsError(try MLP(sizes: sizes, activations: network.activations, loss: .nll, parameters: nonzero, hasBias: hasBias))
    }

    /// The dense H on the real parameters against central differences of
    /// the gradient in those coordinates (1e-6 of max|H|), under
    /// cross-entropy and squared error; the gradient is 0 at the missing
    /// biases even with weight decay, so training never moves them.
    func testDenseHessianMatchesFiniteDifferencesOnRealParameters() throws {
        let data = Fixture.data(n: 8, d: 3, classes: 3, seed: 3)
        for loss in [Loss.nll, .mseMean] {
            var network = try model(loss)
            let kept = network.freeIndices, m = kept.count
            var h: [Double] = []
            XCTAssertEqual(ExactHessian(model: network, data: data).assembleFree(.hessian, into: &h), m)
            var numeric = [Double](repeating: 0, count: m * m)
            for (j, index) in kept.enumerated() {
                var plus = network, minus = network
                plus.parameters[index] += 1e-5
                minus.parameters[index] -= 1e-5
                let gp = network.restricted(plus.lossAndGradient(on: data).gradient)
                let gm = network.restricted(minus.lossAndGradient(on: data).gradient)
                for i in 0..<m { numeric[j * m + i] = (gp[i] - gm[i]) / 2e-5 }
            }
            assertClose(h, numeric, relativeTo: maxAbs(h), tolerance: 1e-6, "\(loss)")
            network.weightDecay = 0.1
            let gradient = network.lossAndGradient(on: data).gradient
            let start = network.layout.biasOffset(2)
            XCTAssertEqual(Array(gradient[start..<(start + sizes[2])]), [0, 0, 0])
        }
    }

    /// Lanczos and power iteration (matrix-free, v embedded with zeros)
    /// give the dense extremes, Lanczos with eigenvectors of length M whose exact residuals are
    /// small; the exact trace is the sum of the dense eigenvalues on both
    /// trace paths; the factored and Gram methods refuse bias-free layers.
    func testEveryMethodAgreesWithDense() throws {
        let data = Fixture.data(n: 10, d: 3, classes: 3, seed: 7)
        let engine = SpectrumEngine(resources: ComputeResources(availableBytes: 1 << 30))
        for (network, label) in [(try model(.nll), "gelu-tanh-silu"),
                                 (try model(.mse, activations: [.relu], sizes: [3, 6, 3], hasBias: [false, true]), "relu")] {
            let m = network.parameterCount
            let dense = try engine.compute(model: network, data: data, parts: [.hessian], method: .dense)
            let values = dense.spectra[0].eigenvalues
            XCTAssertEqual(values.count, m, label)
            let scale = values.map(abs).max() ?? 1
            let lanczos = try engine.compute(model: network, data: data, request: SpectrumRequest(
                parts: [.hessian], method: .lanczos, top: 3, bottom: 2, vectors: true))
            let spectrum = lanczos.spectra[0]
            let expected = Array(values.prefix(2)) + Array(values.suffix(3))
            assertClose(spectrum.eigenvalues, expected, relativeTo: scale, tolerance: 1e-9, "\(label) lanczos")
            XCTAssertEqual(spectrum.eigenvectors?.count, 5 * m, label)
            XCTAssert((spectrum.residualNorms ?? [1]).allSatisfy { $0 < 1e-8 * scale }, "\(label): \(spectrum.residualNorms ?? [])")
            let power = try engine.compute(model: network, data: data, request: SpectrumRequest(
                parts: [.hessian], method: .power, top: 1,
                estimators: EstimatorSettings(powerIterations: 5000, powerTolerance: 1e-14)))
            let largest = values.max { abs($0) < abs($1) } ?? 0
            XCTAssertEqual(power.spectra[0].eigenvalues.first ?? .nan, largest, accuracy: 1e-6 * scale, "\(label) power")
            let withVectors = try engine.compute(model: network, data: data, request: SpectrumRequest(
                parts: [.hessian], method: .dense, top: 2, vectors: true))
            XCTAssertEqual(withVectors.spectra[0].eigenvectors?.count, 2 * m, label)
            XCTAssert((withVectors.spectra[0].residualNorms ?? [1]).allSatisfy { $0 < 1e-10 * scale }, label)
            for part in [HessianPart.hessian, .gaussNewton] {
                let sum = try engine.compute(model: network, data: data, parts: [part], method: .dense).spectra[0].eigenvalues.reduce(0, +)
                for givesAll in [true, false] {
                    let plan = TracePlan.plan(part: part, sizes: network.sizes, activations: network.activations, loss: network.loss,
                                              examples: data.count, givesAllEigenvalues: givesAll, asked: true)
                    let trace = try XCTUnwrap(plan.trace(of: part, model: network, data: data))
                    XCTAssertEqual(trace, sum, accuracy: 1e-10 * scale * Double(m), "\(label) \(part) \(plan.path)")
                }
            }
            XCTAssertThrowsError(try engine.plan(sizes: network.sizes, activations: network.activations, loss: network.loss,
                                                 examples: data.count, request: SpectrumRequest(method: .factored), hasBias: network.hasBias)) { error in
                XCTAssert("\(error)".contains("bias-free"), "\(error)")
            }
            XCTAssertThrowsError(try FactoredSpectrum.compute(model: network, data: data, parts: [.gaussNewton])) { error in
                XCTAssert("\(error)".contains("bias-free"), "\(error)")
            }
            let automatic = try engine.plan(sizes: network.sizes, activations: network.activations, loss: network.loss,
                                            examples: data.count, request: SpectrumRequest(), hasBias: network.hasBias)
            XCTAssertNotEqual(automatic.method, .factored, label)
        }
    }

    /// `--save-model` files carry no tensor (JSON: no entry) for a missing
    /// bias and read back to the same network in every format; a PyTorch
    /// state dict with `N.weight` and no `N.bias` reads as a bias-free
    /// layer with the same spectrum; a line between a bias-free and a
    /// biased network is refused.
    func testModelFilesRoundTripWithoutTheMissingBias() throws {
        let network = try model(.nll)
        let json = ModelFile.encode(network)
        XCTAssert(json.contains("\"bias\":[true,false,true,true]"), json)
        XCTAssertEqual(try ModelFile.decode(Data(json.utf8), path: "m.json"), network)
        for format in [ModelFormat.safetensors, .npz] {
            XCTAssertEqual(try ModelFile.decode(bytes: ModelFile.encode(network, as: format), path: "m.\(format.rawValue)"), network, "\(format)")
        }
        XCTAssertEqual(ModelTensors.tensors(of: network).map(\.name), ["0.weight", "0.bias", "2.weight", "4.weight", "4.bias", "6.weight", "6.bias"])
        let stateDict = TensorBytes.layers(of: network).filter { $0.name != "2.bias" }
        let bytes = TensorBytes.safetensors(stateDict, dtype: .f64, metadata: ["activation": "gelu,tanh,silu", "loss": "cross_entropy"])
        let read = try ModelFile.decode(bytes: bytes, path: "state.safetensors")
        XCTAssertEqual(read.hasBias, hasBias)
        XCTAssertEqual(read.parameters, network.parameters)
        let data = Fixture.data(n: 6, d: 3, classes: 3, seed: 1)
        XCTAssertEqual(try SpectrumEngine().compute(model: read, data: data, parts: [.hessian], method: .dense).spectra[0].eigenvalues,
                       try SpectrumEngine().compute(model: network, data: data, parts: [.hessian], method: .dense).spectra[0].eigenvalues)
        let biased = try MLP(sizes: sizes, activations: network.activations, loss: .nll, parameters: network.parameters)
        XCTAssertThrowsError(try LineInterpolation(from: network, to: biased, alphas: [0, 1])) { error in
            XCTAssert("\(error)".contains("model A: layer 2; model B: none"), "\(error)")
        }
        let wrongCount = json.replacingOccurrences(of: "\"parameters\":[", with: "\"parameters\":[0,")
        XCTAssertThrowsError(try ModelFile.decode(Data(wrongCount.utf8), path: "m.json")) { error in
            XCTAssert("\(error)".contains("need 59 parameters, got 60"), "\(error)")
        }
    }
}
