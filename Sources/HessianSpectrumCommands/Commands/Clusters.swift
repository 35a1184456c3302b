import ArgumentParser
import Foundation
import HessianKit
import HessianRuntime

/// Fig 2 / Table 1: vary the number of clusters.
struct Clusters: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Vary the number of Gaussian clusters k; write each trained network's spectrum and its outlier counts (Fig 2, Table 1).",
        discussion: """
        For every k of --clusters, generates k clusters (centres uniform in (−10, 10)^d, std \
        --cov-scale, standardised), trains d-h1-…-k from the same seeds and writes the final \
        Hessian spectrum with clusters,params columns. --table writes Table 1, one row per k: \
        clusters,params,activation,batch_size,cov_scale,largest_gap,largest_ratio,elbow,\
        negatives,train_loss,train_accuracy,grad_norm,steps. With --seeds both start with \
        a seed column, and --tag columns come first.
        """
    )

    @OptionGroup(title: "Model") var architecture: ArchitectureOptions
    @OptionGroup(title: "Model") var network: NetworkOptions
    @OptionGroup(title: "Data") var data: DataOptions
    @OptionGroup(title: "Training") var training: TrainingOptions
    @OptionGroup(title: "Spectrum") var spectrum: SpectrumOptions
    @OptionGroup(title: "Spectrum") var classTable: ClassTableOptions
    @OptionGroup(title: "Sweeps") var sweeps: SweepOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Output") var tags: TagOptions

    @Option(help: "Write Table 1 (one row per k: each method's outlier count, loss, gradient norm) here.")
    var table: String?

    @Option(help: "How many of the largest eigenvalues the outlier counts look at.")
    var window: Int = 120

    func validate() throws {
        if data.dataset != .blobs { throw ValidationError("the clusters command generates Gaussian clusters; --dataset must be blobs") }
        if let list = try data.clusterList(), list.isEmpty { throw ValidationError("--clusters needs at least one value") }
        if window < 2 { throw ValidationError("--window must be at least 2, got \(window)") }
    }

    mutating func run() throws {
        let report = Report(quiet: output.quiet)
        try classTable.check(spectrum)
        let seedNames = sweeps.seedColumn(0).names
        try tags.refuseClashes(with: [seedNames + ClusterSweep.spectrumTable([]).columns,
                                      table == nil ? [] : seedNames + ClusterSweep.outlierColumns,
                                      classTable.path == nil ? [] : seedNames + ["clusters", "params"] + ClassesTable.columns])
        try spectrum.setUpLinearAlgebra(report: report, order: nil)
        let counts = try data.clusterList() ?? [2, 5, 10, 20, 50]
        for k in counts {
            try SizeChecks.generatedData(examples: data.totalCount, dimension: data.inputDim, clusters: k)
        }
        try FileRoles(inputs: [], outputs: [("--output", output.output)] + (table.map { [("--table", $0)] } ?? []) + classTable.files).check()
        let spec = try network.spec(hidden: try architecture.hiddenWidths())
        let samples = data.selection.trainCount
        let classLog = classTable.path.map { _ in ClassMeasureLog() }
        func sweep(_ ks: [Int], seed: UInt64) throws -> ClusterSweep {
            var seeded = spec
            seeded.seed = seed
            return try ClusterSweep(
                clusterCounts: ks, network: seeded,
                inputDimension: data.inputDim, samples: samples, testSamples: data.selection.testCount,
                covScale: data.covScale, dataSeed: data.dataSeed,
                optimizer: try training.optimizer(seed: seed),
                spectrum: try spectrum.settings(classLog: classLog), window: window)
        }
        // Built once up front: a bad setting is refused before any training.
        _ = try sweep(counts, seed: network.seed)
        for k in counts {
            try SizeChecks.network(spec.sizes(inputs: data.inputDim, outputs: k), examples: samples, flag: "--clusters")
        }
        training.warnAboutBatch(examples: samples, report: report)
        try spectrum.checkPlans(sizes: counts.map { spec.sizes(inputs: data.inputDim, outputs: $0) },
                                activations: spec.activations, loss: spec.loss, examples: samples)
        let progress = SweepProgress(quiet: output.quiet, steps: training.steps)
        var spectra = TableCollector(), outliers = TableCollector(), classes = TableCollector()
        for (seed, ks) in SweepOptions.bySeed(try sweeps.configurations(counts, seed: network.seed)) {
            let part = try sweep(ks, seed: seed)
            let start = classLog?.entries.count ?? 0
            let results = try part.run(progress: progress.step) { r in
                let counts = OutlierMethod.allCases.map { "\($0.rawValue) \(r.counts[$0] ?? 0)" }.joined(separator: ", ")
                progress.finish("k = \(r.clusters)", "seed \(seed), M = \(r.parameterCount), \(r.training.steps) steps, loss \(r.training.train.loss), gradient norm \(r.training.gradientNorm); outliers: \(counts)")
            }
            spectra.add(ClusterSweep.spectrumTable(results), columns: sweeps.seedColumn(seed))
            outliers.add(part.outlierTable(results), columns: sweeps.seedColumn(seed))
            if let classLog {
                classes.add(classLog.table(from: start, snapshots: results.map(\.snapshot), groupColumns: ["clusters", "params"]) {
                    [String(results[$0].clusters), String(results[$0].parameterCount)]
                }, columns: sweeps.seedColumn(seed))
            }
        }
        let seedHeader = sweeps.seedColumn(0)
        if let path = classTable.path {
            try AtomicFile.write(tags.text(classes.result(emptyHeader: ["clusters", "params"] + ClassesTable.columns, columns: seedHeader)), to: path)
        }
        if let table {
            try AtomicFile.write(tags.text(outliers.result(emptyHeader: ClusterSweep.outlierColumns, columns: seedHeader)), to: table)
        }
        try OutputPaths.emit(tags.text(spectra.result(emptyHeader: ClusterSweep.spectrumTable([]).columns, columns: seedHeader)), to: output.output)
    }
}
