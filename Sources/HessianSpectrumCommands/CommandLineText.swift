import Foundation
import HessianKit

/// The library's errors, plans and warnings in the words of this command
/// line: every setting named by its flag, and the flag that helps.
enum CommandLineText {
    /// The flag that sets `setting`.
    static func flag(_ setting: Setting) -> String {
        switch setting {
        case .clusters: return "--clusters"
        case .inputDimension: return "--input-dim"
        case .covarianceScale: return "--cov-scale"
        case .samples: return "--samples"
        case .testSamples: return "--test-samples"
        case .noise: return "--noise"
        case .circleFactor: return "--factor"
        case .learningRate: return "--lr"
        case .steps: return "--steps"
        case .batchSize: return "--batch-size"
        case .gradientTolerance: return "--grad-tol"
        case .top: return "--top"
        case .bottom: return "--bottom"
        case .lanczosTolerance: return "--lanczos-tol"
        case .lanczosMaxIterations: return "--lanczos-max-iter"
        case .driver: return "--driver"
        case .probes: return "--probes"
        case .lanczosSteps: return "--lanczos-steps"
        case .matvecs: return "--matvecs"
        case .powerIterations: return "--power-iter"
        case .powerTolerance: return "--power-tol"
        case .smallBatch: return "--small"
        case .largeBatch: return "--large"
        case .largeSteps: return "--large-steps"
        case .smallSteps: return "--small-steps"
        case .every: return "--every"
        case .widths: return "--widths"
        case .depth: return "--depth"
        case .alphas: return "--alphas"
        case .window: return "--window"
        case .ratioFloor: return "--ratio-floor"
        case .zeroTolerance: return "--zero-tol"
        case .plotKind: return "--kind"
        case .bins: return "--bins"
        case .plotWidth: return "--width"
        case .plotHeight: return "--height"
        case .symlog: return "--symlog"
        case .logCount: return "--log-count"
        case .logY: return "--log-y"
        case .bandwidth: return "--bandwidth"
        case .marchenkoPastur: return "--marchenko-pastur"
        case .lawSamples: return "--mp-samples"
        case .lawVariance: return "--mp-variance"
        case .rowFilter: return "--where"
        case .groupBy: return "--group-by"
        case .plotLayout: return "--layout"
        case .plotColumns: return "--columns"
        case .shard: return "--shard"
        case .tag: return "--tag"
        }
    }

    /// The one-line message for a library error, or nil to print the
    /// error's own description.
    static func message(for error: Error) -> String? {
        switch error {
        case let error as SettingError:
            return error.message(naming: flag)
        case SpectrumEngineError.unsupported(.factored, let reason), FactoredError.unsupported(let reason):
            return "the factored method does not apply: \(reason); use --method dense or lanczos"
        case SpectrumEngineError.unsupported(.lanczos, let reason):
            return "\(reason): give --top K and/or --bottom K"
        case let error as SpectrumEngineError:
            switch error {
            case .nothingFits: return "\(error) (lower --lanczos-max-iter)"
            case .noDistributedSolver:
                return "the distributed method does not apply: it runs only as hessian-spectrum-mpi under an MPI launcher (mpirun, srun)"
            case .allEigenvaluesOutOfReach:
                return "\(error). Ask for the extremes with --top K and/or --bottom K (Lanczos), or use fewer parameters or examples"
            default: return nil
            }
        case DistributedError.elpa:
            return "\(error); try --mpi-eigensolver pdsyevr"
        case DistributedError.scalapack(_, let info) where info != -1000:
            return "\(error); try another --mpi-eigensolver"
        case LanczosError.nothingRequested:
            return "ask for at least one eigenvalue with --top or --bottom"
        case DatasetError.notInstalled:
            return "\(error) (or `make data`)"
        case LAPACKBackendError.mklNotFound(let searched):
            return LAPACKBackendError.mklNotFound(searched: searched, installWith: "`make mkl` or `pip install mkl`")
        case let error as LAPACKError:
            if case .noConvergence = error { return "\(error) with --driver" }
            return nil
        case TrainingError.diverged(let step):
            return "training diverged at step \(step): the loss or gradient is not finite; lower --lr or --init-scale"
        case let error as PlotError:
            return message(for: error)
        default:
            return nil
        }
    }

    /// A plot error in the command line's words (the flags that help), or
    /// nil for its own description.
    static func message(for error: PlotError) -> String? {
        switch error {
        case .wrongContent(let source, let kind, let found, let needs):
            return "\(source) holds \(found), but --kind \(kind.rawValue) needs \(needs)"
        case .unknownColumn(let source, let option, let column, let columns):
            return "\(source): \(flag(option)) names '\(column)', which is not a column to choose by here; there are \(columns.joined(separator: ", "))"
        case .tooManyGroups(let source, let count, let columns, let limit):
            return "\(source) holds \(count) groups\(PlotError.groupColumns(columns)), more than the \(limit) lines a plot can show apart; "
                + "keep some with --where column=value (repeatable) or group by fewer columns with --group-by column,… (the rest are pooled)"
        case .optionDoesNotApply(let option, let kind):
            return "\(flag(option)) does not apply to \(kind.rawValue) plots, only to \(PlotError.kinds(using: option))"
        case .nothingMeasured(let source, let columns):
            return "\(source): none of \(columns.joined(separator: ", ")) holds a value; choose measured columns with \(flag(.plotColumns))"
        default:
            return nil
        }
    }

    /// A refusal of `--decompose classes` in the command line's words.
    static func message(for error: ClassSplitError) -> String {
        switch error {
        case .noClassPairs(let loss):
            return "--decompose classes needs a loss whose curvature is a weighted sum over classes (nll, mse, mse_mean, mse_sum, logistic); --loss \(loss.rawValue) is not"
        case .regressionTargets:
            return "--decompose classes groups examples by class, and this data set has regression targets"
        case .estimatingMethod(let method):
            return "--decompose classes is exact: --method \(method.rawValue) estimates; use dense, factored, lanczos or auto"
        case .withinUnsupported(let method, let reason):
            return "--decompose classes: gn_within cannot use --method \(method.rawValue): \(reason); use --method dense or auto"
        }
    }

    /// How gn_within will be solved, for stderr.
    static func reason(_ plan: ClassSplitPlan) -> String {
        let how = plan.requested ? "forced by --method" : "auto"
        let size = plan.withinMethod == .factored ? ", r = \(plan.factorColumns)" : ""
        return "\(plan.withinMethod.rawValue) (\(how)\(size)), ~\(String(format: "%.2g", plan.estimatedFlops)) flops, \(MemoryBudget.format(plan.requiredBytes))"
    }

    /// Why this spectrum method, for stderr.
    static func reason(_ plan: SpectrumPlan) -> String {
        switch plan.choice {
        case .requested: return "\(plan.method.rawValue) forced by --method: \(plan.detail)"
        case .automatic: return plan.reason
        }
    }

    /// How figure captions name the settings that change them.
    static let captionWords: [Setting: String] = [.top: flag(.top) + " K"]

    /// A warning line for stderr (without the "warning: " prefix).
    static func warning(_ warning: SpectrumWarning) -> String {
        let raise = if case .powerNotConverged = warning { flag(.powerIterations) } else { flag(.lanczosMaxIterations) }
        return warning.text(raise: raise) { "--method \($0.rawValue)" }
    }
}
