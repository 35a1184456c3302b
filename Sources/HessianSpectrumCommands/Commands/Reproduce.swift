import ArgumentParser
import Foundation
import HessianKit
import HessianRuntime

/// Every experiment of the paper in one run.
struct Reproduce: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every experiment of the paper that fits on this machine; write CSV and SVG files and a README into one folder.",
        discussion: "Uses Fashion-MNIST (apt-get install dataset-fashion-mnist) for the 784-dimensional experiments when installed, 784-dimensional Gaussian clusters otherwise. --quick scales everything down to a smoke test."
    )

    @Option(help: "Folder for the results (created if missing).")
    var out: String = "reproduce"

    @Flag(help: "Scaled-down sizes: a smoke test in seconds, not the paper's settings.")
    var quick = false

    @Flag(name: .customLong("no-figures"), help: "Write CSV only, no SVG.")
    var noFigures = false

    @OptionGroup(title: "Spectrum") var spectrum: SpectrumOptions

    @Flag(help: "Print nothing on stderr but errors.")
    var quiet = false

    mutating func run() throws {
        var status = stat()
        if out.isEmpty { throw ValidationError("--out: the path is empty; give a folder name") }
        if stat(out, &status) == 0, status.st_mode & S_IFMT != S_IFDIR {
            throw ValidationError("--out \(out) exists and is not a folder; give a folder (it is created if missing)")
        }
        let report = Report(quiet: quiet)
        try spectrum.setUpLinearAlgebra(report: report, order: nil)
        var images: DataSplit? = nil
        var imagesName = "784-dimensional Gaussian clusters"
        let samples = quick ? 200 : 1000
        if FileManager.default.fileExists(atPath: ImageData.fashionMNISTDirectory) {
            let all = try ImageData.loadFashionMNIST()
            images = DataSplit(train: try all.train.stratifiedSample(samples, seed: 0),
                               test: try all.test.map { try $0.stratifiedSample(samples, seed: 0) })
            imagesName = "Fashion-MNIST (\(samples) stratified training and \(samples) test images, pixels in [0, 1])"
        } else {
            report.line("Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist); using 784-dimensional clusters instead")
        }
        let twoBlobSamples = quick ? 100 : 500
        var reproduction = PaperReproduction(
            folder: out, quick: quick, images: images, imagesName: imagesName,
            twoBlobs: { std in
                DataSplit(train: try Dataset.twoBlobs(samples: twoBlobSamples, std: std, seed: 0),
                          test: try Dataset.twoBlobs(samples: twoBlobSamples, std: std, seed: 1))
            },
            spectrum: try spectrum.settings(), drawFigures: !noFigures, log: report.line, output: AtomicFile())
        reproduction.captionWords = CommandLineText.captionWords
        let entries = try reproduction.run()
        try AtomicFile.write(ReproductionReadme.text(entries, of: reproduction), to: (out as NSString).appendingPathComponent("README.md"))
        report.line("wrote \(entries.flatMap(\.files).count + 1) files to \(out)/ (README.md lists figure → file → command → result)")
    }
}
