/// One run of the tool that reproduces a figure on its own, as values: the
/// command and its options in order, each with its value as text. Whoever
/// shows it (the command line's README of a reproduction) renders it in
/// its own words.
public struct ReproductionCommand: Sendable, Equatable {
    /// The experiment the run performs.
    public enum Command: Sendable, Equatable, CaseIterable {
        case train, clusters, widths, batch, twoPhase, interpolate
    }

    /// What an option sets.
    public enum Option: Sendable, Equatable, CaseIterable {
        case width, depth, hidden, activation, loss
        case clusters, inputDimension, covarianceScale, samples, testSamples, dataset
        case steps, batchSize, learningRate, gradientTolerance, every
        case spectrumPoints, widths, smallBatch, largeBatch, largeSteps, smallSteps
        case from, to, alphas
        case decompose, classesTable
        case curves, saveSmall, saveLarge, outlierTable, summary, output
    }

    /// An option and its value ("" for an empty value).
    public struct Argument: Sendable, Equatable {
        public var option: Option
        public var value: String

        /// `option` set to `value`.
        public init(_ option: Option, _ value: String) {
            self.option = option
            self.value = value
        }
    }

    /// The experiment.
    public var command: Command
    /// Its options, in the order they are shown.
    public var arguments: [Argument]

    /// `command` with `arguments`.
    public init(_ command: Command, _ arguments: [Argument]) {
        self.command = command
        self.arguments = arguments
    }
}

/// How a figure of a reproduction is obtained on its own.
public enum ReproductionRecipe: Sendable, Equatable {
    /// One run.
    case run(ReproductionCommand)
    /// The rows of the outlier tables of the `count` runs listed before it, in that order.
    case outlierTablesOfPrevious(count: Int)
}
