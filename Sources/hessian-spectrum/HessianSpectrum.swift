import ArgumentParser
import Foundation
import HessianKit

@main
struct HessianSpectrum: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hessian-spectrum",
        abstract: "The exact Hessian of a neural network's loss and all of its eigenvalues.",
        discussion: """
        Trains small multilayer perceptrons, assembles the exact float64 Hessian \
        (and its Gauss-Newton split H = G + R), and writes every eigenvalue as CSV. \
        Reproduces Sagun et al., "Empirical Analysis of the Hessian of \
        Over-Parametrized Neural Networks" (arXiv:1706.04454).
        """,
        version: HessianKitVersion.string,
        subcommands: [
            Train.self,
            Spectrum.self,
            Clusters.self,
            Widths.self,
            Batch.self,
            TwoPhase.self,
            Interpolate.self,
            Reproduce.self,
            Outliers.self,
            Plot.self,
            Floor.self,
        ]
    )

    /// Chooses the BLAS kernel, then parses and runs, printing any error as
    /// one line on stderr.
    static func main() {
        BLASKernel.selectBeforeRunning()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(code.rawValue)
            }
            let message = CommandLineText.message(for: error) ?? fullMessage(for: error)
                .split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? "failed"
            let line = message.hasPrefix("Error: ") ? "error: " + message.dropFirst(7) : "error: " + message
            FileHandle.standardError.write(Data((line + "\n").utf8))
            Foundation.exit(code.rawValue == 0 ? 1 : code.rawValue)
        }
    }
}
