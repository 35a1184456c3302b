/// Something a spectrum computation finished with that a human should know.
public enum SpectrumWarning: Equatable, Sendable, CustomStringConvertible {
    /// Lanczos reached its step limit before every residual met
    /// `tolerance` × `scale`.
    case lanczosNotConverged(part: HessianPart, steps: Int, largestResidual: Double, tolerance: Double, scale: Double)
    /// The check for missed copies of repeated eigenvalues stopped at the step limit.
    case lanczosCheckIncomplete(part: HessianPart, runs: Int, steps: Int)
    /// Power iteration reached its limit for `unconverged` eigenvalues.
    case powerNotConverged(part: HessianPart, unconverged: Int, iterations: Int, tolerance: Double)
    /// Power iteration, which finds the largest magnitudes, returned a
    /// negative value: the values written need not be the largest.
    case powerFoundNegative(part: HessianPart, value: Double)

    /// The line, with `raise` saying how to raise the step limit and
    /// `choose` how to choose a spectrum method.
    public func text(raise: String, choose: (SpectrumMethod) -> String) -> String {
        switch self {
        case .lanczosNotConverged(let part, let steps, let worst, let tolerance, let scale):
            return "\(part.rawValue): Lanczos stopped after \(steps) steps with a largest residual \(worst) above \(tolerance) × \(scale); raise \(raise)"
        case .lanczosCheckIncomplete(let part, let runs, let steps):
            return "\(part.rawValue): the check for missed copies of repeated eigenvalues stopped at the step limit (\(runs) runs, \(steps) steps); raise \(raise) to complete it"
        case .powerFoundNegative(let part, let value):
            return "\(part.rawValue): power iteration converged to the negative eigenvalue \(value), larger in magnitude than the positive ones it missed: the values written are the largest in magnitude, not necessarily the largest (their indices assume they are); \(choose(.lanczos)) finds the largest"
        case .powerNotConverged(let part, let count, let iterations, let tolerance):
            return "\(part.rawValue): power iteration stopped at \(iterations) iterations before its relative change fell below \(tolerance) for \(count) eigenvalue\(count == 1 ? "" : "s"); raise \(raise)"
        }
    }

    /// One line for a human.
    public var description: String {
        let raise = if case .powerNotConverged = self { "the iteration limit" } else { "the Lanczos step limit" }
        return text(raise: raise) { "the \($0.rawValue) method" }
    }
}
