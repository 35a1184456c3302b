/// A setting a caller of the library chooses, by what it means. Errors
/// about a setting name it by this value; the command line maps each to its
/// flag, other callers to their own words (`name` by default).
public enum Setting: String, CaseIterable, Sendable {
    // Data
    case clusters, inputDimension, covarianceScale, samples, testSamples, noise, circleFactor
    // Training
    case learningRate, steps, batchSize, gradientTolerance
    // Spectrum
    case top, bottom, lanczosTolerance, lanczosMaxIterations, driver
    // Estimators
    case probes, lanczosSteps, matvecs, powerIterations, powerTolerance
    // Experiments
    case smallBatch, largeBatch, largeSteps, smallSteps, every, widths, depth, alphas
    // Outlier counting
    case window, ratioFloor, zeroTolerance
    // Plots
    case plotKind, bins, plotWidth, plotHeight, symlog, logCount, logY, bandwidth, marchenkoPastur, lawSamples, lawVariance,
         rowFilter, groupBy, plotLayout, plotColumns
    // Sweeps
    case shard, tag

    /// The setting in plain words, e.g. "the learning rate".
    public var name: String {
        switch self {
        case .clusters: return "the number of clusters"
        case .inputDimension: return "the input dimension"
        case .covarianceScale: return "the cluster standard deviation"
        case .samples: return "the number of training examples"
        case .testSamples: return "the number of test examples"
        case .noise: return "the noise"
        case .circleFactor: return "the ratio of the circles' radii"
        case .learningRate: return "the learning rate"
        case .steps: return "the number of steps"
        case .batchSize: return "the batch size"
        case .gradientTolerance: return "the gradient tolerance"
        case .top: return "the number of largest eigenvalues"
        case .bottom: return "the number of smallest eigenvalues"
        case .lanczosTolerance: return "the Lanczos tolerance"
        case .lanczosMaxIterations: return "the Lanczos iteration limit"
        case .driver: return "the LAPACK driver"
        case .probes: return "the number of SLQ probe vectors"
        case .lanczosSteps: return "the number of SLQ Lanczos steps"
        case .matvecs: return "the number of products of the trace estimator"
        case .powerIterations: return "the power-iteration limit"
        case .powerTolerance: return "the power-iteration tolerance"
        case .smallBatch: return "the small batch size"
        case .largeBatch: return "the large batch size"
        case .largeSteps: return "the large-batch steps"
        case .smallSteps: return "the small-batch steps"
        case .every: return "the measuring interval"
        case .widths: return "the widths"
        case .depth: return "the depth"
        case .alphas: return "the interpolation points"
        case .window: return "the outlier window"
        case .ratioFloor: return "the ratio floor"
        case .zeroTolerance: return "the zero tolerance"
        case .plotKind: return "the plot kind"
        case .bins: return "the number of bins"
        case .plotWidth: return "the plot width"
        case .plotHeight: return "the plot height"
        case .symlog: return "the symmetric-log axis"
        case .logCount: return "the logarithmic count axis"
        case .logY: return "the logarithmic y axis"
        case .bandwidth: return "the kernel bandwidth"
        case .marchenkoPastur: return "the Marchenko–Pastur overlay"
        case .lawSamples: return "the number of examples behind the spectrum"
        case .lawVariance: return "the Marchenko–Pastur variance"
        case .rowFilter: return "the row filter"
        case .groupBy: return "the grouping columns"
        case .plotLayout: return "the plot layout"
        case .plotColumns: return "the summary columns to plot"
        case .shard: return "the shard"
        case .tag: return "the tag"
        }
    }
}
