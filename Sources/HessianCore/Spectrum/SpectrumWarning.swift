/// Something a spectrum computation finished with that a human should know.
public enum SpectrumWarning: Equatable, Sendable, CustomStringConvertible {
    /// Lanczos reached its step limit before every residual met
    /// `tolerance` × `scale`.
    case lanczosNotConverged(part: HessianPart, steps: Int, largestResidual: Double, tolerance: Double, scale: Double)
    /// The check for missed copies of repeated eigenvalues stopped at the step limit.
    case lanczosCheckIncomplete(part: HessianPart, runs: Int, steps: Int)

    /// The line, with `raise` saying how to raise the step limit.
    public func text(raise: String) -> String {
        switch self {
        case .lanczosNotConverged(let part, let steps, let worst, let tolerance, let scale):
            return "\(part.rawValue): Lanczos stopped after \(steps) steps with a largest residual \(worst) above \(tolerance) × \(scale); raise \(raise)"
        case .lanczosCheckIncomplete(let part, let runs, let steps):
            return "\(part.rawValue): the check for missed copies of repeated eigenvalues stopped at the step limit (\(runs) runs, \(steps) steps); raise \(raise) to complete it"
        }
    }

    /// One line for a human.
    public var description: String { text(raise: "the Lanczos step limit") }
}
