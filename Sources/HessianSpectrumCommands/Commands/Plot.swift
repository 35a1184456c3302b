import ArgumentParser
import Foundation
import HessianKit

extension PlotKind: ExpressibleByArgument {}
extension PlotLayout: ExpressibleByArgument {}

/// Draws a CSV written by this tool as a standalone SVG picture.
struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw a spectrum, width-summary, interpolation, training-curves or run-summary CSV as a standalone SVG picture.",
        discussion: """
        The kind of CSV is recognised from its header. A spectrum \
        (matrix,point,step,index,eigenvalue) can be drawn as ordered (every \
        eigenvalue by rank, Fig 1), top (the largest K of each group, Fig 2-4), \
        negative (negative eigenvalues by rank as % of M, Fig 5-6), histogram \
        or density (Gaussian-kernel spectral density on a log axis, with \
        --marchenko-pastur the law of Appendix B, Fig 9); auto draws one group \
        as ordered and several as top. A width summary (widths --summary: \
        series,rank,rank_percent,eigenvalue) is drawn as top or negative. An \
        interpolation (alpha,train_loss,train_accuracy,test_loss,test_accuracy\
        [,top_1…]) gives loss, accuracy and the top eigenvalues along alpha \
        (Fig 8); training curves (step,train_loss,train_accuracy[,test_…]\
        [,phase]) give them by step with phase changes marked (Fig 7). A run \
        summary (train/spectrum --summary: steps,point,trace,max_eigenvalue,…) \
        gives the --columns against the step, a panel each. An SLQ \
        estimate (--method slq: matrix,point,step,probe,node,weight) is drawn as \
        a density (nodes and weights smoothed by the Gaussian kernel, probes \
        pooled), with --exact the exact spectrum CSV of the same network dashed \
        over it.

        Every line has its own colour (Okabe-Ito, colour-blind safe); past 7 \
        groups (3 histograms), spectra become small multiples (--layout). Log \
        axes leave out values <= 0, round-off eigenvalues (|λ| <= 1e-6·max|λ|, \
        as outliers) and densities below their floor as gaps, and the caption \
        says how many.

        Groups (one line each) are the distinct combinations of every column \
        that does not hold values (as in outliers), so tagged or swept runs are \
        never pooled; the legend names the columns that differ. More than 12 \
        groups are refused: keep some with --where column=value, or group by \
        fewer columns with --group-by (the others are then pooled: spectra \
        together, curves as the mean at each x).
        """
    )

    @Argument(help: ArgumentHelp("CSV file to draw; stdin when omitted or '-'.", valueName: "csv"))
    var input: String?

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write the SVG here instead of stdout (the name must end in .svg).", valueName: "file.svg"))
    var output: String?

    @Option(help: "What to draw; auto picks from the header and the number of groups.")
    var kind: PlotKind = .auto

    @Option(help: "Eigenvalues per group in a top plot (default: 120 of a spectrum; of a width summary 3 × its largest outlier count, at least 10).")
    var top: Int?

    @Flag(help: "Symmetric-log eigenvalue axis (ordered, top, negative).")
    var symlog = false

    @Flag(name: .customLong("log-y"), help: "Logarithmic y axis (ordered and top: eigenvalues; interpolation and curves: loss and top eigenvalues); values ≤ 0 are left out.")
    var logY = false

    @Flag(name: .customLong("log-count"), help: "Logarithmic count axis (histogram).")
    var logCount = false

    @Option(help: "Number of equal-width bins (histogram).")
    var bins: Int = 100

    @Option(help: ArgumentHelp("Kernel width σ of a density plot, in eigenvalue units (default: 1 % of the eigenvalues' span).", valueName: "σ"))
    var bandwidth: Double?

    @Flag(name: .customLong("marchenko-pastur"), help: "Overlay the Marchenko–Pastur density, ratio q = M/N (density; needs --mp-samples).")
    var marchenkoPastur = false

    @Option(name: .customLong("mp-samples"), help: ArgumentHelp("N, the examples the spectrum was computed on (for --marchenko-pastur).", valueName: "N"))
    var samples: Int?

    @Option(name: .customLong("mp-variance"), help: ArgumentHelp("σ² of the Marchenko–Pastur law (default: the mean eigenvalue, the law's own mean).", valueName: "σ²"))
    var mpVariance: Double?

    @Option(name: .customLong("where"), help: ArgumentHelp("Draw only rows whose column holds this value (repeatable; numbers compare as numbers).", valueName: "column=value"))
    var filters: [String] = []

    @Option(name: .customLong("group-by"), help: ArgumentHelp("Group by these columns only, pooling rows that differ elsewhere (default: every column that holds no values).", valueName: "column,…"))
    var groupBy: String?

    @Option(help: ArgumentHelp("Groups in one panel (overlay) or a panel each, sharing the axes (panels); auto overlays up to 7 groups (3 histograms), one per colour of the colour-blind-safe palette (ordered, top, negative, histogram, density).", valueName: "layout"))
    var layout: PlotLayout = .auto

    @Option(help: ArgumentHelp("Run-summary columns to draw against the step, a panel each (summary; default: trace,max_eigenvalue,gradient_overlap, those measured).", valueName: "column,…"))
    var columns: String?

    @Option(help: ArgumentHelp("With an SLQ estimate: the exact spectrum CSV of the same network, drawn over it (same kernel).", valueName: "csv"))
    var exact: String?

    @Option(help: "Title above the plot (default: named after the kind).")
    var title: String?

    @Option(help: "Width of the picture in pixels.")
    var width: Int = 800

    @Option(help: "Height of the picture in pixels.")
    var height: Int = 500

    func options() throws -> PlotOptions {
        var options = PlotOptions(kind: kind, top: top, symlog: symlog, logY: logY, logCount: logCount, bins: bins, bandwidth: bandwidth,
                                  marchenkoPastur: marchenkoPastur, samples: samples, variance: mpVariance,
                                  filters: try filters.map(RowFilter.init(parsing:)),
                                  groupBy: groupBy.map(Self.list),
                                  layout: layout, columns: columns.map(Self.list), title: title, width: width, height: height)
        options.settingWords = CommandLineText.captionWords
        return options
    }

    /// "a, b,,c" → ["a", "b", "c"].
    private static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func validate() throws {
        let options: PlotOptions
        do { options = try self.options() } catch let error as SettingError { throw ValidationError(error.message(naming: CommandLineText.flag)) }
        if let problem = options.problem { throw ValidationError(problem.message(naming: CommandLineText.flag)) }
    }

    func run() throws {
        try FileRoles(inputs: [("the input", input ?? "-")] + (exact.map { [("--exact", $0)] } ?? []), outputs: [("--output", output)]).check()
        // After the file roles, so that `-o` naming the input says so first.
        if let output, output != "-", !output.lowercased().hasSuffix(".svg") {
            throw ValidationError("-o must name an .svg file: plot writes SVG only, got '\(output)'")
        }
        let document = try OutputPaths.readCSV(input)
        let svg = try SpectrumPlot.render(document, exact: try exact.map { try OutputPaths.readCSV($0) }, options: try options())
        try OutputPaths.emit(svg, to: output)
    }
}
