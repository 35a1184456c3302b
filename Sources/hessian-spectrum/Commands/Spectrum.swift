import ArgumentParser
import Foundation
import HessianKit

/// The spectrum of a saved model on saved data.
struct Spectrum: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write every eigenvalue of the exact Hessian of a saved model on a saved data set.",
        discussion: """
        Reads a model file written by --save-model and a CSV data set (label,x0,…, \
        as written by --save-data) and writes the same CSV as train, with point \
        'final' and an empty step.
        """
    )

    @Option(help: "Model JSON file (from --save-model).")
    var model: String

    @Option(help: "Data CSV file: label,x0,…,x{d-1}.")
    var data: String

    @OptionGroup(title: "Spectrum") var spectrum: SpectrumOptions
    @OptionGroup(title: "Spectrum") var extremes: ExtremesOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    func run() throws {
        let report = Report(quiet: output.quiet)
        try spectrum.setUpLinearAlgebra(report: report)
        try FileRoles(inputs: [("--model", model), ("--data", data)], outputs: output.files).check()
        let network = try ModelFile.read(path: model)
        let train = try CSVDataset.read(path: data)
        try network.checkCompatible(with: train, name: data)
        try SizeChecks.extremes(top: extremes.top, bottom: extremes.bottom, parameters: network.parameterCount)
        report.line("network \(network.sizes.map(String.init).joined(separator: "-")) (\(network.activation.rawValue), \(network.loss.rawValue)), M = \(network.parameterCount), N = \(train.count)")
        let spectra = try spectrum.solve(network, train, top: extremes.top, bottom: extremes.bottom, report: report)
        var timing = SpectrumTiming()
        timing.add(spectra)
        var table = SpectrumTable.empty(residuals: spectra.contains { $0.residualNorms != nil })
        SpectrumTable.append(SpectrumSnapshot(point: "final", step: nil, spectra: spectra), to: &table)
        let gradientNorm = norm(network.lossAndGradient(on: train).gradient)
        let summary = RunSummary(model: network, split: DataSplit(train: train, test: nil), gradientNorm: gradientNorm, steps: nil, timing: timing)
        report.line(summary.humanReadable)
        if let path = output.summary { try AtomicFile.write(summary.csv, to: path) }
        try OutputPaths.emit(table.text, to: output.output)
    }
}
