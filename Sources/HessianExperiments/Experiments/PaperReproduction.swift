import Foundation
import HessianCore
import HessianFormats
import HessianPlots

/// Runs every experiment of the paper that fits on a 2-core, 24 GiB machine
/// and writes each result as CSV (and SVG when a renderer is given) into one
/// folder; each figure's entry says which files hold it, how to obtain it
/// on its own (`ReproductionRecipe`) and what the run showed.
public struct PaperReproduction {
    /// Where the files go (created if missing).
    public var folder: String
    /// Scaled-down settings for a smoke test (seconds instead of minutes).
    public var quick: Bool
    /// 1000 training and 1000 test images (784 features, 10 classes) for
    /// the width and batch experiments; nil runs them on 784-dim clusters.
    public var images: DataSplit?
    /// Where `images` came from, for the README.
    public var imagesName: String
    /// The companion paper's two blobs at a given std.
    public var twoBlobs: (Double) throws -> DataSplit
    /// How the spectra are obtained.
    public var spectrum: SpectrumSettings
    /// Also draw each CSV as SVG beside it.
    public var drawFigures: Bool
    /// Receives a line of progress for each experiment.
    public var log: (String) -> Void
    /// Writes the folder and its files.
    public var output: any FileWriter
    /// How the figures' captions name a setting (`PlotOptions.settingWords`).
    public var captionWords: [Setting: String] = [:]

    /// A reproduction writing into `folder`; `quick` scales every experiment down to a smoke test; `images` is the 784-dimensional data (Fashion-MNIST when installed).
    public init(folder: String, quick: Bool, images: DataSplit?, imagesName: String,
                twoBlobs: @escaping (Double) throws -> DataSplit, spectrum: SpectrumSettings,
                drawFigures: Bool = true, log: @escaping (String) -> Void, output: any FileWriter) {
        self.folder = folder
        self.quick = quick
        self.images = images
        self.imagesName = imagesName
        self.twoBlobs = twoBlobs
        self.spectrum = spectrum
        self.drawFigures = drawFigures
        self.log = log
        self.output = output
    }

    /// One line of the README table.
    public struct Entry: Sendable {
        /// The paper's figure or table.
        public var figure: String
        /// The files written for it.
        public var files: [String]
        /// How to obtain it on its own.
        public var recipe: ReproductionRecipe
        /// What the run showed.
        public var finding: String
    }

    /// Runs every experiment, writing CSV and SVG files; one entry per figure.
    public func run() throws -> [Entry] {
        try output.createFolder(folder)
        var entries: [Entry] = []
        entries.append(try figure1())
        entries.append(contentsOf: try figure2AndTable1())
        entries.append(try classStructure())
        entries.append(contentsOf: try figures3And5())
        entries.append(contentsOf: try figures4To8())
        entries.append(try companionTwoBlobs())
        entries.append(contentsOf: try appendixB())
        return entries
    }

    // MARK: Settings

    private var clusterSamples: Int { quick ? 200 : 1000 }
    private var clusterDimension: Int { quick ? 20 : 100 }
    private var clusterSteps: Int { quick ? 300 : 5000 }
    /// Training (and test) examples of the 784-dimensional experiments.
    public var imageSamples: Int { quick ? 200 : 1000 }

    private func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

    /// Writes `table` as `name`, and its figures of `kinds` beside it
    /// (`name.svg` for the first, `name-kind.svg` for the others).
    private func write(_ table: CSVTable, _ name: String, kinds: [PlotKind] = [.auto], title: String? = nil) throws -> [String] {
        try output.write(table.text, to: path(name))
        var files = [name]
        guard drawFigures else { return files }
        let document = CSVDocument(table, source: name)
        for (i, kind) in kinds.enumerated() {
            let svg = name.replacingOccurrences(of: ".csv", with: i == 0 ? ".svg" : "-\(kind.rawValue).svg")
            do {
                try output.write(try SpectrumPlot.render(document, options: captioned(PlotOptions(kind: kind, title: title))), to: path(svg))
                files.append(svg)
            } catch {
                log("could not draw \(svg): \(error)")
            }
        }
        return files
    }

    private func format(_ x: Double) -> String { String(format: "%.3g", x) }

    private func captioned(_ options: PlotOptions) -> PlotOptions {
        var options = options
        options.settingWords = captionWords
        return options
    }

    // MARK: Experiments

    /// The spectra of `model` at initialisation and after full-batch GD
    /// (learning rate 0.1, stopping at gradient norm 1e-4 or after `steps`),
    /// as one table with the points `init` and `final`.
    private func spectraBeforeAndAfterGD(_ model: MLP, on data: Dataset, steps: Int) throws
        -> (table: CSVTable, initial: [PartSpectrum], final: [PartSpectrum], outcome: GradientDescent.Outcome) {
        var table = SpectrumTable.empty()
        let initial = try spectrum.spectra(of: model, on: data)
        SpectrumTable.append(SpectrumSnapshot(point: "init", step: 0, spectra: initial), to: &table)
        let outcome = try GradientDescent(learningRate: 0.1, steps: steps, gradientTolerance: 1e-4).train(model, on: data)
        let final = try spectrum.spectra(of: outcome.model, on: data)
        SpectrumTable.append(SpectrumSnapshot(point: "final", step: outcome.steps, spectra: final), to: &table)
        return (table, initial, final, outcome)
    }

    /// Fig 1: all eigenvalues at the initial point and at the end of GD.
    private func figure1() throws -> Entry {
        log("Fig 1: 100-30-30-10 on 10 clusters, spectra at init and final")
        let split = try Blobs(clusters: 10, dimension: clusterDimension, std: 1, seed: 0).generate(train: clusterSamples, test: 0)
        let model = try NetworkSpec(hidden: [30, 30]).make(inputs: clusterDimension, outputs: 10)
        let (table, initial, final, outcome) = try spectraBeforeAndAfterGD(model, on: split.train, steps: clusterSteps)
        let a = initial[0].eigenvalues, b = final[0].eigenvalues
        let finding = "M = \(model.parameterCount); largest eigenvalue \(format(a.last ?? 0)) at init, \(format(b.last ?? 0)) after \(outcome.steps) GD steps (gradient norm \(format(outcome.gradientNorm))); "
            + "\(Int((nearZeroFraction(b) * Double(b.count)).rounded())) of \(b.count) final eigenvalues within 1e-6·max|λ| of zero, \(negativeCount(b)) below −1e-6·max|λ|"
        return Entry(figure: "Fig 1", files: try write(table, "fig1_spectrum.csv", kinds: [.ordered, .histogram], title: "Fig 1: ordered eigenvalues at init and after GD"),
                     recipe: .run(ReproductionCommand(.train, [
                        .init(.width, "30"), .init(.depth, "2"), .init(.clusters, "10"), .init(.inputDimension, "\(clusterDimension)"),
                        .init(.samples, "\(clusterSamples)"), .init(.testSamples, "0"), .init(.steps, "\(clusterSteps)"),
                        .init(.spectrumPoints, "init,final"), .init(.output, "fig1_spectrum.csv")])),
                     finding: finding)
    }

    /// Fig 2 and Table 1: outlier counts against k, for GD/SGD × ReLU/tanh
    /// × covariance scale 1 and 10 (the paper's Table 1 axes).
    private func figure2AndTable1() throws -> [Entry] {
        let ks = quick ? [2, 5] : [2, 5, 10, 20, 50]
        var entries: [Entry] = []
        var combined: CSVTable? = nil
        var summary: [String] = []
        var runs = 0
        for scale in [1.0, 10.0] {
            for activation in [Activation.relu, .tanh] {
                for batch in [0, 10] {
                    let name = "\(activation.rawValue)_\(batch == 0 ? "gd" : "sgd")\(scale == 1 ? "" : "_scale\(Int(scale))")"
                    log("Fig 2 / Table 1: \(name), k = \(ks.map(String.init).joined(separator: ","))")
                    let sweep = try ClusterSweep(
                        clusterCounts: ks, network: NetworkSpec(hidden: [30, 30], activations: Activations(activation)),
                        inputDimension: clusterDimension, samples: clusterSamples, testSamples: 0, covScale: scale,
                        optimizer: try GradientDescent(learningRate: 0.1, batchSize: batch == 0 ? nil : batch, steps: clusterSteps, gradientTolerance: 1e-4),
                        spectrum: spectrum)
                    let results = try sweep.run(finished: { r in
                        self.log("  k = \(r.clusters): gap \(r.counts[.largestGap] ?? 0), ratio \(r.counts[.largestRatio] ?? 0), elbow \(r.counts[.elbow] ?? 0); gradient norm \(self.format(r.training.gradientNorm))")
                    })
                    let table = sweep.outlierTable(results)
                    if combined == nil { combined = table } else { combined?.append(contentsOf: table) }
                    let spectraName = "fig2_\(name)_spectra.csv"
                    let files = try write(ClusterSweep.spectrumTable(results), spectraName, kinds: [.top],
                                          title: "Fig 2: largest eigenvalues by number of clusters (\(name))")
                    let command = ReproductionCommand(.clusters, [
                        .init(.clusters, ks.map(String.init).joined(separator: ",")), .init(.hidden, "30,30"), .init(.activation, activation.rawValue)]
                        + (batch == 0 ? [] : [.init(.batchSize, "10")])
                        + [.init(.covarianceScale, format(scale)), .init(.inputDimension, "\(clusterDimension)"), .init(.samples, "\(clusterSamples)"),
                           .init(.testSamples, "0"), .init(.steps, "\(clusterSteps)"), .init(.outlierTable, "table1_\(name).csv"), .init(.output, spectraName)])
                    runs += 1
                    entries.append(Entry(
                        figure: "Fig 2 (\(activation.rawValue), \(batch == 0 ? "GD" : "SGD batch 10"), scale \(format(scale)))", files: files,
                        recipe: .run(command),
                        finding: "largest-gap counts " + results.map { "k=\($0.clusters): \($0.counts[.largestGap] ?? 0)" }.joined(separator: ", ")))
                    summary.append("\(name): " + results.map { "\($0.clusters)→\($0.counts[.largestGap] ?? 0)/\($0.counts[.largestRatio] ?? 0)/\($0.counts[.elbow] ?? 0)" }.joined(separator: " "))
                }
            }
        }
        if let combined {
            try output.write(combined.text, to: path("table1_outliers.csv"))
            entries.append(Entry(figure: "Table 1", files: ["table1_outliers.csv"],
                                 recipe: .outlierTablesOfPrevious(count: runs),
                                 finding: "k→gap/ratio/elbow counts: " + summary.joined(separator: "; ")))
        }
        return entries
    }

    /// Where the outliers come from (Papyan's class structure of G, exact):
    /// for k clusters, H's and G's top k² eigenvalues beside those of the
    /// class and cross-class means, and the fraction of each of H's top k²
    /// eigenvectors in each span (`GaussNewtonClassSplit`).
    private func classStructure() throws -> Entry {
        let ks = quick ? [2, 5] : [2, 5, 10]
        let steps = quick ? 300 : 1000
        log("Class structure of G: 100-30-30-k on k clusters, k = \(ks.map(String.init).joined(separator: ","))")
        var measured: [ClassSplitMeasures] = []
        let base = spectrum
        var request = base.request
        request.parts = [.hessian]
        let settings = SpectrumSettings(engine: base.engine, request: request) { run, model, data in
            let more = try base.observe(run, model, data)
            let split = try GaussNewtonClassSplit(model: model, data: data)
            let pairs = try DenseSpectrum.extremeEigenpairs(model: model, data: data, parts: [.hessian, .gaussNewton], bottom: 0,
                                                            top: min(split.outlierCount, model.parameterCount),
                                                            resources: base.engine.resources)
            measured.append(try split.measures(hessian: pairs[0], gaussNewton: pairs[1]))
            return more
        }
        let sweep = try ClusterSweep(
            clusterCounts: ks, network: NetworkSpec(hidden: [30, 30]), inputDimension: clusterDimension, samples: clusterSamples,
            testSamples: 0, optimizer: try GradientDescent(learningRate: 0.1, steps: steps, gradientTolerance: 1e-4), spectrum: settings)
        let results = try sweep.run(finished: { r in self.log("  k = \(r.clusters): M = \(r.parameterCount)") })
        let groups = ["clusters", "params"]
        var table = CSVTable(columns: groups + ClassesTable.columns)
        var findings: [String] = []
        for (r, m) in zip(results, measured) {
            let rows = ClassesTable.rows(m, point: r.snapshot.point, step: r.snapshot.step)
            table.append(contentsOf: ClassesTable.schema.table(rows).prefixed(names: groups, values: [String(r.clusters), String(r.parameterCount)]))
            let top = m.classSpanFraction.prefix(r.clusters)
            findings.append("k=\(r.clusters): H's top \(r.clusters) eigenvectors \(String(format: "%.1f–%.1f %%", 100 * (top.min() ?? 0), 100 * (top.max() ?? 0))) in the class-mean span; "
                + "λ₁ of H \(format(m.hessian.first ?? 0)), G_cross \(format(m.crossClass.first ?? 0)), G_class \(format(m.classMeans.first ?? 0))")
        }
        let name = "classes_structure.csv"
        try output.write(table.text, to: path(name))
        return Entry(figure: "Class structure of G (Papyan)", files: [name],
                     recipe: .run(ReproductionCommand(.clusters, [
                        .init(.clusters, ks.map(String.init).joined(separator: ",")), .init(.hidden, "30,30"),
                        .init(.inputDimension, "\(clusterDimension)"), .init(.samples, "\(clusterSamples)"), .init(.testSamples, "0"),
                        .init(.steps, "\(steps)"), .init(.decompose, "classes"), .init(.classesTable, name),
                        .init(.output, "classes_spectra.csv")])),
                     finding: findings.joined(separator: "; "))
    }

    /// The data options that give the image split.
    private var imageArguments: [ReproductionCommand.Argument] {
        (images == nil ? [.init(.clusters, "10"), .init(.inputDimension, "784")] : [.init(.dataset, "fashion-mnist")])
            + [.init(.samples, "\(imageSamples)"), .init(.testSamples, "\(imageSamples)")]
    }

    private func imageSplit() throws -> (DataSplit, String) {
        if let images { return (images, imagesName) }
        let split = try Blobs(clusters: 10, dimension: 784, std: 1, seed: 0).generate(train: imageSamples, test: imageSamples)
        return (split, "784-dim Gaussian clusters (no image files found)")
    }

    /// Fig 3 and Fig 5: growing the hidden layer on fixed data.
    private func figures3And5() throws -> [Entry] {
        let (split, name) = try imageSplit()
        let widths = quick ? [2, 4] : [10, 30, 50, 70]
        let steps = quick ? 100 : 2000
        log("Fig 3 / Fig 5: 784-h-10 on \(name), h = \(widths.map(String.init).joined(separator: ","))")
        let sweep = try WidthSweep(widths: widths, depth: 1, optimizer: try GradientDescent(learningRate: 0.1, steps: steps), spectrum: spectrum)
        let results = try sweep.run(on: split, finished: { r in
            self.log("  h = \(r.width): M = \(r.parameterCount), train accuracy \(r.training.train.accuracy), λ_max \(self.format(r.snapshot.spectra[0].eigenvalues.last ?? 0))")
        })
        let spectraFiles = try write(WidthSweep.spectrumTable(results), "fig3_widths_spectra.csv", kinds: [.top, .negative], title: "Fig 3 / Fig 5: spectra by hidden width")
        let summaryFiles = try write(WidthSweep.summaryTable(results, top: 120), "fig3_fig5_widths_summary.csv", kinds: [])
        let tops = results.map { r -> String in
            let v = r.snapshot.spectra[0].eigenvalues
            return "h=\(r.width) (M=\(r.parameterCount)): top-3 " + v.suffix(3).reversed().map(format).joined(separator: ", ")
                + "; negatives \(negativeCount(v)) (\(format(100 * Double(negativeCount(v)) / Double(v.count)))% of M)"
        }
        return [Entry(figure: "Fig 3, Fig 5", files: spectraFiles + summaryFiles,
                      recipe: .run(ReproductionCommand(.widths, [.init(.widths, widths.map(String.init).joined(separator: ",")), .init(.depth, "1")]
                        + imageArguments
                        + [.init(.steps, "\(steps)"), .init(.summary, "fig3_fig5_widths_summary.csv"), .init(.output, "fig3_widths_spectra.csv")])),
                      finding: tops.joined(separator: "; "))]
    }

    /// Fig 4, 6, 7 and 8: small against large batch, two phases, and the line between.
    private func figures4To8() throws -> [Entry] {
        let (split, name) = try imageSplit()
        let hidden = quick ? 4 : 10
        let steps = quick ? 100 : 2000
        let network = NetworkSpec(hidden: [hidden])
        let initial = try network.make(inputs: split.train.dimension, outputs: split.train.classCount)
        log("Fig 4 / Fig 6: 784-\(hidden)-10 on \(name), batch 10 vs 512, \(steps) steps")
        let comparison = try BatchComparison(smallBatch: 10, largeBatch: 512, learningRate: 0.1, steps: steps, every: max(1, steps / 40), spectrum: spectrum)
        let results = try comparison.run(from: initial, on: split)
        var entries: [Entry] = []
        let lb = results[1].snapshot.spectra[0].eigenvalues, sb = results[0].snapshot.spectra[0].eigenvalues
        entries.append(Entry(figure: "Fig 4, Fig 6", files: try write(BatchComparison.spectrumTable(results), "fig4_fig6_batch_spectra.csv", kinds: [.top, .negative], title: "Fig 4 / Fig 6: small vs large batch")
                                + (try write(BatchComparison.curveTable(results), "fig4_batch_curves.csv", kinds: [.curves], title: "Training curves, batch 10 vs 512")),
                             recipe: .run(ReproductionCommand(.batch, [
                                .init(.smallBatch, "10"), .init(.largeBatch, "512"), .init(.learningRate, "0.1"), .init(.steps, "\(steps)"),
                                .init(.every, "\(max(1, steps / 40))"), .init(.width, "\(hidden)"), .init(.depth, "1")]
                                + imageArguments
                                + [.init(.curves, "fig4_batch_curves.csv"), .init(.saveSmall, "model_small_batch.json"),
                                   .init(.saveLarge, "model_large_batch.json"), .init(.output, "fig4_fig6_batch_spectra.csv")])),
                             finding: "largest eigenvalue LB \(format(lb.last ?? 0)) vs SB \(format(sb.last ?? 0)); top-5 LB " + lb.suffix(5).reversed().map(format).joined(separator: ", ")
                                + " vs SB " + sb.suffix(5).reversed().map(format).joined(separator: ", ")
                                + "; negatives LB \(negativeCount(lb)), SB \(negativeCount(sb))"))
        try output.write(ModelFile.encode(results[1].model), to: path("model_large_batch.json"))
        try output.write(ModelFile.encode(results[0].model), to: path("model_small_batch.json"))

        log("Fig 7: batch 512 then batch 10")
        let phases = try TwoPhaseTraining(largeBatch: 512, smallBatch: 10, largeSteps: steps, smallSteps: steps, learningRate: 0.1, every: max(1, steps / 40))
            .run(from: initial, on: split)
        let switchPoint = phases.curve.last { $0.phase == "large" }
        let afterSwitch = phases.curve.first { $0.phase == "small" && $0.step > (switchPoint?.step ?? 0) }
        entries.append(Entry(figure: "Fig 7", files: try write(TwoPhaseTraining.curveTable(phases), "fig7_two_phase_curves.csv", kinds: [.curves], title: "Fig 7: batch 512, then batch 10"),
                             recipe: .run(ReproductionCommand(.twoPhase, [
                                .init(.largeBatch, "512"), .init(.smallBatch, "10"), .init(.largeSteps, "\(steps)"), .init(.smallSteps, "\(steps)"),
                                .init(.learningRate, "0.1"), .init(.every, "\(max(1, steps / 40))"), .init(.width, "\(hidden)"), .init(.depth, "1")]
                                + imageArguments + [.init(.output, "fig7_two_phase_curves.csv")])),
                             finding: "train loss \(format(switchPoint?.train.loss ?? .nan)) at the switch (step \(switchPoint?.step ?? 0)), \(format(afterSwitch?.train.loss ?? .nan)) \(max(1, steps / 40)) steps later, \(format(phases.curve.last?.train.loss ?? .nan)) at the end"))

        log("Fig 8: the line from the large-batch to the small-batch solution")
        let line = try LineInterpolation(from: results[1].model, to: results[0].model, alphas: try LineInterpolation.parseRange("-1:2:31"))
        let points = try line.run(on: split)
        let inside = points.filter { $0.alpha >= 0 && $0.alpha <= 1 }
        let ends = max(inside.first?.train.loss ?? 0, inside.last?.train.loss ?? 0)
        let peak = inside.map(\.train.loss).max() ?? 0
        entries.append(Entry(figure: "Fig 8", files: try write(line.table(points), "fig8_interpolation.csv", kinds: [.interpolation], title: "Fig 8: the line from the LB to the SB solution"),
                             recipe: .run(ReproductionCommand(.interpolate, [
                                .init(.from, "model_large_batch.json"), .init(.to, "model_small_batch.json"), .init(.alphas, "-1:2:31")]
                                + imageArguments + [.init(.output, "fig8_interpolation.csv")])),
                             finding: peak <= ends + 1e-12 ? "no barrier: the train loss between α = 0 and α = 1 never exceeds the larger endpoint (\(format(ends)))"
                                : "a barrier of \(format(peak - ends)) above the larger endpoint loss (\(format(ends)))"))
        return entries
    }

    /// The companion paper: 2-h-h-2 on two blobs at (1,1) and (−1,−1).
    private func companionTwoBlobs() throws -> Entry {
        let widths = quick ? [2, 6] : [2, 6, 10, 14, 18]
        let split = try twoBlobs(1)
        log("Companion: 2-h-h-2 on two blobs, h = \(widths.map(String.init).joined(separator: ","))")
        let sweep = try WidthSweep(widths: widths, depth: 2, optimizer: try GradientDescent(learningRate: 0.1, steps: quick ? 500 : 20000, gradientTolerance: 1e-4), spectrum: spectrum)
        let results = try sweep.run(on: split)
        let finding = results.map { r -> String in
            let v = r.snapshot.spectra[0].eigenvalues
            return "h=\(r.width) (M=\(r.parameterCount)): top-3 " + v.suffix(3).reversed().map(format).joined(separator: ", ")
        }.joined(separator: "; ")
        return Entry(figure: "1611.07476 (two blobs)", files: try write(WidthSweep.spectrumTable(results), "companion_two_blobs_spectra.csv", kinds: [.top], title: "Two blobs: 2-h-h-2"),
                     recipe: .run(ReproductionCommand(.widths, [
                        .init(.widths, widths.map(String.init).joined(separator: ",")), .init(.depth, "2"), .init(.dataset, "two-blobs"),
                        .init(.samples, "\(split.train.count)"), .init(.testSamples, "\(split.test?.count ?? 0)"), .init(.steps, "\(quick ? 500 : 20000)"),
                        .init(.gradientTolerance, "1e-4"), .init(.output, "companion_two_blobs_spectra.csv")])),
                     finding: finding)
    }

    /// Appendix B: logistic regression (one sigmoid unit, no hidden layer,
    /// M = d + 1) on one blob and on two. Two clusters of std 1000 with
    /// centres in (−10, 10)^d overlap into one blob with labels at random;
    /// at std 1 they are two blobs. At the start σ(1−σ) is nearly constant,
    /// so H is nearly a scaled sample covariance: the Marchenko–Pastur law
    /// with q = M/N for one blob, plus one outlier along the line between
    /// the blobs for two.
    private func appendixB() throws -> [Entry] {
        let d = quick ? 20 : 100, n = quick ? 200 : 1000, steps = quick ? 300 : 1000
        var entries: [Entry] = []
        for (name, scale) in [("one_blob", 1000.0), ("two_blobs", 1.0)] {
            log("Appendix B: logistic regression on \(name.replacingOccurrences(of: "_", with: " "))")
            let split = try Blobs(clusters: 2, dimension: d, std: scale, seed: 0).generate(train: n, test: 0)
            let model = try NetworkSpec(hidden: [], loss: .logistic).make(inputs: d, outputs: 2)
            let (table, initial, final, outcome) = try spectraBeforeAndAfterGD(model, on: split.train, steps: steps)
            let file = "appendixB_\(name)_spectra.csv"
            try output.write(table.text, to: path(file))
            var files = [file]
            if drawFigures {
                let svg = file.replacingOccurrences(of: ".csv", with: "-density.svg")
                let options = PlotOptions(kind: .density, marchenkoPastur: true, samples: n,
                                          title: "Appendix B: logistic regression, \(name.replacingOccurrences(of: "_", with: " "))")
                try output.write(try SpectrumPlot.render(CSVDocument(table, source: file), options: options), to: path(svg))
                files.append(svg)
            }
            // The law fitted to the bulk: q = M/N, σ² the mean of all but the largest eigenvalue.
            func describe(_ values: [Double], _ label: String) -> String {
                let bulk = values.dropLast()
                let law = MarchenkoPastur(ratio: Double(values.count) / Double(n), variance: bulk.reduce(0, +) / Double(max(1, bulk.count)))
                let inside = values.filter { $0 >= law.lowerEdge * 0.9 && $0 <= law.upperEdge * 1.1 }.count
                let above = values.filter { $0 > law.upperEdge * 1.1 }
                return "\(label): \(inside) of \(values.count) eigenvalues within 10 % of the Marchenko–Pastur support [\(format(law.lowerEdge)), \(format(law.upperEdge))] (q = \(format(law.ratio)), σ² = \(format(law.variance)) from all but the largest), "
                    + (above.isEmpty ? "none above it" : "\(above.count) above it, the largest \(format(above.max() ?? 0))")
            }
            entries.append(Entry(
                figure: "Appendix B (\(name.replacingOccurrences(of: "_", with: " ")))", files: files,
                recipe: .run(ReproductionCommand(.train, [
                    .init(.loss, "logistic"), .init(.hidden, ""), .init(.clusters, "2"), .init(.covarianceScale, "\(Int(scale))"),
                    .init(.inputDimension, "\(d)"), .init(.samples, "\(n)"), .init(.testSamples, "0"), .init(.steps, "\(steps)"),
                    .init(.spectrumPoints, "init,final"), .init(.output, file)])),
                finding: describe(initial[0].eigenvalues, "at init") + "; " + describe(final[0].eigenvalues, "after \(outcome.steps) GD steps (train accuracy \(format(outcome.model.evaluate(on: split.train).accuracy)))")))
        }
        return entries
    }
}
