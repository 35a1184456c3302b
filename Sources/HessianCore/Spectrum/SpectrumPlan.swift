/// The method chosen for a model, with what it will cost.
public struct SpectrumPlan: Sendable, Equatable {
    /// Never `.auto`.
    public var method: SpectrumMethod
    /// Whether the method was asked for or chosen by `auto`.
    public var choice: Choice
    /// What it costs, and for `auto` how the others compare.
    public var detail: String
    /// The cost model's flop count for all requested parts.
    public var estimatedFlops: Double
    /// Peak bytes the method will allocate.
    public var requiredBytes: Int

    /// How the method was picked.
    public enum Choice: Sendable, Equatable {
        case requested
        case automatic
    }

    /// One line for a human: why this method.
    public var reason: String {
        switch choice {
        case .requested: return "\(method.rawValue) as requested: \(detail)"
        case .automatic: return "auto chose \(method.rawValue): \(detail)"
        }
    }
}

/// Spectra with the method that produced them.
public struct SpectrumComputation: Sendable {
    /// One spectrum per requested part, in order.
    public var spectra: [PartSpectrum]
    /// The method and what it cost.
    public var plan: SpectrumPlan
    /// What a human should know, e.g. a Lanczos run that stopped before its tolerance.
    public var warnings: [SpectrumWarning]

    /// The method used.
    public var method: SpectrumMethod { plan.method }
    /// Why it was used.
    public var reason: String { plan.reason }
}
