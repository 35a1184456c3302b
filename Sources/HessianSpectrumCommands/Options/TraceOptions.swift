import ArgumentParser
import HessianKit

/// Whether the exact trace beside the spectrum may cost more than the answer.
struct TraceOptions: ParsableArguments {
    @Flag(name: .customLong("exact-trace"), help: ArgumentHelp(
        "Compute the exact trace even where it needs per-example h × h curvature blocks (deep tanh/sigmoid networks with an iterative method).",
        discussion: "The trace is exact and cheap from per-example output Jacobians (about (4 + 2·(C−1))·N·M flops) for G always, and for H and R with ReLU/linear or at most two hidden layers; it is computed there always. Otherwise the blocks cost 2·N·Σ h_l·h_m·h_{m+1} flops: they are built beside dense and factored spectra, and beside Lanczos only with this flag (else the trace column is empty and stderr says so)."))
    var exactTrace = false

    /// The plan for the trace of H beside a spectrum by `plan.method`,
    /// stated on stderr through `report` before any work.
    func plan(sizes: [Int], activations: Activations, loss: Loss, examples: Int, method: SpectrumPlan, report: Report) -> TracePlan {
        let gives = SpectrumEngine().solvers.first { $0.method == method.method }?.givesAllEigenvalues ?? true
        let plan = TracePlan.plan(part: .hessian, sizes: sizes, activations: activations, loss: loss, examples: examples,
                                  givesAllEigenvalues: gives, asked: exactTrace)
        let flops = String(format: "%.2g", plan.flops)
        switch plan.path {
        case .jacobian:
            report.line("trace: exact from per-example output Jacobians, ~\(flops) flops")
        case .blocks:
            report.line("trace: exact from per-example h × h curvature blocks, ~\(flops) flops")
        case .skipped:
            report.line("trace: not computed; beside \(method.method.rawValue) it would need per-example h × h curvature blocks, ~\(flops) flops (--exact-trace computes it)")
        }
        return plan
    }
}
