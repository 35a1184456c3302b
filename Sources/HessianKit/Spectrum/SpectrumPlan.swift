/// The method chosen for a model, with what it will cost.
public struct SpectrumPlan: Sendable, Equatable {
    /// Never `.auto`.
    public var method: SpectrumMethod
    /// One line for stderr: why this method.
    public var reason: String
    /// The cost model's flop count for all requested parts.
    public var estimatedFlops: Double
    /// Peak bytes the method will allocate.
    public var requiredBytes: Int
}

/// Spectra with the method that produced them.
public struct SpectrumComputation: Sendable {
    public var spectra: [PartSpectrum]
    public var plan: SpectrumPlan
    /// Lines for stderr, e.g. a Lanczos run that stopped before its tolerance.
    public var warnings: [String]

    public var method: SpectrumMethod { plan.method }
    public var reason: String { plan.reason }
}
