import Foundation

/// The per-example loss ℓ(f, y) of the network output f ∈ ℝ^C and label y;
/// the training loss is its mean over examples.
public enum Loss: String, CaseIterable, Codable, Sendable {
    /// Softmax cross-entropy: ℓ = log Σ_c exp f_c − f_y.
    /// ∇ℓ = p − e_y, ∇²ℓ = diag(p) − p·pᵀ with p = softmax(f).
    case nll
    /// Squared error to the one-hot target: ℓ = ½‖f − e_y‖².
    /// ∇ℓ = f − e_y, ∇²ℓ = I.
    case mse

    /// For every example (rows of the column-major N×C `outputs`), writes the
    /// loss into `losses[s]`, the gradient ∂ℓ/∂f into `gradient` (N×C,
    /// column-major) and, for nll, the softmax probabilities into
    /// `probabilities` (N×C), which define ∇²ℓ.
    /// - Complexity: O(N·C).
    func evaluate(
        outputs f: UnsafePointer<Double>, labels: [Int], count n: Int, classes c: Int,
        losses: UnsafeMutablePointer<Double>, gradient: UnsafeMutablePointer<Double>,
        probabilities: UnsafeMutablePointer<Double>
    ) {
        switch self {
        case .nll:
            for s in 0..<n {
                var top = -Double.infinity
                for k in 0..<c { top = max(top, f[k * n + s]) }
                var total = 0.0
                for k in 0..<c { total += Foundation.exp(f[k * n + s] - top) }
                let logZ = top + Foundation.log(total)
                for k in 0..<c {
                    let p = Foundation.exp(f[k * n + s] - logZ)
                    probabilities[k * n + s] = p
                    gradient[k * n + s] = p - (k == labels[s] ? 1 : 0)
                }
                losses[s] = logZ - f[labels[s] * n + s]
            }
        case .mse:
            for s in 0..<n {
                var total = 0.0
                for k in 0..<c {
                    let r = f[k * n + s] - (k == labels[s] ? 1 : 0)
                    gradient[k * n + s] = r
                    probabilities[k * n + s] = 0
                    total += r * r
                }
                losses[s] = 0.5 * total
            }
        }
    }
}
