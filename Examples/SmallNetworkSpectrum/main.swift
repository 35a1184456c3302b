// The "HessianKit from Swift" program of docs/library.md, built with the
// package so that it cannot fall out of step with the library. It needs only
// the core module, and sets nothing up first.
import HessianCore

// 60 examples of 3 Gaussian clusters in 5 dimensions.
let data = try Blobs(clusters: 3, dimension: 5, std: 1).generate(train: 60, test: 0)
// A 5-8-3 ReLU network with softmax cross-entropy, 200 steps of gradient descent.
let initial = try MLP(sizes: [5, 8, 3], activation: .relu, loss: .nll, initScale: 0.1, seed: 0)
let trained = try GradientDescent(learningRate: 0.1, steps: 200).train(initial, on: data.train).model
// Every eigenvalue of the exact Hessian, by the cheapest exact method that
// fits in this machine's memory (`SpectrumEngine(resources:)` to choose).
let result = try SpectrumEngine().compute(model: trained, data: data.train, parts: [.hessian])
let eigenvalues = result.spectra[0].eigenvalues
print("M = \(trained.parameterCount) (\(result.plan.method.rawValue)): λ_max = \(eigenvalues.last ?? .nan), λ_min = \(eigenvalues.first ?? .nan)")
