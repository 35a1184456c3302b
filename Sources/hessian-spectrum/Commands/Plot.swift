import ArgumentParser
import Foundation
import HessianKit

extension PlotKind: ExpressibleByArgument {}

/// Draws a CSV written by this tool as a standalone SVG picture.
struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw a spectrum, interpolation or training-curves CSV as a standalone SVG picture.",
        discussion: """
        The kind of CSV is recognised from its header. A spectrum \
        (matrix,point,step,index,eigenvalue) can be drawn as ordered (every \
        eigenvalue by rank, Fig 1), top (the largest K of each group, Fig 2-4), \
        negative (negative eigenvalues by rank as % of M, Fig 5-6) or histogram; \
        auto draws one group as ordered and several as top. An interpolation \
        (alpha,train_loss,train_accuracy,test_loss,test_accuracy) gives loss \
        and accuracy along alpha (Fig 8); training curves (step,train_loss,\
        train_accuracy[,test_…][,phase]) give them by step with phase changes \
        marked (Fig 7). Groups (one line each) are the distinct values of \
        matrix, point, step and of columns such as clusters, hidden or batch_size.
        """
    )

    @Argument(help: ArgumentHelp("CSV file to draw; stdin when omitted or '-'.", valueName: "csv"))
    var input: String?

    @Option(name: [.customShort("o"), .long], help: "Write the SVG here instead of stdout.")
    var output: String?

    @Option(help: "What to draw; auto picks from the header and the number of groups.")
    var kind: PlotKind = .auto

    @Option(help: "Eigenvalues per group in a top plot.")
    var top: Int = 120

    @Flag(help: "Symmetric-log eigenvalue axis (ordered, top, negative).")
    var symlog = false

    @Flag(name: .customLong("log-count"), help: "Logarithmic count axis (histogram).")
    var logCount = false

    @Option(help: "Number of equal-width bins (histogram).")
    var bins: Int = 100

    @Option(help: "Title above the plot (default: named after the kind).")
    var title: String?

    @Option(help: "Width of the picture in pixels.")
    var width: Int = 800

    @Option(help: "Height of the picture in pixels.")
    var height: Int = 500

    var options: PlotOptions {
        PlotOptions(kind: kind, top: top, symlog: symlog, logCount: logCount, bins: bins, title: title,
                    width: width, height: height)
    }

    func validate() throws {
        if let problem = options.problem { throw ValidationError(problem.message(naming: CommandLineText.flag)) }
    }

    func run() throws {
        try FileRoles(inputs: [("the input", input ?? "-")], outputs: [("--output", output)]).check()
        let document = try OutputPaths.readCSV(input)
        let svg = try SpectrumPlot.render(document, options: options)
        try OutputPaths.emit(svg, to: output)
    }
}
