/// Errors in an experiment's settings.
public enum ExperimentError: Error, CustomStringConvertible, Equatable {
    /// The two ends of a line have different layer sizes.
    case layersDiffer(from: [Int], to: [Int])
    /// The two ends of a line differ in activation or loss.
    case activationOrLossDiffer
    /// The two ends of a line differ in which layers (from 1) have no bias.
    case biasFreeLayersDiffer(from: [Int], to: [Int])
    /// A line with no α.
    case noAlphas
    /// The parameters at α overflow the range of doubles.
    case parametersOverflow(alpha: Double)

    /// One line for a human.
    public var description: String {
        func layers(_ sizes: [Int]) -> String { sizes.map(String.init).joined(separator: "-") }
        func biasFree(_ layers: [Int]) -> String { layers.isEmpty ? "none" : "layer " + layers.map(String.init).joined(separator: ", ") }
        switch self {
        case .layersDiffer(let from, let to): return "the two models have different layers (\(layers(from)) and \(layers(to)))"
        case .activationOrLossDiffer: return "the two models differ in activation or loss"
        case .biasFreeLayersDiffer(let from, let to):
            return "the two models differ in which layers have no bias (model A: \(biasFree(from)); model B: \(biasFree(to)))"
        case .noAlphas: return "no α values"
        case .parametersOverflow(let alpha):
            return "at α = \(alpha) the interpolated parameters overflow the range of doubles; choose α values nearer 0 and 1"
        }
    }
}
