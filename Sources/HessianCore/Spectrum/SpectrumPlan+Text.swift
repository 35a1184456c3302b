// A plan in words, from its typed values: what the command line prints as
// the spectrum method's reason (it names the flag of a forced method).
extension SpectrumPlan {
    /// One line for a human: why this method.
    public var reason: String {
        switch choice {
        case .requested: return "\(method.rawValue) as requested: \(detail)"
        case .automatic: return "auto chose \(method.rawValue): \(detail)"
        }
    }

    /// What it costs, and for `auto` how the others compare.
    public var detail: String {
        let m = cost.scope.parameters
        let notes = alternatives.map(\.note)
        switch basis {
        case .requested:
            return cost.description
        case .extremesAreCheaper:
            return "for the extremes ~\(CostEstimate.flopText(cost.flops)) flops at most, \(MemoryBudget.format(cost.bytes)), for M = \(m) vs \(notes.joined(separator: " vs "))"
        case .cheapest:
            let index = alternatives.firstIndex { $0.method == method } ?? 0
            let others = notes.enumerated().filter { $0.offset != index }.map(\.element)
            return "\(notes[index]) for M = \(m) vs \(others.joined(separator: " vs "))"
        case .onlyExtremesFit:
            return "\(notes.joined(separator: "; ")); \(method.displayName) ~\(CostEstimate.flopText(cost.flops)) flops in \(MemoryBudget.format(cost.bytes))"
        }
    }
}

extension SpectrumPlan.Alternative {
    /// How the method compares: "dense ~1.2e+11 flops", "factored does not
    /// apply (…)", "dense needs 146 MB, 100 MB available".
    public var note: String {
        let name = method.rawValue
        switch verdict {
        case .doesNotApply(let reason): return "\(name) does not apply (\(reason))"
        case .doesNotFit(let available): return "\(name) needs \(MemoryBudget.format(cost.bytes)), \(MemoryBudget.format(available)) available"
        case .usable: return "\(name) ~\(CostEstimate.flopText(cost.flops)) flops\(cost.comparisonDetail)"
        }
    }
}
