import ArgumentParser
import Foundation
import HessianKit

/// Counts the outliers of every spectrum in a spectrum CSV.
struct Outliers: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count the outliers, negative and near-zero eigenvalues of each spectrum in a spectrum CSV.",
        discussion: """
        Reads a spectrum CSV (matrix,point,step,index,eigenvalue, with optional \
        group columns such as clusters, width, params or batch_size) and writes \
        one row per spectrum: its group columns, then count, largest_gap, \
        largest_ratio, elbow, negatives, near_zero_fraction, max_eigenvalue and \
        min_eigenvalue. A spectrum is a distinct combination of every column \
        except index, eigenvalue and residual_norm.

        The three outlier counts look at the --window largest eigenvalues in \
        descending order, each raised to at least the zero level \
        z = zero-tol × max|λ| (zeros and negative values are bulk): \
        largest_gap is the rank of the largest drop u(i) − u(i+1); \
        largest_ratio the rank of the largest ratio u(i)/u(i+1) once values \
        below ratio-floor × λ_max are raised to it (ratios inside the bulk, \
        which spreads over decades, do not count); elbow the \
        number of values above the scree plot's elbow, the point farthest \
        below the chord from the largest to the smallest value with both axes \
        scaled to [0, 1]. Equal maxima give the smaller count; a window whose \
        values are all equal gives 0. negatives counts λ < −z and \
        near_zero_fraction is the fraction with |λ| ≤ z.
        """
    )

    @Argument(help: ArgumentHelp("Spectrum CSV; stdin when omitted or '-'.", valueName: "csv"))
    var input: String?

    @Option(name: [.customShort("o"), .long], help: "Write the CSV here instead of stdout.")
    var output: String?

    @Option(help: ArgumentHelp("Number of largest eigenvalues the outlier counts look at (at least 2).", valueName: "K"))
    var window: Int = OutlierCounting.defaultWindow

    @Option(name: .customLong("zero-tol"), help: "An eigenvalue counts as zero when |λ| ≤ zero-tol × max|λ| (in [0, 1)).")
    var zeroTolerance: Double = OutlierCounting.defaultZeroTolerance

    @Option(name: .customLong("ratio-floor"), help: "The ratio count treats eigenvalues below ratio-floor × λ_max as the bulk (in [0, 1)).")
    var ratioFloor: Double = OutlierCounting.defaultRatioFloor

    var counting: OutlierCounting {
        OutlierCounting(window: window, zeroTolerance: zeroTolerance, ratioFloor: ratioFloor)
    }

    func validate() throws {
        if let problem = counting.problem { throw ValidationError(problem.message(naming: CommandLineText.flag)) }
    }

    func run() throws {
        try FileRoles(inputs: [("the input", input ?? "-")], outputs: [("--output", output)]).check()
        let document = try OutputPaths.readCSV(input)
        let table = try SpectrumSummary.table(of: document, counting: counting)
        try OutputPaths.emit(table.text, to: output)
    }
}
