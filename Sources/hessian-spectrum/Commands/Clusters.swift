import ArgumentParser
import Foundation
import HessianKit

/// Fig 2 / Table 1: vary the number of clusters.
struct Clusters: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Vary the number of Gaussian clusters k; write each trained network's spectrum and its outlier counts (Fig 2, Table 1).",
        discussion: """
        For every k of --clusters, generates k clusters (centres uniform in (−10, 10)^d, std \
        --cov-scale, standardised), trains d-h1-…-k from the same seeds and writes the final \
        Hessian spectrum with clusters,params columns. --table writes Table 1: the outlier \
        count by each method (largest_gap, largest_ratio, elbow) per k.
        """
    )

    @OptionGroup(title: "Model") var architecture: ArchitectureOptions
    @OptionGroup(title: "Model") var network: NetworkOptions
    @OptionGroup(title: "Data") var data: DataOptions
    @OptionGroup(title: "Training") var training: TrainingOptions
    @OptionGroup(title: "Spectrum") var spectrum: SpectrumOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    @Option(help: "Write Table 1 (one row per k: each method's outlier count, loss, gradient norm) here.")
    var table: String?

    @Option(help: "How many of the largest eigenvalues the outlier counts look at.")
    var window: Int = 120

    func validate() throws {
        if data.dataset != .blobs { throw ValidationError("the clusters command generates Gaussian clusters; --dataset must be blobs") }
        if let list = try data.clusterList(), list.isEmpty { throw ValidationError("--clusters needs at least one value") }
        if window < 2 { throw ValidationError("--window must be at least 2, got \(window)") }
    }

    func run() throws {
        let report = Report(quiet: output.quiet)
        try spectrum.setUpLinearAlgebra(report: report)
        for k in try data.clusterList() ?? [2, 5, 10, 20, 50] {
            try SizeChecks.generatedData(examples: data.totalCount, dimension: data.inputDim, clusters: k)
        }
        try FileRoles(inputs: [], outputs: [("--output", output.output)] + (table.map { [("--table", $0)] } ?? [])).check()
        let sweep = try ClusterSweep(
            clusterCounts: try data.clusterList() ?? [2, 5, 10, 20, 50],
            network: network.spec(hidden: try architecture.hiddenWidths()),
            inputDimension: data.inputDim, samples: data.selection.trainCount, testSamples: data.selection.testCount,
            covScale: data.covScale, dataSeed: data.dataSeed,
            optimizer: try training.optimizer(seed: network.seed),
            spectrum: spectrum.settings(), window: window)
        for k in sweep.clusterCounts {
            try SizeChecks.network(sweep.network.sizes(inputs: sweep.inputDimension, outputs: k), examples: sweep.samples, flag: "--clusters")
        }
        training.warnAboutBatch(examples: sweep.samples, report: report)
        try spectrum.checkPlans(sizes: sweep.clusterCounts.map { sweep.network.sizes(inputs: sweep.inputDimension, outputs: $0) },
                                activation: sweep.network.activation, loss: sweep.network.loss, examples: sweep.samples)
        let progress = SweepProgress(quiet: output.quiet, steps: training.steps)
        let results = try sweep.run(progress: progress.step) { r in
            let counts = OutlierMethod.allCases.map { "\($0.rawValue) \(r.counts[$0] ?? 0)" }.joined(separator: ", ")
            progress.finish("k = \(r.clusters)", "M = \(r.parameterCount), \(r.training.steps) steps, loss \(r.training.train.loss), gradient norm \(r.training.gradientNorm); outliers: \(counts)")
        }
        if let table { try AtomicFile.write(sweep.outlierTable(results).text, to: table) }
        try OutputPaths.emit(ClusterSweep.spectrumTable(results).text, to: output.output)
    }
}
