/// The method chosen for a model, with what it will cost.
public struct SpectrumPlan: Sendable, Equatable {
    /// Never `.auto`.
    public var method: SpectrumMethod
    /// Why this method: asked for, or which rule of `auto` picked it.
    public var basis: Basis
    /// What the method will cost.
    public var cost: CostEstimate
    /// For `auto`: how every method of all eigenvalues was judged, in the
    /// engine's order (empty for a method asked for).
    public var alternatives: [Alternative]

    /// A plan.
    public init(method: SpectrumMethod, basis: Basis, cost: CostEstimate, alternatives: [Alternative] = []) {
        self.method = method
        self.basis = basis
        self.cost = cost
        self.alternatives = alternatives
    }

    /// How the method was picked.
    public enum Choice: Sendable, Equatable {
        case requested
        case automatic
    }

    /// Which rule picked the method.
    public enum Basis: Sendable, Equatable {
        /// The request named it.
        case requested
        /// `auto`: the cheapest usable method of all eigenvalues.
        case cheapest
        /// `auto`: a method of the extremes, cheaper at its iteration limit
        /// than any of all eigenvalues.
        case extremesAreCheaper
        /// `auto`: a method of the extremes, as none of all eigenvalues can run.
        case onlyExtremesFit
    }

    /// How `auto` judged one method.
    public struct Alternative: Sendable, Equatable {
        /// What stands in the method's way, if anything.
        public enum Verdict: Sendable, Equatable {
            /// It applies and fits.
            case usable
            /// It does not apply, and why.
            case doesNotApply(reason: String)
            /// It needs more than the `available` bytes.
            case doesNotFit(available: Int)
        }

        public var method: SpectrumMethod
        public var cost: CostEstimate
        public var verdict: Verdict

        /// An alternative.
        public init(method: SpectrumMethod, cost: CostEstimate, verdict: Verdict) {
            self.method = method
            self.cost = cost
            self.verdict = verdict
        }
    }

    /// Whether the method was asked for or chosen by `auto`.
    public var choice: Choice { basis == .requested ? .requested : .automatic }
    /// The cost model's flop count for all requested parts.
    public var estimatedFlops: Double { cost.flops }
    /// Peak bytes the method will allocate.
    public var requiredBytes: Int { cost.bytes }
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
