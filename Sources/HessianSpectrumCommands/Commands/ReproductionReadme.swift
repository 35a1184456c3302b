import HessianKit

/// The README of a `reproduce` folder: figure → files → the command line
/// that reproduces it → what the run showed.
enum ReproductionReadme {
    /// The whole README of `reproduction` with one table row per entry.
    static func text(_ entries: [PaperReproduction.Entry], of reproduction: PaperReproduction) -> String {
        let quick = reproduction.quick, samples = reproduction.imageSamples
        var text = "# Reproduction of arXiv:1706.04454\n\n"
        text += "Written by `hessian-spectrum reproduce`\(quick ? " --quick (scaled down: a smoke test, not the paper's sizes)" : "").\n\n"
        text += "Scaled down or substituted: real MNIST cannot be downloaded here, so the width and batch experiments use \(reproduction.images == nil ? "784-dimensional Gaussian clusters (\(samples) training and \(samples) test examples)" : reproduction.imagesName); "
        text += "the paper's convnet of Fig 4/6 and the CIFAR-10 run of Fig 7 are replaced by a 784-10-10 MLP on the same data; Fig 7 uses batches 512 → 10 instead of 1000 → 32; "
        text += "Appendix B's one blob is two clusters of std 1000 whose centres, uniform in (−10, 10)^d, are lost in the spread: one blob with labels at random.\n\n"
        text += "Each command below writes its file when run in this folder; each SVG is `hessian-spectrum plot FILE.csv --kind KIND -o FILE.svg`, KIND as named after the dash (`-negative`, `-histogram`; `-density` with `--marchenko-pastur --mp-samples N`), else ordered for Fig 1, top for the other spectra and auto for curves and the interpolation.\n\n"
        text += "| figure | files | command | what this run showed |\n| --- | --- | --- | --- |\n"
        for e in entries {
            text += "| \(e.figure) | \(e.files.map { "`\($0)`" }.joined(separator: " ")) | `\(commandLine(e.recipe))` | \(e.finding) |\n"
        }
        return text
    }

    /// The recipe as a command line (an empty value quoted as '').
    static func commandLine(_ recipe: ReproductionRecipe) -> String {
        switch recipe {
        case .run(let run):
            return (["hessian-spectrum", name(run.command)] + run.arguments.flatMap { [flag($0.option), $0.value.isEmpty ? "''" : $0.value] })
                .joined(separator: " ")
        case .outlierTablesOfPrevious(let count):
            return "the rows of the --table files of the \(count) Fig 2 commands above, in that order"
        }
    }

    /// The subcommand of an experiment.
    static func name(_ command: ReproductionCommand.Command) -> String {
        switch command {
        case .train: return "train"
        case .clusters: return "clusters"
        case .widths: return "widths"
        case .batch: return "batch"
        case .twoPhase: return "two-phase"
        case .interpolate: return "interpolate"
        }
    }

    /// The flag of an option.
    static func flag(_ option: ReproductionCommand.Option) -> String {
        switch option {
        case .width: return "--width"
        case .depth: return "--depth"
        case .hidden: return "--hidden"
        case .activation: return "--activation"
        case .loss: return "--loss"
        case .clusters: return "--clusters"
        case .inputDimension: return "--input-dim"
        case .covarianceScale: return "--cov-scale"
        case .samples: return "--samples"
        case .testSamples: return "--test-samples"
        case .dataset: return "--dataset"
        case .steps: return "--steps"
        case .batchSize: return "--batch-size"
        case .learningRate: return "--lr"
        case .gradientTolerance: return "--grad-tol"
        case .every: return "--every"
        case .spectrumPoints: return "--at"
        case .widths: return "--widths"
        case .smallBatch: return "--small"
        case .largeBatch: return "--large"
        case .largeSteps: return "--large-steps"
        case .smallSteps: return "--small-steps"
        case .from: return "--from"
        case .to: return "--to"
        case .alphas: return "--alphas"
        case .curves: return "--curves"
        case .saveSmall: return "--save-small"
        case .saveLarge: return "--save-large"
        case .outlierTable: return "--table"
        case .decompose: return "--decompose"
        case .classesTable: return "--classes-table"
        case .summary: return "--summary"
        case .output: return "-o"
        }
    }
}
