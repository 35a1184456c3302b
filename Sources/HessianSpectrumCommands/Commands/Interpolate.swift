import ArgumentParser
import Foundation
import HessianKit

/// Fig 8: the loss on the line between two models.
struct Interpolate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate loss and accuracy on the straight line w(α) = A + α(B − A) between two saved models (Fig 8).",
        discussion: "Use the same data flags as the run that trained the models. α = 0 and α = 1 give the endpoints exactly."
    )

    @Option(help: "Model A (α = 0): JSON, safetensors or .npz.") var from: String
    @Option(help: "Model B (α = 1): JSON, safetensors or .npz.") var to: String
    @Option(parsing: .unconditional, help: "α values as start:stop:count, inclusive.") var alphas: String = "-1:2:61"
    @Option(help: ArgumentHelp(
        "Evaluate only α values i, i+n, i+2n, … (from 1) of --alphas; the shards' outputs, the later ones with --no-header, concatenate to the whole line.",
        valueName: "i/n"))
    var shard: String?
    @Option(help: ArgumentHelp("Also the K largest Hessian eigenvalues at each α, as columns top_1 … top_K (0: none; K > M is an error). auto takes Lanczos when it is the cheaper exact way to them.", valueName: "K")) var top: Int = 0

    @OptionGroup(title: "Model files") var modelInput: ModelInputOptions
    @OptionGroup(title: "Data") var data: DataOptions
    @OptionGroup(title: "Spectrum") var spectrum: SpectrumOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Output") var tags: TagOptions

    func validate() throws {
        if let count = alphas.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
           count > SizeChecks.largestAlphaCount {
            throw ValidationError("--alphas asks for \(count) values; at most \(SizeChecks.largestAlphaCount)")
        }
        do { _ = try LineInterpolation.parseRange(alphas) } catch let error as SettingError { throw ValidationError(error.message(naming: CommandLineText.flag)) }
        _ = try shardValue()
        if top < 0 { throw ValidationError("--top must not be negative, got \(top)") }
        if spectrum.decompose != nil { throw ValidationError("--decompose does not apply to interpolate: it reports the largest eigenvalues of H only") }
    }

    private func shardValue() throws -> Shard {
        guard let shard else { return .whole }
        do { return try Shard(parsing: shard) } catch let error as SettingError { throw ValidationError(error.message(naming: CommandLineText.flag)) }
    }

    mutating func run() throws {
        let report = Report(quiet: output.quiet)
        try tags.refuseClashes(with: [LineInterpolation.columns(top: top)])
        try spectrum.setUpLinearAlgebra(report: report, order: nil)
        try FileRoles(inputs: [("--from", from), ("--to", to)] + data.inputFiles, outputs: [("--output", output.output)]).check()
        let recordA = try modelInput.read(from), recordB = try modelInput.read(to)
        let a = recordA.model, b = recordB.model
        let split = try data.load()
        try a.checkCompatible(with: split.train, name: "the data")
        try modelInput.checkData(recordA, path: from, data: split.train, dataName: "the data")
        try modelInput.checkData(recordB, path: to, data: split.train, dataName: "the data")
        try SizeChecks.extremes(top: top == 0 ? nil : top, bottom: nil, parameters: a.parameterCount)
        if top > 0 {
            try spectrum.checkPlans(sizes: [a.sizes], activations: a.activations, loss: a.loss, examples: split.train.count, top: top)
        }
        var announced = false
        let spectrum = self.spectrum
        let largest = SpectrumSettings(engine: spectrum.engine, request: spectrum.request(parts: [.hessian])) { run, model, data in
            defer { announced = true }
            return try spectrum.observe(run, model, data, report: report, announce: !announced, classLog: nil)
        }
        let line = try LineInterpolation(from: a, to: b, alphas: try shardValue().select(LineInterpolation.parseRange(alphas)),
                                         top: top, spectrum: largest)
        let points = try line.run(on: split) { p in
            report.line("α = \(p.alpha): train loss \(p.train.loss), accuracy \(p.train.accuracy)")
        }
        try OutputPaths.emit(tags.text(line.table(points)), to: output.output)
    }
}
